/**
 * CloudFormation types that carry a policy document but that `@pulumi/aws-native` does not model
 * (so the generated table cannot name them). Each with the CloudFormation reference page.
 */
import type { GeneratedField } from "./policy-document-table";

export const cfnOnlyDocumentTypes: Readonly<Record<string, { readonly fields: readonly GeneratedField[]; readonly source: string }>> = {
    "AWS::IAM::Policy": {
        fields: [{ path: "PolicyDocument", kind: "identity", emptyIsNone: false }],
        source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-policy.html",
    },
    "AWS::SQS::QueuePolicy": {
        fields: [{ path: "PolicyDocument", kind: "resource", emptyIsNone: false }],
        source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queuepolicy.html",
    },
    "AWS::Elasticsearch::Domain": {
        fields: [{ path: "AccessPolicies", kind: "resource", emptyIsNone: true }],
        source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticsearch-domain.html",
    },
};
