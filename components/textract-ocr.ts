import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AppUser } from "./iam/app-user";
import { Arns } from "./iam/arn";
import { PolicyDocument, allow, anyResource, policy, render } from "./iam/document";
import { Grantee, attachManagedPolicy } from "./iam/grantee";
import { AppIdentityChoice, AppIdentityDefaults, appIdentity } from "./iam/app-identity";
import { HardenedBucket } from "./storage/hardened-bucket";
import { workloadTags } from "./tags";
import { TextractNotificationChannel } from "./textract/notification-channel";
import { passNotificationRole, viewOwnPermissions } from "./textract/access";
import { AdapterAccess, adapterInference, adapterManagement } from "./textract/adapters";

/** Documents below this size go to the synchronous API, others through S3 (seed 000). */
export const syncMaxBytes = 5 * 1024 * 1024;

/** The three Textract actions seed 000's policy grants: sync analysis and the async pair. */
export const ocrTextractActions = ["textract:AnalyzeDocument", "textract:StartDocumentAnalysis", "textract:GetDocumentAnalysis"] as const;

/**
 * Seed 000's identity where the args choose none: in dev the IAM user
 * `meddocparser-dev-textract`, elsewhere the role `meddocparser-ocr-{environment}` trusted by EC2
 * and ECS tasks.
 */
export function ocrIdentityDefaults(environment: string): AppIdentityDefaults {
    return {
        principal: environment === "dev" ? "user" : "role",
        userName: "meddocparser-dev-textract",
        roleName: `meddocparser-ocr-${environment}`,
        trustedServices: ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"],
        description: "MedDocParser OCR on EC2/ECS: Textract and the OCR temp bucket",
    };
}

/** Who runs the OCR (`AppIdentityChoice`, defaults in `ocrIdentityDefaults`) and seed 000's options. */
export interface TextractOcrArgs extends AppIdentityChoice {
    /** `dev`, `staging` or `prod`. Required. */
    readonly environment: string;
    /** ARN builders for the stack's partition, region and account. Required. */
    readonly arns: Arns;
    /** Temp bucket. Default: `meddocparser-ocr-temp-{environment}`. */
    readonly bucketName?: string;
    /** Temp files expire after this many days. Default: 1. */
    readonly expireAfterDays?: number;
    /** Managed policy name. Default: `MeddocparserTextractOCRPolicy`. */
    readonly policyName?: string;
    /** Also give the user seed 002's "view your own permissions" policy. Default: false. */
    readonly viewOwnPermissions?: boolean;
    /** An SNS channel for async job completion (seed 002). Default: none (the app polls). */
    readonly notificationTopicName?: string;
    /** Region of the bucket and Textract calls. Default: the ARN builders' region. */
    readonly region?: string;
    /** Which Textract adapters the analysis may use (seed 002; see `AdapterAccess`). Default: `none`. */
    readonly adapters?: AdapterAccess;
    /**
     * Also manage adapters and their versions (seed 002), in a second managed policy
     * `{policyName}AdapterManagement`: needs `adapters` with `ids` or `tag` (the adapters managed)
     * and `trainingDataBucket`. Default: false.
     */
    readonly adapterManagement?: boolean;
    /** The bucket CreateAdapterVersion reads training data from and writes output to. Required with `adapterManagement`. */
    readonly trainingDataBucket?: string;
    /** The KMS key (key ARN) encrypting the training data. Default: none (SSE-S3 data needs no key grant). */
    readonly trainingDataKmsKeyArn?: string;
    /** Key prefix of CreateAdapterVersion's output in the training bucket. Default: `adapter-output/`. */
    readonly trainingOutputPrefix?: string;
}

/** The settings the MedDocParser app reads from its environment (seed 000). */
export interface OcrAppSettings {
    readonly OCR_S3_BUCKET: string;
    readonly AWS_DEFAULT_REGION: string;
    readonly OCR_SYNC_MAX_BYTES: number;
}

/** Seed 000's environment-specific restrictive policy, for one bucket. */
export function ocrPolicy(arns: Arns, bucketName: string): PolicyDocument {
    return policy(
        allow("TextractDocumentAnalysis", ocrTextractActions, anyResource),
        allow("S3OCRBucketObjectAccess", ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], arns.s3Objects(bucketName)),
        allow("S3OCRBucketListAccess", ["s3:ListBucket"], arns.s3Bucket(bucketName)),
    );
}

/** What adapter management acts on: the adapters `adapters` names, and the training bucket; refuses anything less. */
function managedAdapters(name: string, adapters: AdapterAccess, trainingDataBucket: string | undefined) {
    if (adapters === "none" || adapters === "deny") {
        throw new Error(`TextractOcr ${name}: adapterManagement needs adapters with ids or a tag to name the adapters it manages`);
    }
    if (trainingDataBucket === undefined) {
        throw new Error(`TextractOcr ${name}: adapterManagement needs trainingDataBucket (CreateAdapterVersion reads its training data there)`);
    }
    return { access: adapters, bucket: trainingDataBucket };
}

/** MedDocParser OCR (seed 000): Textract plus a temp bucket, least privilege per environment. */
export class TextractOcr extends pulumi.ComponentResource {
    readonly bucket: HardenedBucket;
    readonly principal: Grantee;
    readonly policy: aws.iam.Policy;
    readonly policyJson: string;
    /** The adapter management policy, when `adapterManagement` is on. */
    readonly adapterManagementPolicyJson?: string;
    readonly appSettings: OcrAppSettings;
    readonly accessKeyId?: pulumi.Output<string>;
    readonly secretAccessKey?: pulumi.Output<string>;

    constructor(name: string, args: TextractOcrArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-workloads:ocr:TextractOcr", name, {}, opts);
        const env = args.environment;
        const region = args.region ?? args.arns.scope.region;
        const arns = args.arns.in(region);
        const tags = workloadTags("meddocparser-ocr", env);
        const bucketName = args.bucketName ?? `meddocparser-ocr-temp-${env}`;
        const child = { parent: this };

        this.bucket = new HardenedBucket(`${name}-temp`, {
            bucketName, arns, region, expireAfterDays: args.expireAfterDays ?? 1, tags,
        }, child);

        const channel = args.notificationTopicName === undefined ? undefined
            : new TextractNotificationChannel(`${name}-notify`, {
                topicName: args.notificationTopicName, roleName: `meddocparser-textract-sns-${env}`, arns, region, tags,
            }, child);
        const adapters = args.adapters ?? "none";
        const managed = (args.adapterManagement ?? false) ? managedAdapters(name, adapters, args.trainingDataBucket) : undefined;
        const document = policy(
            ...ocrPolicy(arns, bucketName).Statement,
            ...adapterInference(arns, adapters),
            ...(channel ? [passNotificationRole(channel.roleArn)] : []),
        );
        const policyName = args.policyName ?? "MeddocparserTextractOCRPolicy";
        this.policyJson = render(document);
        this.policy = new aws.iam.Policy(`${name}-policy`, {
            name: policyName,
            description: "Grants Textract OCR and S3 temp bucket access for medical document processing",
            policy: this.policyJson,
            tags,
        }, child);

        const identity = appIdentity(`${name}-app`, args, ocrIdentityDefaults(env), { accountId: arns.scope.accountId, tags }, child);
        this.principal = identity;
        if (identity instanceof AppUser) {
            const user = identity;
            this.accessKeyId = user.accessKeyId;
            this.secretAccessKey = user.secretAccessKey;
            if (args.viewOwnPermissions ?? false) {
                const view = new aws.iam.Policy(`${name}-view-own`, {
                    name: `${args.policyName ?? "MeddocparserTextractOCRPolicy"}ViewOwnPermissions`,
                    description: "Lets the user view their own IAM permissions (AWS Textract IAM guide)",
                    policy: render(viewOwnPermissions(arns)),
                    tags,
                }, child);
                attachManagedPolicy(`${name}-view-own`, user, view.arn, child);
            }
        }
        attachManagedPolicy(`${name}-attach`, this.principal, this.policy.arn, child);
        if (managed) {
            this.adapterManagementPolicyJson = render(adapterManagement(arns, managed.access, {
                bucket: managed.bucket,
                outputPrefix: args.trainingOutputPrefix ?? "adapter-output/",
                kmsKeyArn: args.trainingDataKmsKeyArn,
            }));
            const manage = new aws.iam.Policy(`${name}-adapters`, {
                name: `${policyName}AdapterManagement`,
                description: "Manages Textract adapters and versions, with read of their training data (AWS Textract IAM guide)",
                policy: this.adapterManagementPolicyJson,
                tags,
            }, child);
            attachManagedPolicy(`${name}-adapters`, this.principal, manage.arn, child);
        }

        this.appSettings = { OCR_S3_BUCKET: bucketName, AWS_DEFAULT_REGION: region, OCR_SYNC_MAX_BYTES: syncMaxBytes };
        this.registerOutputs({
            bucketName, bucketArn: this.bucket.bucketArn, principalArn: this.principal.arn,
            policyArn: this.policy.arn, policyJson: this.policyJson, appSettings: this.appSettings,
            adapterManagementPolicyJson: this.adapterManagementPolicyJson,
        });
    }
}
