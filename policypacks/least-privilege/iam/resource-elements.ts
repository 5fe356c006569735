/**
 * Classifies one `Resource` element into the rows of DESIGN.md's "Wildcards: what prod blocks"
 * table. The rule, not the examples: split the ARN into partition, service, region, account and
 * resource part; strip the resource-type prefix that the service's ARN templates define
 * (`table/`, `log-group:`, `foundation-model/`, none for S3 buckets); what remains starts with the
 * resource's identifier. If that identifier starts with a wildcard, or a wildcard stands where the
 * type prefix would be, the whole resource id is wildcarded. A literal first character names the
 * resource (a naming-convention prefix if the wildcard is in the first segment, a path under a
 * named parent if it comes after a `/` or `:`). Policy variables such as `${aws:username}` count
 * as names. Region or account wildcards with a named resource are 003's "acceptable" tier.
 * A naming-convention prefix names something only when its fixed part is long enough
 * (`minimumPrefix`): `arn:aws:s3:::ab*` and `role/A*` are whole-id wildcards.
 *
 * Decided on purpose: seed 004's "production" scoping `phone-number/*` and `sender-id/*` names no
 * phone number or sender ID, so it is a whole-id wildcard like `table/*` and prod blocks it;
 * `phone-number/<PhoneNumberId>` and `sender-id/<SenderId>/*` pass.
 */
import { firstOutsideVariables, firstWildcard, hasWildcard } from "./glob";
import { ResourceTemplate, resourceTemplates } from "./iam-data";
import { Colons, accountFree, fieldColons, sixFields } from "./arn-format";
import { remember } from "./memo";

export type ElementClass =
    /** `"*"`: every resource; allowed only when every action needs it. */
    | "any"
    /** `arn:aws:s3:::*`, `table/*`, `foundation-model/*`, `arn:aws:logs:*:*:*`: blocked. */
    | "whole-id-wildcard"
    | "exact"
    | "path-under-named-parent"
    | "naming-prefix"
    /** A named resource in any region or account (`arn:aws:dynamodb:us-east-1:*:table/engagement-*`). */
    | "account-or-region-wildcard"
    /** Neither `*` nor an ARN; `documents.ts` reports it as a shape problem. */
    | "not-an-arn";

export interface ParsedArn {
    readonly partition: string;
    readonly service: string;
    readonly region: string;
    readonly account: string;
    readonly resource: string;
}

export interface ElementVerdict {
    readonly element: string;
    readonly class: ElementClass;
    readonly arn?: ParsedArn;
    /** For `whole-id-wildcard`: why, in a few words. */
    readonly reason?: string;
}

/** `arn:partition:service:region:account:resource` (the resource part may contain colons), from its field colons. */
function arnOf(element: string, [c2, c3, c4, c5]: Colons): ParsedArn {
    return { partition: element.slice(4, c2), service: element.slice(c2 + 1, c3), region: element.slice(c3 + 1, c4), account: element.slice(c4 + 1, c5), resource: element.slice(c5 + 1) };
}

/** Blocked rows of the table: the element leaves the resource unnamed. */
export function isUnnamed(verdict: ElementVerdict): boolean {
    return verdict.class === "any" || verdict.class === "whole-id-wildcard";
}

/**
 * `isUnnamed(classifyElement(element))` without building the verdict: no-wildcard-resource asks
 * it of every wildcarded element, and nearly all of them name their resource (`bucket/*`).
 */
export function leavesResourceUnnamed(element: string): boolean {
    if (element === "*") return true;
    if (!element.startsWith("arn:") || (!hasWildcard(element) && !element.includes("${"))) return false;
    // The account ID plays no part (only whether the field is empty, wildcards or a value).
    return remember(unnamedByText, accountFree(element), (written) => {
        const text = callerVariablesAsWildcards(sixFields(written));
        const colons = fieldColons(text);
        return colons !== undefined && typeof unnamedOrIdentifier(text, colons) === "string";
    }, 5000);
}

/** Wildcarded elements by their `accountFree` text: a stack repeats them across its policies and accounts. */
const unnamedByText = new Map<string, boolean>();

/**
 * Policy variables whose value the caller writes into each request (IAM User Guide, "AWS global
 * condition context keys": aws:Referer and aws:UserAgent are request headers any caller can
 * set, aws:RequestTag/ and aws:TagKeys the tags the request itself carries): in a Resource they
 * name nothing, so they count as `*`. Variables of the principal (aws:username, aws:PrincipalTag/,
 * an identity provider's sub) name the caller's own resources; aws:SourceIdentity is set by
 * whoever assumes the role, which the trust policy decides (AWS's MGN and DRS agent policies
 * rely on the service setting it), so it is not judged here.
 */
const callerChosen = /^(aws:referer|aws:useragent|aws:requesttag\/.*|aws:tagkeys)$/i;

/**
 * What the reason adds when the element was judged in another form than written: the short ARN
 * padded to six fields (`padded`), and request-carried variables read as `*` (`text`); the
 * variables are named only when they make the id unnamed (not when a leading `*` does already).
 */
function whyJudgedAs(element: string, padded: string, text: string): string {
    if (text !== padded) {
        const colons = fieldColons(padded);
        if (colons === undefined || typeof unnamedOrIdentifier(padded, colons) !== "string") return ": the caller writes the value of a policy variable in it into the request (aws:RequestTag/, aws:TagKeys, aws:Referer, aws:UserAgent)";
    }
    return padded !== element ? ": a short ARN ending in a wildcard covers the fields it leaves out" : "";
}

/** Request-carried variables (`callerChosen`) as `*`. */
function callerVariablesAsWildcards(text: string): string {
    if (!text.includes("${")) return text;
    return text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => (callerChosen.test(inner.split(",")[0].trim()) ? "*" : whole));
}

export function classifyElement(element: string): ElementVerdict {
    if (element === "*") return { element, class: "any" };
    // A short ARN ending in a wildcard is the six-field ARN it stands for (`arn:aws:iam::*` is `arn:aws:iam::*:*`).
    const padded = sixFields(element);
    const text = callerVariablesAsWildcards(padded);
    const colons = text.startsWith("arn:") ? fieldColons(text) : undefined;
    if (colons === undefined) return { element, class: "not-an-arn" };
    const arn = arnOf(text, colons);
    if (!hasWildcard(text)) return { element, class: "exact", arn };
    const start = unnamedOrIdentifier(text, colons);
    if (typeof start === "string") return { element, class: "whole-id-wildcard", arn, reason: start + whyJudgedAs(element, padded, text) };
    const identifier = text.slice(start);
    const wildcard = firstWildcard(identifier);
    const separator = firstSeparator(identifier);
    const named: ElementClass = wildcard < 0 ? "exact" : separator >= 0 && separator < wildcard ? "path-under-named-parent" : "naming-prefix";
    if (hasWildcard(arn.region) || hasWildcard(arn.account) || hasWildcard(arn.partition)) return { element, class: "account-or-region-wildcard", arn };
    return { element, class: named, arn };
}

/**
 * For an ARN with a wildcard: why it leaves its resource unnamed (the service, the type prefix
 * or the id itself is wildcarded), or where its identifier starts when it names the resource.
 */
function unnamedOrIdentifier(element: string, colons: Colons): string | number {
    const service = element.slice(colons[0] + 1, colons[1]);
    if (service === "" || hasWildcard(service)) return "the service is wildcarded";
    const start = identifierStart(element, service, colons);
    if (start < 0) return "a wildcard stands in for the resource type";
    if (isWildcardAt(element, start)) return "the resource id is wildcarded";
    const short = shortPrefix(element, start);
    return short === undefined ? start : `the prefix ${JSON.stringify(short)} is too short to name a resource: a prefix needs ${minimumPrefix} characters or more before the wildcard, one of them a letter or digit`;
}

/**
 * The shortest naming-convention prefix that names something: S3's shortest bucket name is 3
 * characters, and every seed's prefix is far longer (`aws-eum-x-` is 10, `engagement-` 11,
 * `meddocparser-` 13). Below that, a few elements cover a whole namespace: 36 one-character
 * prefixes are every bucket, and a list that together covers every identifier needs prefixes
 * of at most 2 characters (with 3, it takes 36^3 = 46,656 elements, far beyond any policy size
 * quota), so judging each element by this rule judges the list as a whole.
 */
export const minimumPrefix = 3;

/**
 * For an identifier (from `start` in the element) whose first wildcard comes before any `/` or
 * `:` (a naming-convention prefix), the fixed part when it is too short to name anything: fewer
 * than `minimumPrefix` characters, or none of them a letter or digit (`---*`, `${*}${*}${*}*`:
 * `${*}`, `${?}` and `${$}` are the literal characters). A policy variable such as
 * `${aws:username}` in the fixed part names the resource. Read in place: this runs for every
 * wildcarded element of every statement.
 */
function shortPrefix(element: string, start: number): string | undefined {
    let fixed = "";
    let alphanumeric = false;
    for (let i = start; i < element.length; i++) {
        const c = element.charCodeAt(i);
        if (c === 42 || c === 63) return fixed.length < minimumPrefix || !alphanumeric ? fixed : undefined;
        if (c === 47 || c === 58) return undefined;
        if (c === 36 && element.charCodeAt(i + 1) === 123) {
            const end = element.indexOf("}", i + 2);
            if (end < 0) return undefined;
            const inner = element.slice(i + 2, end);
            if (inner.length !== 1 || !"*?$".includes(inner)) return undefined;
            fixed += inner;
            i = end;
            continue;
        }
        fixed += element[i];
        alphanumeric ||= (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
        // Long enough and named: no need to read further.
        if (alphanumeric && fixed.length >= minimumPrefix) return undefined;
    }
    return undefined;
}

/** Is there a `*` or `?` at this position (the first character of an identifier: never inside a `${...}`)? */
function isWildcardAt(text: string, at: number): boolean {
    const c = text.charCodeAt(at);
    return c === 42 || c === 63;
}

/** Index of the first `/` or `:` outside `${...}`, or -1. */
const firstSeparator = (text: string) => firstOutsideVariables(text, "/:");

/** How a region or account field can fit a template's: empty, wildcards only, or anything else. */
const enum FieldKind { Empty, Wildcards, Value }

/** The kind of the field `text[from, to)`, read in place. */
function fieldKind(text: string, from: number, to: number): FieldKind {
    if (from === to) return FieldKind.Empty;
    for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c !== 42 && c !== 63) return FieldKind.Value;
    }
    return FieldKind.Wildcards;
}

/** A template fits the element when its empty region/account fields are empty (or `*`) in the element too. */
function fits(kind: FieldKind, templateField: string): boolean {
    return templateField === "" ? kind !== FieldKind.Value : kind !== FieldKind.Empty;
}

/** The type prefixes of the templates a region and account kind can fit. */
interface TypePrefixes {
    /** Non-empty, once each, longest first: the first that an element starts with is the longest. */
    readonly prefixes: readonly string[];
    /** The same by their first character's code: an element is tested against the few that can fit. */
    readonly byFirstCharacter: ReadonlyMap<number, readonly string[]>;
    /** Does some template have no prefix (an S3 bucket: `${BucketName}`)? */
    readonly someEmpty: boolean;
}

/** Per service as written: the nine kinds' prefixes, filled as needed; `null` for a service without templates. */
const prefixTables = new Map<string, TypePrefixes[] | null>();

const newTable = (service: string): TypePrefixes[] | null => (resourceTemplates(service) === undefined ? null : []);

function typePrefixes(service: string, region: FieldKind, account: FieldKind): TypePrefixes | undefined {
    const table = remember(prefixTables, service, newTable, 5000);
    if (table === null) return undefined;
    return (table[region * 3 + account] ??= prefixesOf((resourceTemplates(service) ?? []).filter((t) => fits(region, t.region) && fits(account, t.account))));
}

function prefixesOf(templates: readonly ResourceTemplate[]): TypePrefixes {
    const prefixes = [...new Set(templates.map((t) => t.prefix).filter((p) => p !== ""))].sort((a, b) => b.length - a.length);
    const byFirstCharacter = new Map<number, string[]>();
    for (const prefix of prefixes) byFirstCharacter.set(prefix.charCodeAt(0), [...(byFirstCharacter.get(prefix.charCodeAt(0)) ?? []), prefix]);
    return { prefixes, byFirstCharacter, someEmpty: templates.some((t) => t.prefix === "") };
}

/**
 * Where the resource's identifier starts in the element: after the resource-type prefix and the
 * separators that follow it; -1 when a wildcard covers (part of) the type prefix itself, e.g.
 * `t*` for DynamoDB. Read in place: the common case slices nothing.
 */
function identifierStart(element: string, service: string, [, c3, c4, c5]: Colons): number {
    const from = c5 + 1;
    const types = typePrefixes(service, fieldKind(element, c3 + 1, c4), fieldKind(element, c4 + 1, c5));
    if (types === undefined) {
        // A service the data does not know: take a leading `word/` or `word:` as the type.
        const generic = /^[A-Za-z][A-Za-z0-9-]*[/:]/.exec(element.slice(from));
        return skipSeparators(element, from + (generic ? generic[0].length : 0));
    }
    for (const prefix of types.byFirstCharacter.get(element.charCodeAt(from)) ?? []) {
        if (element.startsWith(prefix, from)) return skipSeparators(element, from + prefix.length);
    }
    if (types.someEmpty) return skipSeparators(element, from);
    const resource = element.slice(from);
    const wildcard = firstWildcard(resource);
    if (wildcard >= 0) {
        const head = resource.slice(0, wildcard);
        if (types.prefixes.some((prefix) => prefix.startsWith(head))) return -1;
    }
    return skipSeparators(element, from);
}

/** The first index at or after `from` that is not a `/` or `:`. */
function skipSeparators(text: string, from: number): number {
    let i = from;
    while (i < text.length && (text[i] === "/" || text[i] === ":")) i++;
    return i;
}
