import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Arns } from "../iam/arn";
import { render } from "../iam/document";
import { putInlinePolicy } from "../iam/grantee";
import { ServiceRole } from "../iam/service-role";
import { workloadTags } from "../tags";
import { defaultAgentModelId } from "./bedrock-roles";
import { EngagementDataStores } from "./data-stores";
import { AccountHardening } from "./hardening";
import { InvokePermission, invokePermissions } from "./invoke-permissions";
import { FunctionAccess, functionAccessTable } from "./lambda-roles";
import { EngagementNames, FunctionKey, NameOverrides, engagementNames } from "./names";
import { RoleSpec, engagementRoles } from "./roles";

/** The project prefix unless config names another. */
export const defaultPrefix = "engagement";

export interface EngagementPlatformArgs {
    /** `dev`, `staging` or `prod`. Required. */
    readonly environment: string;
    /** ARN builders for the stack's partition, region and account. Required. */
    readonly arns: Arns;
    /** Region of every regional resource and ARN. Default: the ARN builders' region. */
    readonly region?: string;
    /** Starts every derived name (`engagement-raw-data-prod`). Default: `engagement`. */
    readonly prefix?: string;
    /** Physical name overrides. Default: every name derived from prefix and environment. */
    readonly names?: NameOverrides;
    /** Per-function data access, field by field over `defaultFunctionAccess`. Default: that table. */
    readonly functionAccess?: Partial<Record<FunctionKey, Partial<FunctionAccess>>>;
    /** The Claude model of the agent and the action handler. Default: `anthropic.claude-3-5-sonnet-20240620-v1:0`. */
    readonly agentModelId?: string;
    /** The knowledge base's ID (AWS-generated). Default: none; Retrieve is granted to no one until set. */
    readonly knowledgeBaseId?: string;
    /** The agent's ID (AWS-generated). Default: none; no InvokeAgent, no Lambda permission for the agent. */
    readonly agentId?: string;
    /** The agent alias the action handler invokes (AWS-generated). Default: none; no InvokeAgent. */
    readonly agentAliasId?: string;
    /** The REST API's ID (AWS-generated). Default: none; no Lambda permission for API Gateway. */
    readonly apiId?: string;
    /** Stage of the API route that invokes predict. Default: `*`. */
    readonly apiStage?: string;
    /** Method of that route. Default: `POST`. */
    readonly apiMethod?: string;
    /** Path of that route, without the leading slash. Default: `predict`. */
    readonly apiPath?: string;
    /** X-Ray for the pipeline and the tasks. Default: true. */
    readonly tracing?: boolean;
    /** Step Functions log delivery. Default: true. */
    readonly pipelineLogging?: boolean;
    /** The EventBridge Scheduler role that starts the pipeline. Default: false. */
    readonly schedulerRole?: boolean;
    /** The API Gateway CloudWatch Logs role (needs `apiId`). Default: false. */
    readonly apiGatewayLogsRole?: boolean;
    /** Retention of the platform's log groups, in days. Default: 30. */
    readonly logRetentionDays?: number;
    /** Athena query results expire after this many days. Default: 30. */
    readonly athenaResultsExpireAfterDays?: number;
    /** DynamoDB deletion protection. Default: true in prod, false elsewhere. */
    readonly deletionProtection?: boolean;
    /** CloudTrail management events, with the unauthorized-call alarm. Default: true in prod, false elsewhere. */
    readonly cloudTrail?: boolean;
    /** IAM Access Analyzer for the account. Default: true in prod, false elsewhere. */
    readonly accessAnalyzer?: boolean;
    /** Retention of the trail's log group, in days. Default: 365. */
    readonly trailLogRetentionDays?: number;
    /** SNS topic ARNs the unauthorized-call alarm notifies. Default: none. */
    readonly alarmActions?: readonly string[];
}

/**
 * The Customer Engagement Prediction Platform (seed 003): its data stores, one least-privilege
 * role per service, the resource-based invoke grants, and the production hardening. Compute
 * (function code, the state machine, task definitions, the agent, the API) is deployed elsewhere
 * and referenced by configured name, so every policy here is known at preview.
 */
export class EngagementPlatform extends pulumi.ComponentResource {
    readonly names: EngagementNames;
    readonly stores: EngagementDataStores;
    readonly roleSpecs: readonly RoleSpec[];
    readonly roles: Readonly<Record<string, ServiceRole>>;
    /** Role ARNs by role key, known at preview. */
    readonly roleArns: Readonly<Record<string, string>>;
    /** Rendered inline policies by role key. */
    readonly policies: Readonly<Record<string, string>>;
    readonly invokePermissions: readonly InvokePermission[];
    readonly hardening: AccountHardening;

    constructor(name: string, args: EngagementPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-workloads:engagement:EngagementPlatform", name, {}, opts);
        const env = args.environment;
        const region = args.region ?? args.arns.scope.region;
        const arns = args.arns.in(region);
        const prefix = args.prefix ?? defaultPrefix;
        const names = engagementNames(prefix, env, args.names);
        const tags = workloadTags("engagement", env, { Project: prefix });
        const isProd = env === "prod";
        const child = { parent: this };
        this.names = names;

        this.stores = new EngagementDataStores(`${name}-data`, {
            names, arns, region, tags,
            logRetentionDays: args.logRetentionDays ?? 30,
            athenaResultsExpireAfterDays: args.athenaResultsExpireAfterDays ?? 30,
            deletionProtection: args.deletionProtection ?? isProd,
        }, child);

        const bedrock = {
            modelId: args.agentModelId ?? defaultAgentModelId,
            knowledgeBaseId: args.knowledgeBaseId,
            agentId: args.agentId,
            agentAliasId: args.agentAliasId,
        };
        this.roleSpecs = engagementRoles({
            arns, names, bedrock,
            functionAccess: functionAccessTable(args.functionAccess),
            tracing: args.tracing ?? true,
            pipelineLogging: args.pipelineLogging ?? true,
            schedulerRole: args.schedulerRole ?? false,
            apiGatewayLogsApiId: (args.apiGatewayLogsRole ?? false) ? requireApiId(args.apiId) : undefined,
        });
        const roles: Record<string, ServiceRole> = {};
        for (const spec of this.roleSpecs) {
            const logical = `${name}-${spec.key.replace(/_/g, "-")}`;
            const role = new ServiceRole(logical, { roleName: spec.roleName, ...spec.trust, description: spec.description, tags }, child);
            putInlinePolicy(`${logical}-policy`, role, spec.policyName, spec.document, { ...child, dependsOn: [role] });
            roles[spec.key] = role;
        }
        this.roles = roles;
        this.roleArns = Object.fromEntries(this.roleSpecs.map((s) => [s.key, arns.iamRole(s.roleName)]));
        this.policies = Object.fromEntries(this.roleSpecs.map((s) => [s.key, render(s.document)]));

        const api = args.apiId === undefined ? undefined : {
            apiId: args.apiId, stage: args.apiStage ?? "*", method: args.apiMethod ?? "POST", path: args.apiPath ?? "predict",
        };
        this.invokePermissions = invokePermissions(arns, names, { api, agentId: args.agentId });
        for (const p of this.invokePermissions) {
            new aws.lambda.Permission(`${name}-invoke-${p.functionKey.replace(/_/g, "-")}-${p.principal.split(".")[0]}`, {
                function: p.functionName,
                action: "lambda:InvokeFunction",
                principal: p.principal,
                sourceArn: p.sourceArn,
                sourceAccount: p.sourceAccount,
                statementId: p.statementId,
                region,
            }, child);
        }

        this.hardening = new AccountHardening(`${name}-hardening`, {
            names, arns, region, tags,
            cloudTrail: args.cloudTrail ?? isProd,
            accessAnalyzer: args.accessAnalyzer ?? isProd,
            trailLogRetentionDays: args.trailLogRetentionDays ?? 365,
            alarmActions: args.alarmActions,
        }, child);

        this.registerOutputs({
            roleArns: this.roleArns,
            policies: this.policies,
            bucketNames: names.buckets,
            invokePermissions: this.invokePermissions.map((p) => p.statementId),
            trailArn: this.hardening.trailArn,
        });
    }
}

function requireApiId(apiId: string | undefined): string {
    if (apiId === undefined) throw new Error("the API Gateway CloudWatch Logs role scopes to one API's log groups: set apiId");
    return apiId;
}
