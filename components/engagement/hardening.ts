/**
 * Seed 003's "Production Hardening": CloudTrail for the account's management events (every IAM
 * API call included) into a hardened bucket, monitoring for unauthorized calls (the trail in
 * CloudWatch Logs, a metric filter, an alarm), and an IAM Access Analyzer for the account.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Arns } from "../iam/arn";
import { Condition, PolicyDocument, Statement, policy } from "../iam/document";
import { putInlinePolicy } from "../iam/grantee";
import { ServiceRole } from "../iam/service-role";
import { TrustArgs } from "../iam/trust";
import { HardenedBucket } from "../storage/hardened-bucket";
import { Tags } from "../tags";
import { EngagementNames } from "./names";
import { writeOwnLogs } from "./statements";

export const cloudTrailService = "cloudtrail.amazonaws.com";

/**
 * AWS's bucket policy for one trail's log delivery: the ACL check on the bucket and writes under
 * `AWSLogs/<account>/`, both only for this trail (`aws:SourceArn`), objects owned by the bucket owner.
 */
export function cloudTrailBucketGrants(arns: Arns, bucket: string, trail: string): Statement[] {
    const trailArn = arns.cloudtrailTrail(trail);
    return [
        cloudTrailGrant("AWSCloudTrailAclCheck", "s3:GetBucketAcl", arns.s3Bucket(bucket), { StringEquals: { "aws:SourceArn": trailArn } }),
        cloudTrailGrant("AWSCloudTrailWrite", "s3:PutObject", arns.s3Objects(bucket, `AWSLogs/${arns.scope.accountId}/*`), {
            StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn },
        }),
    ];
}

function cloudTrailGrant(sid: string, action: string, resource: string, condition: Condition): Statement {
    return { Sid: sid, Effect: "Allow", Principal: { Service: cloudTrailService }, Action: [action], Resource: resource, Condition: condition };
}

/** CloudTrail writes the trail's events into its own log group, nothing else. */
export function cloudTrailLogsPolicy(arns: Arns, names: EngagementNames): PolicyDocument {
    return policy(...writeOwnLogs(arns, [names.trailLogGroup]));
}

/** CloudTrail assumes the role only for this trail. */
export function cloudTrailLogsTrust(arns: Arns, names: EngagementNames): TrustArgs {
    return { services: [cloudTrailService], accountId: arns.scope.accountId, sourceArns: [arns.cloudtrailTrail(names.trail)] };
}

/** Unauthorized API calls (CIS AWS Foundations, "unauthorized API calls" metric filter). */
export const unauthorizedCallsPattern =
    '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }';
export const unauthorizedCallsMetric = "UnauthorizedApiCalls";

export interface HardeningArgs {
    readonly names: EngagementNames;
    readonly arns: Arns;
    /** Region of the trail's home, the log group, the analyzer. Default: the ARN builders' region. */
    readonly region?: string;
    /** A multi-region trail of management events, its bucket, log group and unauthorized-call alarm. Default: false. */
    readonly cloudTrail?: boolean;
    /** An ACCOUNT Access Analyzer. Default: false. */
    readonly accessAnalyzer?: boolean;
    /** Retention of the trail's log group, in days. Default: 365. */
    readonly trailLogRetentionDays?: number;
    /** Where the unauthorized-call alarm notifies (SNS topic ARNs). Default: none (the alarm shows in the console). */
    readonly alarmActions?: readonly string[];
    readonly tags?: Tags;
}

export class AccountHardening extends pulumi.ComponentResource {
    readonly trailArn?: string;
    readonly trailBucket?: HardenedBucket;
    readonly logsRole?: ServiceRole;
    readonly analyzerName?: string;

    constructor(name: string, args: HardeningArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-workloads:engagement:AccountHardening", name, {}, opts);
        const { names, arns, tags } = args;
        const region = args.region ?? arns.scope.region;
        const child = { parent: this };

        if (args.cloudTrail ?? false) {
            this.trailArn = arns.cloudtrailTrail(names.trail);
            this.trailBucket = new HardenedBucket(`${name}-trail-bucket`, {
                bucketName: names.buckets.cloudTrail,
                arns,
                region,
                versioning: true,
                policyGrants: cloudTrailBucketGrants(arns, names.buckets.cloudTrail, names.trail),
                tags,
            }, child);
            const logGroup = new aws.cloudwatch.LogGroup(`${name}-trail-logs`, {
                name: names.trailLogGroup, region, retentionInDays: args.trailLogRetentionDays ?? 365, tags,
            }, child);
            this.logsRole = new ServiceRole(`${name}-trail-logs`, {
                roleName: names.roles.cloudTrailLogs,
                ...cloudTrailLogsTrust(arns, names),
                description: "Assumed by CloudTrail to write this trail's events to its log group",
                tags,
            }, child);
            const logsPolicy = putInlinePolicy(`${name}-trail-logs-policy`, this.logsRole, "CloudTrailWriteOwnLogGroup",
                cloudTrailLogsPolicy(arns, names), { ...child, dependsOn: [this.logsRole] });
            new aws.cloudtrail.Trail(`${name}-trail`, {
                name: names.trail,
                region,
                s3BucketName: names.buckets.cloudTrail,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                enableLogging: true,
                eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
                cloudWatchLogsGroupArn: `${arns.logGroup(names.trailLogGroup)}:*`,
                cloudWatchLogsRoleArn: arns.iamRole(names.roles.cloudTrailLogs),
                tags,
            }, { ...child, dependsOn: [this.trailBucket, logGroup, logsPolicy] });

            const namespace = `${names.prefix}/${names.environment}/security`;
            new aws.cloudwatch.LogMetricFilter(`${name}-unauthorized-calls`, {
                name: `${names.trail}-unauthorized-api-calls`,
                region,
                logGroupName: names.trailLogGroup,
                pattern: unauthorizedCallsPattern,
                metricTransformation: { name: unauthorizedCallsMetric, namespace, value: "1" },
            }, { ...child, dependsOn: [logGroup] });
            new aws.cloudwatch.MetricAlarm(`${name}-unauthorized-calls`, {
                name: `${names.trail}-unauthorized-api-calls`,
                region,
                alarmDescription: "Unauthorized or access-denied API calls in the account (CloudTrail)",
                namespace,
                metricName: unauthorizedCallsMetric,
                statistic: "Sum",
                period: 300,
                evaluationPeriods: 1,
                threshold: 1,
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                treatMissingData: "notBreaching",
                alarmActions: args.alarmActions ? [...args.alarmActions] : [],
                tags,
            }, child);
        }

        if (args.accessAnalyzer ?? false) {
            this.analyzerName = names.analyzer;
            new aws.accessanalyzer.Analyzer(`${name}-analyzer`, { analyzerName: names.analyzer, type: "ACCOUNT", region, tags }, child);
        }

        this.registerOutputs({
            trailArn: this.trailArn,
            trailBucketPolicy: this.trailBucket ? this.trailBucket.policyJson : undefined,
            analyzerName: this.analyzerName,
        });
    }
}
