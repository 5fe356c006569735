/**
 * What kinds of action the IAM data shows, for the wildcard policies: the ones that change who
 * has access, and the ones whose resource may sit in another account, where a wildcarded
 * account field means every account. Judged per action from the data, once each.
 */
import { ActionInfo } from "./iam-data";
import { remember } from "./memo";

/** The data writes this level `Permissions management, Write`. */
export const isPermissionsManagement = (info: ActionInfo): boolean => info.accessLevel.startsWith("Permissions management");

/** Names of calls that only read, whatever level the data gives them (`glue:GetStage`, `quicksight:DescribeTopicPermissions`). */
const readingVerb = /:(Get|List|Describe|BatchGet|Search|View)/;

/** A permissions-management action that changes access (not a reading call the data files there). */
export const changesAccess = (info: ActionInfo): boolean => isPermissionsManagement(info) && !readingVerb.test(info.action);

/**
 * Why an action acts across accounts, for the actions where `*` in a resource's account field
 * means every account (so 003's "account or region wildcarded, resource named" tier does not
 * hold), or `undefined`. From the data:
 * - STS actions on the `role` resource type (`sts:AssumeRole`, `AssumeRoleWithSAML`,
 *   `AssumeRoleWithWebIdentity`, `TagSession`, `SetSourceIdentity`, `SetContext`): a role in any
 *   account whose trust policy lets the caller in becomes the caller's, e.g.
 *   `OrganizationAccountAccessRole`, admin in every member account. Source: IAM User Guide,
 *   "Cross account resource access in IAM" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html).
 * - `iam:PassRole`: the role handed to a service carries its permissions; naming its account
 *   costs nothing (the account ID is config) and a wildcard only hides which roles are meant.
 *   Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 * - KMS actions on the `key` or `alias` resource types: key policies let other accounts use a
 *   key, so `arn:aws:kms:*:*:key/...` reaches keys of every account that allows it. Source:
 *   https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 * - actions that change access (`changesAccess`: PutBucketPolicy, AddPermission,
 *   SetQueueAttributes, PutResourcePolicy, ...): they write the policies that let other
 *   accounts in.
 * Data-plane calls on a named resource (`dynamodb:GetItem` on `arn:aws:dynamodb:us-east-1:*:table/engagement-*`,
 * `lambda:InvokeFunction`) stay in 003's acceptable tier: the other account's resource policy
 * must name this one, and what they reach is the resource the element names.
 */
export function acrossAccounts(info: ActionInfo): string | undefined {
    return remember(reasons, info, reasonFor);
}

const reasons = new WeakMap<ActionInfo, string | undefined>();

function reasonFor(info: ActionInfo): string | undefined {
    const types = info.resourceTypes.map((t) => t.name.toLowerCase());
    if (info.service === "sts" && types.includes("role")) return "assumes roles in whatever account the ARN names";
    if (info.action === "iam:PassRole") return "passes a role, with its permissions, to a service";
    if (info.service === "kms" && (types.includes("key") || types.includes("alias"))) return "uses keys that other accounts' key policies share";
    if (changesAccess(info)) return "changes who has access";
    return undefined;
}
