/**
 * The stack's typed config, read and validated once at program start. Every failure is a
 * ConfigError naming the key, the value and what was expected.
 */
import * as pulumi from "@pulumi/pulumi";
import { Arns, scopeFor } from "../../components/iam/arn";
import { accountIdProblem, regionProblem } from "../../policypacks/least-privilege/iam/naming";
import { ConfigError } from "./config-error";
import { nearest } from "./nearest";
import { engineNamespace, providerKeys, providerKeysReadFromProject } from "./provider-keys";
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
    const all = pulumi.runtime.allConfig();
    for (const key of Object.keys(all)) refuseUnread(key, all[key]);
    for (const [key, raw] of Object.entries(all)) {
        if (!key.startsWith(`${namespace}:`)) continue;
        values[key.slice(namespace.length + 1)] = parseValue(key, raw);
    }
    return new Section(namespace, values, ":");
}

/** The top-level keys of the project namespace. */
const projectKeys = ["environment", "accountId", "region", ...workloadSections];

/**
 * Refuses a key outside the project's namespace that nothing reads: `aws:` keys other than those
 * the provider is given, and keys in any namespace but the engine's (`pulumi:`), which is most
 * often a misspelt project namespace (`aws-workload:region`).
 */
function refuseUnread(key: string, raw: string): void {
    const colon = key.indexOf(":");
    const space = colon < 0 ? "" : key.slice(0, colon);
    const name = key.slice(colon + 1);
    if (space === namespace || space === engineNamespace) return;
    const value = /^\s*[[{]/.test(raw) ? safeJson(raw) : raw;
    if (space === "aws") {
        if ((providerKeys as readonly string[]).includes(name)) return;
        const own = providerKeysReadFromProject[name];
        if (own !== undefined) {
            throw new ConfigError(key, value, `is not read: the program builds its AWS provider from ${namespace}:${own} (set that instead and remove ${key})`);
        }
        throw new ConfigError(key, value, `is not a provider setting this program passes on; the aws: keys it reads are ${providerKeys.join(", ")}`);
    }
    const guess = nearest(space, [namespace, "aws"]);
    const suggestion = guess === undefined ? "" : `; did you mean ${guess}:${guess === namespace ? nearest(name, projectKeys) ?? name : name}?`;
    throw new ConfigError(key, value, `is not read: the namespace ${JSON.stringify(space)} is not this project's (${namespace}) nor the provider's (aws)${suggestion}`);
}

function safeJson(raw: string): unknown {
    try {
        return JSON.parse(raw);
    } catch {
        return raw;
    }
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

/**
 * An account ID that lost its leading zeros is almost always YAML's doing: unquoted,
 * `012345678901` is the number 12345678901, and the program receives "12345678901".
 */
function accountIdOf(id: string): string | undefined {
    const problem = accountIdProblem(id);
    if (problem && /^[1-9]\d{8,10}$/.test(id)) {
        return `${problem}; it has ${id.length} (if the stack file writes it unquoted, YAML read it as a number and dropped its leading zeros: quote it, "${id.padStart(12, "0")}")`;
    }
    return problem;
}

/** Reads and validates the shared settings; refuses unknown top-level keys. */
export function readBasics(root: Section): StackBasics {
    root.allowOnly(["environment", "accountId", "region", ...workloadSections]);
    const environment = root.oneOf("environment", environments);
    const accountId = root.requiredString("accountId", accountIdOf);
    const region = root.string("region", "us-east-1", regionProblem);
    return { environment, accountId, region, arns: new Arns(scopeFor(accountId, region)) };
}
