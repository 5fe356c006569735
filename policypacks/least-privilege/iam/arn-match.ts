/**
 * Can a policy's resource element match an ARN template of the IAM data? Both are patterns:
 * the element has IAM wildcards (`*` any run, `?` one character; a policy variable such as
 * `${aws:username}` counts as `*`), the template has variables (`${BucketName}`: one or more
 * characters). The answer is whether some concrete ARN matches both, decided by walking the two
 * patterns together (a product of two small automata): linear in their lengths' product, cached
 * per pair, templates compiled once. A concrete element (no wildcard, no variable), the common
 * case, is simply tested against the template compiled to a regular expression; so is an element
 * whose only wildcard is its last character, against the expression of the template's prefixes.
 *
 * Variables stand for any non-empty text, except where AWS's own naming rules exclude characters
 * (which is what tells an S3 object ARN from a bucket ARN): partition, region and account never
 * contain `:`; bucket and table names never contain `/` or `:`; function names never contain
 * `/` (a `:` after one is the version or alias qualifier, `function:name:*`, which Lambda accepts
 * for the same `function` resource type although the data's template omits it).
 */

import { HeadFields, WellFormedHead, fitsHead, headFields, resourceStart, wellFormedHead, wellFormedHeadSource } from "./arn-format";
import { escapeRegExp, hasWildcardOrVariable } from "./glob";
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

/** Parts as a regular expression source over concrete text (`[^]` is any character). */
const sourceOf = (parts: readonly TemplatePart[]): string => parts.map((p) => ("literal" in p ? escapeRegExp(p.literal) : `[^${escapeRegExp(p.excluded)}]+`)).join("");

const anchored = (source: string) => new RegExp(`^${source}$`);

/**
 * Parts as a source matching exactly `P*` for every prefix P of a text the parts match: an
 * element whose only wildcard is its last character (`bucket/*`, `function:engagement-*`) can
 * match the parts exactly when this matches it.
 */
function prefixSourceOf(parts: readonly TemplatePart[], from = 0): string {
    if (from === parts.length) return "\\*";
    const part = parts[from];
    const rest = prefixSourceOf(parts, from + 1);
    if ("literal" in part) return `(?:\\*|${escapeRegExp(part.literal)}${rest})`;
    // The prefix has no `*` of its own (the element's only one is its last character), so a
    // variable's run stops at the star or at a character it excludes: no run is tried twice.
    return `(?:\\*|[^${escapeRegExp(part.excluded)}*]+(?:\\*|${rest}))`;
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
    readonly split?: Split;
    /** Expression sources of the head (empty without a fifth colon) and the rest, for a matcher's combined expressions (`union`). */
    readonly sources: Sources;
}

interface Sources {
    readonly head: string;
    readonly rest: string;
    readonly restPrefix?: string;
    readonly wellFormedHead?: string;
}

/** A template's parts around its fifth colon; each expression is compiled on first use. */
interface Split {
    /** The five fields, as an expression. */
    readonly fields: RegExp;
    /** The fields of the ARNs of this template that `arnProblem` accepts. */
    readonly wellFormed?: WellFormedHead;
    readonly resource: Walkable;
    /** The resource part's expression. */
    readonly rest: RegExp;
    /** The resource part as `prefixSourceOf`: for an element whose only wildcard is its last `*`. */
    readonly restPrefix: RegExp;
    /** The fields, then the resource part as `prefixSourceOf`. */
    readonly trailing: RegExp;
    readonly headSource: string;
    readonly restSource: string;
    readonly prefixSource: string;
}

/**
 * Each part is built on first use: a matcher lists many templates and tests few of them, and few
 * ways. Getters on the prototype, so that the thousands of templates of a long run hold no
 * closures of their own.
 */
class Compiled implements CompiledTemplate {
    private partsMade?: TemplatePart[];
    private walksMade?: Map<string, boolean>;
    private patternMade?: RegExp;
    private tokensMade?: readonly Token[];
    private splitMade?: { readonly split: Split | undefined };
    private sourcesMade?: Sources;

    constructor(private readonly template: string) {}

    private get parts(): TemplatePart[] {
        return (this.partsMade ??= templateParts(this.template));
    }
    get walks(): Map<string, boolean> {
        return (this.walksMade ??= new Map());
    }
    get pattern(): RegExp {
        return (this.patternMade ??= anchored(sourceOf(this.parts)));
    }
    get tokens(): readonly Token[] {
        return (this.tokensMade ??= this.parts.map(tokenOf));
    }
    get split(): Split | undefined {
        return (this.splitMade ??= { split: splitOf(this.template, this.parts) }).split;
    }
    get sources(): Sources {
        if (this.sourcesMade !== undefined) return this.sourcesMade;
        const split = this.split;
        this.sourcesMade = split === undefined
            ? { head: "", rest: sourceOf(this.parts) }
            : { head: split.headSource, rest: split.restSource, restPrefix: split.prefixSource, ...(split.wellFormed === undefined ? {} : { wellFormedHead: wellFormedHeadSource(split.wellFormed) }) };
        return this.sourcesMade;
    }
}

const compile = (template: string): CompiledTemplate => new Compiled(template);

/** The template split after its fifth colon, or `undefined` without one. */
function splitOf(template: string, parts: readonly TemplatePart[]): Split | undefined {
    let colons = 0;
    const fifth = parts.findIndex((p) => "literal" in p && p.literal === ":" && ++colons === 5);
    return fifth < 0 ? undefined : new SplitTemplate(template, parts.slice(0, fifth + 1), parts.slice(fifth + 1));
}

/** A template's parts around its fifth colon; each expression is compiled on first use. */
class SplitTemplate implements Split {
    private wellFormedMade?: { readonly head: WellFormedHead | undefined };
    private headSourceMade?: string;
    private restSourceMade?: string;
    private prefixSourceMade?: string;
    private fieldsMade?: RegExp;
    private restMade?: RegExp;
    private restPrefixMade?: RegExp;
    private trailingMade?: RegExp;
    private resourceMade?: Walkable;

    constructor(
        private readonly template: string,
        private readonly headParts: readonly TemplatePart[],
        private readonly resourceParts: readonly TemplatePart[],
    ) {}

    get wellFormed(): WellFormedHead | undefined {
        return (this.wellFormedMade ??= { head: wellFormedHead(this.template) }).head;
    }
    get headSource(): string {
        return (this.headSourceMade ??= sourceOf(this.headParts));
    }
    get restSource(): string {
        return (this.restSourceMade ??= sourceOf(this.resourceParts));
    }
    get prefixSource(): string {
        return (this.prefixSourceMade ??= prefixSourceOf(this.resourceParts));
    }
    get fields(): RegExp {
        return (this.fieldsMade ??= anchored(this.headSource));
    }
    get rest(): RegExp {
        return (this.restMade ??= anchored(this.restSource));
    }
    get restPrefix(): RegExp {
        return (this.restPrefixMade ??= anchored(this.prefixSource));
    }
    get trailing(): RegExp {
        return (this.trailingMade ??= anchored(this.headSource + this.prefixSource));
    }
    get resource(): Walkable {
        return (this.resourceMade ??= { tokens: this.resourceParts.map(tokenOf), walks: new Map() });
    }
}

/** Does the concrete text (or one whose only wildcard is its last `*`, with `trailing`) match the template? */
function matchesText(template: CompiledTemplate, text: string, trailing: boolean): boolean {
    if (!trailing) return template.pattern.test(text);
    const { split } = template;
    return split !== undefined && split.trailing.test(text);
}

/**
 * Does a text with these fields, read literally (`*` and `?` as characters), match the template
 * with fields `arnProblem` accepts? With `trailing`, the text's only wildcard is its last `*`.
 */
function matchesWellFormedText(template: CompiledTemplate, fields: HeadFields, trailing: boolean): boolean {
    const { split } = template;
    if (split?.wellFormed === undefined || !fitsHead(split.wellFormed, fields)) return false;
    return (trailing ? split.restPrefix : split.rest).test(fields.resource);
}

/**
 * One anchored expression for the union of head-and-rest pairs, each head written once: the
 * templates of one service share two or three heads, and the well-formed ones list every region.
 */
function union(pairs: readonly (readonly [string, string])[]): RegExp {
    const byHead = new Map<string, string[]>();
    for (const [head, rest] of pairs) byHead.set(head, [...(byHead.get(head) ?? []), rest]);
    const alternatives = [...byHead].map(([head, rests]) => `${head}(?:${rests.join("|")})`);
    return alternatives.length === 0 ? /(?!)/ : new RegExp(`^(?:${alternatives.join("|")})$`);
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
/** Elements a matcher answers template by template before it combines its templates into one expression. */
const combineAfter = 256;

const compiled = (template: string): CompiledTemplate => remember(templates, template, compile);

/** The literal service field of a template (`s3`); `undefined` when it is a variable. */
function serviceOf(template: string): string | undefined {
    const field = template.split(":")[2];
    return field !== undefined && !field.includes("${") ? field : undefined;
}

/** The walk for an element (or resource part) with wildcards, cached per template. */
function walkMatches(element: string, walkable: Walkable): boolean {
    return remember(walkable.walks, element, () => intersects(remember(elementTokenLists, element, elementTokens, walksLimit), walkable.tokens), walksLimit);
}

/** Elements tokenized once for all the templates they are walked against. */
const elementTokenLists = new Map<string, Token[]>();

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
    const head = concreteHead(element, candidates, byResource);
    if (head === undefined) return candidates.some((t) => walkMatches(element, t));
    return head.fitting.some((t) => (t.split === undefined ? walkMatches(element, t) : t.split.fields.test(head.fields)));
}

/**
 * When only the element's resource part has wildcards: its first five fields, and the templates
 * whose resource part it can match (templates without a split are kept, for the whole walk);
 * `undefined` otherwise.
 */
function concreteHead(element: string, candidates: readonly CompiledTemplate[], byResource?: Map<string, readonly CompiledTemplate[]>): { fields: string; fitting: readonly CompiledTemplate[] } | undefined {
    const start = resourceStart(element);
    if (start < 0) return undefined;
    const fields = element.slice(0, start);
    if (!concrete(fields)) return undefined;
    const resource = element.slice(start);
    const fit = () => candidates.filter((t) => t.split === undefined || walkMatches(resource, t.split.resource));
    return { fields, fitting: byResource ? remember(byResource, resource, fit, walksLimit) : fit() };
}

/** Elements tested against a set of templates (a statement's actions share one). */
export interface TemplateMatcher {
    /** Can some concrete ARN match both the element and one of the templates? */
    readonly matches: (element: string) => boolean;
    /**
     * Does the element match one of the templates with fields `arnProblem` accepts? True settles
     * both checks of resource-arns-match-actions; false settles nothing (ask both).
     */
    readonly matchesWellFormed: (element: string) => boolean;
}

/**
 * Built once per action list (its caller keeps it), cheaply: a list can name hundreds of
 * templates, and real documents (AWS's managed policies) rarely repeat a list. An element is
 * tested only against the templates of its own service, each compiled on first use, once for the
 * process. A concrete element takes each template's expression; so does an element whose only
 * wildcard is its last character (against the template's prefixes); other elements wildcarded in
 * the resource part only are walked once per resource part and template list. A matcher that
 * recurs (a stack's lists do) switches to one combined expression of all its templates.
 */
export function anyTemplateMatcher(templates: readonly string[]): TemplateMatcher {
    // Lists of a few actions share their templates (s3:GetObject, s3:PutObject): one matcher for all of them.
    if (templates.length > sharedUpTo) return matcherOf(templates);
    return remember(sharedMatchers, [...new Set(templates)].sort().join("\n"), (key) => matcherOf(key === "" ? [] : key.split("\n")), 1000);
}

/** Matchers shared by their sorted templates, for lists of at most `sharedUpTo` templates (building the key of a list of thousands costs more than it saves). */
const sharedMatchers = new Map<string, TemplateMatcher>();
const sharedUpTo = 64;

function matcherOf(templates: readonly string[]): TemplateMatcher {
    const anyService: string[] = [];
    const byService = new Map<string, string[]>();
    for (const template of new Set(templates)) {
        const service = serviceOf(template);
        if (service === undefined) anyService.push(template);
        else {
            const list = byService.get(service);
            if (list === undefined) byService.set(service, [template]);
            else list.push(template);
        }
    }
    // Compiled as elements ask for them: a long list's templates are mostly of services no element names.
    const buckets = new Map<string | undefined, readonly CompiledTemplate[]>();
    const bucket = (service: string | undefined) => remember(buckets, service, () => (service === undefined ? [...anyService, ...[...byService.values()].flat()] : [...anyService, ...(byService.get(service) ?? [])]).map(compiled));
    /**
     * The templates the element can match: with its first three fields concrete, only those of
     * its service (literal colons align the fields of both); otherwise every one.
     */
    const candidates = (element: string): readonly CompiledTemplate[] => bucket(serviceField(element));
    /** Per candidate list, the templates each resource part fits. */
    const fitting = new Map<readonly CompiledTemplate[], Map<string, readonly CompiledTemplate[]>>();
    const byResource = (list: readonly CompiledTemplate[]) => remember(fitting, list, () => new Map());
    /**
     * A text test, read literally: per template of the element's service while the matcher is
     * new; once it has answered `combineAfter` elements (its action list recurs across the
     * stack), through one expression combining all its templates, as cheap per element as one.
     */
    let answered = 0;
    const combined = new Map<string, RegExp>();
    const textTest = (element: string, wellFormed: boolean, trailing: boolean): boolean => {
        if (++answered > combineAfter) {
            const key = `${wellFormed} ${trailing}`;
            let expression = combined.get(key);
            if (expression === undefined) {
                const [head, rest]: [keyof Sources, keyof Sources] = [wellFormed ? "wellFormedHead" : "head", trailing ? "restPrefix" : "rest"];
                expression = union(bucket(undefined).flatMap(({ sources }) => (sources[head] === undefined || sources[rest] === undefined ? [] : [[sources[head]!, sources[rest]!] as const])));
                combined.set(key, expression);
            }
            return expression.test(element);
        }
        if (!wellFormed) return candidates(element).some((t) => matchesText(t, element, trailing));
        const fields = headFields(element);
        return fields !== undefined && candidates(element).some((t) => matchesWellFormedText(t, fields, trailing));
    };
    return {
        matches: (element) => {
            if (concrete(element)) return textTest(element, false, false);
            if (onlyTrailingStar(element)) return textTest(element, false, true);
            const list = candidates(element);
            return matchesAny(element, list, byResource(list));
        },
        matchesWellFormed: (element) => {
            // `*` and `?` match their own character, so an element whose very text is a
            // well-formed ARN of a template can match it: one test settles most elements,
            // `bucket/*` and `table/db/*` included. The rest are judged by their shape. A text
            // with a policy variable is not its own match (`${*}` stands for one `*`).
            if (!element.includes("${") && textTest(element, true, false)) return true;
            if (concrete(element)) return false;
            if (onlyTrailingStar(element)) return textTest(element, true, true);
            const list = candidates(element);
            const head = concreteHead(element, list, byResource(list));
            const headRead = head && headFields(head.fields);
            return headRead !== undefined && head!.fitting.some((t) => t.split?.wellFormed !== undefined && fitsHead(t.split.wellFormed, headRead));
        },
    };
}

/** The element's third field (`s3`) when the text up to it is concrete; `undefined` otherwise. */
function serviceField(element: string): string | undefined {
    const first = element.indexOf(":");
    const second = first < 0 ? -1 : element.indexOf(":", first + 1);
    const third = second < 0 ? -1 : element.indexOf(":", second + 1);
    if (third < 0) return undefined;
    const fields = element.slice(0, third);
    return concrete(fields) ? fields.slice(second + 1) : undefined;
}

/** Is the last character the element's only wildcard, after its fifth colon (`bucket/*`, `log-group:name:*`)? */
function onlyTrailingStar(element: string): boolean {
    return element.indexOf("*") === element.length - 1 && !element.includes("?") && !element.includes("${") && resourceStart(element) > 0;
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
