/** `aws-workloads:ocr`: the MedDocParser OCR workload (seed 000). */
import { TextractOcrArgs, ocrIdentityDefaults } from "../../components/textract-ocr";
import { bucketNameProblem, iamNameProblem, regionProblem } from "../../policypacks/least-privilege/naming";
import { identityKeys, readIdentityChoice, servicePrincipal } from "./identity";
import { StackBasics } from "./stack-config";
import { Section } from "./section";

export interface OcrConfig {
    readonly enabled: boolean;
    readonly args: TextractOcrArgs;
}

const topicName = (s: string) => (/^[A-Za-z0-9_-]{1,256}$/.test(s) ? undefined : "is not an SNS topic name (1-256 letters, digits, hyphens, underscores)");

export function readOcrConfig(section: Section, basics: StackBasics): OcrConfig {
    section.allowOnly([
        "enabled", "bucketName", "expireAfterDays", "policyName", ...identityKeys,
        "viewOwnPermissions", "notificationTopicName", "region",
    ]);
    return {
        enabled: section.bool("enabled", true),
        args: {
            environment: basics.environment,
            arns: basics.arns,
            bucketName: section.optionalString("bucketName", bucketNameProblem),
            expireAfterDays: section.optionalInt("expireAfterDays", 1, 3650),
            policyName: section.optionalString("policyName", (n) => iamNameProblem("policy", n)),
            ...readIdentityChoice(section, servicePrincipal, ocrIdentityDefaults(basics.environment), basics.environment),
            viewOwnPermissions: section.bool("viewOwnPermissions", false),
            notificationTopicName: section.optionalString("notificationTopicName", topicName),
            region: section.optionalString("region", regionProblem),
        },
    };
}
