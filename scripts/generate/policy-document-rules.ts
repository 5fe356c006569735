/**
 * The rules that turn the providers' type declarations into the pack's table of policy-carrying
 * inputs (`policy-document-types.ts` applies them). Three questions, each answered from data:
 *
 * 1. Is an input a policy document? Yes when its type names the providers' `PolicyDocument`, or
 *    its name says so (`policyNamePattern`), or its doc comment says so (`policyDocPattern`),
 *    unless `notIamDocuments` lists it with a reason (a JSON document of another language that
 *    happens to be called a policy). Nested inputs (lists, maps, objects) are walked.
 * 2. Which kind? `kindRules`, first match wins: trust for assume-role fields, identity for IAM
 *    identities, permission sets and session policies, resource for the rest.
 * 3. Does empty mean "none"? When the input is optional; a required input that is empty is a
 *    document AWS rejects, so it is read and reported.
 */

import type { DocumentKind } from "../../policypacks/least-privilege/iam/carried";

export type { DocumentKind };

/** A leaf name that says "policy document": `policy`, `keyPolicy`, `accessPolicies`, `policyDocument`, `repositoryPolicyText`... */
export const policyNamePattern = /polic(y|ies)(document|text|json)?$/i;

/** A doc comment that says the input is a policy document, whatever it is called (with `jsonDocPattern` or an object type). */
export const policyDocPattern = /\b(IAM|resource[- ]based|resource|access|key|trust|permissions?|session) polic(y|ies)\b|\bpolicy document\b/i;

/** A doc comment that says a string input holds JSON (or a document), not a name or a setting. */
export const jsonDocPattern = /\bJSON\b|\bdocument\b/i;

/** Inputs that name, identify or label something: never a document, whatever their description says. */
export const identifierName = /(arns?|names?|ids?|alias|types?|status|mode|version)$|^tags(all)?$/i;

/**
 * Names that end in "policy" but are settings, or documents in another service's own language.
 * The qualifier before "Policy" decides; each group has its reason. A new provider input named
 * like a policy and not listed here is read (the staleness spec then asks for a decision).
 */
export const notDocumentNames: readonly { pattern: RegExp; reason: string }[] = [
    { pattern: /(ssl|security|tls|tlsSecurity|cipher|alpn|viewerProtocol|originProtocol|protocol|https|contentSecurity|referrer)Polic(y|ies)$/i, reason: "a TLS, HTTP or browser setting (CloudFront, load balancers, SES tracking), not a document" },
    { pattern: /(retention|deletion|autoscaling|notification|deletePropagation|update|replace|termination|placement|scaling|routing|caching|cache|originRequest|responseHeaders|password|rotation|backup|restore|recovery|lifecycle|archive|delivery|filter|redrive|redriveAllow|replay|dataProtection|fieldIndex|encryption|failover|eviction|versioning|snapshot|patch|maintenance|tiering|autoImport|imagePull|dns|safeguard|default|dlRate|ulRate|languageSelection|actionFailure|sizing|padding|newGameSessionProtection|gameServerProtection|protection|userContext|streamException|guardrail|permission|managed)Polic(y|ies)(Text|Document)?$/i, reason: "a setting (termination, image pull, DNS, retry, sizing...) or a document in another service's own language (lifecycle, delivery, filter, redrive, replay, data protection, field index), not an IAM policy; managed policies are ARNs (attachments)" },
];

/**
 * Inputs named like policies whose documents are not IAM policy language. Each entry: the type
 * token, the field path as the table writes it, and why (with a public source).
 */
export const notIamDocuments: readonly { type: string; path: string; reason: string }[] = [
    { type: "aws:ecr/lifecyclePolicy:LifecyclePolicy", path: "policy", reason: "ECR lifecycle policy rules (rulePriority, selection, action), not IAM: https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html" },
    { type: "aws:iot/policy:Policy", path: "policy", reason: "AWS IoT Core policy, judged by IoT for device certificates (its own variables such as ${iot:Connection.Thing.ThingName}): https://docs.aws.amazon.com/iot/latest/developerguide/iot-policies.html" },
    { type: "aws-native:iot:Policy", path: "policyDocument", reason: "AWS IoT Core policy (see aws:iot/policy:Policy)" },
    { type: "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy", path: "policy", reason: "OpenSearch Serverless data access policy (a list of Rules and Principal), not IAM: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-data-access.html" },
    { type: "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy", path: "policy", reason: "OpenSearch Serverless encryption/network policy, not IAM" },
    { type: "aws:opensearch/serverlessLifecyclePolicy:ServerlessLifecyclePolicy", path: "policy", reason: "OpenSearch Serverless lifecycle policy, not IAM" },
    { type: "aws-native:opensearchserverless:AccessPolicy", path: "policy", reason: "OpenSearch Serverless data access policy, not IAM" },
    { type: "aws-native:opensearchserverless:SecurityPolicy", path: "policy", reason: "OpenSearch Serverless encryption/network policy, not IAM" },
    { type: "aws-native:opensearchserverless:LifecyclePolicy", path: "policy", reason: "OpenSearch Serverless lifecycle policy, not IAM" },
    { type: "aws:cloudwatch/logDataProtectionPolicy:LogDataProtectionPolicy", path: "policyDocument", reason: "CloudWatch Logs data protection policy (DataIdentifier, Operation), not IAM: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/mask-sensitive-log-data-start.html" },
    { type: "aws:cloudwatch/logAccountPolicy:LogAccountPolicy", path: "policyDocument", reason: "CloudWatch Logs account policy (data protection, subscription filter, field index), not IAM" },
    { type: "aws-native:logs:AccountPolicy", path: "policyDocument", reason: "CloudWatch Logs account policy, not IAM" },
    { type: "aws:verifiedaccess/group:Group", path: "policyDocument", reason: "Verified Access policy in Cedar, not IAM: https://docs.aws.amazon.com/verified-access/latest/ug/auth-policies.html" },
    { type: "aws:verifiedaccess/endpoint:Endpoint", path: "policyDocument", reason: "Verified Access policy in Cedar, not IAM" },
    { type: "aws-native:ec2:VerifiedAccessGroup", path: "policyDocument", reason: "Verified Access policy in Cedar, not IAM" },
    { type: "aws-native:ec2:VerifiedAccessEndpoint", path: "policyDocument", reason: "Verified Access policy in Cedar, not IAM" },
    { type: "aws:ses/receiptFilter:ReceiptFilter", path: "policy", reason: "Block or Allow, the filter's action: https://docs.aws.amazon.com/ses/latest/APIReference/API_ReceiptFilterPolicy.html" },
    { type: "aws-native:ses:ReceiptFilter", path: "filter.ipFilter.policy", reason: "Block or Allow, the filter's action" },
    { type: "aws:iot/policyAttachment:PolicyAttachment", path: "policy", reason: "the name of the IoT policy to attach" },
    { type: "aws-native:ssm:Parameter", path: "policies", reason: "SSM parameter policies (Expiration, ExpirationNotification, NoChangeNotification), not IAM: https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-policies.html" },
    { type: "aws-native:bedrock:Guardrail", path: "automatedReasoningPolicyConfig.policies[]", reason: "ARNs of Bedrock automated reasoning policies" },
    { type: "aws:cfg/rule:Rule", path: "source.customPolicyDetails.policyText", reason: "an AWS Config custom rule in CloudFormation Guard, not IAM: https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_cfn-guard.html" },
    { type: "aws:cfg/organizationCustomPolicyRule:OrganizationCustomPolicyRule", path: "policyText", reason: "an AWS Config custom rule in CloudFormation Guard, not IAM" },
    { type: "aws-native:configuration:ConfigRule", path: "source.customPolicyDetails.policyText", reason: "an AWS Config custom rule in CloudFormation Guard, not IAM" },
    { type: "aws:sns/dataProtectionPolicy:DataProtectionPolicy", path: "policy", reason: "an SNS message data protection policy (DataIdentifier, Operation), not IAM: https://docs.aws.amazon.com/sns/latest/dg/sns-message-data-protection-policies.html" },
    { type: "aws:cloudwatch/logIndexPolicy:LogIndexPolicy", path: "policyDocument", reason: "a CloudWatch Logs field index policy (Fields), not IAM" },
    { type: "aws:networkmanager/coreNetwork:CoreNetwork", path: "basePolicyDocument", reason: "a Cloud WAN core network policy (segments, attachment policies), not IAM: https://docs.aws.amazon.com/network-manager/latest/cloudwan/cloudwan-policies-json.html" },
    { type: "aws:networkmanager/coreNetworkPolicyAttachment:CoreNetworkPolicyAttachment", path: "policyDocument", reason: "a Cloud WAN core network policy, not IAM" },
    { type: "aws-native:networkmanager:CoreNetwork", path: "policyDocument", reason: "a Cloud WAN core network policy, not IAM" },
    { type: "aws:workspacesweb/browserSettings:BrowserSettings", path: "browserPolicy", reason: "a Chrome enterprise browser policy, not IAM: https://docs.aws.amazon.com/workspaces-web/latest/adminguide/browser-settings.html" },
    { type: "aws-native:workspacesweb:BrowserSettings", path: "browserPolicy", reason: "a Chrome enterprise browser policy, not IAM" },
    { type: "aws:route53/trafficPolicy:TrafficPolicy", path: "document", reason: "a Route 53 traffic policy document (endpoints, rules), not IAM" },
    { type: "aws:ram/permission:Permission", path: "policyTemplate", reason: "a RAM permission template: statement fragments (Effect, Action, Condition) without Principal or Resource, which RAM completes; not a whole document: https://docs.aws.amazon.com/ram/latest/userguide/create-customer-managed-permissions.html" },
    { type: "aws-native:ram:Permission", path: "policyTemplate", reason: "a RAM permission template (see aws:ram/permission:Permission)" },
    { type: "aws:transfer/webApp:WebApp", path: "webAppEndpointPolicy", reason: "STANDARD or FIPS, the endpoint type" },
    { type: "aws-native:ssmquicksetup:ConfigurationManager", path: "configurationDefinitions[].parameters{}", reason: "Quick Setup configuration parameters (strings), not documents" },
    { type: "aws-native:events:EventBusPolicy", path: "statement", reason: "one statement, not a document: read with the grant spelled as arguments (argument-grants.ts)" },
    { type: "aws:ec2/vpcEndpoint:VpcEndpoint", path: "policy", reason: "a VPC endpoint policy only limits what calls through the endpoint may do; it grants nothing (its Principal \"*\" is the usual form): https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html" },
    { type: "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy", path: "policy", reason: "a VPC endpoint policy (see aws:ec2/vpcEndpoint:VpcEndpoint)" },
    { type: "aws-native:ec2:VpcEndpoint", path: "policyDocument", reason: "a VPC endpoint policy (see aws:ec2/vpcEndpoint:VpcEndpoint)" },
    { type: "aws:organizations/policy:Policy", path: "content", reason: "Organizations policies (SCPs, RCPs, tag, backup, AI opt-out) only restrict or configure; they grant nothing" },
];

/** First match wins. `type` and `path` are tested against the type token and the field path. */
export const kindRules: readonly { kind: DocumentKind; type?: RegExp; path?: RegExp; reason: string }[] = [
    { kind: "trust", path: /(^|\.)assumeRolePolicy(Document)?$/i, reason: "who may assume the role" },
    { kind: "identity", path: /(^|\.)sessionPolic(y|ies)$/i, reason: "a session policy narrows an assumed role's permissions like an identity policy (no Principal)" },
    { kind: "identity", type: /^aws(-native)?:iam[/:]/, reason: "IAM identity policies: users, groups, roles, managed and inline policies" },
    { kind: "identity", type: /^aws:ssoadmin\/|^aws-native:sso:PermissionSet$/, reason: "IAM Identity Center permission sets become identity policies of the roles they provision" },
    { kind: "identity", type: /^aws:eks\/podIdentityAssociation:|^aws-native:eks:PodIdentityAssociation$/, reason: "an EKS Pod Identity association's policy is a session policy on the role (no Principal)" },
    { kind: "identity", type: /^aws(-native)?:transfer[/:](user|access)/i, reason: "Transfer Family user and access policies are session policies (no Principal)" },
    { kind: "resource", reason: "every other document sits on the resource it protects and names its principals" },
];
