/**
 * Turns a document check into a CrossGuard resource policy, and carries justified exemptions.
 *
 * CrossGuard's enforcement level belongs to a policy, not to a violation, so an exempted finding
 * cannot be printed as advisory by the mandatory policy that found it. Instead each document
 * policy reports what is not exempted at its own level and hands exempted findings, with their
 * reason, to an `ExemptedFindings` store; the `exempted-findings` policy (always advisory, last
 * in the pack) prints them for the same resource. This relies on CrossGuard running a pack's
 * resource policies in order for each resource (`server.js`: one sequential loop per `analyze`).
 */
import type { EnforcementLevel, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { DocumentCheck, StackFacts } from "./check";
import { Exemption, exemptionsConfigSchema, exemptionsReader, findExemption, findExpiredExemption } from "./config";
import { Finding, FindingAction, renderFinding } from "./finding";
import { CarriedDocument, carriesDocuments, documentsOf } from "./iam/resource-documents";

/** Exempted findings waiting to be printed, per resource URN. */
export class ExemptedFindings {
    private readonly pending = new Map<string, Map<string, readonly string[]>>();

    /** Replaces what `policy` found exempt on `urn` (a policy runs once per resource). */
    put(urn: string, policy: string, messages: readonly string[]): void {
        // The common case, nothing exempted anywhere, costs no lookup.
        if (messages.length === 0 && this.pending.size === 0) return;
        let byPolicy = this.pending.get(urn);
        if (byPolicy === undefined) {
            if (messages.length === 0) return;
            byPolicy = new Map();
            this.pending.set(urn, byPolicy);
        }
        if (messages.length === 0) byPolicy.delete(policy);
        else byPolicy.set(policy, messages);
    }

    /** Everything pending for `urn`, in policy order, and forgets it. */
    take(urn: string): string[] {
        const byPolicy = this.pending.get(urn);
        this.pending.delete(urn);
        return byPolicy ? [...byPolicy.values()].flat() : [];
    }
}

/**
 * Splits a finding's actions into the part still enforced and the exempted parts with their
 * reasons; `expired` is an expired exemption that would have covered the enforced part.
 */
export function applyExemptions(finding: Finding, resourceName: string, exemptions: readonly Exemption[], now: Date = new Date()): { enforced?: Finding; expired?: Exemption; exempted: { finding: Finding; reason: string }[] } {
    if (exemptions.length === 0) return { enforced: finding, exempted: [] };
    const expiredFor = (actions: readonly (string | undefined)[]) => {
        for (const action of actions) {
            const expired = findExpiredExemption(exemptions, resourceName, action, finding.element, now);
            if (expired) return { expired };
        }
        return {};
    };
    if (finding.actions.length === 0) {
        const exemption = findExemption(exemptions, resourceName, undefined, finding.element, now);
        return exemption ? { exempted: [{ finding, reason: exemption.reason }] } : { enforced: finding, ...expiredFor([undefined]), exempted: [] };
    }
    const kept: FindingAction[] = [];
    const byReason = new Map<string, FindingAction[]>();
    for (const action of finding.actions) {
        const exemption = findExemption(exemptions, resourceName, action.action, finding.element, now);
        if (exemption === undefined) kept.push(action);
        else byReason.set(exemption.reason, [...(byReason.get(exemption.reason) ?? []), action]);
    }
    return {
        ...(kept.length > 0 ? { enforced: kept.length === finding.actions.length ? finding : { ...finding, actions: kept }, ...expiredFor(kept.map((a) => a.action)) } : {}),
        exempted: [...byReason].map(([reason, actions]) => ({ finding: { ...finding, actions }, reason })),
    };
}

export interface DocumentPolicyOptions {
    readonly enforcementLevel: EnforcementLevel;
    readonly exempted: ExemptedFindings;
    /** Which document kinds the check reads; default: all. */
    readonly kinds?: readonly CarriedDocument["kind"][];
    /** Whether unreadable (unknown) documents are passed to the check; default: false. */
    readonly includeUnknown?: boolean;
    readonly stack?: StackFacts;
}

/** What a policy hands `ExemptedFindings.put` when it exempted nothing (one list for all). */
const noMessages: readonly string[] = [];

export function documentPolicy(check: DocumentCheck, options: DocumentPolicyOptions): ResourceValidationPolicy {
    const exemptionsOf = exemptionsReader(check.name);
    return {
        name: check.name,
        description: check.description,
        enforcementLevel: options.enforcementLevel,
        configSchema: exemptionsConfigSchema,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!carriesDocuments(args.type)) return;
            const exemptions = exemptionsOf(args.getConfig(), reportViolation);
            let exemptedMessages: string[] | undefined;
            for (const document of documentsOf(args.type, args.props)) {
                if (options.kinds !== undefined && !options.kinds.includes(document.kind)) continue;
                if (document.unknown !== undefined && !options.includeUnknown) continue;
                for (const finding of check.check(document, args, options.stack)) {
                    const { enforced, expired, exempted } = applyExemptions(finding, args.name, exemptions);
                    if (enforced) reportViolation(renderFinding(args.name, enforced) + (expired ? `\nexemption expired on ${expired.expires} (it no longer applies): ${expired.reason}` : ""));
                    for (const x of exempted) (exemptedMessages ??= []).push(`[${check.name}] ${renderFinding(args.name, x.finding)}\nexempted: ${x.reason}`);
                }
            }
            options.exempted.put(args.urn, check.name, exemptedMessages ?? noMessages);
        },
    };
}

/** Prints the findings the document policies set aside as exempted; always advisory. */
export function exemptedFindingsPolicy(exempted: ExemptedFindings): ResourceValidationPolicy {
    return {
        name: "exempted-findings",
        description: "Findings exempted by pack config, printed with their reason (advisory).",
        enforcementLevel: "advisory",
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            // Documents, attachments, and the exposure and credential findings of `resource-findings-policy.ts`.
            for (const message of exempted.take(args.urn)) reportViolation(message);
        },
    };
}
