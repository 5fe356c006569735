/**
 * The statements several engagement roles share: S3 by capability, Athena in one workgroup, the
 * Glue catalog of one database, writing one's own log groups, metrics in one's own namespace,
 * X-Ray. Each scopes to the resource type the IAM data gives the action; `*` only where the data
 * lists no resource type (X-Ray, log delivery) or AWS scopes by condition (PutMetricData).
 */
import { Arns } from "../iam/arn";
import { Statement, allow, anyResource } from "../iam/document";

// ---- S3 ---------------------------------------------------------------------------------------

/** What a role may do with a bucket's objects: seed 003's "read", "write", and the delete of "read/write". */
export type S3Capability = "read" | "write" | "delete";

export interface BucketGrant {
    readonly bucket: string;
    readonly can: readonly S3Capability[];
}

const capabilityOrder: readonly S3Capability[] = ["read", "write", "delete"];

const objectActions: Record<S3Capability, readonly string[]> = {
    read: ["s3:GetObject"],
    // Multipart uploads (large models and query results) are covered by PutObject; aborting one is its own action.
    write: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
    delete: ["s3:DeleteObject"],
};

const bucketActions: Record<S3Capability, readonly string[]> = {
    read: ["s3:ListBucket", "s3:GetBucketLocation"],
    write: ["s3:ListBucketMultipartUploads"],
    delete: [],
};

/** `read` + `write` + `delete`: the seed's "read/write". */
export const readWrite: readonly S3Capability[] = ["read", "write", "delete"];
/** What Athena needs in its results bucket: write results, read them back, no delete. */
export const queryResults: readonly S3Capability[] = ["read", "write"];

/** Merges grants on the same bucket (capabilities add up), keeping first-seen bucket order. */
export function mergeGrants(grants: readonly BucketGrant[]): BucketGrant[] {
    const merged = new Map<string, Set<S3Capability>>();
    for (const g of grants) {
        const set = merged.get(g.bucket) ?? new Set<S3Capability>();
        g.can.forEach((c) => set.add(c));
        merged.set(g.bucket, set);
    }
    return [...merged].map(([bucket, set]) => ({ bucket, can: capabilityOrder.filter((c) => set.has(c)) }));
}

/**
 * Two statements per distinct capability set: object actions on `bucket/*`, bucket actions on
 * the bucket. Sids name the capabilities, e.g. `S3ReadWriteDeleteObjects`.
 */
export function s3Statements(arns: Arns, grants: readonly BucketGrant[]): Statement[] {
    const groups = new Map<string, { can: readonly S3Capability[]; buckets: string[] }>();
    for (const g of mergeGrants(grants)) {
        if (g.can.length === 0) continue;
        const key = g.can.join("+");
        const group = groups.get(key) ?? { can: g.can, buckets: [] };
        group.buckets.push(g.bucket);
        groups.set(key, group);
    }
    return [...groups.values()].flatMap(({ can, buckets }) => {
        const label = "S3" + can.map((c) => c[0].toUpperCase() + c.slice(1)).join("");
        const onObjects = can.flatMap((c) => objectActions[c]);
        const onBuckets = can.flatMap((c) => bucketActions[c]);
        return [
            allow(`${label}Objects`, onObjects, buckets.map((b) => arns.s3Objects(b))),
            ...(onBuckets.length > 0 ? [allow(`${label}Buckets`, onBuckets, buckets.map((b) => arns.s3Bucket(b)))] : []),
        ];
    });
}

// ---- Athena and Glue -------------------------------------------------------------------------

/** Seed 003's Athena list for the ECS tasks: start, status, results, the workgroup. */
export const athenaQueryActions = [
    "athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults", "athena:GetWorkGroup",
] as const;
/** The Lambda functions may also stop a query (seed 003, "Lambda Functions" 2). */
export const athenaQueryAndStopActions = [...athenaQueryActions, "athena:StopQueryExecution"] as const;

/** Athena calls in one workgroup: every query action's only resource type is the workgroup. */
export function athenaInWorkgroup(arns: Arns, workgroup: string, actions: readonly string[] = athenaQueryActions): Statement {
    return allow("AthenaQueriesInWorkgroup", actions, arns.athenaWorkgroup(workgroup));
}

/** "Get database/table/partition metadata". */
export const glueReadActions = [
    "glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition",
] as const;
/** The training task's "Create/update tables". */
export const glueTableWriteActions = ["glue:CreateTable", "glue:UpdateTable"] as const;
/** The Lambda functions' "Create/update/delete tables" and "Create partitions". */
export const glueCatalogWriteActions = [
    ...glueTableWriteActions, "glue:DeleteTable", "glue:CreatePartition", "glue:BatchCreatePartition",
] as const;

/**
 * Glue catalog actions on one database: each needs the catalog, the database and the table
 * (the data marks all three required), so the statement names exactly those three.
 */
export function glueOnDatabase(arns: Arns, database: string, sid: string, actions: readonly string[]): Statement {
    return allow(sid, actions, [arns.glueCatalog(), arns.glueDatabase(database), arns.glueTable(database)]);
}

// ---- CloudWatch and X-Ray ---------------------------------------------------------------------

/**
 * Write to one's own log groups: streams and events (the data's type is `log-stream`).
 * `createGroup` adds CreateLogGroup on the group itself, as Lambda's basic execution role has.
 */
export function writeOwnLogs(arns: Arns, groups: readonly string[], createGroup = false): Statement[] {
    return [
        ...(createGroup ? [allow("CreateOwnLogGroup", ["logs:CreateLogGroup"], groups.map((g) => arns.logGroup(g)))] : []),
        allow("WriteOwnLogStreams", ["logs:CreateLogStream", "logs:PutLogEvents"], groups.map((g) => arns.logStreams(g))),
    ];
}

/**
 * Custom metrics in one namespace. Metrics have no ARN: PutMetricData takes `*` and is scoped by
 * the `cloudwatch:namespace` condition key (the project's documented override).
 */
export function putMetricsInNamespace(namespace: string): Statement {
    return allow("PutMetricsInOwnNamespace", ["cloudwatch:PutMetricData"], anyResource, {
        StringEquals: { "cloudwatch:namespace": namespace },
    });
}

/** Trace upload: neither action has a resource type in the IAM data, so only `*` can work. */
export function xrayTracing(): Statement {
    return allow("XRayTracing", ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], anyResource);
}
