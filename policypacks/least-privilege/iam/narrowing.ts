/**
 * Does a condition narrow who (or from where) a statement lets in? One judgement for every policy
 * that asks: `no-public-principal` (Principal `"*"`, NotPrincipal, service and federated
 * principals), `pass-role-scoped` (`iam:PassedToService`) and `narrows()` for override keys.
 *
 * A condition narrows when AWS evaluates it to false for a caller the policy did not mean:
 * - its operator is a real, positive one (not negated, not `...IfExists`, not `ForAllValues:`,
 *   which is true when the key is absent, not `Null`/`Bool`/numeric/date);
 * - it has values, and every value narrows (values are ORed, so one open value opens the lot);
 * - a value narrows when it names part of the key's value space that a stranger cannot own:
 *   a literal account, organization or endpoint ID, an ARN whose account is named, a service name,
 *   a CIDR union no wider than a /8 (IPv4) or /16 (IPv6). Wildcards count only under `...Like`
 *   and `ArnEquals` operators (under `StringEquals`, `*` is a literal character); policy
 *   variables the caller controls (`${aws:PrincipalAccount}`) count as wildcards, the resource's
 *   own (`${aws:ResourceAccount}`, `${aws:ResourceOrgID}`, `${aws:ResourceOrgPaths}`) as named.
 * Condition keys are case-insensitive; operators are case-sensitive (IAM User Guide, "IAM JSON
 * policy elements: Condition operators").
 */
import type { Statement } from "./documents";
import { Family, coveredAddresses, coveredPublicAddresses, parseRange, spaceSize, widestNetwork } from "./ip-ranges";
import { remember } from "./memo";
import { parseOperator } from "./condition-operators";

/** What a key's values are, which decides when one names something. */
type ValueSpace = "account" | "organization" | "organization-path" | "arn" | "ip" | "vpc" | "vpce" | "service" | "unique-id" | "user-name";

/**
 * The keys that bind the caller to an account, organization, resource, service or network
 * (IAM User Guide, "AWS global condition context keys"; AWS KMS Developer Guide, "kms:CallerAccount",
 * "kms:ViaService"), lower-case.
 */
const identityKeys: ReadonlyMap<string, ValueSpace> = new Map<string, ValueSpace>([
    ["aws:principalaccount", "account"], ["aws:sourceaccount", "account"], ["aws:sourceowner", "account"], ["kms:calleraccount", "account"],
    ["aws:principalorgid", "organization"], ["aws:sourceorgid", "organization"],
    ["aws:principalorgpaths", "organization-path"], ["aws:sourceorgpaths", "organization-path"],
    ["aws:principalarn", "arn"], ["aws:sourcearn", "arn"],
    ["aws:sourceip", "ip"], ["aws:vpcsourceip", "ip"],
    ["aws:sourcevpc", "vpc"], ["aws:sourcevpce", "vpce"],
    ["aws:principalservicename", "service"], ["iam:passedtoservice", "service"], ["kms:viaservice", "service"],
    ["aws:userid", "unique-id"],
    ["aws:username", "user-name"],
    // Delegating access control to access points (Amazon S3 User Guide, "Configuring IAM policies for using access points").
    ["s3:dataaccesspointaccount", "account"], ["s3:dataaccesspointarn", "arn"],
]);

/**
 * Keys a calling service sets to the resource it acts for, but a direct caller can choose (the KMS
 * encryption context): they narrow a service principal, never `"*"`. CloudWatch Logs and
 * CloudTrail document them in KMS key policies (CloudWatch Logs User Guide, "Encrypt log data in
 * CloudWatch Logs using AWS KMS"; CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail").
 */
const serviceSetKeys: ReadonlyMap<string, ValueSpace> = new Map<string, ValueSpace>([
    ["kms:encryptioncontext:aws:logs:arn", "arn"], ["kms:encryptioncontext:aws:cloudtrail:arn", "arn"],
]);

/** The keys that bind a calling service to the resource owner's account or resource (the confused deputy). */
export const sourceKeys: readonly string[] = [
    "aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner",
    "kms:EncryptionContext:aws:logs:arn", "kms:EncryptionContext:aws:cloudtrail:arn",
];

/**
 * Variables that name a fixed value the caller cannot choose: the resource's own account and
 * organization, and a CloudFormation stack's own account, region, name and ID, which
 * `cfn-intrinsics.ts` writes as `${AWS.AccountId}`... when it reads a template.
 */
const resourceVariables = new Set(["aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths", "aws.accountid", "aws.region", "aws.stackname", "aws.stackid"]);

/** What the space is called in messages. */
const spaceNames: Record<ValueSpace, string> = {
    account: "account", organization: "organization", "organization-path": "organization", arn: "principal or resource",
    ip: "address", vpc: "VPC", vpce: "VPC endpoint", service: "service", "unique-id": "principal", "user-name": "user",
};

export interface ConditionVerdict {
    /** `StringLike aws:PrincipalOrgID`, as written. */
    readonly condition: string;
    readonly key: string;
    readonly narrows: boolean;
    /** Why it does not narrow, one clause naming the condition. */
    readonly reason?: string;
}

/** Literal stand-ins in a value's pattern form: a wildcard written literally, and a resource variable. */
const literalWildcard = "\u0001";
const resourceToken = "\u0002";

/**
 * A value as a pattern: `*` and `?` are wildcards only where AWS treats them so; escapes `${*}`,
 * `${?}`, `${$}` are literal; variables the caller controls are `*`. `self` is set when the value
 * uses the very key it is compared with.
 */
function asPattern(value: string, key: string, wildcards: boolean): { pattern: string; self: boolean } {
    let self = false;
    let pattern = "";
    const lowerKey = key.toLowerCase();
    for (let i = 0; i < value.length; i++) {
        const c = value[i];
        if (c === "$" && value[i + 1] === "{") {
            const end = value.indexOf("}", i + 2);
            if (end > 0) {
                const inner = value.slice(i + 2, end).trim();
                const name = inner.split(",")[0].trim().toLowerCase();
                if (inner === "*" || inner === "?" || inner === "$") pattern += inner === "$" ? "$" : literalWildcard;
                else if (resourceVariables.has(name)) pattern += resourceToken;
                else {
                    if (name === lowerKey) self = true;
                    pattern += "*";
                }
                i = end;
                continue;
            }
        }
        pattern += (c === "*" || c === "?") && !wildcards ? literalWildcard : c;
    }
    return { pattern, self };
}

const isWild = (text: string) => text.includes("*") || text.includes("?");
const onlyWildcards = (text: string) => text !== "" && /^[*?]+$/.test(text);
/** The fixed text before the first wildcard. */
const head = (text: string) => text.slice(0, text.search(/[*?]|$/));

/** Why one value leaves its space open, or `undefined` when it names something. */
function valueOpen(space: ValueSpace, pattern: string): string | undefined {
    if (onlyWildcards(pattern) || prefixesCoverSpace(space, [pattern])) return `matches every ${spaceNames[space]}`;
    switch (space) {
        case "account":
        case "organization":
        case "vpc":
        case "vpce":
            return isWild(pattern) ? `leaves the ${spaceNames[space]} ID open, so it matches ${spaceNames[space]}s anyone can own` : undefined;
        case "organization-path": {
            const org = pattern.split("/")[0];
            return isWild(org) ? "leaves the organization ID open, so it matches organizations anyone can create" : undefined;
        }
        case "arn":
            return arnOpen(pattern);
        case "service": {
            const label = pattern.split(".")[0];
            return label === "" || isWild(label) ? "does not name one service: it matches every service whose name fits" : undefined;
        }
        case "unique-id":
            return isWild(pattern) && head(pattern).length < 12 ? "leaves the unique ID open: name at least 12 characters of a principal's unique ID before any wildcard" : undefined;
        case "user-name":
            return "names a user name, and any account can give one of its own users that name";
        default:
            return undefined;
    }
}

/**
 * An ARN narrows when its account field is named (or is the resource's own account); an ARN with
 * no account (S3 buckets) when its first resource segment is named. Each of the six fields is
 * matched separately by `ArnLike`.
 */
function arnOpen(pattern: string): string | undefined {
    const fields = pattern.split(":");
    if (fields.length < 6) return isWild(pattern) ? "is not a full ARN and has a wildcard, so it can match ARNs in every account" : undefined;
    const account = fields[4];
    if (account === "") {
        const first = fields.slice(5).join(":").split(/[/:]/)[0];
        return first === "" || isWild(first) ? "has no account and leaves the resource name open: anyone can create a resource of a matching name" : undefined;
    }
    // The value as written is in the message already; the field is quoted only when it holds none of the pattern's stand-ins.
    const shownAccount = account.includes(literalWildcard) || account.includes(resourceToken) ? "" : ` ("${account}")`;
    return isWild(account) ? `leaves the account open${shownAccount}: it matches principals and resources in every account` : undefined;
}

const ipKeys = new Set(["aws:sourceip", "aws:vpcsourceip"]);
const shown = (values: readonly string[]) => values.slice(0, 4).map((v) => JSON.stringify(v)).join(", ") + (values.length > 4 ? `, +${values.length - 4} more` : "");

function ipVerdict(condition: string, values: readonly string[]): string | undefined {
    const ranges = [];
    for (const value of values) {
        const range = parseRange(value);
        if (range === undefined) return `${condition} ${JSON.stringify(value)} is not CIDR notation the pack can read (a.b.c.d/n or IPv6), so it does not count as a network`;
        ranges.push(range);
    }
    const covered = coveredAddresses(ranges);
    const publicCovered = coveredPublicAddresses(ranges);
    for (const family of ["IPv4", "IPv6"] as Family[]) {
        const together = values.length > 1 ? "together cover" : "covers";
        if (covered[family] >= spaceSize[family]) return `${condition} ${shown(values)} ${together} every ${family} address`;
        if (publicCovered[family] > widestNetwork[family].size) return `${condition} ${shown(values)} ${together} more public ${family} addresses than a /${widestNetwork[family].bits}: a share of the internet, not a network`;
    }
    return undefined;
}

/** The first characters a value space's IDs can start with after their fixed prefix, for "together cover" messages. */
const alphabets: Partial<Record<ValueSpace, { prefix: string; characters: string }>> = {
    account: { prefix: "", characters: "0123456789" },
    organization: { prefix: "o-", characters: "abcdefghijklmnopqrstuvwxyz0123456789" },
};

/** True when open prefixes such as `["0*", ..., "9*"]` together start every ID of the space. */
function prefixesCoverSpace(space: ValueSpace, patterns: readonly string[]): boolean {
    const alphabet = alphabets[space];
    if (alphabet === undefined) return false;
    const starts = new Set<string>();
    for (const p of patterns) {
        if (!p.startsWith(alphabet.prefix)) continue;
        const rest = p.slice(alphabet.prefix.length);
        if (rest.startsWith("*")) return true;
        if (rest[1] === "*") starts.add(rest[0] === "?" ? "?" : rest[0]);
    }
    return starts.has("?") || [...alphabet.characters].every((c) => starts.has(c));
}

/** Why one value (in pattern form) names nothing, or `undefined` when it names something. */
export type ValueRule = (pattern: string) => string | undefined;

/** The operator gate every narrowing condition passes first; `undefined` when the operator can narrow. */
function operatorOpen(operator: string, key: string, values: readonly string[]): string | undefined {
    const condition = `${operator} ${key}`;
    const parsed = parseOperator(operator);
    if (parsed === undefined) return `${operator} is not an IAM condition operator (operators are case-sensitive), so ${key} narrows nothing`;
    if (parsed.shape === "boolean" || parsed.shape === "null") return `${condition} does not narrow who: it tests whether a value is set or true, not which caller sends it`;
    if (/Not/.test(parsed.base)) return `${condition} is negated: it shuts out the values it names and lets every other caller in`;
    if (parsed.ifExists) return `${condition} also matches requests that carry no ${key} (IfExists), such as anonymous ones`;
    if (parsed.set === "ForAllValues") return `${condition} is true when the request carries no ${key} (ForAllValues over an empty set)`;
    if (values.length === 0) return `${condition} has no values`;
    return undefined;
}

/**
 * A string or ARN condition judged value by value with `rule` (after the operator gate): the
 * condition narrows when every value does.
 */
export function judgeWith(operator: string, key: string, values: readonly string[], rule: ValueRule): ConditionVerdict {
    const condition = `${operator} ${key}`;
    const no = (reason: string): ConditionVerdict => ({ condition, key, narrows: false, reason });
    const gate = operatorOpen(operator, key, values);
    if (gate !== undefined) return no(gate);
    const parsed = parseOperator(operator)!;
    if (parsed.shape !== "string" && parsed.shape !== "arn") return no(`${condition} does not compare strings or ARNs, so it names no ${key}`);
    const wildcards = parsed.base === "StringLike" || parsed.shape === "arn";
    for (const value of values) {
        const { pattern, self } = asPattern(value, key, wildcards);
        if (self) return no(`${condition} compares ${key} with itself (${JSON.stringify(value)}), which is always true`);
        const why = rule(pattern) ?? (onlyWildcards(pattern) ? "matches every value" : undefined);
        if (why !== undefined) return no(`${condition} ${JSON.stringify(value)} ${why}`);
    }
    return { condition, key, narrows: true };
}

/** One operator and key with its values, judged by the key's value space. */
export function judgeCondition(operator: string, key: string, values: readonly string[]): ConditionVerdict {
    const condition = `${operator} ${key}`;
    const no = (reason: string): ConditionVerdict => ({ condition, key, narrows: false, reason });
    const gate = operatorOpen(operator, key, values);
    if (gate !== undefined) return no(gate);
    const parsed = parseOperator(operator)!;
    const lowerKey = key.toLowerCase();
    const space = identityKeys.get(lowerKey) ?? serviceSetKeys.get(lowerKey);
    if (ipKeys.has(lowerKey) || parsed.shape === "ip") {
        if (!ipKeys.has(lowerKey) || parsed.shape !== "ip") return no(`${condition} does not compare an IP address with IpAddress, so it is not a network restriction`);
        const why = ipVerdict(condition, values);
        return why ? no(why) : { condition, key, narrows: true };
    }
    if (space === undefined) return judgeWith(operator, key, values, () => undefined);
    if (values.length > 1 && (parsed.shape === "string" || parsed.shape === "arn")) {
        const wildcards = parsed.base === "StringLike" || parsed.shape === "arn";
        const patterns = values.map((v) => asPattern(v, key, wildcards).pattern);
        const aloneCovers = patterns.some((p) => onlyWildcards(p) || prefixesCoverSpace(space, [p]));
        if (!aloneCovers && prefixesCoverSpace(space, patterns)) return no(`${condition} ${shown(values)} together match every ${spaceNames[space]} ID`);
    }
    return judgeWith(operator, key, values, (pattern) => valueOpen(space, pattern));
}

/** Is this key one that can narrow who or from where (case-insensitive)? */
export function isIdentityKey(key: string): boolean {
    return identityKeys.has(key.toLowerCase());
}

const verdictsByStatement = new WeakMap<Statement, readonly ConditionVerdict[]>();

/** Every condition of a statement, judged once per statement. */
export function conditionVerdicts(statement: Statement): readonly ConditionVerdict[] {
    return remember(verdictsByStatement, statement, () => {
        const verdicts: ConditionVerdict[] = [];
        for (const operator of Object.keys(statement.conditions)) {
            const block = statement.conditions[operator];
            for (const key of Object.keys(block)) verdicts.push(judgeCondition(operator, key, block[key]));
        }
        return verdicts;
    });
}

export interface NarrowingReport {
    /** The conditions that narrow, as `operator key`. */
    readonly narrowing: readonly string[];
    /** Why each of the others does not. */
    readonly reasons: readonly string[];
}

/**
 * Which of a statement's conditions on `keys` (default: every key that can decide who) narrow.
 * Conditions are ANDed, so one narrowing condition is enough for the statement.
 */
export function narrowingReport(statement: Statement, keys?: readonly string[]): NarrowingReport {
    const wanted = keys ? new Set(keys.map((k) => k.toLowerCase())) : undefined;
    const narrowing: string[] = [];
    const reasons: string[] = [];
    for (const verdict of conditionVerdicts(statement)) {
        const lower = verdict.key.toLowerCase();
        const space = identityKeys.get(lower);
        // A service key alone decides no caller: kms:ViaService lets anyone in any account call through the service, and aws:PrincipalServiceName is a service principal without its source.
        const relevant = wanted ? wanted.has(lower) : space !== undefined && space !== "service";
        if (verdict.narrows && relevant) narrowing.push(verdict.condition);
        else if (wanted && !relevant) continue;
        else if (!verdict.narrows) reasons.push(verdict.reason ?? `${verdict.condition} does not narrow`);
        else if (space === "service") reasons.push(`${verdict.condition} does not narrow who: it names the service the call comes through or from, and any account's principals use that service; add the account or organization (kms:CallerAccount, aws:SourceAccount, aws:PrincipalOrgID)`);
        else reasons.push(`${verdict.condition} does not narrow who: ${verdict.key} is not about the caller's identity, organization, source or network`);
    }
    return { narrowing, reasons };
}

/** Has the statement a condition at all? Stops at the first operator: no list is built. */
export function hasConditions(statement: Statement): boolean {
    for (const operator in statement.conditions) if (Object.hasOwn(statement.conditions, operator)) return true;
    return false;
}

/**
 * Does a condition on `key` narrow the statement (see the module comment)? `narrowingReport`
 * for one key, without building it: only the conditions on that key are judged, as policies ask
 * this of nearly every statement, for keys most of them do not name.
 */
export function narrowsOn(statement: Statement, key: string): boolean {
    // Lowercased only when a key of its length is met: most statements have no conditions.
    let wanted: string | undefined;
    for (const operator in statement.conditions) {
        if (!Object.hasOwn(statement.conditions, operator)) continue;
        const block = statement.conditions[operator];
        for (const k in block) {
            // IAM condition keys are ASCII: a key of another length is not this one in another case.
            if (!Object.hasOwn(block, k) || k.length !== key.length) continue;
            wanted ??= key.toLowerCase();
            if (k.toLowerCase() === wanted && judgeCondition(operator, k, block[k]).narrows) return true;
        }
    }
    return false;
}
