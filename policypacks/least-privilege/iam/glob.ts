/**
 * IAM-style wildcard matching: `*` matches any run of characters (including `/` and `:`),
 * `?` matches one character. Patterns compile once and are cached.
 */

import { remember } from "./memo";

const compiled = new Map<string, RegExp>();

/** True when the text contains an IAM wildcard outside a `${...}` policy variable. */
export function hasWildcard(text: string): boolean {
    return firstWildcard(text) >= 0;
}

/**
 * True when the text may stand for more than itself: a `*` or `?` anywhere, or a `${...}` policy
 * variable. Three native searches, for the hot paths that only need yes or no.
 */
export function hasWildcardOrVariable(text: string): boolean {
    return text.includes("*") || text.includes("?") || text.includes("${");
}

/** Index of the first `*` or `?` outside `${...}` (a variable such as `${*}` is a literal), or -1. */
export function firstWildcard(text: string): number {
    return firstOutsideVariables(text, "*?");
}

/** Index of the first of `characters` outside `${...}` policy variables, or -1. */
export function firstOutsideVariables(text: string, characters: string): number {
    let first = -1;
    for (let k = 0; k < characters.length; k++) {
        const at = text.indexOf(characters[k]);
        if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    // The common case, none at all, costs a native search; a variable can only hide a later one.
    if (first < 0) return -1;
    const variable = text.indexOf("${");
    if (variable < 0 || variable > first) return first;
    for (let i = variable; i < text.length; i++) {
        const c = text[i];
        if (c === "$" && text[i + 1] === "{") {
            const end = text.indexOf("}", i + 2);
            if (end < 0) return -1;
            i = end;
        } else if (characters.includes(c)) {
            return i;
        }
    }
    return -1;
}

/** The text with every character a regular expression treats specially escaped. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^$()|[\]{}\\\/-]/g, "\\$&");

/** The pattern as an anchored regular expression; `caseInsensitive` for action names. */
export function globRegExp(pattern: string, caseInsensitive: boolean): RegExp {
    const key = (caseInsensitive ? "i:" : "s:") + pattern;
    return remember(compiled, key, () => {
        let source = "";
        for (const c of pattern) {
            if (c === "*") source += ".*";
            else if (c === "?") source += ".";
            else source += escapeRegExp(c);
        }
        return new RegExp(`^${source}$`, caseInsensitive ? "is" : "s");
    });
}

/** Does `pattern` (with `*`/`?`) match `text`? */
export function globMatch(pattern: string, text: string, caseInsensitive = false): boolean {
    if (!pattern.includes("*") && !pattern.includes("?")) {
        return caseInsensitive ? pattern.toLowerCase() === text.toLowerCase() : pattern === text;
    }
    return globRegExp(pattern, caseInsensitive).test(text);
}
