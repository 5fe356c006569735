/**
 * Check 4 of issue 8, `iam-quotas`: sizes and counts AWS refuses at `pulumi up` (limits and
 * their source in `quota-limits.ts`). A stack policy, because two quotas span resources: the
 * aggregate inline policy size of a role or user (its `RolePolicy`/`UserPolicy` resources plus a
 * role's `inlinePolicies`) and the managed policies attached to it (`RolePolicyAttachment`/
 * `UserPolicyAttachment` plus `managedPolicyArns`). Principals are grouped by the name the
 * resources give; values unknown at preview are left out, so the counts are lower bounds.
 * One pass over the resources; each document is measured once.
 */
import type { EnforcementLevel, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { QuotaName, policySize, quotaLimits } from "./quota-limits";
import { known, unknownValue } from "./resource-documents";

/** Quotas a stack may raise through pack config (AWS allows increases). */
const adjustable: Partial<Record<QuotaName, number>> = { roleTrustPolicySize: 4096, managedPoliciesPerRole: 20, managedPoliciesPerUser: 20 };

interface Tally {
    readonly kind: "role" | "user";
    readonly name: string;
    inlineSize: number;
    readonly inline: string[];
    readonly attached: string[];
    urn?: string;
}

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
        description: "IAM documents and attachments fit AWS's quotas: managed policy 6,144, role inline total 10,240, user inline total 2,048, trust policy 2,048 characters (white space excluded); 10 managed policies per role or user.",
        enforcementLevel,
        configSchema: {
            properties: Object.fromEntries(Object.entries(adjustable).map(([name, max]) => [name, { type: "integer", minimum: quotaLimits[name as QuotaName], maximum: max, description: `raised ${name} quota of this account` }])),
        },
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const limits = limitsFrom(args.getConfig<Record<string, unknown>>() ?? {});
            const tallies = new Map<string, Tally>();
            const tally = (kind: "role" | "user", name: string): Tally => {
                const key = `${kind}:${name}`;
                let t = tallies.get(key);
                if (t === undefined) {
                    t = { kind, name, inlineSize: 0, inline: [], attached: [] };
                    tallies.set(key, t);
                }
                return t;
            };
            const over = (size: number, limit: number) => `${size.toLocaleString("en-US")} characters (white space excluded), over AWS's limit of ${limit.toLocaleString("en-US")}`;
            for (const r of args.resources) measure(r);

            function measure(r: PolicyResource): void {
                switch (r.type) {
                    case "aws:iam/policy:Policy": {
                        const document = known(r.props, "policy");
                        if (document === unknownValue || document === undefined) return;
                        const size = policySize(document);
                        if (size > limits.managedPolicySize) reportViolation(`${r.name} › policy: the managed policy is ${over(size, limits.managedPolicySize)}; CreatePolicy fails with LimitExceeded\nfix: split it into two managed policies, or shorten it (merge statements that share resources, use ARN patterns the design allows)`, r.urn);
                        return;
                    }
                    case "aws:iam/role:Role": {
                        const name = stringValue(r.props, "name") ?? r.name;
                        const t = tally("role", name);
                        t.urn ??= r.urn;
                        const trust = known(r.props, "assumeRolePolicy");
                        if (trust !== unknownValue && trust !== undefined) {
                            const size = policySize(trust);
                            if (size > limits.roleTrustPolicySize) reportViolation(`${r.name} › assumeRolePolicy: the trust policy is ${over(size, limits.roleTrustPolicySize)}; CreateRole fails with LimitExceeded\nfix: shorten it (one statement per principal type, list values rather than repeat statements), or raise the quota and set iam-quotas.roleTrustPolicySize`, r.urn);
                        }
                        const inline = known(r.props, "inlinePolicies");
                        if (Array.isArray(inline)) {
                            for (const entry of inline) {
                                if (typeof entry !== "object" || entry === null) continue;
                                const document = known(entry as Record<string, unknown>, "policy");
                                if (typeof document !== "string" || document === "") continue;
                                t.inlineSize += policySize(document);
                                t.inline.push(`${r.name}.inlinePolicies`);
                            }
                        }
                        const arns = known(r.props, "managedPolicyArns");
                        if (Array.isArray(arns)) for (const arn of arns) t.attached.push(String(arn));
                        return;
                    }
                    case "aws:iam/rolePolicy:RolePolicy":
                    case "aws:iam/userPolicy:UserPolicy": {
                        const kind = r.type === "aws:iam/rolePolicy:RolePolicy" ? "role" : "user";
                        const owner = stringValue(r.props, kind);
                        const document = known(r.props, "policy");
                        if (owner === undefined || document === unknownValue || document === undefined) return;
                        const t = tally(kind, principalName(owner));
                        t.urn ??= r.urn;
                        t.inlineSize += policySize(document);
                        t.inline.push(r.name);
                        return;
                    }
                    case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
                    case "aws:iam/userPolicyAttachment:UserPolicyAttachment": {
                        const kind = r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" ? "role" : "user";
                        const owner = stringValue(r.props, kind);
                        if (owner === undefined) return;
                        const t = tally(kind, principalName(owner));
                        t.urn ??= r.urn;
                        t.attached.push(stringValue(r.props, "policyArn") ?? r.name);
                        return;
                    }
                }
            }

            for (const t of tallies.values()) {
                const inlineLimit = t.kind === "role" ? limits.roleInlinePolicySize : limits.userInlinePolicySize;
                if (t.inlineSize > inlineLimit) {
                    reportViolation(`${t.kind} ${t.name}: its inline policies (${t.inline.join(", ")}) total ${over(t.inlineSize, inlineLimit)} for a ${t.kind}; PutRolePolicy/PutUserPolicy fails with LimitExceeded\nfix: move statements into a customer managed policy (6,144 characters each) attached to the ${t.kind}`, t.urn);
                }
                const attachLimit = t.kind === "role" ? limits.managedPoliciesPerRole : limits.managedPoliciesPerUser;
                const distinct = new Set(t.attached);
                if (distinct.size > attachLimit) {
                    reportViolation(`${t.kind} ${t.name}: ${distinct.size} managed policies attached, over AWS's limit of ${attachLimit} per ${t.kind}; the attachment beyond it fails with LimitExceeded\nfix: merge managed policies, or raise the quota and set iam-quotas.managedPoliciesPer${t.kind === "role" ? "Role" : "User"}`, t.urn);
                }
            }
        },
    };
}
