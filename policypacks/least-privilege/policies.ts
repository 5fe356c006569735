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
import { bucketHardeningPolicy } from "./bucket-hardening";
import { DocumentCheck, FindingClass } from "./check";
import { enforcementFor, parseProductionEnvironments } from "./config";
import { ExemptedFindings, documentPolicy, exemptedFindingsPolicy } from "./document-policy";
import { supportedConditionKeys } from "./condition-keys";
import { iamQuotasPolicy } from "./iam-quotas";
import { knownActions } from "./known-actions";
import { noNotAction } from "./no-not-action";
import { noPublicPrincipal } from "./no-public-principal";
import { noWildcardAction } from "./no-wildcard-action";
import { noWildcardResource } from "./no-wildcard-resource";
import { passRoleScoped } from "./pass-role";
import { policyGrammar, policyVersion } from "./policy-grammar";
import { arnFormat, resourceArnsMatchActions } from "./resource-arns";
import { awsNameRulesPolicy } from "./resource-names";
import { documentsKnownAtPreview, readableDocuments } from "./readable-documents";

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
    knownActions,
    // What AWS itself rejects or ignores (issue 8).
    policyGrammar,
    policyVersion,
    arnFormat,
    resourceArnsMatchActions,
    supportedConditionKeys,
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
    const document = (check: DocumentCheck, includeUnknown = false) =>
        classed(check.findingClass, level, (enforcementLevel) => documentPolicy(check, { enforcementLevel, exempted, includeUnknown }));
    return [
        ...documentChecks.map((check) => document(check)),
        document(documentsKnownAtPreview, true),
        classed("security", level, bucketHardeningPolicy),
        classed("aws-rejects", level, awsNameRulesPolicy),
        classed("aws-rejects", level, iamQuotasPolicy),
        // Last among the resource policies: it prints what the ones above set aside for the same resource.
        { ...exemptedFindingsPolicy(exempted), tags: ["security"] },
    ];
}
