/**
 * A CrossGuard resource policy over findings that are not about a policy document (public
 * exposure, credentials), with the same justified exemptions as the document policies: an
 * exemption names the resource (logical name) and a reason, and `resourcePattern` may narrow
 * it to one input path (`acl`, `publicAccessBlockConfiguration`). Exempted findings print, as
 * advisory, under `exempted-findings` (see `document-policy.ts`).
 */
import type { EnforcementLevel, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { exemptionsConfigSchema, exemptionsReader, findExemption } from "./config";
import { ExemptedFindings } from "./document-policy";
import { embeddedInputs, embedsResources } from "./iam/embedded-as-inputs";

export interface ResourceFinding {
    /** The input the finding is about; what an exemption's `resourcePattern` matches. */
    readonly path: string;
    readonly message: string;
}

export interface ResourceFindingsPolicyArgs {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly exempted: ExemptedFindings;
    /** The types the policy reads; every other resource is skipped at once. */
    readonly types: ReadonlySet<string>;
    readonly findings: (resourceName: string, type: string, props: Record<string, unknown>) => readonly ResourceFinding[];
}

export function resourceFindingsPolicy(args: ResourceFindingsPolicyArgs): ResourceValidationPolicy {
    const exemptionsOf = exemptionsReader(args.name);
    return {
        name: args.name,
        description: args.description,
        enforcementLevel: args.enforcementLevel,
        configSchema: exemptionsConfigSchema,
        validateResource: (resource: ResourceValidationArgs, reportViolation: ReportViolation) => {
            const direct = args.types.has(resource.type);
            if (!direct && !embedsResources(resource.type)) return;
            const exemptions = exemptionsOf(resource.getConfig(), reportViolation);
            const exemptedMessages: string[] = [];
            const findings = direct
                ? args.findings(resource.name, resource.type, resource.props)
                // A stack's or Cloud Control's resources, named where they sit; an exemption's resourcePattern starts with the logical ID.
                : embeddedInputs(resource.type, resource.props, args.types).flatMap((inner) => args.findings(`${resource.name} › ${inner.resource.path}`, inner.type, inner.props)
                    .map((finding) => ({ ...finding, path: inner.resource.logicalId === "" ? finding.path : `${inner.resource.logicalId}.${finding.path}` })));
            for (const finding of findings) {
                const exemption = findExemption(exemptions, resource.name, undefined, finding.path);
                if (exemption === undefined) reportViolation(finding.message);
                else exemptedMessages.push(`[${args.name}] ${finding.message}\nexempted: ${exemption.reason}`);
            }
            args.exempted.put(resource.urn, args.name, exemptedMessages);
        },
    };
}
