import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Arns } from "../iam/arn";
import { render } from "../iam/document";
import { ServiceRole } from "../iam/service-role";
import { putInlinePolicy } from "../iam/grantee";
import { Tags } from "../tags";
import { notificationPublish, textractService } from "./access";

export interface NotificationChannelArgs {
    /** SNS topic Textract publishes job completion to. Required. */
    readonly topicName: string;
    /** Name of the role Textract assumes to publish. Required. */
    readonly roleName: string;
    readonly arns: Arns;
    /** Region of the topic. Default: the provider's region. */
    readonly region?: string;
    readonly tags?: Tags;
}

/**
 * Seed 002's async notification channel: an SNS topic and the service role Textract assumes to
 * publish to it, trusted only for this account's Textract jobs (confused-deputy guard).
 */
export class TextractNotificationChannel extends pulumi.ComponentResource {
    readonly topicArn: string;
    readonly role: ServiceRole;
    /** Known at preview: what callers pass with `iam:PassRole`. */
    readonly roleArn: string;

    constructor(name: string, args: NotificationChannelArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-workloads:textract:NotificationChannel", name, {}, opts);
        const { arns } = args;
        this.topicArn = arns.snsTopic(args.topicName);
        this.roleArn = arns.iamRole(args.roleName);
        new aws.sns.Topic(`${name}-topic`, { name: args.topicName, region: args.region, tags: args.tags }, { parent: this });
        this.role = new ServiceRole(`${name}-textract`, {
            roleName: args.roleName,
            services: [textractService],
            accountId: arns.scope.accountId,
            sourceArns: [`arn:${arns.scope.partition}:textract:*:${arns.scope.accountId}:*`],
            description: "Assumed by Textract to publish async job status to one SNS topic",
            tags: args.tags,
        }, { parent: this });
        putInlinePolicy(`${name}-publish`, this.role, "TextractPublishJobStatus", notificationPublish(this.topicArn), { parent: this });
        this.registerOutputs({ topicArn: this.topicArn, roleArn: this.roleArn, publishPolicy: render(notificationPublish(this.topicArn)) });
    }
}
