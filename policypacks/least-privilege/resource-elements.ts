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
 *
 * Decided on purpose: seed 004's "production" scoping `phone-number/*` and `sender-id/*` names no
 * phone number or sender ID, so it is a whole-id wildcard like `table/*` and prod blocks it;
 * `phone-number/<PhoneNumberId>` and `sender-id/<SenderId>/*` pass.
 */
import { firstOutsideVariables, firstWildcard, hasWildcard } from "./glob";
import { ResourceTemplate, resourceTemplates } from "./iam-data";
import { fieldColons } from "./arn-format";
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

const cache = new Map<string, ElementVerdict>();
/**
 * Small on purpose: the policies judging one resource classify the same elements, and a miss
 * costs about a microsecond, less than a large table's upkeep (measured: 20,000 entries made the
 * benchmark slower than 1,000).
 */
const cacheLimit = 1000;

/** `arn:partition:service:region:account:resource` (the resource part may contain colons). */
export function parseArn(element: string): ParsedArn | undefined {
    if (!element.startsWith("arn:")) return undefined;
    const colons = fieldColons(element);
    if (colons === undefined) return undefined;
    const [c2, c3, c4, c5] = colons;
    return { partition: element.slice(4, c2), service: element.slice(c2 + 1, c3), region: element.slice(c3 + 1, c4), account: element.slice(c4 + 1, c5), resource: element.slice(c5 + 1) };
}

/** Blocked rows of the table: the element leaves the resource unnamed. */
export function isUnnamed(verdict: ElementVerdict): boolean {
    return verdict.class === "any" || verdict.class === "whole-id-wildcard";
}

export function classifyElement(element: string): ElementVerdict {
    return remember(cache, element, classify, cacheLimit);
}

function classify(element: string): ElementVerdict {
    if (element === "*") return { element, class: "any" };
    const arn = parseArn(element);
    if (arn === undefined) return { element, class: "not-an-arn" };
    if (!hasWildcard(element)) return { element, class: "exact", arn };
    if (arn.service === "" || hasWildcard(arn.service)) return { element, class: "whole-id-wildcard", arn, reason: "the service is wildcarded" };
    const identifier = identifierPart(arn);
    if (identifier === undefined) return { element, class: "whole-id-wildcard", arn, reason: "a wildcard stands in for the resource type" };
    const wildcard = firstWildcard(identifier);
    let named: ElementClass;
    if (wildcard === 0) return { element, class: "whole-id-wildcard", arn, reason: "the resource id is wildcarded" };
    if (wildcard < 0) named = "exact";
    else named = firstSeparator(identifier) < wildcard && firstSeparator(identifier) >= 0 ? "path-under-named-parent" : "naming-prefix";
    if (hasWildcard(arn.region) || hasWildcard(arn.account) || hasWildcard(arn.partition)) return { element, class: "account-or-region-wildcard", arn };
    return { element, class: named, arn };
}

/** Index of the first `/` or `:` outside `${...}`, or -1. */
const firstSeparator = (text: string) => firstOutsideVariables(text, "/:");

/** How a region or account field can fit a template's: empty, wildcards only, or anything else. */
const enum FieldKind { Empty, Wildcards, Value }

const fieldKind = (field: string): FieldKind => (field === "" ? FieldKind.Empty : /^[*?]+$/.test(field) ? FieldKind.Wildcards : FieldKind.Value);

/** A template fits the element when its empty region/account fields are empty (or `*`) in the element too. */
function fits(kind: FieldKind, templateField: string): boolean {
    return templateField === "" ? kind !== FieldKind.Value : kind !== FieldKind.Empty;
}

/** Per service's templates, the ones each region and account kind can fit (nine lists, filled as needed). */
const fittingTemplates = new WeakMap<readonly ResourceTemplate[], (readonly ResourceTemplate[])[]>();

function candidatesFor(templates: readonly ResourceTemplate[], region: FieldKind, account: FieldKind): readonly ResourceTemplate[] {
    const lists = remember(fittingTemplates, templates, () => []);
    return (lists[region * 3 + account] ??= templates.filter((t) => fits(region, t.region) && fits(account, t.account)));
}

/**
 * The resource part with the resource-type prefix and leading separators removed, or `undefined`
 * when a wildcard covers (part of) the type prefix itself, e.g. `t*` for DynamoDB.
 */
function identifierPart(arn: ParsedArn): string | undefined {
    const resource = arn.resource;
    const templates = resourceTemplates(arn.service);
    if (templates === undefined) {
        // A service the data does not know: take a leading `word/` or `word:` as the type.
        const generic = /^[A-Za-z][A-Za-z0-9-]*[/:]/.exec(resource);
        return stripSeparators(generic ? resource.slice(generic[0].length) : resource);
    }
    const candidates = candidatesFor(templates, fieldKind(arn.region), fieldKind(arn.account));
    let best: string | undefined;
    for (const t of candidates) {
        if (t.prefix !== "" && resource.startsWith(t.prefix) && (best === undefined || t.prefix.length > best.length)) best = t.prefix;
    }
    if (best !== undefined) return stripSeparators(resource.slice(best.length));
    if (candidates.some((t) => t.prefix === "")) return stripSeparators(resource);
    const wildcard = firstWildcard(resource);
    if (wildcard >= 0) {
        const head = resource.slice(0, wildcard);
        if (candidates.some((t) => t.prefix.startsWith(head))) return undefined;
    }
    return stripSeparators(resource);
}

function stripSeparators(text: string): string {
    let i = 0;
    while (i < text.length && (text[i] === "/" || text[i] === ":")) i++;
    return text.slice(i);
}
