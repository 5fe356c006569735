/**
 * Policy 7 (stack): every S3 bucket in the stack has all four public-access blocks, default
 * encryption and a TLS-only bucket policy (a Deny of s3:* on the bucket and its objects when
 * aws:SecureTransport is false). Companion resources are tied to their bucket by the `bucket`
 * property's dependency (known at preview) or by the bucket's name or id. Every public-access
 * block and every policy written onto a bucket is judged (S3 keeps one of each per bucket, so a
 * second writer is itself a finding: the last one written wins); what is unknown at preview is
 * set aside for `stack-values-known-at-preview` and the rest is still judged.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy, EnforcementLevel } from "@pulumi/policy";
import { Statement, conditionEntries, readDocument } from "../iam/documents";
import { globMatch, hasWildcard } from "../iam/glob";
import { isUnknownValueError, known, unknownValue } from "../iam/resource-documents";
import { UnknownPart, tolerant } from "../iam/unknown-parts";

const bucketTypes = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);
const publicAccessBlockType = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const encryptionTypes = new Set([
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
]);
const bucketPolicyType = "aws:s3/bucketPolicy:BucketPolicy";
const publicAccessFlags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
const sseAlgorithms = new Set(["AES256", "aws:kms", "aws:kms:dsse"]);

/** The minimal view of a stack resource this policy needs (a `PolicyResource` satisfies it). */
export type StackResource = Pick<PolicyResource, "type" | "name" | "urn" | "props"> & Partial<Pick<PolicyResource, "propertyDependencies">>;

interface BucketState {
    readonly resource: StackResource;
    readonly name?: string;
    /** Every BucketPublicAccessBlock on the bucket, with the flags it leaves short of true. */
    readonly publicAccessBlocks: { readonly name: string; readonly missing: readonly string[] }[];
    encrypted: boolean;
    /** Every policy written onto the bucket (its own `policy` and each BucketPolicy), judged or unknown. */
    readonly policies: { readonly name: string; readonly tlsOnly: boolean | typeof unknownValue }[];
    /** Controls that cannot be judged before `pulumi up`; the bucket is then not reported for them. */
    readonly unknown: Set<"public-access" | "encryption" | "tls-only">;
}

function stringOrUndefined(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** Does this TLS-only candidate statement deny every S3 action on the bucket and its objects without TLS? */
export function isTlsOnlyStatement(statement: Statement, bucketName: string): boolean {
    if (statement.effect !== "Deny" || statement.principal?.any !== true) return false;
    if (!(statement.actions ?? []).some((a) => a === "*" || a.toLowerCase() === "s3:*")) return false;
    const insecure = conditionEntries(statement, "aws:SecureTransport").some(({ operator, values }) => /^Bool(IfExists)?$/i.test(operator) && values.includes("false"));
    if (!insecure) return false;
    const resources = statement.resources ?? [];
    // Each element is tried in its own partition (aws, aws-cn, aws-us-gov...).
    const covers = (tail: string) => resources.some((r) => {
        const partition = r.split(":")[1];
        return globMatch(r, `arn:${partition && !hasWildcard(partition) ? partition : "aws"}:s3:::${tail}`);
    });
    return covers(bucketName) && covers(`${bucketName}/any-key`);
}

/** Whether the document makes the bucket TLS-only; `unknownValue` when parts are unknown at preview. */
function tlsOnly(document: unknown, bucketName: string | undefined): boolean | typeof unknownValue {
    if (document === unknownValue) return unknownValue;
    if (bucketName === undefined) return false;
    try {
        return readDocument(document).statements.some((s) => isTlsOnlyStatement(s, bucketName));
    } catch (e) {
        if (isUnknownValueError(e)) return unknownValue;
        throw e;
    }
}

function encryptsByDefault(rules: unknown): boolean | typeof unknownValue {
    if (rules === unknownValue) return unknownValue;
    return tolerant(() => {
        if (!Array.isArray(rules)) return false;
        let unknown = false;
        for (const rule of rules) {
            const byDefault = typeof rule === "object" && rule !== null ? known(rule as Record<string, unknown>, "applyServerSideEncryptionByDefault") : rule;
            if (byDefault === unknownValue) unknown = true;
            if (typeof byDefault !== "object" || byDefault === null) continue;
            const algorithm = known(byDefault as Record<string, unknown>, "sseAlgorithm");
            if (algorithm === unknownValue) unknown = true;
            else if (sseAlgorithms.has(String(algorithm))) return true;
        }
        return unknown ? unknownValue : false;
    });
}

const label = (state: BucketState) => (state.name ? `${state.resource.name} (${state.name})` : state.resource.name);

/** The missing controls per bucket, one message per bucket, and what could not be judged at preview. */
export function bucketReport(resources: readonly StackResource[]): { findings: { urn: string; message: string }[]; unknowns: UnknownPart[] } {
    const buckets: BucketState[] = [];
    const byKey = new Map<string, BucketState>();
    const unknowns: UnknownPart[] = [];
    for (const resource of resources) {
        if (!bucketTypes.has(resource.type)) continue;
        const name = stringOrUndefined(known(resource.props, "bucket"));
        const state: BucketState = { resource, name, publicAccessBlocks: [], encrypted: false, policies: [], unknown: new Set() };
        buckets.push(state);
        byKey.set(resource.urn, state);
        if (name) byKey.set(name, state);
        const id = stringOrUndefined(known(resource.props, "id"));
        if (id) byKey.set(id, state);
        if (name === undefined && known(resource.props, "bucket") === unknownValue) {
            unknowns.push({ urn: resource.urn, message: `bucket ${resource.name}: its name is not known at preview, so its policies cannot be checked for a TLS-only statement on it` });
            state.unknown.add("tls-only");
        }
        // Inline settings of the older Bucket shape count too.
        const inlineSse = known(resource.props, "serverSideEncryptionConfiguration");
        if (inlineSse === unknownValue) state.unknown.add("encryption");
        else if (typeof inlineSse === "object" && inlineSse !== null) {
            const verdict = tolerant(() => encryptsByDefault(known(inlineSse as Record<string, unknown>, "rules") ?? [known(inlineSse as Record<string, unknown>, "rule")]));
            if (verdict === unknownValue) state.unknown.add("encryption");
            else if (verdict) state.encrypted = true;
        }
        const inlinePolicy = known(resource.props, "policy");
        if (inlinePolicy !== undefined && inlinePolicy !== null && inlinePolicy !== "") state.policies.push({ name: `${resource.name}.policy`, tlsOnly: tlsOnly(inlinePolicy, name) });
    }
    if (buckets.length === 0) return { findings: [], unknowns: [] };

    const target = (resource: StackResource): BucketState | undefined => {
        for (const dependency of resource.propertyDependencies?.bucket ?? []) {
            const state = byKey.get(dependency.urn);
            if (state) return state;
        }
        const bucket = known(resource.props, "bucket");
        if (bucket === unknownValue) unknowns.push({ urn: resource.urn, message: `${resource.name}: its bucket is not known at preview and no property dependency names it, so it counts for no bucket` });
        const name = stringOrUndefined(bucket);
        return name ? byKey.get(name) : undefined;
    };

    for (const resource of resources) {
        const isPab = resource.type === publicAccessBlockType;
        const isSse = encryptionTypes.has(resource.type);
        const isPolicy = resource.type === bucketPolicyType;
        if (!isPab && !isSse && !isPolicy) continue;
        const state = target(resource);
        if (state === undefined) continue;
        if (isPab) {
            const values = publicAccessFlags.map((flag) => [flag, known(resource.props, flag)] as const);
            const unknownFlags = values.filter(([, v]) => v === unknownValue).map(([flag]) => flag);
            if (unknownFlags.length > 0) {
                state.unknown.add("public-access");
                unknowns.push({ urn: resource.urn, message: `${resource.name}: ${unknownFlags.join(", ")} ${unknownFlags.length > 1 ? "are" : "is"} not known at preview, so bucket ${label(state)}'s public-access blocks are judged on the rest` });
            }
            state.publicAccessBlocks.push({ name: resource.name, missing: values.filter(([, v]) => v !== true && v !== unknownValue).map(([flag]) => flag) });
        } else if (isSse) {
            const verdict = encryptsByDefault(known(resource.props, "rules"));
            if (verdict === unknownValue) {
                state.unknown.add("encryption");
                unknowns.push({ urn: resource.urn, message: `${resource.name}: its rules are not known at preview, so bucket ${label(state)}'s default encryption is not judged` });
            } else if (verdict) state.encrypted = true;
        } else {
            const verdict = tlsOnly(known(resource.props, "policy"), state.name);
            if (verdict === unknownValue && state.name !== undefined) unknowns.push({ urn: resource.urn, message: `${resource.name}: its policy is not known at preview, so it is not checked for bucket ${label(state)}'s TLS-only statement` });
            state.policies.push({ name: resource.name, tlsOnly: verdict });
        }
    }

    const findings: { urn: string; message: string }[] = [];
    for (const state of buckets) {
        const lines = [...lacks(state), ...duplicates(state)];
        if (lines.length === 0) continue;
        findings.push({ urn: state.resource.urn, message: `${lines.join("\n")}\nfix: use components/storage HardenedBucket, which adds each of them once` });
    }
    return { findings, unknowns };
}

function lacks(state: BucketState): string[] {
    const missing: string[] = [];
    const blocks = state.publicAccessBlocks;
    if (blocks.length === 0 && !state.unknown.has("public-access")) missing.push("a BucketPublicAccessBlock with all four blocks");
    for (const block of blocks) {
        if (block.missing.length > 0) missing.push(`public-access blocks ${block.missing.join(", ")} set to true${blocks.length > 1 ? ` in ${block.name}` : ""}`);
    }
    if (!state.encrypted && !state.unknown.has("encryption")) missing.push("default encryption (BucketServerSideEncryptionConfiguration with AES256 or aws:kms)");
    const judged = state.policies.filter((p) => p.tlsOnly !== unknownValue);
    const tls = "a TLS-only bucket policy (Deny s3:* on the bucket and bucket/* when aws:SecureTransport is false)";
    if (state.policies.length === 0 && !state.unknown.has("tls-only")) missing.push(tls);
    else if (!state.unknown.has("tls-only")) {
        // Any policy without the statement counts: whichever is written last is the bucket's only policy.
        const without = judged.filter((p) => p.tlsOnly === false);
        if (without.length > 0) missing.push(state.policies.length > 1 ? `${tls} in ${without.map((p) => p.name).join(", ")}` : tls);
    }
    return missing.length > 0 ? [`bucket ${label(state)} lacks ${missing.join("; ")}`] : [];
}

/** S3 keeps one public-access block and one policy per bucket: with two writers, the last one written wins. */
function duplicates(state: BucketState): string[] {
    const lines: string[] = [];
    if (state.publicAccessBlocks.length > 1) {
        lines.push(`bucket ${label(state)} has ${state.publicAccessBlocks.length} BucketPublicAccessBlocks (${state.publicAccessBlocks.map((b) => b.name).join(", ")}): S3 keeps one per bucket and the last one written replaces the others`);
    }
    if (state.policies.length > 1) {
        lines.push(`bucket ${label(state)} has ${state.policies.length} bucket policies (${state.policies.map((p) => p.name).join(", ")}): S3 keeps one policy per bucket and the last one written replaces the others`);
    }
    return lines;
}

/** The findings alone (what the mandatory policy reports). */
export function bucketFindings(resources: readonly StackResource[]): { urn: string; message: string }[] {
    return bucketReport(resources).findings;
}

export function bucketHardeningPolicy(enforcementLevel: EnforcementLevel): StackValidationPolicy {
    return {
        name: "bucket-hardening",
        description: "Every S3 bucket has all four public-access blocks, default encryption and a TLS-only bucket policy, each written once.",
        enforcementLevel,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            for (const finding of bucketFindings(args.resources)) reportViolation(finding.message, finding.urn);
        },
    };
}
