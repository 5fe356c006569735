/** `aws-workloads:sms`: the AWS EUM X SMS sender (seed 004). */
import { SmsSenderArgs, seedSmsRegions, smsComputeServices } from "../../components/sms-sender";
import { parseSenderId, phoneNumberIdProblem, senderIdProblem } from "../../components/sms/originations";
import { regionProblem } from "../../components/naming";
import { readBudget } from "./budget";
import { StackBasics } from "./stack-config";
import { Section } from "./section";

export interface SmsConfig {
    readonly enabled: boolean;
    readonly args: SmsSenderArgs;
}

const computeService = (s: string) => ((smsComputeServices as readonly string[]).includes(s) ? undefined
    : `is not one of ${smsComputeServices.join(", ")} (EKS means Pod Identity; IRSA needs an OIDC provider this stack does not manage)`);

export function readSmsConfig(section: Section, basics: StackBasics): SmsConfig {
    section.allowOnly([
        "enabled", "regions", "phoneNumberIds", "senderIds", "policyName", "principal", "userName",
        "createAccessKey", "roleName", "trustedServices", "budget",
    ]);
    return {
        enabled: section.bool("enabled", true),
        args: {
            environment: basics.environment,
            arns: basics.arns,
            regions: section.stringList("regions", seedSmsRegions, { nonEmpty: true, check: regionProblem }),
            phoneNumberIds: section.stringList("phoneNumberIds", [], { check: phoneNumberIdProblem }),
            senderIds: section.stringList("senderIds", [], { check: senderIdProblem }).map((s) => parseSenderId(s)!),
            policyName: section.optionalString("policyName"),
            principal: section.oneOf("principal", ["user", "role"] as const, "user"),
            userName: section.optionalString("userName"),
            createAccessKey: section.bool("createAccessKey", false),
            roleName: section.optionalString("roleName"),
            trustedServices: section.has("trustedServices") ? section.stringList("trustedServices", [], { nonEmpty: true, check: computeService }) : undefined,
            budget: readBudget(section),
        },
    };
}
