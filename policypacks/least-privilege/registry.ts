/**
 * The pack's policies, built for one environment. No side effects: `index.ts` constructs the
 * `PolicyPack`; tests call `buildPolicies` directly.
 *
 * Every policy states its finding class (its CrossGuard `tags`) and its level follows from it:
 * `aws-rejects` is mandatory everywhere, `security` is mandatory unless the stack is explicitly
 * non-production (its name and its config both say so: `environment.ts`; the gate fails closed)
 * and advisory there, `lint` is advisory. `exempted-findings` is always
 * advisory. `--policy-pack-config` overrides any level as usual.
 */
import type { EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { attachedAwsManagedPoliciesPolicy, attachedCustomerPoliciesPolicy, exemptedStackFindingsPolicy } from "./policies/attached-policies";
import { bucketHardeningPolicy } from "./policies/bucket-hardening";
import { DocumentCheck, FindingClass } from "./check";
import { escalationAcrossPoliciesPolicy } from "./policies/escalation-across-policies";
import { environmentConsistentPolicy } from "./policies/environment-consistent";
import { judgeEnvironment } from "./environment";
import { ExemptedFindings, documentPolicy, exemptedFindingsPolicy } from "./document-policy";
import { supportedConditionKeys } from "./policies/condition-keys";
import { iamQuotasPolicy } from "./policies/iam-quotas";
import { knownActions } from "./policies/known-actions";
import { longLivedCredentialsPolicy } from "./policies/long-lived-credentials";
import { noGuardrailDisabling } from "./policies/no-guardrail-disabling";
import { noNotAction } from "./policies/no-not-action";
import { noPrivilegeEscalation, privilegeEscalationReview } from "./policies/no-privilege-escalation";
import { noPublicPrincipal } from "./policies/no-public-principal";
import { noWildcardAction } from "./policies/no-wildcard-action";
import { noWildcardResource } from "./policies/no-wildcard-resource";
import { passRoleScoped } from "./policies/pass-role";
import { noClusterAdminPolicy } from "./policies/cluster-admin";
import { exposureKnownAtPreviewPolicy, noPublicExposurePolicy } from "./policies/public-exposure";
import { stackValuesKnownPolicy } from "./policies/stack-unknowns";
import { policyGrammar, policyVersion } from "./policies/policy-grammar";
import { arnFormat, resourceArnsMatchActions } from "./policies/resource-arns";
import { awsNameRulesPolicy } from "./policies/resource-names";
import { documentsKnownAtPreview, readableDocuments } from "./policies/readable-documents";
import { readableEmbeddedTemplates } from "./policies/readable-templates";

export interface BuildOptions {
    /** The stack config's `aws-workloads:environment` (`dev`, `staging`, `prod`...); `""` when unset. */
    readonly environment: string;
    /**
     * The stack's name (its last segment); default: `environment`, for callers that have one name
     * (unit tests). The pack's entry always passes what the CLI gave, `""` when nothing.
     */
    readonly stack?: string;
    /** Replaces the default non-production list (`environment.ts`); production-looking names are refused. */
    readonly nonProductionEnvironments?: readonly string[];
    /** Always production, whatever the non-production list says: it can only strengthen the gate. */
    readonly productionEnvironments?: readonly string[];
    /** The accounts the stack deploys to (`stack-accounts.ts`); unknown when absent. */
    readonly accounts?: readonly string[];
    /** Every account the stack's config names (`mentionedAccounts`), checked against `productionAccounts`. */
    readonly deploysTo?: readonly string[];
    /** Accounts whose stacks are production whatever their names. */
    readonly productionAccounts?: readonly string[];
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
    policyVersion,
    arnFormat,
    resourceArnsMatchActions,
    supportedConditionKeys,
    // IAM made through CloudFormation or Cloud Control that the pack cannot read (issue 14).
    readableEmbeddedTemplates,
    privilegeEscalationReview,
];

/** The level security findings get for this stack (before `--policy-pack-config`): fail closed. */
export function levelFor(options: BuildOptions): EnforcementLevel {
    return judgeEnvironment(options).production ? "mandatory" : "advisory";
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
    const verdict = judgeEnvironment(options);
    const level: EnforcementLevel = verdict.production ? "mandatory" : "advisory";
    const exempted = new ExemptedFindings();
    const exemptedInStack = new ExemptedFindings();
    const document = (check: DocumentCheck, includeUnknown = false) =>
        classed(check.findingClass, level, (enforcementLevel) => documentPolicy(check, { enforcementLevel, exempted, includeUnknown, stack: { accounts: options.accounts } }));
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
        classed("security", level, (l) => noClusterAdminPolicy(l, exempted)),
        // Attached managed policies (issue 14): AWS managed ones per resource, the rest per stack.
        classed("security", level, (enforcementLevel) => attachedAwsManagedPoliciesPolicy({ enforcementLevel, exempted })),
        classed("security", level, (enforcementLevel) => attachedCustomerPoliciesPolicy({ enforcementLevel, exempted: exemptedInStack })),
        classed("lint", level, stackValuesKnownPolicy),
        classed("security", level, environmentConsistentPolicy(verdict)),
        // Last among the resource policies: it prints what the ones above set aside for the same resource.
        { ...exemptedFindingsPolicy(exempted), tags: ["security"] },
        // Last of all: what the stack policies above set aside.
        { ...exemptedStackFindingsPolicy(exemptedInStack), tags: ["security"] },
    ];
}
