/**
 * Can a policy's resource element match an ARN template of the IAM data? Both are patterns:
 * the element has IAM wildcards (`*` any run, `?` one character; a policy variable such as
 * `${aws:username}` counts as `*`), the template has variables (`${BucketName}`: one or more
 * characters). The answer is whether some concrete ARN matches both, decided by walking the two
 * patterns together (a product of two small automata): linear in their lengths' product, cached
 * per pair, templates compiled once.
 *
 * Variables stand for any non-empty text, except where AWS's own naming rules exclude characters
 * (which is what tells an S3 object ARN from a bucket ARN): partition, region and account never
 * contain `:`; bucket and table names never contain `/` or `:`; function names never contain
 * `/` (a `:` after one is the version or alias qualifier, `function:name:*`, which Lambda accepts
 * for the same `function` resource type although the data's template omits it).
 */

type Token =
    | { readonly kind: "char"; readonly c: string }
    | { readonly kind: "one" }
    | { readonly kind: "star" }
    | { readonly kind: "var"; readonly allows: (c: string) => boolean };

const anyChar = () => true;
const noColon = (c: string) => c !== ":";
const noSlash = (c: string) => c !== "/";
const noSlashOrColon = (c: string) => c !== "/" && c !== ":";

/** Sources: ARN format (partition, region, account fields); S3, DynamoDB and Lambda naming rules. */
const variableClasses: Readonly<Record<string, (c: string) => boolean>> = {
    partition: noColon,
    region: noColon,
    account: noColon,
    bucketname: noSlashOrColon,
    tablename: noSlashOrColon,
    functionname: noSlash,
};

/** A template's tokens: literal characters and variables. */
function templateTokens(template: string): Token[] {
    const tokens: Token[] = [];
    for (let i = 0; i < template.length; i++) {
        if (template[i] === "$" && template[i + 1] === "{") {
            const end = template.indexOf("}", i + 2);
            if (end > 0) {
                const name = template.slice(i + 2, end).toLowerCase();
                tokens.push({ kind: "var", allows: variableClasses[name] ?? anyChar });
                i = end;
                continue;
            }
        }
        tokens.push({ kind: "char", c: template[i] });
    }
    return tokens;
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

const compiledTemplates = new Map<string, Token[]>();
const answers = new Map<string, boolean>();
const answersLimit = 20000;

/** Does some concrete ARN match both the policy element and the template? */
export function canMatch(element: string, template: string): boolean {
    const key = `${element}\u0000${template}`;
    const cached = answers.get(key);
    if (cached !== undefined) return cached;
    let tokens = compiledTemplates.get(template);
    if (tokens === undefined) {
        tokens = templateTokens(template);
        compiledTemplates.set(template, tokens);
    }
    const result = intersects(elementTokens(element), tokens);
    if (answers.size >= answersLimit) answers.clear();
    answers.set(key, result);
    return result;
}

/** Breadth-first walk over (element position, template position, inside a variable). */
function intersects(e: Token[], t: Token[]): boolean {
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
