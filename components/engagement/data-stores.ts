import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Arns } from "../iam/arn";
import { HardenedBucket } from "../storage/hardened-bucket";
import { Tags } from "../tags";
import { BucketKey, EngagementNames, functionKeys } from "./names";

/** CloudWatch Logs accepts only these retention periods (days). */
export const logRetentionPeriods = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The data buckets this component creates (the CloudTrail bucket belongs to the hardening). */
export const dataBucketKeys: readonly BucketKey[] = ["raw", "processed", "features", "models", "results", "athenaResults", "knowledgeBase", "vectorStore"];

/** The key that predict's cache table is read and written by. */
export const predictionCacheKey = "pk";
/** Items carrying this epoch-seconds attribute expire (DynamoDB TTL). */
export const predictionCacheTtlAttribute = "expiresAt";

export interface DataStoresArgs {
    /** Every physical name. Required. */
    readonly names: EngagementNames;
    /** ARN builders for the stack's partition, region and account. Required. */
    readonly arns: Arns;
    /** Region of every store. Default: the ARN builders' region. */
    readonly region?: string;
    /** Retention of every log group, in days (a CloudWatch Logs period). Default: 30. */
    readonly logRetentionDays?: number;
    /** Athena query results expire after this many days. Default: 30. */
    readonly athenaResultsExpireAfterDays?: number;
    /** DynamoDB deletion protection on the prediction cache. Default: true. */
    readonly deletionProtection?: boolean;
    /** Tags for every taggable store. Default: none. */
    readonly tags?: Tags;
}

/**
 * The stores seed 003's policies scope to: hardened buckets, the Athena workgroup (results in
 * its bucket, settings enforced), the Glue database, predict's DynamoDB cache, one log group per
 * function, task, pipeline and API access log, and the two ECR repositories.
 */
export class EngagementDataStores extends pulumi.ComponentResource {
    readonly buckets: Readonly<Partial<Record<BucketKey, HardenedBucket>>>;
    readonly workgroup: aws.athena.Workgroup;
    readonly database: aws.glue.CatalogDatabase;
    readonly predictionTable: aws.dynamodb.Table;
    readonly logGroups: readonly aws.cloudwatch.LogGroup[];
    readonly repositories: readonly aws.ecr.Repository[];

    constructor(name: string, args: DataStoresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-workloads:engagement:DataStores", name, {}, opts);
        const { names, arns, tags } = args;
        const region = args.region ?? arns.scope.region;
        const child = { parent: this };

        this.buckets = Object.fromEntries(dataBucketKeys.map((key) => [key, new HardenedBucket(`${name}-${key}`, {
            bucketName: names.buckets[key],
            arns,
            region,
            // Query results are scratch: expire them; everything else keeps versions.
            ...(key === "athenaResults"
                ? { expireAfterDays: args.athenaResultsExpireAfterDays ?? 30 }
                : { versioning: true }),
            tags,
        }, child)]));

        this.workgroup = new aws.athena.Workgroup(`${name}-workgroup`, {
            name: names.athenaWorkgroup,
            region,
            description: "Customer Engagement Prediction Platform queries; results in the project's Athena results bucket",
            state: "ENABLED",
            configuration: {
                enforceWorkgroupConfiguration: true,
                publishCloudwatchMetricsEnabled: true,
                resultConfiguration: {
                    outputLocation: `s3://${names.buckets.athenaResults}/`,
                    expectedBucketOwner: arns.scope.accountId,
                    encryptionConfiguration: { encryptionOption: "SSE_S3" },
                },
            },
            tags,
        }, child);

        this.database = new aws.glue.CatalogDatabase(`${name}-database`, {
            name: names.glueDatabase,
            catalogId: arns.scope.accountId,
            region,
            description: "Customer Engagement Prediction Platform tables",
            tags,
        }, child);

        this.predictionTable = new aws.dynamodb.Table(`${name}-prediction-cache`, {
            name: names.predictionTable,
            region,
            billingMode: "PAY_PER_REQUEST",
            hashKey: predictionCacheKey,
            attributes: [{ name: predictionCacheKey, type: "S" }],
            ttl: { attributeName: predictionCacheTtlAttribute, enabled: true },
            pointInTimeRecovery: { enabled: true },
            serverSideEncryption: { enabled: true },
            deletionProtectionEnabled: args.deletionProtection ?? true,
            tags,
        }, child);

        const logGroups: [string, string][] = [
            ...functionKeys.map((f): [string, string] => [`fn-${f.replace(/_/g, "-")}`, names.functionLogGroups[f]]),
            ["task-training", names.taskLogGroups.training],
            ["task-inference", names.taskLogGroups.inference],
            ["pipeline", names.pipelineLogGroup],
            ["api-access", names.apiAccessLogGroup],
        ];
        this.logGroups = logGroups.map(([suffix, groupName]) => new aws.cloudwatch.LogGroup(`${name}-logs-${suffix}`, {
            name: groupName, region, retentionInDays: args.logRetentionDays ?? 30, tags,
        }, child));

        this.repositories = (["training", "inference"] as const).map((kind) => new aws.ecr.Repository(`${name}-repo-${kind}`, {
            name: names.repositories[kind],
            region,
            imageTagMutability: "IMMUTABLE",
            imageScanningConfiguration: { scanOnPush: true },
            encryptionConfigurations: [{ encryptionType: "AES256" }],
            tags,
        }, child));

        this.registerOutputs({
            bucketNames: Object.fromEntries(dataBucketKeys.map((k) => [k, names.buckets[k]])),
            workgroup: names.athenaWorkgroup,
            database: names.glueDatabase,
            predictionTable: names.predictionTable,
        });
    }
}
