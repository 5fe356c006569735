import { strict as assert } from "assert";
import { render } from "../../../components/iam/document";
import { serviceTrustPolicy } from "../../../components/iam/trust";
import { functionKeys, pipelineFunctions } from "../../../components/engagement/names";
import { ecsSyncRule, logDeliveryActions, pipelinePolicy, pipelineTrust } from "../../../components/engagement/pipeline-role";
import { mismatches } from "../../support/simulate";
import { arns, dev, prod, role } from "./fixtures";

const pipeline = (options = { logging: true, tracing: true }) => role(prod.roles.pipeline, pipelinePolicy(arns, prod, options));
const cluster = { "ecs:cluster": arns.ecsCluster(prod.cluster) };
const taskDefinition = (family: string, revision = "7") => arns.ecsTaskDefinition(family, revision);
const task = `arn:aws:ecs:us-east-1:123456789012:task/${prod.cluster}/0123456789abcdef0123456789abcdef`;
const toEcs = { "iam:PassedToService": "ecs-tasks.amazonaws.com" };

describe("seed 003 Step Functions role", () => {
    it("invokes exactly the five pipeline functions, unqualified or by version and alias", async () => {
        assert.deepEqual(await mismatches(pipeline(), "Allowed", pipelineFunctions.flatMap((f) => [
            { action: "lambda:InvokeFunction", resource: arns.lambdaFunction(prod.functions[f]) },
            { action: "lambda:InvokeFunction", resource: `${arns.lambdaFunction(prod.functions[f])}:live` },
        ])), []);
        const others = functionKeys.filter((f) => !pipelineFunctions.includes(f));
        assert.deepEqual(others, ["ensemble", "predict", "bedrock_action_handler"]);
        assert.deepEqual(await mismatches(pipeline(), "Denied", [
            ...others.map((f) => ({ action: "lambda:InvokeFunction", resource: arns.lambdaFunction(prod.functions[f]) })),
            { action: "lambda:InvokeFunction", resource: arns.lambdaFunction(dev.functions.data_prep) },
            { action: "lambda:UpdateFunctionCode", resource: arns.lambdaFunction(prod.functions.data_prep) },
        ]), []);
    });

    it("runs the training and inference task definitions in the project cluster only", async () => {
        assert.deepEqual(await mismatches(pipeline(), "Allowed", [
            { action: "ecs:RunTask", resource: taskDefinition(prod.taskFamilies.training), context: cluster },
            { action: "ecs:RunTask", resource: taskDefinition(prod.taskFamilies.inference, "12"), context: cluster },
            { action: "ecs:StopTask", resource: task },
            { action: "ecs:DescribeTasks", resource: task },
        ]), []);
        assert.deepEqual(await mismatches(pipeline(), "Denied", [
            { action: "ecs:RunTask", resource: taskDefinition(prod.taskFamilies.training), context: { "ecs:cluster": arns.ecsCluster(dev.cluster) } },
            { action: "ecs:RunTask", resource: taskDefinition(dev.taskFamilies.training), context: { "ecs:cluster": arns.ecsCluster(dev.cluster) } },
            { action: "ecs:RunTask", resource: taskDefinition("someone-elses-task"), context: cluster },
            { action: "ecs:StopTask", resource: `arn:aws:ecs:us-east-1:123456789012:task/${dev.cluster}/0123456789abcdef0123456789abcdef` },
            { action: "ecs:RegisterTaskDefinition" },
        ]), []);
    });

    it("passes only the two task roles and the execution role, and only to ECS tasks", async () => {
        const ecsRoles = [prod.roles.training, prod.roles.inference, prod.roles.taskExecution].map((r) => arns.iamRole(r));
        assert.deepEqual(await mismatches(pipeline(), "Allowed", ecsRoles.map((resource) => ({ action: "iam:PassRole", resource, context: toEcs }))), []);
        assert.deepEqual(await mismatches(pipeline(), "Denied", [
            ...ecsRoles.map((resource) => ({ action: "iam:PassRole", resource, context: { "iam:PassedToService": "lambda.amazonaws.com" } })),
            ...ecsRoles.map((resource) => ({ action: "iam:PassRole", resource })),
            { action: "iam:PassRole", resource: arns.iamRole(prod.roles.pipeline), context: toEcs },
            { action: "iam:PassRole", resource: arns.iamRole(prod.lambdaRoles.predict), context: toEcs },
            { action: "iam:PassRole", resource: arns.iamRole(dev.roles.training), context: toEcs },
        ]), []);
    });

    it("manages only the EventBridge rule Step Functions uses for synchronous ECS runs", async () => {
        const rule = arns.eventsRule(ecsSyncRule);
        assert.deepEqual(await mismatches(pipeline(), "Allowed", ["PutTargets", "PutRule", "DescribeRule"].map((a) => ({ action: `events:${a}`, resource: rule }))), []);
        assert.deepEqual(await mismatches(pipeline(), "Denied", [
            { action: "events:PutTargets", resource: arns.eventsRule("my-other-rule") },
            { action: "events:DeleteRule", resource: rule },
        ]), []);
    });

    it("delivers logs and traces when enabled, and not otherwise", async () => {
        const on = [
            ...logDeliveryActions.map((action) => ({ action })),
            { action: "xray:PutTraceSegments" }, { action: "xray:PutTelemetryRecords" },
            { action: "cloudwatch:PutMetricData", context: { "cloudwatch:namespace": prod.metricNamespaces.pipeline } },
        ];
        assert.deepEqual(await mismatches(pipeline(), "Allowed", on), []);
        assert.deepEqual(await mismatches(pipeline({ logging: false, tracing: false }), "Denied", on.slice(0, -1)), []);
        assert.deepEqual(await mismatches(pipeline(), "Denied", [
            { action: "cloudwatch:PutMetricData", context: { "cloudwatch:namespace": "AWS/States" } },
            { action: "logs:DeleteLogGroup", resource: arns.logGroup(prod.pipelineLogGroup) },
        ]), []);
    });

    it("never touches data: no S3, DynamoDB, Athena or Bedrock", async () => {
        assert.deepEqual(await mismatches(pipeline(), "Denied", [
            { action: "s3:GetObject", resource: arns.s3Objects(prod.buckets.raw, "x") },
            { action: "dynamodb:GetItem", resource: arns.dynamodbTable(prod.predictionTable) },
            { action: "athena:StartQueryExecution", resource: arns.athenaWorkgroup(prod.athenaWorkgroup) },
            { action: "bedrock:InvokeModel", resource: arns.bedrockFoundationModel("anthropic.claude-3-5-sonnet-20240620-v1:0") },
        ]), []);
    });

    it("is assumed by Step Functions only for this state machine in this account", async () => {
        const roleArn = arns.iamRole(prod.roles.pipeline);
        const trust = { arn: roleArn, policies: [], resourcePolicy: render(serviceTrustPolicy(pipelineTrust(arns, prod))) };
        const ours = { "aws:SourceAccount": "123456789012", "aws:SourceArn": arns.stateMachine(prod.stateMachine) };
        assert.deepEqual(await mismatches(trust, "Allowed", [{ action: "sts:AssumeRole", resource: roleArn, principal: "states.amazonaws.com", context: ours }]), []);
        assert.deepEqual(await mismatches(trust, "Denied", [
            { action: "sts:AssumeRole", resource: roleArn, principal: "states.amazonaws.com", context: { ...ours, "aws:SourceArn": arns.stateMachine(dev.stateMachine) } },
            { action: "sts:AssumeRole", resource: roleArn, principal: "states.amazonaws.com", context: { ...ours, "aws:SourceAccount": "210987654321" } },
            { action: "sts:AssumeRole", resource: roleArn, principal: "states.amazonaws.com" },
            { action: "sts:AssumeRole", resource: roleArn, principal: "lambda.amazonaws.com", context: ours },
        ]), []);
    });
});
