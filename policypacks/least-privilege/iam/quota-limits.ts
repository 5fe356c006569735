/**
 * IAM quotas a document or a principal's attachments must fit, as AWS counts them, in one place.
 * Source: IAM User Guide, "IAM and AWS STS quotas" (reference_iam-quotas.html), "IAM object
 * quotas" and "IAM and STS character limits": sizes exclude white space; the inline limits are
 * the aggregate of all inline policies of one principal. Adjustable quotas (trust policy length
 * up to 4,096, managed policies per role or user up to 20) can be raised through pack config.
 */
export const quotaLimits = {
    /** Managed policy document size. */
    managedPolicySize: 6144,
    /** All inline policies of one role together. */
    roleInlinePolicySize: 10240,
    /** All inline policies of one user together. */
    userInlinePolicySize: 2048,
    /** All inline policies of one group together. */
    groupInlinePolicySize: 5120,
    /** Role trust policy length (adjustable to 4,096). */
    roleTrustPolicySize: 2048,
    /** Managed policies attached to one role (adjustable to 20). */
    managedPoliciesPerRole: 10,
    /** Managed policies attached to one user (adjustable to 20). */
    managedPoliciesPerUser: 10,
    /** Managed policies attached to one group (adjustable to 20). */
    managedPoliciesPerGroup: 10,
} as const;

export type QuotaName = keyof typeof quotaLimits;

/** A document's size as IAM counts it: characters that are not white space. */
export function policySize(document: unknown): number {
    const text = typeof document === "string" ? document : JSON.stringify(document);
    // Rendered JSON usually has no white space: then the length is the size, without a copy.
    return /\s/.test(text) ? text.replace(/\s+/g, "").length : text.length;
}

/** The document's size when it is over `limit`, else `undefined`. A text no longer than the limit is not counted: its size is at most its length. */
export function sizeOver(document: unknown, limit: number): number | undefined {
    if (typeof document === "string" && document.length <= limit) return undefined;
    const size = policySize(document);
    return size > limit ? size : undefined;
}
