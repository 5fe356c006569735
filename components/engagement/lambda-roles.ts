/**
 * The eight Lambda execution roles of seed 003, one per function. The seed lists S3, Athena and
 * Glue for "Lambda functions" as a group; least privilege per function comes from the access
 * table below (overridable per function from config). Two grants are bound to one function by
 * code, not by the table: DynamoDB to `predict`, Bedrock to `bedrock_action_handler`.
 *
 * Trust: `lambda.amazonaws.com` without `aws:SourceAccount`/`aws:SourceArn`. Lambda does not send
 * a source context when it assumes an execution role (see `servicesWithoutSourceContext` in
 * components/iam/trust.ts); the role is bound to a function by `iam:PassRole` when the function
 * is created.
 */
import { Arns } from "../iam/arn";
import { PolicyDocument, Statement, allow, policy } from "../iam/document";
import { TrustArgs } from "../iam/trust";
import { BedrockIds, invokeAgentAlias, invokeModel, retrieveFromKnowledgeBase } from "./bedrock-roles";
import { BucketKey, EngagementNames, FunctionKey } from "./names";
import {
    BucketGrant, athenaInWorkgroup, athenaQueryAndStopActions, glueCatalogWriteActions, glueOnDatabase, glueReadActions,
    putMetricsInNamespace, queryResults, readWrite, s3Statements, writeOwnLogs,
} from "./statements";

/** The buckets a function may be given: the seed's Lambda list (not the vector store or the trail's). */
export const functionBucketKeys = ["raw", "processed", "features", "models", "results", "athenaResults", "knowledgeBase"] as const;
export type FunctionBucketKey = (typeof functionBucketKeys)[number] & BucketKey;

export const glueAccessLevels = ["none", "read", "write"] as const;
export type GlueAccess = (typeof glueAccessLevels)[number];

/** One function's data access. */
export interface FunctionAccess {
    /** Buckets it reads (GetObject, ListBucket). */
    readonly read: readonly FunctionBucketKey[];
    /** Buckets it reads, writes and deletes in: seed 003's "read/write". */
    readonly readWrite: readonly FunctionBucketKey[];
    /** Athena queries in the workgroup (start, status, results, stop); adds read/write of the Athena results bucket. */
    readonly athena: boolean;
    /** Glue catalog of the project database: `read` metadata, or `write` (create/update/delete tables, create partitions). */
    readonly glue: GlueAccess;
}

/** The six data buckets the seed gives "Lambda functions" read/write on. */
const seedReadWrite: readonly FunctionBucketKey[] = ["raw", "processed", "features", "models", "results", "athenaResults"];

/** The seed's collective Lambda grant, for the functions that move data through the pipeline. */
const dataFunction: FunctionAccess = { read: [], readWrite: seedReadWrite, athena: true, glue: "write" };

/**
 * Default access per function. The pipeline's data functions and `ensemble` keep the seed's
 * collective S3/Athena/Glue list (the seed does not break it down further; narrow it per function
 * in config once the code's access is known). `predict` serves the API: it reads models and
 * features and caches in DynamoDB. `bedrock_action_handler` answers the agent: it queries results
 * through Athena and reads the knowledge-base bucket, the seed's one "read from" grant.
 */
export const defaultFunctionAccess: Readonly<Record<FunctionKey, FunctionAccess>> = {
    pre_cleanup: dataFunction,
    data_prep: dataFunction,
    data_validation: dataFunction,
    create_qa_table: dataFunction,
    create_results_table: dataFunction,
    ensemble: dataFunction,
    predict: { read: ["models", "features"], readWrite: [], athena: false, glue: "none" },
    bedrock_action_handler: { read: ["results", "knowledgeBase"], readWrite: [], athena: true, glue: "read" },
};

/** What predict may do with its cache table: seed 003's six item actions, nothing on the table itself. */
export const predictionCacheActions = [
    "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:Scan",
] as const;

function bucketGrants(names: EngagementNames, access: FunctionAccess): BucketGrant[] {
    return [
        ...access.readWrite.map((k) => ({ bucket: names.buckets[k], can: readWrite })),
        ...access.read.map((k): BucketGrant => ({ bucket: names.buckets[k], can: ["read"] })),
        // Athena writes query results with the caller's credentials and reads them back for GetQueryResults.
        ...(access.athena ? [{ bucket: names.buckets.athenaResults, can: queryResults }] : []),
    ];
}

function glueStatements(arns: Arns, names: EngagementNames, glue: GlueAccess): Statement[] {
    if (glue === "none") return [];
    return [
        glueOnDatabase(arns, names.glueDatabase, "GlueCatalogRead", glueReadActions),
        ...(glue === "write" ? [glueOnDatabase(arns, names.glueDatabase, "GlueCatalogWrite", glueCatalogWriteActions)] : []),
    ];
}

/** Grants only one function has, whatever the access table says. */
function ownGrants(arns: Arns, names: EngagementNames, fn: FunctionKey, bedrock: BedrockIds): Statement[] {
    switch (fn) {
        case "predict":
            return [allow("PredictionCacheItems", predictionCacheActions, arns.dynamodbTable(names.predictionTable))];
        case "bedrock_action_handler":
            return [invokeModel(arns, bedrock.modelId, "InvokeClaudeModel"), ...invokeAgentAlias(arns, bedrock), ...retrieveFromKnowledgeBase(arns, bedrock)];
        default:
            return [];
    }
}

/** One function's execution-role policy: its own logs and metrics, its data access, its own grants. */
export function lambdaPolicy(arns: Arns, names: EngagementNames, fn: FunctionKey, access: FunctionAccess, bedrock: BedrockIds): PolicyDocument {
    return policy(
        ...writeOwnLogs(arns, [names.functionLogGroups[fn]], true),
        putMetricsInNamespace(names.metricNamespaces.functions[fn]),
        ...s3Statements(arns, bucketGrants(names, access)),
        ...(access.athena ? [athenaInWorkgroup(arns, names.athenaWorkgroup, athenaQueryAndStopActions)] : []),
        ...glueStatements(arns, names, access.glue),
        ...ownGrants(arns, names, fn, bedrock),
    );
}

/** Lambda execution roles: no source context to check (see the module comment). */
export function lambdaTrust(arns: Arns): TrustArgs {
    return { services: ["lambda.amazonaws.com"], accountId: arns.scope.accountId };
}

/** The table with config overrides applied field by field. */
export function functionAccessTable(overrides: Partial<Record<FunctionKey, Partial<FunctionAccess>>> = {}): Record<FunctionKey, FunctionAccess> {
    return Object.fromEntries(
        Object.entries(defaultFunctionAccess).map(([fn, access]) => [fn, { ...access, ...definedFields(overrides[fn as FunctionKey]) }]),
    ) as Record<FunctionKey, FunctionAccess>;
}

function definedFields<T extends object>(value: T | undefined): Partial<T> {
    return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
