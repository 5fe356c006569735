/**
 * The justified exemptions a policy's config may list (which stacks are production is
 * `environment.ts`). Bad settings are reported in words that
 * name the entry and the field, never thrown.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { globMatch } from "./iam/glob";
import { remember } from "./iam/memo";

/**
 * A justified exception. It matches a finding when `resource` is the resource's logical name
 * (exactly: one concrete resource, no wildcards, so one entry can never exempt a whole stack),
 * `action` (default: any) matches every action of the finding, and `resourcePattern` (default:
 * any) matches the offending resource element; in those two `*` and `?` are wildcards, and a `*`
 * in the pattern also matches a literal `*` in the element (`arn:aws:s3:::*` exempts itself).
 * After `expires` (an ISO date, UTC; the exemption holds through that day) it no longer applies
 * and the finding says it expired.
 */
export interface Exemption {
    readonly resource: string;
    readonly action?: string;
    readonly resourcePattern?: string;
    readonly reason: string;
    readonly expires?: string;
}

/** What each document policy's `configSchema` accepts; the CLI validates `--policy-pack-config` with it. */
export const exemptionsConfigSchema: PolicyConfigSchema = {
    properties: {
        exemptions: {
            type: "array",
            description: "Justified exceptions: findings that match still print, as advisory, with the reason.",
            items: {
                type: "object",
                properties: {
                    resource: { type: "string", minLength: 1, pattern: "^[^*?]+$", description: "Logical name of one concrete resource (no * or ? wildcards)." },
                    action: { type: "string", minLength: 1, description: "Action or action pattern; default: any." },
                    resourcePattern: { type: "string", minLength: 1, description: "Offending Resource element or pattern; default: any." },
                    reason: { type: "string", minLength: 1, description: "Why this is acceptable; printed with the finding." },
                    expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "ISO date (YYYY-MM-DD, UTC) after which the exemption no longer applies; default: never." },
                },
                required: ["resource", "reason"],
                additionalProperties: false,
            },
        },
    },
};

const exemptionKeys = new Set(["resource", "action", "resourcePattern", "reason", "expires"]);

/** A real calendar date written YYYY-MM-DD. */
function isIsoDate(text: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Reads `{ exemptions: [...] }`; invalid entries are dropped and described. */
export function parseExemptions(config: unknown): { exemptions: Exemption[]; errors: string[] } {
    const errors: string[] = [];
    const exemptions: Exemption[] = [];
    if (config === undefined || config === null) return { exemptions, errors };
    if (typeof config !== "object" || Array.isArray(config)) return { exemptions, errors: [`policy config must be an object, got ${JSON.stringify(config)}`] };
    const raw = (config as Record<string, unknown>).exemptions;
    if (raw === undefined) return { exemptions, errors };
    if (!Array.isArray(raw)) return { exemptions, errors: [`exemptions must be a list, got ${JSON.stringify(raw)}`] };
    raw.forEach((entry, i) => {
        const where = `exemptions[${i}]`;
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            errors.push(`${where} must be an object with resource, reason and optionally action and resourcePattern`);
            return;
        }
        const e = entry as Record<string, unknown>;
        const bad: string[] = [];
        for (const key of Object.keys(e)) if (!exemptionKeys.has(key)) bad.push(`unknown field "${key}"`);
        for (const key of ["resource", "action", "resourcePattern", "reason", "expires"]) {
            const required = key === "resource" || key === "reason";
            if (e[key] === undefined) {
                if (required) bad.push(`"${key}" is required${key === "reason" ? " (say why the finding is acceptable)" : ""}`);
            } else if (typeof e[key] !== "string" || (e[key] as string).trim() === "") {
                bad.push(`"${key}" must be a non-empty string`);
            }
        }
        if (typeof e.resource === "string" && /[*?]/.test(e.resource)) bad.push(`"resource" must name one concrete resource (no * or ?), got ${JSON.stringify(e.resource)}`);
        if (typeof e.expires === "string" && e.expires.trim() !== "" && !isIsoDate(e.expires)) bad.push(`"expires" must be a date written YYYY-MM-DD, got ${JSON.stringify(e.expires)}`);
        if (bad.length > 0) {
            errors.push(`${where} is ignored: ${bad.join("; ")}`);
            return;
        }
        exemptions.push({
            resource: e.resource as string,
            reason: (e.reason as string).trim(),
            ...(e.action !== undefined ? { action: e.action as string } : {}),
            ...(e.resourcePattern !== undefined ? { resourcePattern: e.resourcePattern as string } : {}),
            ...(e.expires !== undefined ? { expires: e.expires as string } : {}),
        });
    });
    return { exemptions, errors };
}

/** Has the exemption expired on `now` (it holds through its `expires` day, UTC)? */
export function hasExpired(exemption: Exemption, now: Date = new Date()): boolean {
    return exemption.expires !== undefined && now.toISOString().slice(0, 10) > exemption.expires;
}

/** Does the exemption cover this resource, action (if any) and element (if any), expired or not? */
function covers(x: Exemption, resourceName: string, action: string | undefined, element: string | undefined): boolean {
    return x.resource === resourceName
        && (x.action === undefined || (action !== undefined && globMatch(x.action, action, true)))
        && (x.resourcePattern === undefined || (element !== undefined && globMatch(x.resourcePattern, element)));
}

/** The first unexpired exemption covering this resource, action (if any) and element (if any). */
export function findExemption(exemptions: readonly Exemption[], resourceName: string, action: string | undefined, element: string | undefined, now: Date = new Date()): Exemption | undefined {
    return exemptions.find((x) => !hasExpired(x, now) && covers(x, resourceName, action, element));
}

/** The first expired exemption that would have covered it: the finding says so. */
export function findExpiredExemption(exemptions: readonly Exemption[], resourceName: string, action: string | undefined, element: string | undefined, now: Date = new Date()): Exemption | undefined {
    return exemptions.find((x) => hasExpired(x, now) && covers(x, resourceName, action, element));
}

interface ParsedConfig {
    readonly key: string;
    readonly exemptions: readonly Exemption[];
    readonly errors: readonly string[];
}

/** Parsed pack configs by their JSON text: the analyzer hands every call a fresh copy of the same config. */
const parsedConfigs = new Map<string, ParsedConfig>();
let noConfig: ParsedConfig | undefined;

/** `undefined`, `null` or `{}`: what every policy gets without pack config (tested without building a key list). */
function isEmptyConfig(config: unknown): boolean {
    if (config === undefined || config === null) return true;
    if (typeof config !== "object" || Array.isArray(config)) return false;
    for (const key in config) if (Object.hasOwn(config, key)) return false;
    return true;
}

const parsedConfig = (key: string): ParsedConfig => remember(parsedConfigs, key, (text) => ({ key: text, ...parseExemptions(JSON.parse(text)) }), 100);

/**
 * A policy's `getConfig()` read as exemptions, parsed once per text; `key` tells one config from
 * another, so that a policy reports a bad config once, on the first resource it meets.
 */
export function exemptionsFrom(config: unknown): ParsedConfig {
    if (isEmptyConfig(config)) return (noConfig ??= parsedConfig("{}"));
    return parsedConfig(JSON.stringify(config));
}

/**
 * For one policy: its exemptions from each resource's `getConfig()`, reporting a bad config
 * once, on the first resource it meets (its bad entries are ignored).
 */
export function exemptionsReader(policy: string): (config: unknown, reportViolation: (message: string) => void) => readonly Exemption[] {
    let configSeen: string | undefined;
    return (config, reportViolation) => {
        const { key, exemptions, errors } = exemptionsFrom(config);
        if (errors.length > 0 && configSeen !== key) reportViolation(`pack config for ${policy} is invalid:\n${errors.join("\n")}`);
        configSeen = key;
        return exemptions;
    };
}
