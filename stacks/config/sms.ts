/** `aws-workloads:sms`: the AWS EUM X SMS sender (seed 004). */
import { isIP } from "net";
import { whereAlpha2 } from "iso-3166-1";
import { SmsSenderArgs, seedSmsRegions, smsComputeServices, smsIdentityDefaults } from "../../components/sms-sender";
import { parseSenderId, phoneNumberIdProblem, senderIdProblem } from "../../components/sms/originations";
import { iamNameProblem, regionProblem } from "../../policypacks/least-privilege/iam/naming";
import { ConfigError } from "./config-error";
import { readBudget } from "./budget";
import { identityKeys, readIdentityChoice } from "./identity";
import { StackBasics } from "./stack-config";
import { Section } from "./section";

export interface SmsConfig {
    readonly enabled: boolean;
    readonly args: SmsSenderArgs;
}

const computeService = (s: string) => ((smsComputeServices as readonly string[]).includes(s) ? undefined
    : `is not one of ${smsComputeServices.join(", ")} (EKS means Pod Identity; IRSA needs an OIDC provider this stack does not manage)`);

/** An IPv4 or IPv6 CIDR range, as `aws:SourceIp` takes it. */
function cidr(s: string): string | undefined {
    const [address, bits, extra] = s.split("/");
    const version = isIP(address);
    const fits = /^\d{1,3}$/.test(bits ?? "") && Number(bits) <= (version === 4 ? 32 : 128);
    return version !== 0 && extra === undefined && fits ? undefined : "is not a CIDR range such as 203.0.113.0/24";
}
const vpcEndpoint = (s: string) => (/^vpce-[0-9a-f]{8}([0-9a-f]{9})?$/.test(s) ? undefined : "is not a VPC endpoint ID (vpce- followed by 8 or 17 hex digits)");

/** A sender ID's country must be an ISO 3166-1 alpha-2 code (the `iso-3166-1` package's table). */
function senderIdOf(text: string): string | undefined {
    const problem = senderIdProblem(text);
    if (problem) return problem;
    const country = parseSenderId(text)!.isoCountryCode;
    if (whereAlpha2(country) !== undefined) return undefined;
    const hint = country === "UK" ? " (the United Kingdom is GB)" : "";
    return `names the country ${country}, which is not an ISO 3166-1 alpha-2 country code${hint}; sender IDs are registered per country, e.g. EUMX/GB`;
}

export function readSmsConfig(section: Section, basics: StackBasics): SmsConfig {
    section.allowOnly([
        "enabled", "regions", "phoneNumberIds", "senderIds", "policyName", ...identityKeys,
        "sourceIps", "sourceVpcEndpoints", "budget",
    ]);
    if (section.has("sourceIps") && section.has("sourceVpcEndpoints")) {
        throw new ConfigError(`${section.key}.sourceVpcEndpoints`, section.stringList("sourceVpcEndpoints", []), "cannot be combined with sourceIps: calls through a VPC endpoint carry no public source IP; set one of them");
    }
    return {
        enabled: section.bool("enabled", true),
        args: {
            environment: basics.environment,
            arns: basics.arns,
            regions: section.stringList("regions", seedSmsRegions, { nonEmpty: true, unique: true, check: regionProblem }),
            phoneNumberIds: section.stringList("phoneNumberIds", [], { unique: true, check: phoneNumberIdProblem }),
            senderIds: section.stringList("senderIds", [], { unique: true, check: senderIdOf }).map((s) => parseSenderId(s)!),
            sourceIps: section.stringList("sourceIps", [], { check: cidr }),
            sourceVpcEndpoints: section.stringList("sourceVpcEndpoints", [], { check: vpcEndpoint }),
            policyName: section.optionalString("policyName", (n) => iamNameProblem("policy", n)),
            ...readIdentityChoice(section, computeService, smsIdentityDefaults(basics.environment), basics.environment),
            budget: readBudget(section),
        },
    };
}
