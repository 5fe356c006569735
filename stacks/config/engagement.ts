/** `aws-workloads:engagement`: the Customer Engagement Prediction Platform (seed 003). */
import { bedrockIdProblem, modelIdProblem } from "../../components/engagement/bedrock-roles";
import { logRetentionPeriods } from "../../components/engagement/data-stores";
import { EngagementPlatformArgs, defaultPrefix } from "../../components/engagement/engagement-platform";
import { FunctionAccess, functionAccessTable, functionBucketKeys, glueAccessLevels, FunctionBucketKey } from "../../components/engagement/lambda-roles";
import {
    FunctionKey, NameOverrides, bucketKeys, engagementNames, functionKeys, functionNameProblem, nameProblems,
    prefixProblem, roleNameProblem, serviceRoleKeys, singleNameKeys, singleNameRules,
} from "../../components/engagement/names";
import { bucketNameProblem, regionProblem } from "../../policypacks/least-privilege/iam/naming";
import { ConfigError } from "./config-error";
import { Check, Section } from "./section";
import { StackBasics } from "./stack-config";

export interface EngagementConfig {
    readonly enabled: boolean;
    readonly args: EngagementPlatformArgs;
}


const apiIdProblem: Check = (s) => (/^[a-z0-9]{10}$/.test(s) ? undefined : "is not an API Gateway REST API ID (ten lowercase letters or digits)");
const apiStageProblem: Check = (s) => (/^(\*|[A-Za-z0-9_-]{1,128})$/.test(s) ? undefined : "is not a stage name (letters, digits, hyphens, underscores) or *");
const apiPathProblem: Check = (s) => s.startsWith("/")
    ? "must be written without the leading slash, e.g. predict"
    : /^[A-Za-z0-9._~{}+-]+(\/[A-Za-z0-9._~{}+-]+)*$/.test(s) ? undefined : "is not an API resource path such as predict or v1/predict";
const snsTopicArnProblem: Check = (s) => (/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(s) ? undefined : "is not an SNS topic ARN");
const httpMethods = ["*", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

const settings = [
    "enabled", "region", "prefix", "bucketNames", "functionNames", "roleNames", "names", "functionAccess",
    "agentModelId", "knowledgeBaseId", "agentId", "agentAliasId", "apiId", "apiStage", "apiMethod", "apiPath",
    "tracing", "pipelineLogging", "schedulerRole", "apiGatewayLogsRole", "logRetentionDays", "athenaResultsExpireAfterDays",
    "deletionProtection", "cloudTrail", "accessAnalyzer", "trailLogRetentionDays", "alarmActions",
];

/** Where each group of names is set in config, by the path `nameProblems` reports. */
const overrideKeys: Record<string, string> = { buckets: "bucketNames", functions: "functionNames", roles: "roleNames", names: "names" };

export function readEngagementConfig(section: Section, basics: StackBasics): EngagementConfig {
    section.allowOnly(settings);
    const prefix = section.string("prefix", defaultPrefix, prefixProblem);
    const overrides = readNameOverrides(section);
    checkDerivedNames(section, prefix, basics.environment, overrides);

    const functionAccess = readFunctionAccess(section.section("functionAccess"));
    const agentId = section.optionalString("agentId", bedrockIdProblem);
    const agentAliasId = section.optionalString("agentAliasId", bedrockIdProblem);
    if (agentAliasId !== undefined && agentId === undefined) {
        throw new ConfigError(`${section.key}.agentId`, undefined, "it is required with agentAliasId: an alias ARN names its agent");
    }
    const apiId = section.optionalString("apiId", apiIdProblem);
    const apiGatewayLogsRole = section.bool("apiGatewayLogsRole", false);
    if (apiGatewayLogsRole && apiId === undefined) {
        throw new ConfigError(`${section.key}.apiId`, undefined, "it is required with apiGatewayLogsRole: the role is scoped to that API's log groups");
    }

    return {
        enabled: section.bool("enabled", true),
        args: {
            environment: basics.environment,
            arns: basics.arns,
            region: section.optionalString("region", regionProblem),
            prefix,
            names: overrides,
            functionAccess,
            agentModelId: section.optionalString("agentModelId", modelIdProblem),
            knowledgeBaseId: section.optionalString("knowledgeBaseId", bedrockIdProblem),
            agentId,
            agentAliasId,
            apiId,
            apiStage: section.optionalString("apiStage", apiStageProblem),
            apiMethod: section.has("apiMethod") ? section.oneOf("apiMethod", httpMethods) : undefined,
            apiPath: section.optionalString("apiPath", apiPathProblem),
            tracing: section.bool("tracing", true),
            pipelineLogging: section.bool("pipelineLogging", true),
            schedulerRole: section.bool("schedulerRole", false),
            apiGatewayLogsRole,
            logRetentionDays: retention(section, "logRetentionDays"),
            athenaResultsExpireAfterDays: section.optionalInt("athenaResultsExpireAfterDays", 1, 3650),
            deletionProtection: section.has("deletionProtection") ? section.bool("deletionProtection", true) : undefined,
            cloudTrail: section.has("cloudTrail") ? section.bool("cloudTrail", false) : undefined,
            accessAnalyzer: section.has("accessAnalyzer") ? section.bool("accessAnalyzer", false) : undefined,
            trailLogRetentionDays: retention(section, "trailLogRetentionDays"),
            alarmActions: section.has("alarmActions") ? section.stringList("alarmActions", [], { check: snsTopicArnProblem }) : undefined,
        },
    };
}

/** Each override group refuses unknown keys and checks each name by its kind; a name set to null or "" is an error. */
function readNameOverrides(section: Section): NameOverrides {
    const read = <K extends string>(group: string, keys: readonly K[], check: (key: K) => Check): Partial<Record<K, string>> => {
        const s = section.section(group).allowOnly(keys);
        return Object.fromEntries(keys.filter((k) => s.has(k)).map((k) => [k, s.optionalString(k, check(k))])) as Partial<Record<K, string>>;
    };
    return {
        buckets: read("bucketNames", bucketKeys, () => bucketNameProblem),
        functions: read("functionNames", functionKeys, () => functionNameProblem),
        roles: read("roleNames", [...serviceRoleKeys, ...functionKeys], () => roleNameProblem),
        names: read("names", singleNameKeys, (k) => singleNameRules[k]),
    };
}

/**
 * A name derived from the prefix can break a rule no single override did (a long prefix makes a
 * 65-character role name): blame the prefix, and say which name to set instead.
 */
function checkDerivedNames(section: Section, prefix: string, environment: string, overrides: NameOverrides): void {
    const names = engagementNames(prefix, environment, overrides);
    const [first] = nameProblems(names);
    if (first) {
        const [group, key] = first.path.split(".");
        throw new ConfigError(`${section.key}.prefix`, prefix,
            `makes ${first.path} "${first.value}", which ${first.problem}; choose a shorter prefix or set ${section.key}.${overrideKeys[group]}.${key}`);
    }
    for (const [group, values] of [["bucketNames", Object.values(names.buckets)], ["roleNames", [...Object.values(names.roles), ...Object.values(names.lambdaRoles)]], ["functionNames", Object.values(names.functions)]] as const) {
        const duplicate = values.find((v, i) => values.indexOf(v) !== i);
        if (duplicate) throw new ConfigError(`${section.key}.${group}`, duplicate, "is used twice; every bucket, role and function needs its own name");
    }
}

function readFunctionAccess(section: Section): Partial<Record<FunctionKey, Partial<FunctionAccess>>> {
    section.allowOnly(functionKeys);
    const bucketKey: Check = (s) => ((functionBucketKeys as readonly string[]).includes(s) ? undefined : `is not a bucket a function may use; expected one of: ${functionBucketKeys.join(", ")}`);
    const overrides: Partial<Record<FunctionKey, Partial<FunctionAccess>>> = {};
    for (const fn of functionKeys) {
        if (!section.has(fn)) continue;
        const s = section.section(fn).allowOnly(["read", "readWrite", "athena", "glue"]);
        overrides[fn] = {
            read: s.has("read") ? (s.stringList("read", [], { check: bucketKey }) as FunctionBucketKey[]) : undefined,
            readWrite: s.has("readWrite") ? (s.stringList("readWrite", [], { check: bucketKey }) as FunctionBucketKey[]) : undefined,
            athena: s.has("athena") ? s.bool("athena", false) : undefined,
            glue: s.has("glue") ? s.oneOf("glue", glueAccessLevels) : undefined,
        };
    }
    const table = functionAccessTable(overrides);
    for (const fn of functionKeys) {
        if (table[fn].athena && table[fn].glue === "none") {
            throw new ConfigError(`${section.key}.${fn}.glue`, "none",
                "cannot go with athena: true; Athena reads table definitions from the Glue catalog with the caller's credentials (set glue to read or write)");
        }
    }
    return overrides;
}

function retention(section: Section, name: string): number | undefined {
    const days = section.optionalInt(name, 1, 3653);
    if (days !== undefined && !(logRetentionPeriods as readonly number[]).includes(days)) {
        throw new ConfigError(`${section.key}.${name}`, days, `is not a CloudWatch Logs retention period; expected one of: ${logRetentionPeriods.join(", ")}`);
    }
    return days;
}
