import { strict as assert } from "assert";
import { render } from "../../../components/iam/document";
import { serviceTrustPolicy } from "../../../components/iam/trust";
import {
    FunctionAccess, defaultFunctionAccess, functionAccessTable, lambdaPolicy, lambdaTrust, predictionCacheActions,
} from "../../../components/engagement/lambda-roles";
import { FunctionKey, functionKeys } from "../../../components/engagement/names";
import { decide, mismatches } from "../../support/simulate";
import { arns, dev, ids, prod, role, seedSection } from "./fixtures";

const lambdaRole = (fn: FunctionKey, access: FunctionAccess = defaultFunctionAccess[fn], bedrock = ids) =>
    role(prod.lambdaRoles[fn], lambdaPolicy(arns, prod, fn, access, bedrock));
const b = prod.buckets;
const obj = (bucket: string) => arns.s3Objects(bucket, "run/2025-10-21/part-0000.parquet");
const table = arns.dynamodbTable(prod.predictionTable);
const model = arns.bedrockFoundationModel(ids.modelId);
const alias = arns.bedrockAgentAlias(ids.agentId!, ids.agentAliasId!);
const knowledgeBase = arns.bedrockKnowledgeBase(ids.knowledgeBaseId!);
const dataFunctions = functionKeys.filter((f) => f !== "predict" && f !== "bedrock_action_handler");

async function allowedFor(request: { action: string; resource?: string; context?: Record<string, string> }): Promise<FunctionKey[]> {
    const allowed: FunctionKey[] = [];
    for (const fn of functionKeys) if ((await decide(lambdaRole(fn), request)) === "Allowed") allowed.push(fn);
    return allowed;
}

describe("seed 003 Lambda roles: one per function", () => {
    it("grants DynamoDB the seed's item actions, and only to predict", async () => {
        const seedLines = seedSection("Lambda Functions").split("\n");
        const start = seedLines.findIndex((l) => l.includes("**DynamoDB Access** (predict Lambda only)"));
        const seedActions = seedLines.slice(start + 1, start + 3).flatMap((l) => l.replace(/^\s*-\s*/, "").split(",").map((a) => `dynamodb:${a.trim()}`));
        assert.deepEqual([...predictionCacheActions], seedActions);
        for (const action of predictionCacheActions) {
            assert.deepEqual(await allowedFor({ action, resource: table }), ["predict"], action);
        }
    });

    it("scopes predict's DynamoDB to its cache table in its environment, never to the table itself", async () => {
        assert.deepEqual(await mismatches(lambdaRole("predict"), "Denied", [
            { action: "dynamodb:GetItem", resource: arns.dynamodbTable(dev.predictionTable) },
            { action: "dynamodb:GetItem", resource: arns.dynamodbTable("engagement-customers-prod") },
            { action: "dynamodb:Scan", resource: arns.in("eu-west-1").dynamodbTable(prod.predictionTable) },
            { action: "dynamodb:DeleteTable", resource: table },
            { action: "dynamodb:UpdateTable", resource: table },
            { action: "dynamodb:BatchWriteItem", resource: table },
        ]), []);
    });

    it("is narrower than the seed's \"acceptable\" naming-convention ARN for DynamoDB", () => {
        const doc = lambdaPolicy(arns, prod, "predict", defaultFunctionAccess.predict, ids);
        const resource = doc.Statement.find((s) => s.Sid === "PredictionCacheItems")!.Resource;
        const acceptable = seedSection("Acceptable: Scoped via Naming Convention").match(/"(arn:aws:dynamodb:[^"]+)"/)![1]
            .replace("${region}", "us-east-1").replace("${project_name}", prod.prefix);
        const glob = new RegExp(`^${acceptable.replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`);
        assert.match(String(resource), glob);
        assert.doesNotMatch(String(resource), /\*/);
    });

    it("grants Bedrock (invoke model, invoke agent, retrieve) only to bedrock_action_handler", async () => {
        assert.deepEqual(await allowedFor({ action: "bedrock:InvokeModel", resource: model }), ["bedrock_action_handler"]);
        assert.deepEqual(await allowedFor({ action: "bedrock:InvokeAgent", resource: alias }), ["bedrock_action_handler"]);
        assert.deepEqual(await allowedFor({ action: "bedrock:Retrieve", resource: knowledgeBase }), ["bedrock_action_handler"]);
    });

    it("lets the action handler reach only the configured model, agent alias and knowledge base", async () => {
        assert.deepEqual(await mismatches(lambdaRole("bedrock_action_handler"), "Denied", [
            { action: "bedrock:InvokeModel", resource: arns.bedrockFoundationModel("anthropic.claude-3-opus-20240229-v1:0") },
            { action: "bedrock:InvokeModel", resource: arns.bedrockFoundationModel("amazon.titan-embed-text-v2:0") },
            { action: "bedrock:InvokeModel", resource: arns.in("us-west-2").bedrockFoundationModel(ids.modelId) },
            { action: "bedrock:InvokeAgent", resource: arns.bedrockAgentAlias(ids.agentId!, "TSTALIASID") },
            { action: "bedrock:InvokeAgent", resource: arns.bedrockAgentAlias("AGOTHER001", ids.agentAliasId!) },
            { action: "bedrock:Retrieve", resource: arns.bedrockKnowledgeBase("KBOTHER001") },
            { action: "bedrock:InvokeModelWithResponseStream", resource: model },
            { action: "bedrock:RetrieveAndGenerate" },
        ]), []);
    });

    it("leaves out the agent and knowledge-base grants until their IDs are configured", () => {
        const doc = lambdaPolicy(arns, prod, "bedrock_action_handler", defaultFunctionAccess.bedrock_action_handler, { modelId: ids.modelId });
        const actions = doc.Statement.flatMap((s) => s.Action);
        assert.ok(actions.includes("bedrock:InvokeModel"));
        assert.ok(!actions.includes("bedrock:InvokeAgent") && !actions.includes("bedrock:Retrieve"));
    });

    it("lets each function write its own log group and metrics namespace, no other", async () => {
        for (const fn of functionKeys) {
            const own = prod.functionLogGroups[fn];
            const other = prod.functionLogGroups[fn === "predict" ? "ensemble" : "predict"];
            assert.deepEqual(await mismatches(lambdaRole(fn), "Allowed", [
                { action: "logs:CreateLogGroup", resource: arns.logGroup(own) },
                { action: "logs:CreateLogStream", resource: `${arns.logGroup(own)}:log-stream:2025/10/21/[$LATEST]abc` },
                { action: "logs:PutLogEvents", resource: `${arns.logGroup(own)}:log-stream:2025/10/21/[$LATEST]abc` },
                { action: "cloudwatch:PutMetricData", context: { "cloudwatch:namespace": prod.metricNamespaces.functions[fn] } },
            ]), [], fn);
            assert.deepEqual(await mismatches(lambdaRole(fn), "Denied", [
                { action: "logs:PutLogEvents", resource: `${arns.logGroup(other)}:log-stream:x` },
                { action: "logs:PutLogEvents", resource: `${arns.logGroup(prod.taskLogGroups.training)}:log-stream:x` },
                { action: "logs:CreateLogGroup", resource: arns.logGroup("/aws/lambda/anything") },
                { action: "logs:DeleteLogGroup", resource: arns.logGroup(own) },
                { action: "cloudwatch:PutMetricData", context: { "cloudwatch:namespace": prod.metricNamespaces.training } },
                { action: "cloudwatch:PutMetricData", context: { "cloudwatch:namespace": "AWS/Lambda" } },
            ]), [], fn);
        }
    });

    it("gives the data functions the seed's read/write on the six data buckets, Athena and Glue", async () => {
        for (const fn of dataFunctions) {
            const six = [b.raw, b.processed, b.features, b.models, b.results, b.athenaResults];
            assert.deepEqual(await mismatches(lambdaRole(fn), "Allowed", [
                ...six.flatMap((bucket) => [
                    { action: "s3:GetObject", resource: obj(bucket) },
                    { action: "s3:PutObject", resource: obj(bucket) },
                    { action: "s3:DeleteObject", resource: obj(bucket) },
                    { action: "s3:ListBucket", resource: arns.s3Bucket(bucket) },
                ]),
                ...["StartQueryExecution", "GetQueryExecution", "GetQueryResults", "StopQueryExecution", "GetWorkGroup"]
                    .map((a) => ({ action: `athena:${a}`, resource: arns.athenaWorkgroup(prod.athenaWorkgroup) })),
                // Glue authorizes a table call on the catalog, the database and the table: each must be allowed.
                ...[arns.glueCatalog(), arns.glueDatabase(prod.glueDatabase), arns.glueTable(prod.glueDatabase, "customers")].flatMap((resource) =>
                    ["GetTable", "GetPartitions", "CreateTable", "UpdateTable", "DeleteTable", "CreatePartition", "BatchCreatePartition"]
                        .map((a) => ({ action: `glue:${a}`, resource }))),
                { action: "glue:GetDatabase", resource: arns.glueDatabase(prod.glueDatabase) },
            ]), [], fn);
        }
    });

    it("keeps every function off other buckets, workgroups, databases, environments and bucket or database deletion", async () => {
        for (const fn of functionKeys) {
            assert.deepEqual(await mismatches(lambdaRole(fn), "Denied", [
                { action: "s3:GetObject", resource: obj(dev.buckets.raw) },
                { action: "s3:PutObject", resource: obj(dev.buckets.results) },
                { action: "s3:ListBucket", resource: arns.s3Bucket(dev.buckets.models) },
                { action: "s3:PutObject", resource: obj(b.knowledgeBase) },
                { action: "s3:GetObject", resource: obj(b.vectorStore) },
                { action: "s3:GetObject", resource: obj(b.cloudTrail) },
                { action: "s3:DeleteBucket", resource: arns.s3Bucket(b.raw) },
                { action: "s3:PutBucketPolicy", resource: arns.s3Bucket(b.results) },
                { action: "athena:StartQueryExecution", resource: arns.athenaWorkgroup(dev.athenaWorkgroup) },
                { action: "athena:StartQueryExecution", resource: arns.athenaWorkgroup("primary") },
                { action: "glue:GetTable", resource: arns.glueTable(dev.glueDatabase, "customers") },
                { action: "glue:DeleteDatabase", resource: arns.glueDatabase(prod.glueDatabase) },
                { action: "secretsmanager:GetSecretValue", resource: arns.secret(`${prod.secretsPath}db`) },
            ]), [], fn);
        }
    });

    it("gives predict read of models and features only, and the action handler read of results and the knowledge base only", async () => {
        assert.deepEqual(await mismatches(lambdaRole("predict"), "Allowed", [
            { action: "s3:GetObject", resource: obj(b.models) }, { action: "s3:GetObject", resource: obj(b.features) },
        ]), []);
        assert.deepEqual(await mismatches(lambdaRole("predict"), "Denied", [
            { action: "s3:PutObject", resource: obj(b.models) }, { action: "s3:GetObject", resource: obj(b.raw) },
            { action: "athena:StartQueryExecution", resource: arns.athenaWorkgroup(prod.athenaWorkgroup) },
            { action: "glue:GetTable", resource: arns.glueTable(prod.glueDatabase, "customers") },
        ]), []);
        assert.deepEqual(await mismatches(lambdaRole("bedrock_action_handler"), "Allowed", [
            { action: "s3:GetObject", resource: obj(b.results) }, { action: "s3:GetObject", resource: obj(b.knowledgeBase) },
            { action: "s3:PutObject", resource: obj(b.athenaResults) },
            { action: "athena:StartQueryExecution", resource: arns.athenaWorkgroup(prod.athenaWorkgroup) },
            { action: "glue:GetTable", resource: arns.glueTable(prod.glueDatabase, "predictions") },
        ]), []);
        assert.deepEqual(await mismatches(lambdaRole("bedrock_action_handler"), "Denied", [
            { action: "s3:PutObject", resource: obj(b.results) }, { action: "s3:DeleteObject", resource: obj(b.athenaResults) },
            { action: "glue:CreateTable", resource: arns.glueTable(prod.glueDatabase, "predictions") },
        ]), []);
    });

    it("covers, across the eight functions, every S3 grant the seed lists for Lambda", async () => {
        const anyFunction = async (action: string, resource: string) => (await allowedFor({ action, resource })).length > 0;
        for (const bucket of [b.raw, b.processed, b.features, b.models, b.results, b.athenaResults]) {
            assert.ok(await anyFunction("s3:PutObject", obj(bucket)), bucket);
            assert.ok(await anyFunction("s3:GetObject", obj(bucket)), bucket);
        }
        assert.deepEqual(await allowedFor({ action: "s3:GetObject", resource: obj(b.knowledgeBase) }), ["bedrock_action_handler"]);
        assert.deepEqual(await allowedFor({ action: "s3:PutObject", resource: obj(b.knowledgeBase) }), []);
    });

    it("applies config overrides field by field", async () => {
        const table = functionAccessTable({ data_validation: { read: ["processed"], readWrite: [], glue: "read" } });
        assert.deepEqual(table.data_validation, { read: ["processed"], readWrite: [], athena: true, glue: "read" });
        assert.deepEqual(table.data_prep, defaultFunctionAccess.data_prep);
        const narrowed = lambdaRole("data_validation", table.data_validation);
        assert.deepEqual(await mismatches(narrowed, "Allowed", [{ action: "s3:GetObject", resource: obj(b.processed) }]), []);
        assert.deepEqual(await mismatches(narrowed, "Denied", [
            { action: "s3:PutObject", resource: obj(b.processed) },
            { action: "s3:GetObject", resource: obj(b.raw) },
            { action: "glue:CreateTable", resource: arns.glueTable(prod.glueDatabase, "qa") },
        ]), []);
    });

    it("is trusted by Lambda alone, without source conditions Lambda does not send", async () => {
        const trust = serviceTrustPolicy(lambdaTrust(arns));
        assert.equal(trust.Statement.length, 1);
        assert.equal(trust.Statement[0].Condition, undefined);
        const roleArn = arns.iamRole(prod.lambdaRoles.predict);
        const principal = { arn: roleArn, policies: [], resourcePolicy: render(trust) };
        assert.deepEqual(await mismatches(principal, "Allowed", [{ action: "sts:AssumeRole", resource: roleArn, principal: "lambda.amazonaws.com" }]), []);
        assert.deepEqual(await mismatches(principal, "Denied", [
            { action: "sts:AssumeRole", resource: roleArn, principal: "ecs-tasks.amazonaws.com" },
            { action: "sts:AssumeRole", resource: roleArn, principal: "arn:aws:iam::210987654321:root" },
        ]), []);
    });
});
