/**
 * `no-public-exposure` (security): resource inputs that make something public without any IAM
 * document, from the rules in `exposure-rules.ts`. `exposure-known-at-preview` (advisory): an
 * input those rules read that the engine cannot show at preview (a public-access flag computed
 * from another resource, say), so the gate cannot judge it until `pulumi up`.
 * Never throws: unknown values, CrossGuard's unknown-checking proxy and odd shapes are findings
 * or are passed over.
 */
import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { ExemptedFindings } from "../document-policy";
import { ExposureRule, FlagsRule, FunctionUrlPermissionRule, Normalization, ValueRule, exposureRules } from "../iam/exposure-rules";
import { globMatch } from "../iam/glob";
import { known, unknownValue } from "../iam/resource-documents";
import { resourceFindingsPolicy } from "../resource-findings-policy";

export interface ExposureFinding {
    /** The input path with list indexes, e.g. `accessControlPolicy.grants[1].grantee.uri`. */
    readonly path: string;
    /** `public`: the value makes the resource public; `unknown`: the value is not known at preview. */
    readonly kind: "public" | "unknown";
    readonly message: string;
}

const rulesByType: ReadonlyMap<string, readonly ExposureRule[]> = (() => {
    const map = new Map<string, ExposureRule[]>();
    for (const rule of exposureRules) for (const type of rule.types) map.set(type, [...(map.get(type) ?? []), rule]);
    return map;
})();

/** The resource types the rules read. */
export const exposureTypes: ReadonlySet<string> = new Set(rulesByType.keys());

const token = (text: string) => text.toLowerCase().replace(/[-_\s]/g, "");

function normalized(value: unknown, how: Normalization): string[] {
    if (typeof value === "boolean" || typeof value === "number") return [String(value)];
    if (how === "list" && Array.isArray(value)) return value.flatMap((item) => normalized(item, how));
    if (typeof value !== "string") return [];
    if (how === "uri") return [value.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "")];
    if (how === "list") return value.split(",").map(token);
    return [token(value)];
}

interface Leaf {
    readonly path: string;
    /** The value, `unknownValue`, or `undefined` when the input (or a parent) is absent. */
    readonly value: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** The values at a rule's path; `[]` walks every list item. Unknown parents end the walk as unknown leaves. */
function leaves(props: Record<string, unknown>, path: string): Leaf[] {
    let current: Leaf[] = [{ path: "", value: props }];
    for (const segment of path.split(".")) {
        const list = segment.endsWith("[]");
        const name = list ? segment.slice(0, -2) : segment;
        const next: Leaf[] = [];
        for (const leaf of current) {
            const here = leaf.path === "" ? name : `${leaf.path}.${name}`;
            if (leaf.value === unknownValue) { next.push(leaf); continue; }
            if (!isObject(leaf.value)) continue;
            const value = known(leaf.value, name);
            if (!list || value === unknownValue) { next.push({ path: here, value }); continue; }
            if (!Array.isArray(value)) continue;
            for (let i = 0; i < lengthOf(value); i++) next.push({ path: `${here}[${i}]`, value: known(value as unknown as Record<string, unknown>, String(i)) });
        }
        current = next;
    }
    return current;
}

/** An array's length; CrossGuard's proxy answers it even when items are unknown. */
function lengthOf(list: unknown[]): number {
    try {
        return list.length;
    } catch {
        return 0;
    }
}

const show = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value));

function unknownFinding(resourceName: string, path: string, what: string): ExposureFinding {
    return {
        path, kind: "unknown",
        message: `${resourceName} › ${path}: not known at preview, so whether it ${what} cannot be judged until \`pulumi up\`\n` +
            "fix: set it from config or a literal, not from another resource's outputs (DESIGN.md rule 1)",
    };
}

function valueFindings(resourceName: string, props: Record<string, unknown>, rule: ValueRule): ExposureFinding[] {
    const findings: ExposureFinding[] = [];
    const guard = rule.unless === undefined ? undefined : known(props, rule.unless.path);
    if (rule.unless !== undefined && guard !== unknownValue && normalized(guard, "token").some((v) => rule.unless?.values.includes(v))) return [];
    for (const leaf of leaves(props, rule.path)) {
        if (leaf.value === unknownValue) { findings.push(unknownFinding(resourceName, leaf.path || rule.path, "makes the resource public")); continue; }
        if (!normalized(leaf.value, rule.normalize).some((v) => rule.publicValues.includes(v))) continue;
        if (guard === unknownValue && rule.unless !== undefined) { findings.push(unknownFinding(resourceName, rule.unless.path, "makes the resource public")); continue; }
        findings.push({
            path: leaf.path, kind: "public",
            message: `${resourceName} › ${leaf.path}: ${show(leaf.value)} ${rule.means}; public exposure (AWS: ${rule.source})\nfix: ${rule.fix}`,
        });
    }
    return findings;
}

function flagFindings(resourceName: string, props: Record<string, unknown>, rule: FlagsRule): ExposureFinding[] {
    const objectPath = rule.path;
    const holder = objectPath === "" ? props : known(props, objectPath);
    if (holder === unknownValue) return [unknownFinding(resourceName, objectPath, "leaves Block Public Access on")];
    if (holder === undefined || holder === null) {
        if (rule.absentObject === "pass") return [];
    }
    const object = isObject(holder) ? holder : {};
    const off: string[] = [];
    const unknown: string[] = [];
    for (const flag of rule.flags) {
        const value = known(object, flag);
        if (value === unknownValue) unknown.push(flag);
        else if (value === undefined || value === null) { if (rule.absentFlag === "off") off.push(`${flag} absent (AWS takes false)`); }
        // Only true is on: false, "false" and any other value leave the block off (fail closed).
        else if (value !== true && !(typeof value === "string" && value.trim().toLowerCase() === "true")) off.push(`${flag} ${show(value)}`);
    }
    const where = (flag: string) => (objectPath === "" ? flag : `${objectPath}.${flag}`);
    const label = objectPath === "" ? "public-access block" : objectPath;
    const findings: ExposureFinding[] = off.length === 0 ? [] : [{
        path: label, kind: "public",
        message: `${resourceName} › ${label}: ${off.join(", ")}: ${rule.means}; public exposure (AWS: ${rule.source})\nfix: ${rule.fix}`,
    }];
    for (const flag of unknown) findings.push(unknownFinding(resourceName, where(flag), "leaves Block Public Access on"));
    return findings;
}

function functionUrlPermissionFindings(resourceName: string, props: Record<string, unknown>, rule: FunctionUrlPermissionRule): ExposureFinding[] {
    const action = known(props, "action");
    const authType = known(props, "functionUrlAuthType");
    const principal = known(props, "principal");
    // Anything known that rules the grant out settles it, whatever else is unknown.
    if (typeof action === "string" && !globMatch(action.trim(), "lambda:InvokeFunctionUrl", true)) return [];
    if (typeof authType === "string" && token(authType) !== "none") return [];
    if (authType === undefined || authType === null) return [];
    if (typeof principal === "string" && principal.trim() !== "*") return [];
    // A source or organization condition cannot be met by an unsigned request: the grant then lets nobody in.
    if (["sourceArn", "sourceAccount", "principalOrgId"].some((key) => { const v = known(props, key); return typeof v === "string" && v.trim() !== ""; })) return [];
    const unknownField = ([["action", action], ["functionUrlAuthType", authType], ["principal", principal]] as const).find(([, v]) => v === unknownValue);
    if (unknownField) return [unknownFinding(resourceName, unknownField[0], "lets anyone invoke the function URL")];
    if (typeof action !== "string" || typeof principal !== "string") return [];
    return [{
        path: "functionUrlAuthType", kind: "public",
        message: `${resourceName} › permission: action ${show(action)}, principal "*", functionUrlAuthType ${show(authType)} ${rule.means}; public exposure (AWS: ${rule.source})\nfix: ${rule.fix}`,
    }];
}

/** Every exposure finding of one resource; `[]` for types no rule reads. */
export function exposureFindings(resourceName: string, type: string, props: Record<string, unknown>): ExposureFinding[] {
    const rules = rulesByType.get(type);
    if (rules === undefined) return [];
    const findings: ExposureFinding[] = [];
    for (const rule of rules) {
        try {
            if (rule.kind === "value") findings.push(...valueFindings(resourceName, props, rule));
            else if (rule.kind === "flags") findings.push(...flagFindings(resourceName, props, rule));
            else findings.push(...functionUrlPermissionFindings(resourceName, props, rule));
        } catch (e) {
            // A shape no rule foresaw (a getter that throws): reported, never a crash.
            findings.push({ path: rule.kind === "function-url-permission" ? "permission" : rule.path, kind: "unknown", message: `${resourceName}: could not read the inputs that decide public exposure (${e instanceof Error ? e.message : String(e)}), so they cannot be judged\nfix: give them as plain values` });
        }
    }
    return findings;
}

function exposurePolicy(name: string, description: string, kind: ExposureFinding["kind"], enforcementLevel: EnforcementLevel, exempted: ExemptedFindings): ResourceValidationPolicy {
    return resourceFindingsPolicy({
        name, description, enforcementLevel, exempted, types: exposureTypes,
        findings: (resourceName, type, props) => exposureFindings(resourceName, type, props).filter((finding) => finding.kind === kind),
    });
}

export const noPublicExposurePolicy = (enforcementLevel: EnforcementLevel, exempted: ExemptedFindings) => exposurePolicy(
    "no-public-exposure",
    "No public S3 ACLs or grants, Block Public Access on, no unauthenticated function URLs, no AMIs, snapshots or SSM documents shared with everyone, no public endpoints.",
    "public", enforcementLevel, exempted);

export const exposureKnownAtPreviewPolicy = (enforcementLevel: EnforcementLevel, exempted: ExemptedFindings) => exposurePolicy(
    "exposure-known-at-preview",
    "The inputs that decide public exposure (ACLs, public-access flags, auth types, sharing) are known at preview.",
    "unknown", enforcementLevel, exempted);
