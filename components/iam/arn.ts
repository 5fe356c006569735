/**
 * ARN builders for every service the seeds touch. Each ARN is built from config-derived
 * names and the configured partition, region and account, so policy documents are known at
 * preview (DESIGN.md rule 1). Formats follow the Service Authorization Reference.
 */

/** Where ARNs point: the partition, the region of regional resources, the account. */
export interface AwsScope {
    readonly partition: string;
    readonly region: string;
    readonly accountId: string;
}

/** The partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`, ...). */
export function partitionOf(region: string): string {
    const prefixes: [string, string][] = [
        ["cn-", "aws-cn"],
        ["us-gov-", "aws-us-gov"],
        ["us-isob-", "aws-iso-b"],
        ["us-isof-", "aws-iso-f"],
        ["us-iso-", "aws-iso"],
        ["eu-isoe-", "aws-iso-e"],
        ["eusc-", "aws-eusc"],
    ];
    return prefixes.find(([prefix]) => region.startsWith(prefix))?.[1] ?? "aws";
}

/** The scope for a region: its partition, that region, the account. */
export function scopeFor(accountId: string, region: string): AwsScope {
    return { partition: partitionOf(region), region, accountId };
}

/** Builds ARNs in one scope; `in(region)` gives the same builders in another region. */
export class Arns {
    constructor(readonly scope: AwsScope) {}

    /** The same account and partition, another region. */
    in(region: string): Arns {
        return new Arns({ ...this.scope, region });
    }

    private regional(service: string, resource: string): string {
        const { partition, region, accountId } = this.scope;
        return `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
    }

    private global(service: string, resource: string): string {
        return `arn:${this.scope.partition}:${service}::${this.scope.accountId}:${resource}`;
    }

    // S3 (bucket names are global: no region, no account)
    s3Bucket(bucket: string): string {
        return `arn:${this.scope.partition}:s3:::${bucket}`;
    }
    /** Objects under a key pattern of one bucket (default: every key). */
    s3Objects(bucket: string, keyPattern = "*"): string {
        return `${this.s3Bucket(bucket)}/${keyPattern}`;
    }

    // Bedrock
    /** Foundation models are AWS-owned: the account field is empty. `modelId` may end in `*`. */
    bedrockFoundationModel(modelId: string): string {
        return `arn:${this.scope.partition}:bedrock:${this.scope.region}::foundation-model/${modelId}`;
    }
    bedrockInferenceProfile(profileId: string): string {
        return this.regional("bedrock", `inference-profile/${profileId}`);
    }
    bedrockAgent(agentId: string): string {
        return this.regional("bedrock", `agent/${agentId}`);
    }
    bedrockAgentAlias(agentId: string, aliasId = "*"): string {
        return this.regional("bedrock", `agent-alias/${agentId}/${aliasId}`);
    }
    bedrockKnowledgeBase(knowledgeBaseId: string): string {
        return this.regional("bedrock", `knowledge-base/${knowledgeBaseId}`);
    }

    // DynamoDB
    dynamodbTable(table: string): string {
        return this.regional("dynamodb", `table/${table}`);
    }
    dynamodbIndexes(table: string): string {
        return this.regional("dynamodb", `table/${table}/index/*`);
    }

    // Lambda
    lambdaFunction(name: string): string {
        return this.regional("lambda", `function:${name}`);
    }

    // CloudWatch Logs
    logGroup(name: string): string {
        return this.regional("logs", `log-group:${name}`);
    }
    /** The streams of one log group: what CreateLogStream and PutLogEvents act on. */
    logStreams(name: string): string {
        return this.regional("logs", `log-group:${name}:log-stream:*`);
    }

    // Athena and Glue
    athenaWorkgroup(name: string): string {
        return this.regional("athena", `workgroup/${name}`);
    }
    glueCatalog(): string {
        return this.regional("glue", "catalog");
    }
    glueDatabase(database: string): string {
        return this.regional("glue", `database/${database}`);
    }
    /** Tables of one database (default: every table in it). */
    glueTable(database: string, table = "*"): string {
        return this.regional("glue", `table/${database}/${table}`);
    }

    // Pinpoint SMS and Voice v2
    smsPhoneNumber(phoneNumberId: string): string {
        return this.regional("sms-voice", `phone-number/${phoneNumberId}`);
    }
    /** A sender ID is registered per country: `sender-id/<SenderId>/<IsoCountryCode>`. */
    smsSenderId(senderId: string, isoCountryCode = "*"): string {
        return this.regional("sms-voice", `sender-id/${senderId}/${isoCountryCode}`);
    }

    // Secrets Manager: AWS appends `-XXXXXX` to every secret name, so a name needs a suffix pattern.
    secret(name: string): string {
        return this.regional("secretsmanager", `secret:${name}-??????`);
    }
    /** Every secret under a path such as `engagement/prod/`. */
    secretsUnder(pathPrefix: string): string {
        return this.regional("secretsmanager", `secret:${pathPrefix}*`);
    }

    // ECR, ECS, Step Functions, EventBridge, SNS, API Gateway, Textract
    ecrRepository(name: string): string {
        return this.regional("ecr", `repository/${name}`);
    }
    ecsCluster(name: string): string {
        return this.regional("ecs", `cluster/${name}`);
    }
    /** Every revision of one task definition family. */
    ecsTaskDefinition(family: string, revision = "*"): string {
        return this.regional("ecs", `task-definition/${family}:${revision}`);
    }
    /** Tasks running in one cluster. */
    ecsTasks(cluster: string): string {
        return this.regional("ecs", `task/${cluster}/*`);
    }
    /** Any ECS resource of this account and region: the `aws:SourceArn` AWS documents for task role trust. */
    ecsResources(): string {
        return this.regional("ecs", "*");
    }
    stateMachine(name: string): string {
        return this.regional("states", `stateMachine:${name}`);
    }
    stateMachineExecutions(name: string): string {
        return this.regional("states", `execution:${name}:*`);
    }
    eventsRule(name: string): string {
        return this.regional("events", `rule/${name}`);
    }
    cloudtrailTrail(name: string): string {
        return this.regional("cloudtrail", `trail/${name}`);
    }
    snsTopic(name: string): string {
        return this.regional("sns", name);
    }
    /** `execute-api` ARN of an API's methods: `<apiId>/<stage>/<method>/<path>`. */
    apiExecute(apiId: string, stage = "*", method = "*", path = "*"): string {
        return this.regional("execute-api", `${apiId}/${stage}/${method}/${path}`);
    }
    /** Textract's adapter ARNs keep the API path's leading slash: `...:/adapters/<AdapterId>`. */
    textractAdapter(adapterId: string): string {
        return this.regional("textract", `/adapters/${adapterId}`);
    }
    /** Versions of one adapter (default: every version): `.../adapters/<AdapterId>/versions/<AdapterVersion>`. */
    textractAdapterVersions(adapterId: string, version = "*"): string {
        return `${this.textractAdapter(adapterId)}/versions/${version}`;
    }
    /** Every adapter and version of any account and region of the partition: for Deny statements only. */
    textractAnyAdapter(): string {
        return `arn:${this.scope.partition}:textract:*:*:/adapters/*`;
    }
    scheduleGroup(group = "default"): string {
        return this.regional("scheduler", `schedule/${group}/*`);
    }
    kmsKey(keyId: string): string {
        return this.regional("kms", `key/${keyId}`);
    }

    // IAM (global: no region)
    iamRole(name: string, path = "/"): string {
        return this.global("iam", `role${path}${name}`);
    }
    iamUser(name: string, path = "/"): string {
        return this.global("iam", `user${path}${name}`);
    }
    iamPolicy(name: string, path = "/"): string {
        return this.global("iam", `policy${path}${name}`);
    }
    /** The account root, as a principal. */
    accountRoot(): string {
        return this.global("iam", "root");
    }
}
