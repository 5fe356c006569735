/**
 * Hand-kept facts about principals the IAM data does not carry, each with a reason and a public
 * source: which services assume roles without sending a source context, and which condition keys
 * narrow each kind of federated principal.
 */

export interface SourcedFact {
    readonly reason: string;
    readonly source: string;
}

/**
 * Service principals that assume a role with no `aws:SourceArn`/`aws:SourceAccount` in the request:
 * a trust policy for them cannot carry the confused-deputy condition (it would lock the service
 * out), and `iam:PassRole` in the same account is what binds the role instead. Every other service
 * principal in a trust or resource policy must be narrowed by a source key.
 * `components/iam/trust.ts` omits the condition for ec2 and lambda, two of these.
 */
export const servicesWithoutSourceContext: ReadonlyMap<string, SourcedFact> = new Map<string, SourcedFact>([
    ["ec2.amazonaws.com", {
        reason: "EC2 assumes an instance profile's role for the instance itself; the request carries no source ARN or account, and the role is bound by iam:PassRole when the profile is attached",
        source: "IAM User Guide, \"Use an IAM role to grant permissions to applications running on Amazon EC2 instances\"; AWS global condition context keys, aws:SourceArn availability (\"only if accessing a resource triggers an AWS service to call another service on behalf of the resource owner\")",
    }],
    ["lambda.amazonaws.com", {
        reason: "Lambda assumes a function's execution role for the function; the documented execution-role trust policy has no condition, and the role is bound by iam:PassRole at CreateFunction",
        source: "AWS Lambda Developer Guide, \"Defining Lambda function permissions with an execution role\"",
    }],
    ["edgelambda.amazonaws.com", {
        reason: "Lambda@Edge replicas assume the function's execution role like Lambda does; the documented trust policy lists the two principals without a condition",
        source: "Amazon CloudFront Developer Guide, \"Set up IAM permissions and roles for Lambda@Edge\"",
    }],
    ["pods.eks.amazonaws.com", {
        reason: "EKS Pod Identity assumes the role for the pods of an association, which only the role's own account can create (CreatePodIdentityAssociation needs iam:PassRole on the role); the documented trust policy has no source condition",
        source: "Amazon EKS User Guide, \"Create IAM role with trust policy required by EKS Pod Identity\" (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html)",
    }],
    ["eks.amazonaws.com", {
        reason: "the EKS control plane assumes the cluster role; the documented cluster-role trust policy has no condition and the role is bound by iam:PassRole at CreateCluster",
        source: "Amazon EKS User Guide, \"Amazon EKS cluster IAM role\"",
    }],
]);

/**
 * Service principals whose writes land under a path that names the source account, so a
 * resource element naming that path is the source condition: Elastic Load Balancing delivers an
 * account's access logs only to `<bucket>/<prefix>/AWSLogs/<account ID>/`, and AWS's bucket
 * policy for it has no condition.
 */
export const sourceAccountInPath: ReadonlyMap<string, SourcedFact & { readonly element: RegExp }> = new Map([
    ["logdelivery.elasticloadbalancing.amazonaws.com", {
        element: /^arn:[^:]+:s3:::[^/*?]+\/(.+\/)?AWSLogs\/(\d{12})\//,
        reason: "load balancers write an account's access logs under AWSLogs/<that account ID>/, so an element naming your account's path admits only your load balancers",
        source: "Elastic Load Balancing User Guide, \"Enable access logs for your Application Load Balancer\" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html)",
    }],
]);

/** Sources for the confused-deputy rule itself. */
export const confusedDeputySources: readonly string[] = [
    "IAM User Guide, \"The confused deputy problem\" (cross-service confused deputy prevention: aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, aws:SourceOrgPaths)",
    "IAM User Guide, \"AWS global condition context keys\" (aws:SourceArn, aws:SourceAccount: present when a service principal calls on behalf of a resource owner)",
    "Amazon Textract Developer Guide, \"Cross-service confused deputy prevention\" (seed 002)",
];

export interface FederatedKeys extends SourcedFact {
    /** The claim that names who (`sub`), when the provider is shared by strangers. */
    readonly subject?: string;
    /** The claim that names the audience (`aud`, `app_id`). */
    readonly audience: string;
}

/** Providers written as a bare name in `Principal.Federated`, and their condition keys. */
export const wellKnownProviders: ReadonlyMap<string, FederatedKeys> = new Map<string, FederatedKeys>([
    ["cognito-identity.amazonaws.com", {
        audience: "cognito-identity.amazonaws.com:aud",
        reason: "the audience is the identity pool ID: without it, identities of every Cognito identity pool (any customer's) can assume the role; cognito-identity.amazonaws.com:amr is recommended on top",
        source: "Amazon Cognito Developer Guide, \"IAM roles\" / \"Role trust and permissions\"",
    }],
    ["accounts.google.com", {
        audience: "accounts.google.com:aud",
        reason: "the audience is the app's client ID: without it, a Google token issued to any app is accepted",
        source: "IAM User Guide, \"Available keys for AWS OIDC federation\" and \"Create a role for OpenID Connect federation\"",
    }],
    ["graph.facebook.com", {
        audience: "graph.facebook.com:app_id",
        reason: "the app ID names the application: without it, a Facebook token issued to any app is accepted",
        source: "IAM User Guide, \"Available keys for AWS OIDC federation\"",
    }],
    ["www.amazon.com", {
        audience: "www.amazon.com:app_id",
        reason: "the app ID names the application: without it, a Login with Amazon token issued to any app is accepted",
        source: "IAM User Guide, \"Available keys for AWS OIDC federation\"",
    }],
]);

/** Any other OIDC provider (`oidc-provider/<host/path>`, or its bare host): `<host/path>:sub` and `<host/path>:aud`. */
export const oidcKeys: SourcedFact = {
    reason: "a provider such as token.actions.githubusercontent.com, gitlab.com or app.terraform.io issues tokens to every one of its users: the subject claim must name your repository, project or workspace, and the audience must be yours",
    source: "GitHub Docs, \"Configuring OpenID Connect in Amazon Web Services\"; IAM User Guide, \"Configuring a role for GitHub OIDC identity provider\" and \"Create a role for OpenID Connect federation\"; Amazon EKS User Guide, \"Assign IAM roles to Kubernetes service accounts\"; HashiCorp Terraform Cloud, \"Dynamic Credentials with the AWS Provider\"",
};

/**
 * OIDC issuers whose URL names one customer (an organization or workspace ID in its path): every
 * token they issue is that customer's, so the audience narrows them and no subject is required
 * (the subject then picks projects within your own organization).
 */
export const tenantIssuers: readonly (SourcedFact & { readonly issuer: RegExp })[] = [
    {
        issuer: /^oidc\.circleci\.com\/org\/[0-9a-f-]{8,}$/i,
        reason: "CircleCI issues tokens from one issuer per organization (oidc.circleci.com/org/<organization ID>), and its audience is that organization ID",
        source: "CircleCI Docs, \"Using OpenID Connect tokens in jobs\" (https://circleci.com/docs/openid-connect-tokens/)",
    },
    {
        issuer: /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/*?]+\/pipelines-config\/identity\/oidc$/i,
        reason: "Bitbucket Pipelines issues tokens from one issuer per workspace (api.bitbucket.org/2.0/workspaces/<workspace>/pipelines-config/identity/oidc), and its audience names that workspace",
        source: "Bitbucket Cloud, \"Integrate Pipelines with resource servers using OIDC\" (https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/)",
    },
];

/** SAML providers: `SAML:aud` (the sign-in endpoint the assertion is for). */
export const samlKeys: FederatedKeys = {
    audience: "SAML:aud",
    reason: "SAML:aud makes the role accept only assertions addressed to AWS sign-in (https://signin.aws.amazon.com/saml)",
    source: "IAM User Guide, \"Create a role for SAML 2.0 federation\" and \"Available keys for SAML-based AWS STS federation\"",
};
