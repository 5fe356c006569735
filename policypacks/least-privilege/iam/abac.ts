/**
 * Tag-based access control (ABAC) as scoping: a statement whose condition limits it to
 * resources carrying named tag values reaches only those resources, for the actions whose
 * requests carry the resource's tags. AWS documents it as a least-privilege technique:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction_attribute-based-access-control.html
 *
 * A condition counts when its key is a resource-tag key (`aws:ResourceTag/<key>`, or a
 * service's own: `ec2:ResourceTag/<key>`, `iam:ResourceTag/<key>`, `s3:BucketTag/<key>`,
 * `s3:ExistingObjectTag/<key>`), its operator is a positive string match (`StringEquals`,
 * `StringEqualsIgnoreCase`, `StringLike`, or their `ForAnyValue:` form) that fails when the key
 * is absent, and every value names something (not empty, not only `*` and `?`, not the key's own
 * variable; policy variables such as `${aws:PrincipalTag/team}` do). `...IfExists`, `Null`, negated operators and
 * `ForAllValues:` match untagged resources, so they do not count; nor do `aws:ResourceAccount`,
 * `aws:ResourceOrgID` (they name an owner, not a resource) or `aws:RequestTag` (the tags of a
 * request, not of the resource acted on).
 */
import { Statement } from "./documents";
import { ActionInfo } from "./iam-data";
import { listsConditionKey } from "./condition-key-data";
import { hasConditions } from "./narrowing";

const tagKey = /^[a-z0-9-]+:(ResourceTag|BucketTag|ExistingObjectTag)\/./i;

/** Is this a resource-tag key (`aws:ResourceTag/team`), not `kms:ResourceAliases`? */
export const isTagKey = (key: string): boolean => tagKey.test(key);
const positive = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike)$/i;
const onlyWildcards = /^[*?]*$/;
/**
 * KMS's alias-based access control scopes the same way (AWS KMS Developer Guide, "Use aliases to
 * control access to KMS keys"): `kms:ResourceAliases` limits the keys to those with a named
 * alias; the name needs three fixed characters after `alias/` (`alias/*` is every alias).
 */
const aliasKey = /^kms:ResourceAliases$/i;
const namedAlias = /^alias\/[^*?]{3,}/;

/** `"${aws:ResourceTag/team}"` as the value of aws:ResourceTag/team: true for every resource that has the tag, whatever its value. */
function comparesWithItself(key: string, value: string): boolean {
    if (!value.includes("${")) return false;
    // `ec2:ResourceTag/team` and `aws:ResourceTag/team` are the same tag of the same resource.
    const tagOf = (k: string) => k.trim().toLowerCase().replace(/^[a-z0-9-]+:resourcetag\//, "resourcetag/");
    const wanted = tagOf(key);
    for (const [, inner] of value.matchAll(/\$\{([^}]*)\}/g)) if (tagOf(inner.split(",")[0]) === wanted) return true;
    return false;
}

const keysByStatement = new WeakMap<Statement, readonly string[]>();
/** What a statement without conditions narrows to: nothing (one shared list, nothing is stored per statement). */
const noKeys: readonly string[] = [];

/** The resource-tag keys (and `kms:ResourceAliases`) the statement's conditions narrow to named values (as written), once per statement. */
export function resourceTagKeys(statement: Statement): readonly string[] {
    if (!hasConditions(statement)) return noKeys;
    let keys = keysByStatement.get(statement);
    if (keys === undefined) {
        const found: string[] = [];
        for (const operator in statement.conditions) {
            if (!Object.hasOwn(statement.conditions, operator) || !positive.test(operator)) continue;
            const block = statement.conditions[operator];
            for (const key in block) {
                if (!Object.hasOwn(block, key)) continue;
                const values = block[key];
                if (tagKey.test(key) ? values.length > 0 && values.every((v) => !onlyWildcards.test(v) && !comparesWithItself(key, v)) : aliasKey.test(key) && values.length > 0 && values.every((v) => namedAlias.test(v))) found.push(key);
            }
        }
        keys = found;
        keysByStatement.set(statement, keys);
    }
    return keys;
}

/** Does the data list one of these resource-tag keys for the action, so that the tag condition scopes it? */
export function scopedByTags(info: ActionInfo, keys: readonly string[]): boolean {
    return keys.some((key) => listsConditionKey(info, key));
}
