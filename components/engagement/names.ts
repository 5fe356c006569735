/**
 * Every physical name of the Customer Engagement Prediction Platform (seed 003), derived from the
 * project prefix and the environment, each one overridable. Pure: the config reader validates
 * with `nameProblems`, the component and the policies read the result.
 */
import { bucketNameProblem, iamNameProblem, lambdaFunctionNameProblem, logGroupNameProblem } from "../../policypacks/least-privilege/iam/naming";

/** The eight Lambda functions of seed 003, by their seed names. */
export const functionKeys = [
    "pre_cleanup", "data_prep", "data_validation", "create_qa_table", "create_results_table",
    "ensemble", "predict", "bedrock_action_handler",
] as const;
export type FunctionKey = (typeof functionKeys)[number];

/** The five functions the Step Functions pipeline invokes (seed 003, "Step Functions" 1). */
export const pipelineFunctions: readonly FunctionKey[] = [
    "pre_cleanup", "data_prep", "data_validation", "create_qa_table", "create_results_table",
];

/** The seed's buckets, plus the CloudTrail bucket of the production hardening. */
export const bucketKeys = [
    "raw", "processed", "features", "models", "results", "athenaResults", "knowledgeBase", "vectorStore", "cloudTrail",
] as const;
export type BucketKey = (typeof bucketKeys)[number];

/** Roles other than the eight Lambda roles. */
export const serviceRoleKeys = [
    "pipeline", "training", "inference", "taskExecution", "knowledgeBase", "agent", "scheduler", "apiGatewayLogs", "cloudTrailLogs",
] as const;
export type ServiceRoleKey = (typeof serviceRoleKeys)[number];

/** Names that exist once per environment. */
export const singleNameKeys = [
    "athenaWorkgroup", "glueDatabase", "predictionTable", "trainingRepository", "inferenceRepository",
    "cluster", "trainingTaskFamily", "inferenceTaskFamily", "stateMachine", "secretsPath",
    "apiAccessLogGroup", "trail", "analyzer", "scheduleGroup",
] as const;
export type SingleNameKey = (typeof singleNameKeys)[number];

/** Overrides from stack config; any name left out keeps its derived default. */
export interface NameOverrides {
    readonly buckets?: Partial<Record<BucketKey, string>>;
    readonly functions?: Partial<Record<FunctionKey, string>>;
    /** Keyed by service role, or by function for a Lambda execution role. */
    readonly roles?: Partial<Record<ServiceRoleKey | FunctionKey, string>>;
    readonly names?: Partial<Record<SingleNameKey, string>>;
}

export interface EngagementNames {
    readonly prefix: string;
    readonly environment: string;
    readonly buckets: Readonly<Record<BucketKey, string>>;
    readonly functions: Readonly<Record<FunctionKey, string>>;
    /** `/aws/lambda/<function>`: the log group Lambda writes to. */
    readonly functionLogGroups: Readonly<Record<FunctionKey, string>>;
    readonly lambdaRoles: Readonly<Record<FunctionKey, string>>;
    readonly roles: Readonly<Record<ServiceRoleKey, string>>;
    readonly athenaWorkgroup: string;
    readonly glueDatabase: string;
    readonly predictionTable: string;
    readonly repositories: { readonly training: string; readonly inference: string };
    readonly cluster: string;
    readonly taskFamilies: { readonly training: string; readonly inference: string };
    /** `/ecs/<family>`: where each task's awslogs driver writes. */
    readonly taskLogGroups: { readonly training: string; readonly inference: string };
    readonly stateMachine: string;
    /** `/aws/vendedlogs/states/<state machine>`: the prefix AWS recommends for vended logs. */
    readonly pipelineLogGroup: string;
    readonly apiAccessLogGroup: string;
    /** Project secrets live under this path, e.g. `engagement/prod/`. */
    readonly secretsPath: string;
    readonly trail: string;
    readonly trailLogGroup: string;
    readonly analyzer: string;
    readonly scheduleGroup: string;
    /** Each role's own CloudWatch metrics namespace. */
    readonly metricNamespaces: {
        readonly functions: Readonly<Record<FunctionKey, string>>;
        readonly pipeline: string;
        readonly training: string;
        readonly inference: string;
    };
}

/** Glue database names are lowercase letters, digits and underscores (Athena's rule). */
function glueName(prefix: string): string {
    return prefix.replace(/-/g, "_");
}

function record<K extends string>(keys: readonly K[], make: (key: K) => string): Record<K, string> {
    return Object.fromEntries(keys.map((k) => [k, make(k)])) as Record<K, string>;
}

/** The names for one environment: seed-style defaults (`engagement-raw-data-dev`), then overrides. */
export function engagementNames(prefix: string, environment: string, overrides: NameOverrides = {}): EngagementNames {
    const p = prefix;
    const e = environment;
    const bucketDefaults: Record<BucketKey, string> = {
        raw: `${p}-raw-data-${e}`,
        processed: `${p}-processed-data-${e}`,
        features: `${p}-features-${e}`,
        models: `${p}-models-${e}`,
        results: `${p}-results-${e}`,
        athenaResults: `${p}-athena-results-${e}`,
        knowledgeBase: `${p}-knowledge-base-${e}`,
        vectorStore: `${p}-vector-store-${e}`,
        cloudTrail: `${p}-cloudtrail-${e}`,
    };
    const roleDefaults: Record<ServiceRoleKey, string> = {
        pipeline: `${p}-step-functions-${e}`,
        training: `${p}-ecs-training-${e}`,
        inference: `${p}-ecs-inference-${e}`,
        taskExecution: `${p}-ecs-task-execution-${e}`,
        // The prefixes the Bedrock console uses (and older Bedrock docs required) for custom service roles.
        knowledgeBase: `AmazonBedrockExecutionRoleForKnowledgeBase_${p}-${e}`,
        agent: `AmazonBedrockExecutionRoleForAgents_${p}-${e}`,
        scheduler: `${p}-scheduler-${e}`,
        apiGatewayLogs: `${p}-apigateway-logs-${e}`,
        cloudTrailLogs: `${p}-cloudtrail-logs-${e}`,
    };
    const singleDefaults: Record<SingleNameKey, string> = {
        athenaWorkgroup: `${p}-${e}`,
        glueDatabase: `${glueName(p)}_${e}`,
        predictionTable: `${p}-prediction-cache-${e}`,
        trainingRepository: `${p}-training-${e}`,
        inferenceRepository: `${p}-inference-${e}`,
        cluster: `${p}-${e}`,
        trainingTaskFamily: `${p}-training-${e}`,
        inferenceTaskFamily: `${p}-inference-${e}`,
        stateMachine: `${p}-ml-pipeline-${e}`,
        secretsPath: `${p}/${e}/`,
        apiAccessLogGroup: `/aws/apigateway/${p}-api-${e}`,
        trail: `${p}-management-events-${e}`,
        analyzer: `${p}-account-${e}`,
        scheduleGroup: "default",
    };
    const buckets = { ...bucketDefaults, ...defined(overrides.buckets) };
    const functions = { ...record(functionKeys, (f) => `${p}-${f}-${e}`), ...defined(overrides.functions) };
    const roleOverrides = defined(overrides.roles) as Partial<Record<string, string>>;
    const roles = record(serviceRoleKeys, (k) => roleOverrides[k] ?? roleDefaults[k]);
    const lambdaRoles = record(functionKeys, (f) => roleOverrides[f] ?? `${p}-lambda-${f}-${e}`);
    const single = { ...singleDefaults, ...defined(overrides.names) };
    const namespace = `${p}/${e}`;
    return {
        prefix: p,
        environment: e,
        buckets,
        functions,
        functionLogGroups: record(functionKeys, (f) => `/aws/lambda/${functions[f]}`),
        lambdaRoles,
        roles,
        athenaWorkgroup: single.athenaWorkgroup,
        glueDatabase: single.glueDatabase,
        predictionTable: single.predictionTable,
        repositories: { training: single.trainingRepository, inference: single.inferenceRepository },
        cluster: single.cluster,
        taskFamilies: { training: single.trainingTaskFamily, inference: single.inferenceTaskFamily },
        taskLogGroups: { training: `/ecs/${single.trainingTaskFamily}`, inference: `/ecs/${single.inferenceTaskFamily}` },
        stateMachine: single.stateMachine,
        pipelineLogGroup: `/aws/vendedlogs/states/${single.stateMachine}`,
        apiAccessLogGroup: single.apiAccessLogGroup,
        secretsPath: single.secretsPath,
        trail: single.trail,
        trailLogGroup: `/aws/cloudtrail/${single.trail}`,
        analyzer: single.analyzer,
        scheduleGroup: single.scheduleGroup,
        metricNamespaces: {
            functions: record(functionKeys, (f) => `${namespace}/lambda/${f}`),
            pipeline: `${namespace}/pipeline`,
            training: `${namespace}/training`,
            inference: `${namespace}/inference`,
        },
    };
}

function defined<T extends object>(values: T | undefined): Partial<T> {
    return Object.fromEntries(Object.entries(values ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---- Naming rules, one per kind of name -------------------------------------------------------

type Rule = (name: string) => string | undefined;

function pattern(re: RegExp, what: string): Rule {
    return (name) => (re.test(name) ? undefined : what);
}

/** The project prefix: starts every derived name, so it must be safe in all of them. */
export const prefixProblem: Rule = pattern(
    /^[a-z](?!.*--)[a-z0-9-]{0,18}[a-z0-9]$/,
    "is not a project prefix: 2 to 20 lowercase letters, digits and single hyphens, starting with a letter (it begins bucket names)",
);

/** The shared rules of policypacks/least-privilege/naming.ts, with the kind of name in the message. */
export const functionNameProblem: Rule = (name) => named("a Lambda function name", lambdaFunctionNameProblem(name));
export const roleNameProblem: Rule = (name) => named("an IAM role name", iamNameProblem("role", name));

function named(kind: string, problem: string | undefined): string | undefined {
    return problem === undefined ? undefined : `is not ${kind}: it ${problem}`;
}

export const singleNameRules: Readonly<Record<SingleNameKey, Rule>> = {
    athenaWorkgroup: pattern(/^[A-Za-z0-9._-]{1,128}$/, "is not an Athena workgroup name (1-128 letters, digits, . _ -)"),
    glueDatabase: pattern(/^[a-z0-9_]{1,255}$/, "is not a Glue database name Athena accepts (lowercase letters, digits, underscores)"),
    predictionTable: pattern(/^[A-Za-z0-9_.-]{3,255}$/, "is not a DynamoDB table name (3-255 letters, digits, _ . -)"),
    trainingRepository: repositoryProblem,
    inferenceRepository: repositoryProblem,
    cluster: pattern(/^[A-Za-z0-9_-]{1,255}$/, "is not an ECS cluster name (1-255 letters, digits, hyphens, underscores)"),
    trainingTaskFamily: pattern(/^[A-Za-z0-9_-]{1,255}$/, "is not an ECS task definition family (1-255 letters, digits, hyphens, underscores)"),
    inferenceTaskFamily: pattern(/^[A-Za-z0-9_-]{1,255}$/, "is not an ECS task definition family (1-255 letters, digits, hyphens, underscores)"),
    stateMachine: pattern(/^[A-Za-z0-9_-]{1,80}$/, "is not a state machine name (1-80 letters, digits, hyphens, underscores)"),
    secretsPath: pattern(/^[A-Za-z0-9_+=.@-]+(\/[A-Za-z0-9_+=.@-]+)*\/$/, "is not a Secrets Manager path: segments of letters, digits and _+=.@- ending in /, e.g. engagement/prod/"),
    apiAccessLogGroup: (name) => named("a CloudWatch Logs group name", logGroupNameProblem(name)),
    trail: pattern(/^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/, "is not a CloudTrail trail name (3-128 letters, digits, . _ -, starting and ending with a letter or digit)"),
    analyzer: pattern(/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/, "is not an Access Analyzer name (starts with a letter; letters, digits, _ . -)"),
    scheduleGroup: pattern(/^[0-9a-zA-Z-_.]{1,64}$/, "is not an EventBridge Scheduler group name (1-64 letters, digits, - _ .)"),
};

function repositoryProblem(name: string): string | undefined {
    return /^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name)
        ? undefined
        : "is not an ECR repository name (2-256 lowercase letters, digits, . _ - and / between segments)";
}

/** One physical name with where it is set in config (`buckets.raw`) and what is wrong with it. */
export interface NameProblem {
    readonly path: string;
    readonly value: string;
    readonly problem: string;
}

/** Checks every name; the config reader turns each problem into a ConfigError. */
export function nameProblems(names: EngagementNames): NameProblem[] {
    const checks: [string, string, Rule][] = [
        ...bucketKeys.map((k): [string, string, Rule] => [`buckets.${k}`, names.buckets[k], bucketNameProblem]),
        ...functionKeys.map((k): [string, string, Rule] => [`functions.${k}`, names.functions[k], functionNameProblem]),
        ...functionKeys.map((k): [string, string, Rule] => [`roles.${k}`, names.lambdaRoles[k], roleNameProblem]),
        ...serviceRoleKeys.map((k): [string, string, Rule] => [`roles.${k}`, names.roles[k], roleNameProblem]),
        ...singleNameKeys.map((k): [string, string, Rule] => [`names.${k}`, singleValue(names, k), singleNameRules[k]]),
    ];
    return checks.flatMap(([path, value, rule]) => {
        const problem = rule(value);
        return problem ? [{ path, value, problem }] : [];
    });
}

function singleValue(names: EngagementNames, key: SingleNameKey): string {
    switch (key) {
        case "trainingRepository": return names.repositories.training;
        case "inferenceRepository": return names.repositories.inference;
        case "trainingTaskFamily": return names.taskFamilies.training;
        case "inferenceTaskFamily": return names.taskFamilies.inference;
        default: return names[key];
    }
}
