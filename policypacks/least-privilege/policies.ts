/**
 * The pack's policies, built for one environment. No side effects: `index.ts` constructs the
 * `PolicyPack`; tests call `buildPolicies` directly.
 *
 * Every policy states its finding class (its CrossGuard `tags`) and its level follows from it:
 * `aws-rejects` is mandatory everywhere, `security` is mandatory in a production environment
 * (default `prod` and `production`; an environment nothing names counts as production, so the
 * gate fails closed) and advisory elsewhere, `lint` is advisory. `exempted-findings` is always
 * advisory. `--policy-pack-config` overrides any level as usual.
 */
import type { EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { attachedAwsManagedPoliciesPolicy, attachedCustomerPoliciesPolicy, exemptedStackFindingsPolicy } from "./attached-policies";
import { bucketHardeningPolicy } from "./bucket-hardening";
import { DocumentCheck, FindingClass } from "./check";
import { escalationAcrossPoliciesPolicy } from "./escalation-across-policies";
import { enforcementFor, parseProductionEnvironments } from "./config";
import { ExemptedFindings, documentPolicy, exemptedFindingsPolicy } from "./document-policy";
import { supportedConditionKeys } from "./condition-keys";
import { iamQuotasPolicy } from "./iam-quotas";
import { knownActions } from "./known-actions";
import { longLivedCredentialsPolicy } from "./long-lived-credentials";
import { noGuardrailDisabling } from "./no-guardrail-disabling";
import { noNotAction } from "./no-not-action";
import { noPrivilegeEscalation, privilegeEscalationReview } from "./no-privilege-escalation";
import { noPublicPrincipal } from "./no-public-principal";
import { noWildcardAction } from "./no-wildcard-action";
import { noWildcardResource } from "./no-wildcard-resource";
import { passRoleScoped } from "./pass-role";
import { policyGrammar } from "./policy-grammar";
import { exposureKnownAtPreviewPolicy, noPublicExposurePolicy } from "./public-exposure";
import { resourceArnsMatchActions } from "./resource-arns";
import { stackValuesKnownPolicy } from "./stack-unknowns";
import { awsNameRulesPolicy } from "./resource-names";
import { documentsKnownAtPreview, readableDocuments } from "./readable-documents";
import { readableEmbeddedTemplates } from "./readable-templates";

export interface BuildOptions {
    /** The stack's environment (`dev`, `staging`, `prod`...). */
    readonly environment: string;
    /** Environments whose findings are mandatory. Default: `prod`, `production`. */
    readonly productionEnvironments?: readonly string[];
}

export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** The document checks, in reporting order. */
export const documentChecks: readonly DocumentCheck[] = [
    readableDocuments,
    noWildcardResource,
    noWildcardAction,
    noNotAction,
    passRoleScoped,
    noPublicPrincipal,
    // One-step privilege escalation and guardrail switches (issue 15, item 5).
    noPrivilegeEscalation,
    noGuardrailDisabling,
    knownActions,
    // What AWS itself rejects or ignores (issue 8).
    policyGrammar,
    resourceArnsMatchActions,
    supportedConditionKeys,
    // IAM made through CloudFormation or Cloud Control that the pack cannot read (issue 14).
    readableEmbeddedTemplates,
    privilegeEscalationReview,
];

/**
 * The level every finding of this environment gets (before `--policy-pack-config`). An invalid
 * `productionEnvironments` is a programming error in the caller and throws with the reason.
 */
export function levelFor(options: BuildOptions): EnforcementLevel {
    const { environments, errors } = parseProductionEnvironments(options.productionEnvironments);
    if (errors.length > 0) throw new Error(`least-privilege pack: ${errors.join("; ")}`);
    if (options.environment.trim() === "") return "mandatory";
    return enforcementFor(options.environment, environments);
}

/** The level of a finding class where security findings get `securityLevel`. */
export function levelOfClass(findingClass: FindingClass, securityLevel: EnforcementLevel): EnforcementLevel {
    return findingClass === "aws-rejects" ? "mandatory" : findingClass === "security" ? securityLevel : "advisory";
}

/** A policy with its class as its CrossGuard `tags` and the level that class gets here. */
function classed<P extends PackPolicy>(findingClass: FindingClass, securityLevel: EnforcementLevel, build: (level: EnforcementLevel) => P): P {
    return { ...build(levelOfClass(findingClass, securityLevel)), tags: [findingClass] };
}

export function buildPolicies(options: BuildOptions): PackPolicy[] {
    const level = levelFor(options);
    const exempted = new ExemptedFindings();
    const exemptedInStack = new ExemptedFindings();
    const document = (check: DocumentCheck, includeUnknown = false) =>
        classed(check.findingClass, level, (enforcementLevel) => documentPolicy(check, { enforcementLevel, exempted, includeUnknown }));
    return [
        ...documentChecks.map((check) => document(check)),
        document(documentsKnownAtPreview, true),
        classed("security", level, bucketHardeningPolicy),
        classed("security", level, escalationAcrossPoliciesPolicy),
        classed("aws-rejects", level, awsNameRulesPolicy),
        classed("aws-rejects", level, iamQuotasPolicy),
        // Public exposure outside documents and long-lived credentials (issue 14, item 4).
        classed("security", level, (l) => noPublicExposurePolicy(l, exempted)),
        classed("lint", level, (l) => exposureKnownAtPreviewPolicy(l, exempted)),
        classed("security", level, (l) => longLivedCredentialsPolicy(l, exempted)),
        // Attached managed policies (issue 14): AWS managed ones per resource, the rest per stack.
        classed("security", level, (enforcementLevel) => attachedAwsManagedPoliciesPolicy({ enforcementLevel, exempted })),
        classed("security", level, (enforcementLevel) => attachedCustomerPoliciesPolicy({ enforcementLevel, exempted: exemptedInStack })),
        classed("lint", level, stackValuesKnownPolicy),
        // Last among the resource policies: it prints what the ones above set aside for the same resource.
        { ...exemptedFindingsPolicy(exempted), tags: ["security"] },
        // Last of all: what the stack policies above set aside.
        { ...exemptedStackFindingsPolicy(exemptedInStack), tags: ["security"] },
    ];
}
