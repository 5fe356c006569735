/** `aws-workloads:bedrock`: wealth-management Bedrock model access (seed 001). */
import { BedrockModelAccessArgs, bedrockScopes, bedrockIdentityDefaults } from "../../components/bedrock-model-access";
import { iamNameProblem, regionProblem } from "../../policypacks/least-privilege/iam/naming";
import { ConfigError } from "./config-error";
import { readBudget } from "./budget";
import { identityKeys, readIdentityChoice, servicePrincipal } from "./identity";
import { StackBasics } from "./stack-config";
import { Section } from "./section";

export interface BedrockConfig {
    readonly enabled: boolean;
    readonly args: BedrockModelAccessArgs;
}

/** One model version, as the Bedrock console lists it: provider, a dot, the model and version, no wildcard. */
const modelId = (s: string) => (/^[a-z0-9-]+\.[A-Za-z0-9.:-]+$/.test(s) ? undefined : "is not a Bedrock model ID such as anthropic.claude-3-haiku-20240307-v1:0 (no wildcards: pick a scope for those)");

export function readBedrockConfig(section: Section, basics: StackBasics): BedrockConfig {
    section.allowOnly([
        "enabled", "scope", "modelId", "region", "regionCondition", "streaming", "policyType", "policyName",
        ...identityKeys, "budget",
    ]);
    const scope = section.oneOf("scope", bedrockScopes, "family");
    if (section.has("modelId") && scope !== "exact") {
        throw new ConfigError(`${section.key}.modelId`, section.optionalString("modelId"), `applies only to scope "exact"; scope "${scope}" grants its own model pattern`);
    }
    return {
        enabled: section.bool("enabled", true),
        args: {
            environment: basics.environment,
            arns: basics.arns,
            scope,
            modelId: section.optionalString("modelId", modelId),
            region: section.string("region", "us-east-2", regionProblem),
            regionCondition: section.bool("regionCondition", true),
            streaming: section.bool("streaming", false),
            policyType: section.oneOf("policyType", ["inline", "managed"] as const, "inline"),
            policyName: section.optionalString("policyName", (n) => iamNameProblem("policy", n)),
            ...readIdentityChoice(section, servicePrincipal, bedrockIdentityDefaults(basics.environment), basics.environment),
            budget: readBudget(section),
        },
    };
}
