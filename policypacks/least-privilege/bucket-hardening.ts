/**
 * Policy 7 (stack): every S3 bucket in the stack has all four public-access blocks, default
 * encryption and a TLS-only bucket policy (a Deny of s3:* on the bucket and its objects when
 * aws:SecureTransport is false). Companion resources are tied to their bucket by the `bucket`
 * property's dependency (known at preview) or by the bucket's name or id.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy, EnforcementLevel } from "@pulumi/policy";
import { Statement, conditionEntries, readDocument } from "./documents";
import { globMatch, hasWildcard } from "./glob";
import { isUnknownValueError, known, unknownValue } from "./resource-documents";

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
    publicAccess: { missing: string[] } | undefined;
    encrypted: boolean;
    tlsOnly: boolean;
    /** A control that cannot be judged before `pulumi up`; the bucket is then not reported for it. */
    readonly unknown: Set<string>;
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
    if (bucketName === undefined || document === undefined || document === null) return false;
    try {
        return readDocument(document).statements.some((s) => isTlsOnlyStatement(s, bucketName));
    } catch (e) {
        if (isUnknownValueError(e)) return unknownValue;
        throw e;
    }
}

function recordTls(state: BucketState, document: unknown): void {
    const verdict = tlsOnly(document, state.name);
    if (verdict === unknownValue) state.unknown.add("tls-only");
    else if (verdict) state.tlsOnly = true;
}

function encryptsByDefault(rules: unknown): boolean {
    if (!Array.isArray(rules)) return false;
    return rules.some((rule) => {
        const byDefault = typeof rule === "object" && rule !== null ? known(rule as Record<string, unknown>, "applyServerSideEncryptionByDefault") : undefined;
        if (typeof byDefault !== "object" || byDefault === null) return false;
        return sseAlgorithms.has(String(known(byDefault as Record<string, unknown>, "sseAlgorithm")));
    });
}

/** The missing controls per bucket, as one message per bucket. */
export function bucketFindings(resources: readonly StackResource[]): { urn: string; message: string }[] {
    const buckets: BucketState[] = [];
    const byKey = new Map<string, BucketState>();
    for (const resource of resources) {
        if (!bucketTypes.has(resource.type)) continue;
        const name = stringOrUndefined(known(resource.props, "bucket"));
        const state: BucketState = { resource, name, publicAccess: undefined, encrypted: false, tlsOnly: false, unknown: new Set() };
        buckets.push(state);
        byKey.set(resource.urn, state);
        if (name) byKey.set(name, state);
        const id = stringOrUndefined(known(resource.props, "id"));
        if (id) byKey.set(id, state);
        // Inline settings of the older Bucket shape count too.
        const inlineSse = known(resource.props, "serverSideEncryptionConfiguration");
        if (typeof inlineSse === "object" && inlineSse !== null && encryptsByDefault(known(inlineSse as Record<string, unknown>, "rules") ?? [known(inlineSse as Record<string, unknown>, "rule")])) state.encrypted = true;
        recordTls(state, known(resource.props, "policy"));
    }
    if (buckets.length === 0) return [];

    const target = (resource: StackResource): BucketState | undefined => {
        for (const dependency of resource.propertyDependencies?.bucket ?? []) {
            const state = byKey.get(dependency.urn);
            if (state) return state;
        }
        const bucket = stringOrUndefined(known(resource.props, "bucket"));
        return bucket ? byKey.get(bucket) : undefined;
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
            if (values.some(([, v]) => v === unknownValue)) state.unknown.add("public-access");
            const missing = values.filter(([, v]) => v !== true && v !== unknownValue).map(([flag]) => flag);
            if (state.publicAccess === undefined || missing.length < state.publicAccess.missing.length) state.publicAccess = { missing };
        } else if (isSse) {
            const rules = known(resource.props, "rules");
            if (rules === unknownValue) state.unknown.add("encryption");
            else if (encryptsByDefault(rules)) state.encrypted = true;
        } else {
            recordTls(state, known(resource.props, "policy"));
        }
    }

    const findings: { urn: string; message: string }[] = [];
    for (const state of buckets) {
        const missing: string[] = [];
        if (state.publicAccess === undefined) missing.push("a BucketPublicAccessBlock with all four blocks");
        else if (state.publicAccess.missing.length > 0) missing.push(`public-access blocks ${state.publicAccess.missing.join(", ")} set to true`);
        if (!state.encrypted && !state.unknown.has("encryption")) missing.push("default encryption (BucketServerSideEncryptionConfiguration with AES256 or aws:kms)");
        if (!state.tlsOnly && !state.unknown.has("tls-only")) missing.push("a TLS-only bucket policy (Deny s3:* on the bucket and bucket/* when aws:SecureTransport is false)");
        if (missing.length === 0) continue;
        const label = state.name ? `${state.resource.name} (${state.name})` : state.resource.name;
        findings.push({
            urn: state.resource.urn,
            message: `bucket ${label} lacks ${missing.join("; ")}\nfix: use components/storage HardenedBucket, which adds all of them`,
        });
    }
    return findings;
}

export function bucketHardeningPolicy(enforcementLevel: EnforcementLevel): StackValidationPolicy {
    return {
        name: "bucket-hardening",
        description: "Every S3 bucket has all four public-access blocks, default encryption and a TLS-only bucket policy.",
        enforcementLevel,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            for (const finding of bucketFindings(args.resources)) reportViolation(finding.message, finding.urn);
        },
    };
}
