/**
 * The Step Functions ML pipeline's role (seed 003, "Step Functions"): invoke the five pipeline
 * functions, run the training and inference tasks synchronously (`ecs:runTask.sync`), hand those
 * tasks their two roles, and, when enabled, deliver its logs and traces.
 */
import { Arns } from "../iam/arn";
import { PolicyDocument, Statement, allow, anyResource, policy } from "../iam/document";
import { passedToService } from "../iam/conditions";
import { TrustArgs } from "../iam/trust";
import { EngagementNames, pipelineFunctions } from "./names";
import { putMetricsInNamespace, xrayTracing } from "./statements";

export const ecsTasksService = "ecs-tasks.amazonaws.com";

/**
 * The EventBridge rule Step Functions manages in the account to learn when a `.sync` ECS task
 * stops; the role creates and reads it (AWS, "Policies for Amazon ECS/Fargate", synchronous).
 */
export const ecsSyncRule = "StepFunctionsGetEventsForECSTaskRule";

/**
 * What Step Functions needs to set up log delivery to CloudWatch Logs. None of these has a
 * resource type in the IAM data (deliveries are vended by CloudWatch Logs), so `*` is the only
 * resource that works (AWS, "IAM policies for logging to CloudWatch Logs").
 */
export const logDeliveryActions = [
    "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
    "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
] as const;

export interface PipelineOptions {
    /** Deliver execution logs to the pipeline's log group. */
    readonly logging: boolean;
    /** X-Ray tracing of executions. */
    readonly tracing: boolean;
}

/** Every function ARN with its versions and aliases (`:*`), as Step Functions may invoke a qualified ARN. */
function functionArns(arns: Arns, names: EngagementNames): string[] {
    return pipelineFunctions.flatMap((f) => [arns.lambdaFunction(names.functions[f]), `${arns.lambdaFunction(names.functions[f])}:*`]);
}

export function pipelinePolicy(arns: Arns, names: EngagementNames, options: PipelineOptions): PolicyDocument {
    const taskRoles = [names.roles.training, names.roles.inference, names.roles.taskExecution].map((r) => arns.iamRole(r));
    const statements: Statement[] = [
        allow("InvokePipelineFunctions", ["lambda:InvokeFunction"], functionArns(arns, names)),
        allow("RunTrainingAndInferenceTasks", ["ecs:RunTask"],
            [arns.ecsTaskDefinition(names.taskFamilies.training), arns.ecsTaskDefinition(names.taskFamilies.inference)],
            { ArnEquals: { "ecs:cluster": arns.ecsCluster(names.cluster) } }),
        allow("StopAndDescribeTasks", ["ecs:StopTask", "ecs:DescribeTasks"], arns.ecsTasks(names.cluster)),
        allow("PassTaskRolesToEcsOnly", ["iam:PassRole"], taskRoles, passedToService(ecsTasksService)),
        allow("EcsSyncEventRule", ["events:PutTargets", "events:PutRule", "events:DescribeRule"], arns.eventsRule(ecsSyncRule)),
        putMetricsInNamespace(names.metricNamespaces.pipeline),
    ];
    if (options.logging) statements.push(allow("DeliverExecutionLogs", logDeliveryActions, anyResource));
    if (options.tracing) statements.push(xrayTracing());
    return policy(...statements);
}

/** Step Functions assumes the role only for this state machine (confused-deputy guard). */
export function pipelineTrust(arns: Arns, names: EngagementNames): TrustArgs {
    return { services: ["states.amazonaws.com"], accountId: arns.scope.accountId, sourceArns: [arns.stateMachine(names.stateMachine)] };
}
