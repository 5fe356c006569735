import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Arns } from "../iam/arn";
import { Statement, render } from "../iam/document";
import { Tags } from "../tags";
import { bucketPolicy } from "./bucket-policy";

export interface HardenedBucketArgs {
    /** Physical bucket name, globally unique. Required. */
    readonly bucketName: string;
    /** ARN builders for the bucket's partition and account. Required. */
    readonly arns: Arns;
    /** Region of the bucket. Default: the provider's region. */
    readonly region?: string;
    /** A KMS key ARN for SSE-KMS. Default: SSE-S3 (AES256). */
    readonly kmsKeyArn?: string;
    /** Keep object versions. Default: false. */
    readonly versioning?: boolean;
    /** Expire objects this many days after creation. Default: never. */
    readonly expireAfterDays?: number;
    /** Abort incomplete multipart uploads after this many days. Default: 1. */
    readonly abortIncompleteUploadsAfterDays?: number;
    /** Statements added after the TLS-only one, e.g. a service's log delivery. Default: none. */
    readonly policyGrants?: readonly Statement[];
    /** Tags for the bucket. Default: none. */
    readonly tags?: Tags;
}

/**
 * An S3 bucket with encryption, all four public-access blocks, `BucketOwnerEnforced`,
 * a TLS-only bucket policy, optional versioning and lifecycle rules (aws v7 resources).
 */
export class HardenedBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly bucketName: string;
    /** Known at preview: built from the configured name. */
    readonly bucketArn: string;
    /** The rendered bucket policy. */
    readonly policyJson: string;

    constructor(name: string, args: HardenedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-workloads:storage:HardenedBucket", name, {}, opts);
        const region = args.region;
        this.bucketName = args.bucketName;
        this.bucketArn = args.arns.s3Bucket(args.bucketName);
        this.policyJson = render(bucketPolicy(args.arns, args.bucketName, args.policyGrants));
        const child = { parent: this };

        this.bucket = new aws.s3.Bucket(name, { bucket: args.bucketName, region, tags: args.tags }, child);
        const bucket = this.bucket.id;

        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
            bucket, region,
            rules: [{
                applyServerSideEncryptionByDefault: args.kmsKeyArn
                    ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }
                    : { sseAlgorithm: "AES256" },
                bucketKeyEnabled: args.kmsKeyArn !== undefined,
            }],
        }, child);
        const publicAccess = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, {
            bucket, region,
            blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        }, child);
        new aws.s3.BucketOwnershipControls(`${name}-ownership`, {
            bucket, region, rule: { objectOwnership: "BucketOwnerEnforced" },
        }, child);
        new aws.s3.BucketPolicy(`${name}-policy`, { bucket, region, policy: this.policyJson }, { ...child, dependsOn: [publicAccess] });
        if (args.versioning ?? false) {
            new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, region, versioningConfiguration: { status: "Enabled" } }, child);
        }
        new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
            bucket, region,
            rules: [
                { id: "abort-incomplete-multipart-uploads", status: "Enabled", filter: {},
                  abortIncompleteMultipartUpload: { daysAfterInitiation: args.abortIncompleteUploadsAfterDays ?? 1 } },
                ...(args.expireAfterDays !== undefined
                    ? [{ id: `expire-after-${args.expireAfterDays}-days`, status: "Enabled", filter: {}, expiration: { days: args.expireAfterDays } }]
                    : []),
            ],
        }, child);
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn, policyJson: this.policyJson });
    }
}
