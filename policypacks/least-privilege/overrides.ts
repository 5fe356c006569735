/**
 * Actions the IAM data lists with resource types but that AWS documents as working only, or
 * being scoped only, with `"Resource": "*"`. Short on purpose: each entry carries the reason and
 * the AWS page that says so, and is needed by one of the seeds' workloads.
 */

export interface ScopeOverride {
    /** Canonical `service:Action`. */
    readonly action: string;
    readonly reason: string;
    readonly source: string;
    /** A condition key the statement must narrow (see `narrows`) for the override to apply. */
    readonly condition?: string;
}

export const needsAnyResource: readonly ScopeOverride[] = [
    {
        action: "sms-voice:DescribePhoneNumbers",
        reason: "an enumerating call: without PhoneNumberIds it lists every number in the account and region, which IAM authorizes against \"*\" (the data's PhoneNumber type is optional and applies only to calls that pass IDs)",
        source: "https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/API_DescribePhoneNumbers.html",
    },
    {
        action: "sms-voice:DescribeSenderIds",
        reason: "an enumerating call: without SenderIds it lists every sender ID in the account and region, which IAM authorizes against \"*\" (the data's SenderId type is optional and applies only to calls that pass IDs)",
        source: "https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/API_DescribeSenderIds.html",
    },
    {
        action: "cloudwatch:PutMetricData",
        reason: "metrics have no ARN; PutMetricData is scoped with the cloudwatch:namespace condition key, not by resource (the data's only type, dataset, is optional)",
        source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html",
        condition: "cloudwatch:namespace",
    },
];

const byAction = new Map(needsAnyResource.map((o) => [o.action.toLowerCase(), o]));

/** The override for an action (case-insensitive), if it has one. */
export function overrideFor(action: string): ScopeOverride | undefined {
    return byAction.get(action.toLowerCase());
}
