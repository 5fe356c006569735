import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BudgetSettings, monthlyBudget } from "./billing/monthly-budget";
import { AppUser } from "./iam/app-user";
import { AppIdentityChoice, AppIdentityDefaults, appIdentity } from "./iam/app-identity";
import { Arns } from "./iam/arn";
import { PolicyDocument, allow, policy, render } from "./iam/document";
import { requestedRegion } from "./iam/conditions";
import { Grantee, attachManagedPolicy, putInlinePolicy } from "./iam/grantee";
import { workloadTags } from "./tags";

/** The model seed 001's Option 1 pins: Claude 3 Haiku, one version. */
export const claude3HaikuModelId = "anthropic.claude-3-haiku-20240307-v1:0";

/** Seed 001's region for every option and the recommended policy's condition. */
export const seedBedrockRegion = "us-east-2";

/** The one action the app needs ("This is the ONLY permission required"). */
export const invokeModel = "bedrock:InvokeModel";
/** In the seed's "NOT NEEDED" list; granted only when the app streams responses. */
export const invokeModelWithResponseStream = "bedrock:InvokeModelWithResponseStream";

/** Seed 001's four options, by the name stack config uses. */
export const bedrockScopes = ["exact", "family", "claude", "all"] as const;
export type BedrockScope = (typeof bedrockScopes)[number];

interface ScopeOption {
    /** The seed's statement Sid for this option. */
    readonly sid: string;
    /** The foundation-model id (or pattern) the option grants. */
    readonly model: (modelId: string) => string;
    /** The managed policy's description (Method 2). */
    readonly description: (region: string) => string;
}

/** What each option grants, as seed 001 prints it. */
export const scopeOptions: Readonly<Record<BedrockScope, ScopeOption>> = {
    /** Option 1, "Minimal Policy (Most Secure)": one model version. */
    exact: { sid: "AllowClaudeHaikuInvoke", model: (id) => id, description: (r) => `Allow invoking Claude 3 Haiku model in ${r}` },
    /** Option 2, "Allow All Claude 3 Haiku Versions": the seed's recommended choice. */
    family: { sid: "AllowClaudeHaikuInvoke", model: () => "anthropic.claude-3-haiku-*", description: (r) => `Allow invoking Claude 3 Haiku model in ${r}` },
    /** Option 3, "Allow All Claude Models (Less Restrictive)". */
    claude: { sid: "AllowAllClaudeModels", model: () => "anthropic.claude-*", description: (r) => `Allow invoking Claude models in ${r}` },
    /** Option 4, "Allow All Bedrock Models (NOT Recommended)": development/testing only. */
    all: { sid: "AllowAllBedrockModels", model: () => "*", description: (r) => `Allow invoking any Bedrock foundation model in ${r} (development/testing only)` },
};

export interface BedrockPolicyOptions {
    /** Which of the seed's options. */
    readonly scope: BedrockScope;
    /** The model `exact` grants. Default: `anthropic.claude-3-haiku-20240307-v1:0`. */
    readonly modelId?: string;
    /** Add the recommended policy's `aws:RequestedRegion` condition. Default: true. */
    readonly regionCondition?: boolean;
    /** Also grant `bedrock:InvokeModelWithResponseStream`. Default: false. */
    readonly streaming?: boolean;
}

/** The foundation-model ARN (or pattern) an option grants, in the ARN builders' region. */
export function grantedModelArn(arns: Arns, scope: BedrockScope, modelId = claude3HaikuModelId): string {
    return arns.bedrockFoundationModel(scopeOptions[scope].model(modelId));
}

/**
 * Seed 001's policy for one option, in the ARN builders' region. With the region condition
 * (the default) `family` is the seed's "RECOMMENDED POLICY FOR YOUR PROJECT"; without it each
 * option is the seed's Option 1-4 verbatim.
 */
export function bedrockInvokePolicy(arns: Arns, options: BedrockPolicyOptions): PolicyDocument {
    const actions = options.streaming ?? false ? [invokeModel, invokeModelWithResponseStream] : [invokeModel];
    const model = grantedModelArn(arns, options.scope, options.modelId);
    const condition = options.regionCondition ?? true ? requestedRegion(arns.scope.region) : undefined;
    return policy(allow(scopeOptions[options.scope].sid, actions, [model], condition));
}

/**
 * Seed 001's identity where the args choose none: the IAM user `wealth-management-app-user`
 * ("separate IAM users for different services"), or the role
 * `wealth-management-bedrock-{environment}` trusted by EC2 and ECS tasks.
 */
export function bedrockIdentityDefaults(environment: string): AppIdentityDefaults {
    return {
        principal: "user",
        userName: "wealth-management-app-user",
        roleName: `wealth-management-bedrock-${environment}`,
        trustedServices: ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"],
        description: "Wealth-management AI recommendations: invoke Claude 3 Haiku on Bedrock",
    };
}

/** The app's identity (`AppIdentityChoice`, defaults in `bedrockIdentityDefaults`) and seed 001's options. */
export interface BedrockModelAccessArgs extends AppIdentityChoice {
    /** `dev`, `staging` or `prod`. Required. */
    readonly environment: string;
    /** ARN builders for the stack's partition and account. Required. */
    readonly arns: Arns;
    /** Seed 001's option: `exact`, `family`, `claude` or `all`. Default: `family` (the recommended one). */
    readonly scope?: BedrockScope;
    /** The model `exact` grants. Default: `anthropic.claude-3-haiku-20240307-v1:0`. */
    readonly modelId?: string;
    /** Region of the model ARN and the `aws:RequestedRegion` condition. Default: `us-east-2`. */
    readonly region?: string;
    /** Keep the recommended policy's `aws:RequestedRegion` condition. Default: true. */
    readonly regionCondition?: boolean;
    /** Grant `bedrock:InvokeModelWithResponseStream` too. Default: false (the seed lists it as not needed). */
    readonly streaming?: boolean;
    /** `inline` (seed Method 1) or `managed` (Method 2, attached to the identity). Default: `inline`. */
    readonly policyType?: "inline" | "managed";
    /** Policy name. Default: `BedrockClaudeHaikuAccess` (inline) or `BedrockClaudeHaikuInvokePolicy` (managed). */
    readonly policyName?: string;
    /** A monthly cost budget with email alerts (seed 001 "Set up AWS Budgets alerts"), named `wealth-management-bedrock-{environment}` unless set. Default: none. */
    readonly budget?: BudgetSettings;
}

/**
 * Wealth-management Bedrock access (seed 001): `bedrock:InvokeModel` on Claude 3 Haiku for the
 * app's identity, one identity per service (the seed's "separate IAM users for different services").
 *
 * The region condition is on for every option by default: the seed's recommended policy adds it
 * to Option 2, and it costs nothing on the others (the ARN already names the region, the
 * condition also refuses a request sent to another region's endpoint). `regionCondition: false`
 * renders the seed's bare Options 1-4. `all` (Option 4) is rendered as asked in any stack;
 * refusing it in production is the policy pack's job, so nothing here hides or rewrites it.
 */
export class BedrockModelAccess extends pulumi.ComponentResource {
    readonly principal: Grantee;
    readonly policyName: string;
    readonly policyJson: string;
    /** The foundation-model ARN (or pattern) granted. */
    readonly modelArn: string;
    /** Set for `policyType: managed`. */
    readonly policyArn?: pulumi.Output<string>;
    readonly accessKeyId?: pulumi.Output<string>;
    readonly secretAccessKey?: pulumi.Output<string>;
    readonly budgetName?: string;

    constructor(name: string, args: BedrockModelAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-workloads:bedrock:BedrockModelAccess", name, {}, opts);
        const env = args.environment;
        const region = args.region ?? seedBedrockRegion;
        const arns = args.arns.in(region);
        const scope = args.scope ?? "family";
        const policyType = args.policyType ?? "inline";
        const tags = workloadTags("wealth-management-bedrock", env);
        const child = { parent: this };

        const document = bedrockInvokePolicy(arns, {
            scope, modelId: args.modelId, regionCondition: args.regionCondition, streaming: args.streaming,
        });
        this.policyJson = render(document);
        this.modelArn = grantedModelArn(arns, scope, args.modelId);
        this.policyName = args.policyName ?? (policyType === "inline" ? "BedrockClaudeHaikuAccess" : "BedrockClaudeHaikuInvokePolicy");

        const identity = appIdentity(`${name}-app`, args, bedrockIdentityDefaults(env), { accountId: arns.scope.accountId, tags }, child);
        this.principal = identity;
        if (identity instanceof AppUser) {
            this.accessKeyId = identity.accessKeyId;
            this.secretAccessKey = identity.secretAccessKey;
        }

        if (policyType === "inline") {
            putInlinePolicy(`${name}-invoke`, this.principal, this.policyName, document, child);
        } else {
            const managed = new aws.iam.Policy(`${name}-invoke`, {
                name: this.policyName,
                description: scopeOptions[scope].description(region),
                policy: this.policyJson,
                tags,
            }, child);
            attachManagedPolicy(`${name}-attach`, this.principal, managed.arn, child);
            this.policyArn = managed.arn;
        }

        if (args.budget) {
            this.budgetName = args.budget.name ?? `wealth-management-bedrock-${env}`;
            monthlyBudget(`${name}-budget`, { ...args.budget, budgetName: this.budgetName, accountId: arns.scope.accountId, tags }, child);
        }

        this.registerOutputs({
            principalArn: this.principal.arn, policyName: this.policyName, policyArn: this.policyArn,
            policyJson: this.policyJson, modelArn: this.modelArn, budgetName: this.budgetName,
        });
    }
}
