/**
 * Every role of the platform as data: name, trust, policy. Pure, so the whole set can be rendered,
 * simulated and compared without Pulumi; the component turns each into a ServiceRole and an
 * inline policy.
 */
import { Arns } from "../iam/arn";
import { PolicyDocument } from "../iam/document";
import { TrustArgs } from "../iam/trust";
import { apiGatewayLogsPolicy, apiGatewayTrust } from "./api-gateway-role";
import { BedrockIds, agentPolicy, agentTrust, knowledgeBasePolicy, knowledgeBaseTrust } from "./bedrock-roles";
import { ecsTasksTrust, inferenceTaskPolicy, taskExecutionPolicy, trainingTaskPolicy } from "./ecs-roles";
import { FunctionAccess, lambdaPolicy, lambdaTrust } from "./lambda-roles";
import { EngagementNames, FunctionKey, ServiceRoleKey, functionKeys } from "./names";
import { pipelinePolicy, pipelineTrust } from "./pipeline-role";
import { schedulerPolicy, schedulerTrust } from "./scheduler-role";

export interface RoleSpec {
    /** A function key for Lambda roles, a service role key otherwise. */
    readonly key: FunctionKey | ServiceRoleKey;
    readonly roleName: string;
    readonly trust: TrustArgs;
    readonly description: string;
    /** The inline policy's name. */
    readonly policyName: string;
    readonly document: PolicyDocument;
}

export interface RoleSettings {
    readonly arns: Arns;
    readonly names: EngagementNames;
    readonly functionAccess: Readonly<Record<FunctionKey, FunctionAccess>>;
    readonly bedrock: BedrockIds;
    /** X-Ray for the pipeline and the tasks. */
    readonly tracing: boolean;
    /** Step Functions log delivery. */
    readonly pipelineLogging: boolean;
    /** The EventBridge Scheduler role. */
    readonly schedulerRole: boolean;
    /** The API Gateway CloudWatch Logs role, for this API ID (absent: no role). */
    readonly apiGatewayLogsApiId?: string;
}

/** `engagement` + `bedrock_action_handler` -> `EngagementBedrockActionHandler`. */
export function pascal(...parts: string[]): string {
    return parts.flatMap((p) => p.split(/[-_/]/)).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

export function engagementRoles(s: RoleSettings): RoleSpec[] {
    const { arns, names } = s;
    const project = pascal(names.prefix);
    const lambdaRoles = functionKeys.map((fn): RoleSpec => ({
        key: fn,
        roleName: names.lambdaRoles[fn],
        trust: lambdaTrust(arns),
        description: `Execution role of the ${fn} Lambda function (${names.functions[fn]})`,
        policyName: `${project}Lambda${pascal(fn)}Policy`,
        document: lambdaPolicy(arns, names, fn, s.functionAccess[fn], s.bedrock),
    }));
    const service = (key: ServiceRoleKey, trust: TrustArgs, description: string, concern: string, document: PolicyDocument): RoleSpec => ({
        key, roleName: names.roles[key], trust, description, policyName: `${project}${concern}Policy`, document,
    });
    return [
        ...lambdaRoles,
        service("pipeline", pipelineTrust(arns, names), `Step Functions ML pipeline ${names.stateMachine}`, "StepFunctionsPipeline",
            pipelinePolicy(arns, names, { logging: s.pipelineLogging, tracing: s.tracing })),
        service("training", ecsTasksTrust(arns), "ECS Fargate training task role", "EcsTrainingTask",
            trainingTaskPolicy(arns, names, { tracing: s.tracing })),
        service("inference", ecsTasksTrust(arns), "ECS Fargate inference task role", "EcsInferenceTask",
            inferenceTaskPolicy(arns, names, { tracing: s.tracing })),
        service("taskExecution", ecsTasksTrust(arns), "ECS task execution role: image pulls and task logs", "EcsTaskExecution",
            taskExecutionPolicy(arns, names)),
        service("knowledgeBase", knowledgeBaseTrust(arns), "Bedrock knowledge base service role", "BedrockKnowledgeBase",
            knowledgeBasePolicy(arns, names)),
        service("agent", agentTrust(arns), "Bedrock agent service role", "BedrockAgent", agentPolicy(arns, s.bedrock)),
        ...(s.schedulerRole
            ? [service("scheduler", schedulerTrust(arns, names), `EventBridge Scheduler: start ${names.stateMachine}`, "SchedulerStartPipeline",
                schedulerPolicy(arns, names))]
            : []),
        ...(s.apiGatewayLogsApiId
            ? [service("apiGatewayLogs", apiGatewayTrust(arns), "API Gateway CloudWatch Logs role for the prediction API", "ApiGatewayLogs",
                apiGatewayLogsPolicy(arns, names, s.apiGatewayLogsApiId))]
            : []),
    ];
}
