/**
 * Can a policy's resource element match an ARN template of the IAM data? Both are patterns:
 * the element has IAM wildcards (`*` any run, `?` one character; a policy variable such as
 * `${aws:username}` counts as `*`), the template has variables (`${BucketName}`: one or more
 * characters). The answer is whether some concrete ARN matches both, decided by walking the two
 * patterns together (a product of two small automata): linear in their lengths' product, cached
 * per pair, templates compiled once. A concrete element (no wildcard, no variable), the common
 * case, is simply tested against the template compiled to a regular expression.
 *
 * Variables stand for any non-empty text, except where AWS's own naming rules exclude characters
 * (which is what tells an S3 object ARN from a bucket ARN): partition, region and account never
 * contain `:`; bucket and table names never contain `/` or `:`; function names never contain
 * `/` (a `:` after one is the version or alias qualifier, `function:name:*`, which Lambda accepts
 * for the same `function` resource type although the data's template omits it).
 */

import { resourceStart } from "./arn-format";
import { hasWildcardOrVariable } from "./glob";
import { remember } from "./memo";

type Token =
    | { readonly kind: "char"; readonly c: string }
    | { readonly kind: "one" }
    | { readonly kind: "star" }
    | { readonly kind: "var"; readonly allows: (c: string) => boolean };

/**
 * Characters a variable never contains, by variable name; other variables take any character.
 * Sources: ARN format (partition, region, account fields); S3, DynamoDB and Lambda naming rules.
 */
const excludedCharacters: Readonly<Record<string, string>> = {
    partition: ":",
    region: ":",
    account: ":",
    bucketname: "/:",
    tablename: "/:",
    functionname: "/",
};

type TemplatePart = { readonly literal: string } | { readonly excluded: string };

/**
 * A template as literal characters and variables with the characters each excludes. A variable
 * in the first five fields (`${Partition}`, `${Vendor}`, `${Region}`) is a whole ARN field, so it
 * never contains `:` whatever its name.
 */
function templateParts(template: string): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let colons = 0;
    for (let i = 0; i < template.length; i++) {
        if (template[i] === "$" && template[i + 1] === "{") {
            const end = template.indexOf("}", i + 2);
            if (end > 0) {
                const excluded = excludedCharacters[template.slice(i + 2, end).toLowerCase()] ?? "";
                parts.push({ excluded: colons < 5 && !excluded.includes(":") ? `${excluded}:` : excluded });
                i = end;
                continue;
            }
        }
        if (template[i] === ":") colons++;
        parts.push({ literal: template[i] });
    }
    return parts;
}

const tokenOf = (part: TemplatePart): Token => {
    if ("literal" in part) return { kind: "char", c: part.literal };
    const { excluded } = part;
    return { kind: "var", allows: (c) => !excluded.includes(c) };
};

/** Parts as an anchored regular expression over concrete text (`[^]` is any character). */
function patternOf(parts: readonly TemplatePart[]): RegExp {
    const escape = (text: string) => text.replace(/[.*+?^$()|[\]{}\\\/-]/g, "\\$&");
    return new RegExp(`^${parts.map((p) => ("literal" in p ? escape(p.literal) : `[^${escape(p.excluded)}]+`)).join("")}$`);
}

/** Tokens to walk an element against, with the walk's verdicts by element (bounded). */
interface Walkable {
    readonly tokens: readonly Token[];
    readonly walks: Map<string, boolean>;
}

/** A template compiled once (the data has a few thousand): whole, and split after its fifth colon. */
interface CompiledTemplate extends Walkable {
    readonly pattern: RegExp;
    /** `arn:partition:service:region:account:` and the resource part, when the template has both. */
    readonly split?: { readonly fields: RegExp; readonly resource: Walkable };
}

function compile(template: string): CompiledTemplate {
    const parts = templateParts(template);
    let colons = 0;
    const fifth = parts.findIndex((p) => "literal" in p && p.literal === ":" && ++colons === 5);
    return {
        pattern: patternOf(parts),
        tokens: parts.map(tokenOf),
        walks: new Map(),
        ...(fifth < 0 ? {} : { split: { fields: patternOf(parts.slice(0, fifth + 1)), resource: { tokens: parts.slice(fifth + 1).map(tokenOf), walks: new Map() } } }),
    };
}

/** An element's tokens: `${*}`, `${?}` and `${$}` are literal escapes; other variables are wildcards. */
function elementTokens(element: string): Token[] {
    const tokens: Token[] = [];
    for (let i = 0; i < element.length; i++) {
        const c = element[i];
        if (c === "$" && element[i + 1] === "{") {
            const end = element.indexOf("}", i + 2);
            if (end > 0) {
                const inner = element.slice(i + 2, end);
                tokens.push(inner === "*" || inner === "?" || inner === "$" ? { kind: "char", c: inner } : { kind: "star" });
                i = end;
                continue;
            }
        }
        tokens.push(c === "*" ? { kind: "star" } : c === "?" ? { kind: "one" } : { kind: "char", c });
    }
    return tokens;
}

const concrete = (text: string) => !hasWildcardOrVariable(text);

const templates = new Map<string, CompiledTemplate>();
/** Per template: a long-lived analyzer sees every element of every stack it judges. */
const walksLimit = 2000;

const compiled = (template: string): CompiledTemplate => remember(templates, template, compile);

/** The walk for an element (or resource part) with wildcards, cached per template. */
function walkMatches(element: string, { tokens, walks }: Walkable): boolean {
    return remember(walks, element, () => intersects(elementTokens(element), tokens), walksLimit);
}

/**
 * Does some concrete ARN match the element and one of the templates? A concrete element is
 * tested against each template's regular expression. An element whose first five fields are
 * concrete (wildcards only in the resource part, the usual `bucket/*` or `log-group:name:*`) is
 * matched in two steps: the resource part by the walk (`byResource` keeps which templates it
 * fits, as resource parts repeat across accounts and regions), then the fields by regular
 * expression. Otherwise the whole is walked.
 */
function matchesAny(element: string, candidates: readonly CompiledTemplate[], byResource?: Map<string, readonly CompiledTemplate[]>): boolean {
    if (concrete(element)) return candidates.some((t) => t.pattern.test(element));
    const start = resourceStart(element);
    if (start < 0 || !concrete(element.slice(0, start))) return candidates.some((t) => walkMatches(element, t));
    const fields = element.slice(0, start);
    const resource = element.slice(start);
    const fitResource = () => candidates.filter((t) => t.split === undefined || walkMatches(resource, t.split.resource));
    const fitting = byResource ? remember(byResource, resource, fitResource, walksLimit) : fitResource();
    return fitting.some((t) => (t.split === undefined ? walkMatches(element, t) : t.split.fields.test(fields)));
}

/**
 * One test of elements against a set of templates, built once per set (a statement's actions
 * share one). Concrete elements, the common case, take one combined regular expression instead
 * of one per template.
 */
export function anyTemplateMatcher(templates: readonly string[]): (element: string) => boolean {
    const unique = [...new Set(templates)].map(compiled);
    if (unique.length === 0) return () => false;
    const combined = new RegExp(unique.map((t) => `(?:${t.pattern.source})`).join("|"));
    const byResource = new Map<string, readonly CompiledTemplate[]>();
    return (element) => (concrete(element) ? combined.test(element) : matchesAny(element, unique, byResource));
}

/** Does some concrete ARN match both the policy element and the template? */
export const canMatch = (element: string, template: string): boolean => matchesAny(element, [compiled(template)]);

/** Breadth-first walk over (element position, template position, inside a variable). */
function intersects(e: readonly Token[], t: readonly Token[]): boolean {
    const seen = new Set<number>();
    const stack: [number, number, 0 | 1][] = [[0, 0, 0]];
    const push = (i: number, j: number, v: 0 | 1) => {
        const id = (i * (t.length + 1) + j) * 2 + v;
        if (!seen.has(id)) {
            seen.add(id);
            stack.push([i, j, v]);
        }
    };
    while (stack.length > 0) {
        const [i, j, v] = stack.pop()!;
        if (i === e.length && j === t.length && v === 0) return true;
        const et = e[i];
        const tt = t[j];
        if (et?.kind === "star") push(i + 1, j, v);
        if (v === 1) push(i, j + 1, 0);
        if (et === undefined || tt === undefined) continue;
        const nextI = et.kind === "star" ? i : i + 1;
        if (tt.kind === "var") {
            if (et.kind === "char" ? tt.allows(et.c) : true) push(nextI, j, 1);
        } else if (tt.kind === "char") {
            if (et.kind !== "char" || et.c === tt.c) push(nextI, j + 1, 0);
        }
    }
    return false;
}
