/**
 * Check 4 of issue 8, `iam-quotas`: sizes and counts AWS refuses at `pulumi up` (limits and
 * their source in `quota-limits.ts`). A stack policy, because two quotas span resources: the
 * aggregate inline policy size of a role, user or group (its `RolePolicy`/`UserPolicy`/
 * `GroupPolicy` resources plus a role's `inlinePolicies`) and the managed policies attached to it
 * (`...PolicyAttachment` resources plus a role's `managedPolicyArns`). Principals are grouped by the name the
 * resources give; values unknown at preview are left out, so the counts are lower bounds.
 * One pass over the resources; each document is measured once.
 */
import type { EnforcementLevel, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { QuotaName, policySize, quotaLimits, sizeOver } from "../iam/quota-limits";
import { known, unknownValue } from "../iam/resource-documents";
import { UnknownPart, tolerant } from "../iam/unknown-parts";

/** Quotas a stack may raise through pack config (AWS allows increases). */
const adjustable: Partial<Record<QuotaName, number>> = { roleTrustPolicySize: 4096, managedPoliciesPerRole: 20, managedPoliciesPerUser: 20, managedPoliciesPerGroup: 20 };

type PrincipalKind = "role" | "user" | "group";

/** Per principal kind: its aggregate inline size and attachment count quotas. */
const kinds: Readonly<Record<PrincipalKind, { inline: QuotaName; attached: QuotaName }>> = {
    role: { inline: "roleInlinePolicySize", attached: "managedPoliciesPerRole" },
    user: { inline: "userInlinePolicySize", attached: "managedPoliciesPerUser" },
    group: { inline: "groupInlinePolicySize", attached: "managedPoliciesPerGroup" },
};

/** Inline-policy and attachment type tokens -> the kind of principal they name. */
const inlineTypes: ReadonlyMap<string, PrincipalKind> = new Map([
    ["aws:iam/rolePolicy:RolePolicy", "role"], ["aws:iam/userPolicy:UserPolicy", "user"], ["aws:iam/groupPolicy:GroupPolicy", "group"],
]);
const attachmentTypes: ReadonlyMap<string, PrincipalKind> = new Map([
    ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role"], ["aws:iam/userPolicyAttachment:UserPolicyAttachment", "user"], ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "group"],
]);

interface Tally {
    readonly kind: PrincipalKind;
    readonly name: string;
    inlineSize: number;
    readonly inline: string[];
    readonly attached: string[];
    urn?: string;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const stringValue = (props: Record<string, unknown>, key: string): string | undefined => {
    const value = known(props, key);
    return typeof value === "string" && value !== "" ? value : undefined;
};

/** A role or user named by a RolePolicy's `role` (name, or ARN whose last segment is the name). */
const principalName = (value: string) => (value.startsWith("arn:") ? value.slice(value.lastIndexOf("/") + 1) : value);

function limitsFrom(config: Record<string, unknown>): Record<QuotaName, number> {
    const limits: Record<QuotaName, number> = { ...quotaLimits };
    for (const [name, max] of Object.entries(adjustable) as [QuotaName, number][]) {
        const raised = config[name];
        if (typeof raised === "number" && raised >= quotaLimits[name] && raised <= max) limits[name] = raised;
    }
    return limits;
}

export function iamQuotasPolicy(enforcementLevel: EnforcementLevel): StackValidationPolicy {
    return {
        name: "iam-quotas",
        description: "IAM documents and attachments fit AWS's quotas: managed policy 6,144, role inline total 10,240, user 2,048, group 5,120, trust policy 2,048 characters (white space excluded); 10 managed policies per role, user or group.",
        enforcementLevel,
        configSchema: {
            properties: Object.fromEntries(Object.entries(adjustable).map(([name, max]) => [name, { type: "integer", minimum: quotaLimits[name as QuotaName], maximum: max, description: `raised ${name} quota of this account` }])),
        },
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const limits = limitsFrom(args.getConfig<Record<string, unknown>>() ?? {});
            for (const finding of quotaReport(args.resources, limits).findings) reportViolation(finding.message, finding.urn);
        },
    };
}

/** What a quota finding says and where; what could not be measured at preview is set aside. */
export function quotaReport(resources: readonly Pick<PolicyResource, "type" | "name" | "urn" | "props">[], limits: Record<QuotaName, number> = quotaLimits): { findings: { message: string; urn?: string }[]; unknowns: UnknownPart[] } {
    const findings: { message: string; urn?: string }[] = [];
    const unknowns: UnknownPart[] = [];
    const reportViolation = (message: string, urn?: string) => findings.push({ message, ...(urn !== undefined ? { urn } : {}) });
    const tallies = new Map<string, Tally>();
    const tally = (kind: PrincipalKind, name: string): Tally => {
        const key = `${kind}:${name}`;
        let t = tallies.get(key);
        if (t === undefined) {
            t = { kind, name, inlineSize: 0, inline: [], attached: [] };
            tallies.set(key, t);
        }
        return t;
    };
    const over = (size: number, limit: number) => `${size.toLocaleString("en-US")} characters (white space excluded), over AWS's limit of ${limit.toLocaleString("en-US")}`;
    /**
     * The size of a document, or `undefined` when some of it is unknown at preview. Documents
     * unknown in whole or in part are not listed as unknown parts here: `documents-known-at-preview`
     * reports each of them already.
     */
    const sized = (measureIt: () => number | undefined): number | undefined => {
        const size = tolerant(measureIt);
        return size === unknownValue ? undefined : size;
    };
    const unknownField = (r: Pick<PolicyResource, "name" | "urn">, field: string) =>
        unknowns.push({ urn: r.urn, message: `${r.name} › ${field}: not known at preview, so it is not counted (the totals are lower bounds)` });
    for (const r of resources) {
        if (tolerant(() => measure(r)) === unknownValue) unknownField(r, "a value nested in its properties");
    }

    function measure(r: Pick<PolicyResource, "type" | "name" | "urn" | "props">): void {
        const inlineKind = inlineTypes.get(r.type);
        if (inlineKind !== undefined) {
            const owner = stringValue(r.props, inlineKind);
            const document = known(r.props, "policy");
            if (owner === undefined && known(r.props, inlineKind) === unknownValue) unknownField(r, inlineKind);
                        if (owner === undefined || document === unknownValue || document === undefined) return;
            const size = sized(() => policySize(document));
            if (size === undefined) return;
            const t = tally(inlineKind, principalName(owner));
            t.urn ??= r.urn;
            t.inlineSize += size;
            t.inline.push(r.name);
            return;
        }
        const attachedKind = attachmentTypes.get(r.type);
        if (attachedKind !== undefined) {
            const owner = stringValue(r.props, attachedKind);
            if (owner === undefined) {
                if (known(r.props, attachedKind) === unknownValue) unknownField(r, attachedKind);
                return;
            }
            const t = tally(attachedKind, principalName(owner));
            t.urn ??= r.urn;
            t.attached.push(stringValue(r.props, "policyArn") ?? r.name);
            return;
        }
        switch (r.type) {
            case "aws:iam/policy:Policy": {
                const document = known(r.props, "policy");
                                if (document === unknownValue || document === undefined) return;
                const size = sized(() => sizeOver(document, limits.managedPolicySize));
                if (size !== undefined) reportViolation(`${r.name} › policy: the managed policy is ${over(size, limits.managedPolicySize)}; CreatePolicy fails with LimitExceeded\nfix: split it into two managed policies, or shorten it (merge statements that share resources, use ARN patterns the design allows)`, r.urn);
                return;
            }
            case "aws:iam/role:Role": {
                const name = stringValue(r.props, "name") ?? r.name;
                const t = tally("role", name);
                t.urn ??= r.urn;
                const trust = known(r.props, "assumeRolePolicy");
                                if (trust !== unknownValue && trust !== undefined) {
                    const size = sized(() => sizeOver(trust, limits.roleTrustPolicySize));
                    if (size !== undefined) reportViolation(`${r.name} › assumeRolePolicy: the trust policy is ${over(size, limits.roleTrustPolicySize)}; CreateRole fails with LimitExceeded\nfix: shorten it (one statement per principal type, list values rather than repeat statements), or raise the quota and set iam-quotas.roleTrustPolicySize`, r.urn);
                }
                const inline = known(r.props, "inlinePolicies");
                                if (Array.isArray(inline)) {
                    // By index: the proxy throws on reading an unknown element, which forEach would do outside `tolerant`.
                    for (let i = 0; i < inline.length; i++) {
                        const document = tolerant(() => {
                            const entry: unknown = inline[i];
                            return typeof entry === "object" && entry !== null ? known(entry as Record<string, unknown>, "policy") : undefined;
                        });
                        if (typeof document !== "string" || document === "") continue;
                        const size = sized(() => policySize(document));
                        if (size === undefined) continue;
                        t.inlineSize += size;
                        t.inline.push(`${r.name}.inlinePolicies`);
                    }
                }
                const arns = known(r.props, "managedPolicyArns");
                if (arns === unknownValue) unknownField(r, "managedPolicyArns");
                if (Array.isArray(arns)) {
                    for (let i = 0; i < arns.length; i++) {
                        const arn = tolerant(() => known(arns as unknown as Record<string, unknown>, String(i)));
                        if (arn === unknownValue) unknownField(r, `managedPolicyArns[${i}]`);
                        else t.attached.push(String(arn));
                    }
                }
                return;
            }
        }
    }

    for (const t of tallies.values()) {
        const { inline, attached } = kinds[t.kind];
        if (t.inlineSize > limits[inline]) {
            reportViolation(`${t.kind} ${t.name}: its inline policies (${t.inline.join(", ")}) total ${over(t.inlineSize, limits[inline])} for a ${t.kind}; the Put${capitalized(t.kind)}Policy call fails with LimitExceeded\nfix: move statements into a customer managed policy (6,144 characters each) attached to the ${t.kind}`, t.urn);
        }
        const distinct = new Set(t.attached);
        if (distinct.size > limits[attached]) {
            reportViolation(`${t.kind} ${t.name}: ${distinct.size} managed policies attached, over AWS's limit of ${limits[attached]} per ${t.kind}; the attachment beyond it fails with LimitExceeded\nfix: merge managed policies, or raise the quota and set iam-quotas.${attached}`, t.urn);
        }
    }
    return { findings, unknowns };
}
