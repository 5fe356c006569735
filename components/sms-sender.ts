import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BudgetSettings, monthlyBudget } from "./billing/monthly-budget";
import { AppUser } from "./iam/app-user";
import { AppIdentityChoice, AppIdentityDefaults, appIdentity } from "./iam/app-identity";
import { Arns } from "./iam/arn";
import { PolicyDocument, allow, anyResource, conditions, policy, render } from "./iam/document";
import { requestedRegion, sourceIp, sourceVpce } from "./iam/conditions";
import { Grantee, attachManagedPolicy } from "./iam/grantee";
import { SenderId, originationArns, phoneNumberIdProblem } from "./sms/originations";
import { workloadTags } from "./tags";

/** Seed 004's "Required Actions": sending, and the two Describe calls the app discovers origins with. */
export const smsSendActions = ["sms-voice:SendTextMessage"] as const;
export const smsDescribeActions = ["sms-voice:DescribePhoneNumbers", "sms-voice:DescribeSenderIds"] as const;

/** Seed 004's example region list for the `aws:RequestedRegion` condition. */
export const seedSmsRegions = ["us-east-1", "eu-west-2"] as const;

/** Compute services the sender role may run on (seed 004 "Using IAM Roles (Recommended for EC2/ECS/EKS)"). */
export const smsComputeServices = ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com"] as const;

export interface SmsPolicyOptions {
    /** Regions the sender may call. Required, at least one. */
    readonly regions: readonly string[];
    /** Phone numbers it may send from. Default: none. */
    readonly phoneNumberIds?: readonly string[];
    /** Sender IDs it may send as. Default: none. */
    readonly senderIds?: readonly SenderId[];
    /** Only calls from these CIDR ranges (`aws:SourceIp`). Default: any. */
    readonly sourceIps?: readonly string[];
    /** Only calls through these VPC endpoints (`aws:SourceVpce`). Default: any. */
    readonly sourceVpcEndpoints?: readonly string[];
}

/**
 * `AWSEUMXMinimalPolicy`. With no origination identities configured it is seed 004's minimal
 * policy: the three actions on `*` under the region condition. With some, it is the seed's
 * production scoping: sending only from those phone numbers and sender IDs (their ARNs in each
 * region), while the Describe calls, which enumerate, stay on `*` under the region condition.
 * The seed's "Use condition keys" advice is optional: a source-IP or a VPC-endpoint condition
 * joins the region condition on every statement (one or the other: a call through a VPC
 * endpoint carries no public source IP, so both together would refuse every call).
 */
export function smsSenderPolicy(arns: Arns, options: SmsPolicyOptions): PolicyDocument {
    if (options.regions.length === 0) throw new Error("the SMS sender needs at least one region to send from");
    const phoneNumberIds = options.phoneNumberIds ?? [];
    for (const id of phoneNumberIds) {
        const problem = phoneNumberIdProblem(id);
        if (problem) throw new Error(`phone-number ID "${id}" ${problem}`);
    }
    const ips = options.sourceIps ?? [];
    const endpoints = options.sourceVpcEndpoints ?? [];
    if (ips.length > 0 && endpoints.length > 0) throw new Error("restrict the SMS sender by source IP or by VPC endpoint, not both: calls through a VPC endpoint carry no public source IP");
    const guard = conditions(
        requestedRegion(options.regions),
        ips.length > 0 ? sourceIp(ips) : undefined,
        endpoints.length > 0 ? sourceVpce(endpoints) : undefined,
    );
    const origins = originationArns(arns, options.regions, phoneNumberIds, options.senderIds ?? []);
    if (origins.length === 0) {
        return policy(allow("AWSEUMXMinimalAccess", [...smsSendActions, ...smsDescribeActions], anyResource, guard));
    }
    return policy(
        allow("SendFromConfiguredOriginationIdentities", smsSendActions, origins, guard),
        allow("DescribeOriginationIdentities", smsDescribeActions, anyResource, guard),
    );
}

/**
 * Seed 004's identity where the args choose none: the IAM user `aws-eum-x-sender`, or the role
 * `aws-eum-x-sender-{environment}` trusted by EC2 (the seed's example).
 */
export function smsIdentityDefaults(environment: string): AppIdentityDefaults {
    return {
        principal: "user",
        userName: "aws-eum-x-sender",
        roleName: `aws-eum-x-sender-${environment}`,
        trustedServices: ["ec2.amazonaws.com"],
        description: "AWS EUM X on EC2/ECS/EKS: send SMS through Pinpoint SMS and Voice v2",
    };
}

/** The sender's identity (`AppIdentityChoice`, defaults in `smsIdentityDefaults`) and seed 004's policy options. */
export interface SmsSenderArgs extends AppIdentityChoice {
    /** `dev`, `staging` or `prod`. Required. */
    readonly environment: string;
    /** ARN builders for the stack's partition and account. Required. */
    readonly arns: Arns;
    /** Regions the sender may call (`aws:RequestedRegion`). Default: `us-east-1`, `eu-west-2`. */
    readonly regions?: readonly string[];
    /** Phone numbers to send from, by ID (`phone-number-<32 hex>`). Default: none (any origination identity). */
    readonly phoneNumberIds?: readonly string[];
    /** Sender IDs to send as. Default: none (any origination identity). */
    readonly senderIds?: readonly SenderId[];
    /** Only calls from these CIDR ranges (seed 004 "Add IP restrictions"). Default: any. */
    readonly sourceIps?: readonly string[];
    /** Only calls through these VPC endpoints (seed 004 "VPC endpoint conditions"). Default: any. */
    readonly sourceVpcEndpoints?: readonly string[];
    /** Managed policy name. Default: `AWSEUMXMinimalPolicy`. */
    readonly policyName?: string;
    /**
     * Services trusted to assume the role, from `smsComputeServices`. EKS means Pod Identity
     * (`pods.eks.amazonaws.com`); IRSA would need the cluster's OIDC provider, which this
     * component does not manage.
     */
    readonly trustedServices?: readonly string[];
    /** A monthly cost budget with email alerts (seed 004 "Set up billing alerts"), named `aws-eum-x-sms-{environment}` unless set. Default: none. */
    readonly budget?: BudgetSettings;
}

/**
 * AWS EUM X SMS sender (seed 004): the sender identity, `AWSEUMXMinimalPolicy` attached to it,
 * tagged `Application=AWS-EUM-X`, and optionally a billing alert.
 *
 * Sending is authorized against every resource a request names: a request that also names a
 * configuration set, pool or protect configuration needs that ARN granted too, which the
 * scoped policy does not do.
 */
export class SmsSender extends pulumi.ComponentResource {
    readonly principal: Grantee;
    readonly policy: aws.iam.Policy;
    readonly policyJson: string;
    readonly regions: readonly string[];
    /** The role's trust policy, for `principal: role`. */
    readonly trustPolicy?: string;
    readonly accessKeyId?: pulumi.Output<string>;
    readonly secretAccessKey?: pulumi.Output<string>;
    readonly budgetName?: string;

    constructor(name: string, args: SmsSenderArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-workloads:sms:SmsSender", name, {}, opts);
        const env = args.environment;
        const arns = args.arns;
        const tags = workloadTags("aws-eum-x", env, { Application: "AWS-EUM-X" });
        const child = { parent: this };
        this.regions = [...(args.regions ?? seedSmsRegions)];

        this.policyJson = render(smsSenderPolicy(arns, {
            regions: this.regions, phoneNumberIds: args.phoneNumberIds, senderIds: args.senderIds,
            sourceIps: args.sourceIps, sourceVpcEndpoints: args.sourceVpcEndpoints,
        }));
        this.policy = new aws.iam.Policy(`${name}-policy`, {
            name: args.policyName ?? "AWSEUMXMinimalPolicy",
            description: "AWS EUM X: send SMS and discover origination identities (Pinpoint SMS and Voice v2)",
            policy: this.policyJson,
            tags,
        }, child);

        const defaults = smsIdentityDefaults(env);
        const unknown = (args.trustedServices ?? defaults.trustedServices).filter((s) => !(smsComputeServices as readonly string[]).includes(s));
        if (unknown.length > 0) throw new Error(`the SMS sender role trusts only ${smsComputeServices.join(", ")}; not ${unknown.join(", ")}`);
        const identity = appIdentity(`${name}-app`, args, defaults, { accountId: arns.scope.accountId, tags }, child);
        this.principal = identity;
        if (identity instanceof AppUser) {
            this.accessKeyId = identity.accessKeyId;
            this.secretAccessKey = identity.secretAccessKey;
        } else {
            this.trustPolicy = identity.trustPolicy;
        }
        attachManagedPolicy(`${name}-attach`, this.principal, this.policy.arn, child);

        if (args.budget) {
            this.budgetName = args.budget.name ?? `aws-eum-x-sms-${env}`;
            monthlyBudget(`${name}-budget`, { ...args.budget, budgetName: this.budgetName, accountId: arns.scope.accountId, tags }, child);
        }

        this.registerOutputs({
            principalArn: this.principal.arn, policyArn: this.policy.arn, policyJson: this.policyJson,
            regions: this.regions, trustPolicy: this.trustPolicy, budgetName: this.budgetName,
        });
    }
}
