/** `aws-workloads:ocr`: the MedDocParser OCR workload (seed 000), with seed 002's adapter options. */
import { TextractOcrArgs, ocrIdentityDefaults } from "../../components/textract-ocr";
import { AdapterAccess } from "../../components/textract/adapters";
import {
    bucketNameProblem, iamNameProblem, kmsKeyArnProblem, regionProblem, tagKeyProblem, tagValueProblem, textractAdapterIdProblem,
} from "../../policypacks/least-privilege/iam/naming";
import { ConfigError } from "./config-error";
import { identityKeys, readIdentityChoice, servicePrincipal } from "./identity";
import { StackBasics } from "./stack-config";
import { Section } from "./section";

export interface OcrConfig {
    readonly enabled: boolean;
    readonly args: TextractOcrArgs;
}

const topicName = (s: string) => (/^[A-Za-z0-9_-]{1,256}$/.test(s) ? undefined : "is not an SNS topic name (1-256 letters, digits, hyphens, underscores)");

/** A key prefix that stays a prefix in an ARN: no wildcards or policy variables, ends with `/`. */
const keyPrefix = (s: string) =>
    s.length > 1024 ? `is ${s.length} characters long; S3 keys are at most 1024 bytes`
        : /[*?]|\$\{/.test(s) ? "must not contain * ? or ${ (it becomes part of a resource ARN)"
            : s.startsWith("/") || !s.endsWith("/") ? 'must be a folder such as "adapter-output/" (no leading "/", a trailing "/")'
                : undefined;

const adapterShapes = '"none", "deny", { ids: [<adapter ID>, ...] } or { tag: { key, value } }';

/** `adapters`: `none` (default), `deny`, `{ ids: [...] }` or `{ tag: { key, value } }`. */
function readAdapters(section: Section): AdapterAccess {
    const key = `${section.key}.adapters`;
    const raw = section.value("adapters");
    if (raw === undefined || raw === "none") return "none";
    if (raw === "deny") return "deny";
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError(key, raw, `must be ${adapterShapes}`);
    const adapters = section.section("adapters").allowOnly(["ids", "tag"]);
    if (adapters.has("ids") && adapters.has("tag")) {
        throw new ConfigError(key, raw, "sets both ids and tag; choose one: ids names the adapters, tag selects them by a tag");
    }
    if (adapters.has("ids")) {
        const ids = adapters.stringList("ids", [], { nonEmpty: true, check: textractAdapterIdProblem });
        const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
        if (repeated !== undefined) throw new ConfigError(`${key}.ids`, ids, `lists ${repeated} twice`);
        return { ids };
    }
    if (!adapters.has("tag")) throw new ConfigError(key, raw, `must be ${adapterShapes}`);
    const tag = adapters.section("tag").allowOnly(["key", "value"]);
    const tagKey = tag.requiredString("key", tagKeyProblem);
    const value = tag.value("value");
    if (typeof value !== "string") throw new ConfigError(`${tag.key}.value`, value, "must be a string (a tag value, 0 to 256 characters)");
    const problem = tagValueProblem(value);
    if (problem) throw new ConfigError(`${tag.key}.value`, value, problem);
    return { tag: { key: tagKey, value } };
}

const trainingKeys = ["trainingDataBucket", "trainingDataKmsKeyArn", "trainingOutputPrefix"] as const;

export function readOcrConfig(section: Section, basics: StackBasics): OcrConfig {
    section.allowOnly([
        "enabled", "bucketName", "expireAfterDays", "policyName", ...identityKeys,
        "viewOwnPermissions", "notificationTopicName", "region",
        "adapters", "adapterManagement", ...trainingKeys,
    ]);
    const adapters = readAdapters(section);
    const adapterManagement = section.bool("adapterManagement", false);
    const trainingDataBucket = section.optionalString("trainingDataBucket", bucketNameProblem);
    const trainingDataKmsKeyArn = section.optionalString("trainingDataKmsKeyArn", (arn) => kmsKeyArnProblem(arn, basics.arns.scope.partition));
    const trainingOutputPrefix = section.optionalString("trainingOutputPrefix", keyPrefix);
    if (adapterManagement && (adapters === "none" || adapters === "deny")) {
        throw new ConfigError(`${section.key}.adapterManagement`, true,
            "needs adapters with ids or a tag: the adapters it manages must be named (adapters is " + JSON.stringify(adapters) + ")");
    }
    if (adapterManagement && trainingDataBucket === undefined) {
        throw new ConfigError(`${section.key}.trainingDataBucket`, undefined, "it is required with adapterManagement: true (CreateAdapterVersion reads the training data there)");
    }
    const policyName = section.optionalString("policyName", (n) => iamNameProblem("policy", n));
    if (adapterManagement && policyName !== undefined && iamNameProblem("policy", `${policyName}AdapterManagement`)) {
        throw new ConfigError(`${section.key}.policyName`, policyName, "is too long for the adapter management policy {policyName}AdapterManagement (IAM policy names are 1 to 128 characters)");
    }
    if (!adapterManagement) {
        const stray = trainingKeys.find((k) => section.has(k));
        if (stray) throw new ConfigError(`${section.key}.${stray}`, section.value(stray), "is only used with adapterManagement: true");
    }
    return {
        enabled: section.bool("enabled", true),
        args: {
            environment: basics.environment,
            arns: basics.arns,
            bucketName: section.optionalString("bucketName", bucketNameProblem),
            expireAfterDays: section.optionalInt("expireAfterDays", 1, 3650),
            policyName,
            ...readIdentityChoice(section, servicePrincipal, ocrIdentityDefaults(basics.environment), basics.environment),
            viewOwnPermissions: section.bool("viewOwnPermissions", false),
            notificationTopicName: section.optionalString("notificationTopicName", topicName),
            region: section.optionalString("region", regionProblem),
            adapters,
            adapterManagement,
            trainingDataBucket,
            trainingDataKmsKeyArn,
            trainingOutputPrefix,
        },
    };
}
