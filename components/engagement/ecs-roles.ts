/**
 * The ECS Fargate roles of seed 003: the training task role, the inference task role, and the
 * task execution role both task definitions share (image pulls and the awslogs driver's writes:
 * the "via execution role" lines of the seed). Training writes models and features; inference
 * writes results; neither writes what the other produces.
 */
import { Arns } from "../iam/arn";
import { PolicyDocument, Statement, allow, anyResource, policy } from "../iam/document";
import { TrustArgs } from "../iam/trust";
import { EngagementNames } from "./names";
import {
    BucketGrant, athenaInWorkgroup, glueOnDatabase, glueReadActions, glueTableWriteActions,
    putMetricsInNamespace, queryResults, s3Statements, writeOwnLogs, xrayTracing,
} from "./statements";

export interface TaskOptions {
    /** X-Ray tracing from the task (seed: "if tracing enabled"). */
    readonly tracing: boolean;
}

function tracing(options: TaskOptions): Statement[] {
    return options.tracing ? [xrayTracing()] : [];
}

/**
 * "ECS Fargate (Training Task)": read raw and processed data, write models and features, query
 * through Athena, read the catalog and create/update tables, metrics in its namespace, traces,
 * and read the project's secrets (every secret under the environment's path).
 */
export function trainingTaskPolicy(arns: Arns, names: EngagementNames, options: TaskOptions): PolicyDocument {
    const b = names.buckets;
    const grants: BucketGrant[] = [
        { bucket: b.raw, can: ["read"] },
        { bucket: b.processed, can: ["read"] },
        { bucket: b.models, can: ["write"] },
        { bucket: b.features, can: ["write"] },
        { bucket: b.athenaResults, can: queryResults },
    ];
    return policy(
        ...s3Statements(arns, grants),
        athenaInWorkgroup(arns, names.athenaWorkgroup),
        glueOnDatabase(arns, names.glueDatabase, "GlueCatalogRead", glueReadActions),
        glueOnDatabase(arns, names.glueDatabase, "GlueCreateUpdateTables", glueTableWriteActions),
        putMetricsInNamespace(names.metricNamespaces.training),
        ...tracing(options),
        allow("ReadProjectSecrets", ["secretsmanager:GetSecretValue"], arns.secretsUnder(names.secretsPath)),
    );
}

/**
 * "ECS Fargate (Inference Task)": read models, read raw and processed data (Athena reads the
 * source objects with the caller's credentials), write results, query, read the catalog,
 * metrics in its namespace, traces.
 */
export function inferenceTaskPolicy(arns: Arns, names: EngagementNames, options: TaskOptions): PolicyDocument {
    const b = names.buckets;
    const grants: BucketGrant[] = [
        { bucket: b.models, can: ["read"] },
        { bucket: b.raw, can: ["read"] },
        { bucket: b.processed, can: ["read"] },
        { bucket: b.results, can: ["write"] },
        { bucket: b.athenaResults, can: queryResults },
    ];
    return policy(
        ...s3Statements(arns, grants),
        athenaInWorkgroup(arns, names.athenaWorkgroup),
        glueOnDatabase(arns, names.glueDatabase, "GlueCatalogRead", glueReadActions),
        putMetricsInNamespace(names.metricNamespaces.inference),
        ...tracing(options),
    );
}

/** Image layers and manifests, from the two project repositories only. */
export const imagePullActions = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"] as const;

/**
 * The scoped equivalent of AmazonECSTaskExecutionRolePolicy: the registry token (no resource
 * type in the IAM data, so `*`), pulls from the two repositories, writes to the two task log groups.
 */
export function taskExecutionPolicy(arns: Arns, names: EngagementNames): PolicyDocument {
    return policy(
        allow("EcrAuthorizationToken", ["ecr:GetAuthorizationToken"], anyResource),
        allow("PullTaskImages", imagePullActions, [arns.ecrRepository(names.repositories.training), arns.ecrRepository(names.repositories.inference)]),
        ...writeOwnLogs(arns, [names.taskLogGroups.training, names.taskLogGroups.inference]),
    );
}

/** ECS assumes task and execution roles for this account's tasks (AWS's documented conditions). */
export function ecsTasksTrust(arns: Arns): TrustArgs {
    return { services: ["ecs-tasks.amazonaws.com"], accountId: arns.scope.accountId, sourceArns: [arns.ecsResources()] };
}
