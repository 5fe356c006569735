/**
 * The justified exemptions a policy's config may list (which stacks are production is
 * `environment.ts`). Bad settings are reported in words that
 * name the entry and the field, never thrown.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { globMatch } from "./glob";

/**
 * A justified exception. It matches a finding when `resource` matches the resource's logical
 * name, `action` (default: any) matches every action of the finding, and `resourcePattern`
 * (default: any) matches the offending resource element; `*` and `?` are wildcards, and a `*`
 * in the pattern also matches a literal `*` in the element (`arn:aws:s3:::*` exempts itself).
 */
export interface Exemption {
    readonly resource: string;
    readonly action?: string;
    readonly resourcePattern?: string;
    readonly reason: string;
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
                    resource: { type: "string", minLength: 1, description: "Logical resource name (wildcards allowed)." },
                    action: { type: "string", minLength: 1, description: "Action or action pattern; default: any." },
                    resourcePattern: { type: "string", minLength: 1, description: "Offending Resource element or pattern; default: any." },
                    reason: { type: "string", minLength: 1, description: "Why this is acceptable; printed with the finding." },
                },
                required: ["resource", "reason"],
                additionalProperties: false,
            },
        },
    },
};

const exemptionKeys = new Set(["resource", "action", "resourcePattern", "reason"]);

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
        for (const key of ["resource", "action", "resourcePattern", "reason"]) {
            const required = key === "resource" || key === "reason";
            if (e[key] === undefined) {
                if (required) bad.push(`"${key}" is required${key === "reason" ? " (say why the finding is acceptable)" : ""}`);
            } else if (typeof e[key] !== "string" || (e[key] as string).trim() === "") {
                bad.push(`"${key}" must be a non-empty string`);
            }
        }
        if (bad.length > 0) {
            errors.push(`${where} is ignored: ${bad.join("; ")}`);
            return;
        }
        exemptions.push({
            resource: e.resource as string,
            reason: (e.reason as string).trim(),
            ...(e.action !== undefined ? { action: e.action as string } : {}),
            ...(e.resourcePattern !== undefined ? { resourcePattern: e.resourcePattern as string } : {}),
        });
    });
    return { exemptions, errors };
}

/** The first exemption covering this resource, action (if any) and element (if any). */
export function findExemption(exemptions: readonly Exemption[], resourceName: string, action: string | undefined, element: string | undefined): Exemption | undefined {
    return exemptions.find((x) =>
        globMatch(x.resource, resourceName)
        && (x.action === undefined || (action !== undefined && globMatch(x.action, action, true)))
        && (x.resourcePattern === undefined || (element !== undefined && globMatch(x.resourcePattern, element))));
}
