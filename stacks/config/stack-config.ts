/**
 * The stack's typed config, read and validated once at program start. Every failure is a
 * ConfigError naming the key, the value and what was expected.
 */
import * as pulumi from "@pulumi/pulumi";
import { Arns, scopeFor } from "../../components/iam/arn";
import { accountIdProblem, regionProblem } from "../../policypacks/least-privilege/iam/naming";
import { ConfigError } from "./config-error";
import { Section } from "./section";

/** The project's config namespace (Pulumi.yaml `name`). */
export const namespace = "aws-workloads";

export const environments = ["dev", "staging", "prod"] as const;
export type Environment = (typeof environments)[number];

/** One object-valued key per workload; each module reads its own. */
export const workloadSections = ["ocr", "bedrock", "sms", "engagement"] as const;

/** Settings shared by every workload. */
export interface StackBasics {
    readonly environment: Environment;
    readonly accountId: string;
    /** Default region of regional resources and ARNs. */
    readonly region: string;
    /** ARN builders for the default region. */
    readonly arns: Arns;
}

/** The project namespace of the stack's config as one Section (`aws-workloads:<key>`). */
export function projectConfig(): Section {
    const values: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(pulumi.runtime.allConfig())) {
        if (!key.startsWith(`${namespace}:`)) continue;
        values[key.slice(namespace.length + 1)] = parseValue(key, raw);
    }
    return new Section(namespace, values, ":");
}

/** Object and list values arrive as JSON text; scalars as plain text. */
function parseValue(key: string, raw: string): unknown {
    if (!/^\s*[[{]/.test(raw)) return raw;
    try {
        return JSON.parse(raw);
    } catch {
        throw new ConfigError(key, raw, "is not valid structured config (an object or a list)");
    }
}

/** Reads and validates the shared settings; refuses unknown top-level keys. */
export function readBasics(root: Section): StackBasics {
    root.allowOnly(["environment", "accountId", "region", ...workloadSections]);
    const environment = root.oneOf("environment", environments);
    const accountId = root.requiredString("accountId", accountIdProblem);
    const region = root.string("region", "us-east-1", regionProblem);
    return { environment, accountId, region, arns: new Arns(scopeFor(accountId, region)) };
}
