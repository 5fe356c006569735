import { strict as assert } from "assert";
import { render } from "../../../components/iam/document";
import { serviceTrustPolicy } from "../../../components/iam/trust";
import { ecsTasksTrust, inferenceTaskPolicy, taskExecutionPolicy, trainingTaskPolicy } from "../../../components/engagement/ecs-roles";
import { mismatches } from "../../support/simulate";
import { arns, dev, prod, role } from "./fixtures";

const training = (tracing = true) => role(prod.roles.training, trainingTaskPolicy(arns, prod, { tracing }));
const inference = (tracing = true) => role(prod.roles.inference, inferenceTaskPolicy(arns, prod, { tracing }));
const execution = role(prod.roles.taskExecution, taskExecutionPolicy(arns, prod));
const b = prod.buckets;
const obj = (bucket: string, key = "churn/v12/model.tar.gz") => arns.s3Objects(bucket, key);
const workgroup = arns.athenaWorkgroup(prod.athenaWorkgroup);
const glueTable = arns.glueTable(prod.glueDatabase, "features_daily");
const queries = ["StartQueryExecution", "GetQueryExecution", "GetQueryResults", "GetWorkGroup"].map((a) => ({ action: `athena:${a}`, resource: workgroup }));

describe("seed 003 ECS training task role", () => {
    it("reads raw and processed data, writes models and features, queries, reads the catalog and creates/updates tables", async () => {
        assert.deepEqual(await mismatches(training(), "Allowed", [
            { action: "s3:GetObject", resource: obj(b.raw) }, { action: "s3:ListBucket", resource: arns.s3Bucket(b.raw) },
            { action: "s3:GetObject", resource: obj(b.processed) }, { action: "s3:ListBucket", resource: arns.s3Bucket(b.processed) },
            { action: "s3:PutObject", resource: obj(b.models) }, { action: "s3:AbortMultipartUpload", resource: obj(b.models) },
            { action: "s3:PutObject", resource: obj(b.features) },
            { action: "s3:PutObject", resource: obj(b.athenaResults) }, { action: "s3:GetObject", resource: obj(b.athenaResults) },
            ...queries,
            ...["GetDatabase", "GetTable", "GetPartitions", "CreateTable", "UpdateTable"].map((a) => ({ action: `glue:${a}`, resource: arns.glueDatabase(prod.glueDatabase) })),
            ...["GetTable", "BatchGetPartition", "CreateTable", "UpdateTable"].map((a) => ({ action: `glue:${a}`, resource: glueTable })),
            { action: "cloudwatch:PutMetricData", context: { "cloudwatch:namespace": prod.metricNamespaces.training } },
            { action: "xray:PutTraceSegments" }, { action: "xray:PutTelemetryRecords" },
            { action: "secretsmanager:GetSecretValue", resource: arns.secret(`${prod.secretsPath}warehouse-credentials`) },
        ]), []);
    });

    it("may not write results, write raw data, delete models, stop queries, drop tables or read other secrets", async () => {
        assert.deepEqual(await mismatches(training(), "Denied", [
            { action: "s3:PutObject", resource: obj(b.results) },
            { action: "s3:PutObject", resource: obj(b.raw) },
            { action: "s3:DeleteObject", resource: obj(b.models) },
            { action: "s3:GetObject", resource: obj(dev.buckets.raw) },
            { action: "s3:PutObject", resource: obj(dev.buckets.models) },
            { action: "athena:StopQueryExecution", resource: workgroup },
            { action: "glue:DeleteTable", resource: glueTable },
            { action: "glue:CreatePartition", resource: glueTable },
            { action: "secretsmanager:GetSecretValue", resource: arns.secret(`${dev.secretsPath}warehouse-credentials`) },
            { action: "secretsmanager:GetSecretValue", resource: arns.secret("rds/admin") },
            { action: "secretsmanager:PutSecretValue", resource: arns.secret(`${prod.secretsPath}warehouse-credentials`) },
            { action: "cloudwatch:PutMetricData", context: { "cloudwatch:namespace": prod.metricNamespaces.inference } },
            { action: "dynamodb:GetItem", resource: arns.dynamodbTable(prod.predictionTable) },
        ]), []);
    });

    it("traces only when tracing is enabled", async () => {
        assert.deepEqual(await mismatches(training(false), "Denied", [{ action: "xray:PutTraceSegments" }]), []);
        assert.deepEqual(await mismatches(inference(false), "Denied", [{ action: "xray:PutTraceSegments" }]), []);
    });
});

describe("seed 003 ECS inference task role", () => {
    it("reads models and the source data Athena scans, writes results, queries and reads the catalog", async () => {
        assert.deepEqual(await mismatches(inference(), "Allowed", [
            { action: "s3:GetObject", resource: obj(b.models) },
            { action: "s3:GetObject", resource: obj(b.raw) }, { action: "s3:GetObject", resource: obj(b.processed) },
            { action: "s3:PutObject", resource: obj(b.results, "batch/2025-10-21/predictions.parquet") },
            { action: "s3:PutObject", resource: obj(b.athenaResults) },
            ...queries,
            { action: "glue:GetTable", resource: glueTable }, { action: "glue:GetPartitions", resource: glueTable },
            { action: "cloudwatch:PutMetricData", context: { "cloudwatch:namespace": prod.metricNamespaces.inference } },
            { action: "xray:PutTraceSegments" },
        ]), []);
    });

    it("may not write models, features or source data, nor change the catalog", async () => {
        assert.deepEqual(await mismatches(inference(), "Denied", [
            { action: "s3:PutObject", resource: obj(b.models) },
            { action: "s3:DeleteObject", resource: obj(b.models) },
            { action: "s3:PutObject", resource: obj(b.features) },
            { action: "s3:PutObject", resource: obj(b.raw) },
            { action: "s3:GetObject", resource: obj(dev.buckets.models) },
            { action: "glue:CreateTable", resource: glueTable },
            { action: "glue:UpdateTable", resource: glueTable },
            { action: "secretsmanager:GetSecretValue", resource: arns.secret(`${prod.secretsPath}warehouse-credentials`) },
        ]), []);
    });
});

describe("seed 003 ECS task execution role", () => {
    it("pulls from the two project repositories and writes the two task log groups", async () => {
        assert.deepEqual(await mismatches(execution, "Allowed", [
            { action: "ecr:GetAuthorizationToken" },
            ...[prod.repositories.training, prod.repositories.inference].flatMap((repo) =>
                ["BatchGetImage", "GetDownloadUrlForLayer", "BatchCheckLayerAvailability"].map((a) => ({ action: `ecr:${a}`, resource: arns.ecrRepository(repo) }))),
            ...[prod.taskLogGroups.training, prod.taskLogGroups.inference].flatMap((g) => [
                { action: "logs:CreateLogStream", resource: `${arns.logGroup(g)}:log-stream:ecs/trainer/abc` },
                { action: "logs:PutLogEvents", resource: `${arns.logGroup(g)}:log-stream:ecs/trainer/abc` },
            ]),
        ]), []);
    });

    it("may not pull other images, push images, or read the tasks' data", async () => {
        assert.deepEqual(await mismatches(execution, "Denied", [
            { action: "ecr:BatchGetImage", resource: arns.ecrRepository(dev.repositories.training) },
            { action: "ecr:BatchGetImage", resource: arns.ecrRepository("base-images") },
            { action: "ecr:PutImage", resource: arns.ecrRepository(prod.repositories.training) },
            { action: "logs:PutLogEvents", resource: `${arns.logGroup(prod.functionLogGroups.predict)}:log-stream:x` },
            { action: "s3:GetObject", resource: obj(b.models) },
            { action: "secretsmanager:GetSecretValue", resource: arns.secret(`${prod.secretsPath}warehouse-credentials`) },
        ]), []);
    });
});

describe("seed 003 ECS trust", () => {
    it("lets ECS tasks of this account assume the task and execution roles, no one else", async () => {
        const roleArn = arns.iamRole(prod.roles.training);
        const trust = { arn: roleArn, policies: [], resourcePolicy: render(serviceTrustPolicy(ecsTasksTrust(arns))) };
        const ours = { "aws:SourceAccount": "123456789012", "aws:SourceArn": `arn:aws:ecs:us-east-1:123456789012:task/${prod.cluster}/abc` };
        assert.deepEqual(await mismatches(trust, "Allowed", [{ action: "sts:AssumeRole", resource: roleArn, principal: "ecs-tasks.amazonaws.com", context: ours }]), []);
        assert.deepEqual(await mismatches(trust, "Denied", [
            { action: "sts:AssumeRole", resource: roleArn, principal: "ecs-tasks.amazonaws.com", context: { "aws:SourceAccount": "210987654321", "aws:SourceArn": "arn:aws:ecs:us-east-1:210987654321:task/x/abc" } },
            { action: "sts:AssumeRole", resource: roleArn, principal: "ecs-tasks.amazonaws.com", context: { ...ours, "aws:SourceArn": "arn:aws:ecs:eu-west-1:123456789012:task/x/abc" } },
            { action: "sts:AssumeRole", resource: roleArn, principal: "ec2.amazonaws.com", context: ours },
        ]), []);
    });
});
