/**
 * Actions the IAM data lists with resource types but that AWS documents as working only, or
 * being scoped only, with `"Resource": "*"`. Short on purpose: each entry carries the reason and
 * the AWS page that says so, and is needed by one of the seeds' workloads.
 */
import { Statement } from "./documents";

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
/** Lowercasing keeps the length of these ASCII names: an action of another length has no override, and is not copied. */
const lengths = new Set(needsAnyResource.map((o) => o.action.length));

/** The override for an action (case-insensitive), if it has one. */
export function overrideFor(action: string): ScopeOverride | undefined {
    return lengths.has(action.length) ? byAction.get(action.toLowerCase()) : undefined;
}

/**
 * Resource policies whose grant of a whole service to account roots is the documented way to
 * hand the resource's access to the account's IAM policies, not a grant to anyone: a KMS key,
 * unlike other resources, is usable by no one in its account (not even through IAM policies)
 * unless its key policy allows the account root, and AWS's default key policy does so with
 * `kms:*` on `"*"`. The pack cannot tell the stack's own account from another here; a grant to
 * another account's root is the principals' check to judge.
 */
export interface AccountDelegation {
    /** The service whose `service:*` the statement may grant. */
    readonly service: string;
    readonly reason: string;
    readonly source: string;
}

export const delegatedToAccount: readonly AccountDelegation[] = [
    {
        service: "kms",
        reason: "the default key policy's \"Enable IAM User Permissions\" statement gives the account root kms:* on the key so that IAM policies can grant its use; without it the key is usable only by the key policy's own principals",
        source: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam",
    },
];

const delegatedServices = new Set(delegatedToAccount.map((d) => d.service));
/** `arn:<partition>:iam::<12 digits>:root` or a bare account ID, as IAM accepts for an account principal. */
const accountRoot = /^(arn:aws(-[a-z]+)*:iam::\d{12}:root|\d{12})$/;

/**
 * Does this resource-policy statement only hand `service:*` of a delegated service to one
 * account's root (`{"AWS": "arn:aws:iam::123456789012:root"}`, or its bare ID; no NotPrincipal,
 * no other principal type)? With the stack's `accounts` known (`stack-accounts.ts`), that account
 * must be one of them: another account's root with `kms:*` owns the key. Without them a single
 * other account's root passes too: the pack cannot tell it from the stack's own.
 */
export function delegatesToAccount(statement: Statement, accounts?: readonly string[]): boolean {
    return delegatedAccount(statement, accounts) !== undefined;
}

/** The account `delegatesToAccount` hands the service to, or `undefined` when the statement is no such delegation. */
export function delegatedAccount(statement: Statement, accounts?: readonly string[]): string | undefined {
    const principal = statement.principal;
    if (principal === undefined || principal.any || statement.notPrincipal !== undefined || statement.actions === undefined) return undefined;
    const types = Object.keys(principal.entries);
    if (types.length !== 1 || types[0] !== "AWS" || principal.entries.AWS.length === 0 || !principal.entries.AWS.every((p) => accountRoot.test(p))) return undefined;
    // The key's own account, as AWS's default key policy reads: one account. Full control handed to a second account is a grant, judged as one.
    const named = new Set(principal.entries.AWS.map((p) => /\d{12}/.exec(p)![0]));
    const [account] = named;
    if (named.size !== 1 || (accounts !== undefined && !accounts.includes(account))) return undefined;
    const whole = statement.actions.length > 0 && statement.actions.every((action) => {
        const colon = action.indexOf(":");
        return colon > 0 && delegatedServices.has(action.slice(0, colon).toLowerCase()) && /^\*+$/.test(action.slice(colon + 1));
    });
    return whole ? account : undefined;
}
