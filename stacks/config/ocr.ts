/** `aws-workloads:ocr`: the MedDocParser OCR workload (seed 000). */
import { TextractOcrArgs } from "../../components/textract-ocr";
import { bucketNameProblem, iamNameProblem, regionProblem } from "../../components/naming";
import { StackBasics } from "./stack-config";
import { Section } from "./section";

export interface OcrConfig {
    readonly enabled: boolean;
    readonly args: TextractOcrArgs;
}

const servicePrincipal = (s: string) => (/^[a-z0-9.-]+\.amazonaws\.com$/.test(s) ? undefined : "is not a service principal such as ecs-tasks.amazonaws.com");
const topicName = (s: string) => (/^[A-Za-z0-9_-]{1,256}$/.test(s) ? undefined : "is not an SNS topic name (1-256 letters, digits, hyphens, underscores)");

export function readOcrConfig(section: Section, basics: StackBasics): OcrConfig {
    section.allowOnly([
        "enabled", "bucketName", "expireAfterDays", "policyName", "principal", "roleName", "trustedServices",
        "userName", "createAccessKey", "viewOwnPermissions", "notificationTopicName", "region",
    ]);
    return {
        enabled: section.bool("enabled", true),
        args: {
            environment: basics.environment,
            arns: basics.arns,
            bucketName: section.optionalString("bucketName", bucketNameProblem),
            expireAfterDays: section.optionalInt("expireAfterDays", 1, 3650),
            policyName: section.optionalString("policyName", (n) => iamNameProblem("policy", n)),
            principal: section.has("principal") ? section.oneOf("principal", ["role", "user"] as const) : undefined,
            roleName: section.optionalString("roleName", (n) => iamNameProblem("role", n)),
            trustedServices: section.has("trustedServices") ? section.stringList("trustedServices", [], { nonEmpty: true, check: servicePrincipal }) : undefined,
            userName: section.optionalString("userName", (n) => iamNameProblem("user", n)),
            createAccessKey: section.bool("createAccessKey", false),
            viewOwnPermissions: section.bool("viewOwnPermissions", false),
            notificationTopicName: section.optionalString("notificationTopicName", topicName),
            region: section.optionalString("region", regionProblem),
        },
    };
}
