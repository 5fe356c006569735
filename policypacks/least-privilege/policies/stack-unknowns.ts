/**
 * `stack-values-known-at-preview` (lint, advisory): what `bucket-hardening` and `iam-quotas`
 * could not judge because a value is unknown until `pulumi up` (a generated bucket name, a policy
 * built from another resource's output, an unknown nested in a list). Those policies judge the
 * rest and stay at their own level; this one says what they left out, so that nothing unknown
 * passes silently and nothing unknown blocks a preview.
 */
import type { EnforcementLevel, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { bucketReport } from "./bucket-hardening";
import { quotaReport } from "./iam-quotas";

export function stackValuesKnownPolicy(enforcementLevel: EnforcementLevel): StackValidationPolicy {
    return {
        name: "stack-values-known-at-preview",
        description: "Values the stack policies (bucket-hardening, iam-quotas) could not judge at preview; the rest was judged without them.",
        enforcementLevel,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            for (const part of bucketReport(args.resources).unknowns) reportViolation(`[bucket-hardening] ${part.message}\nfix: none needed if the value is known at pulumi up; to judge it at preview, build it from config-derived names`, part.urn);
            for (const part of quotaReport(args.resources).unknowns) reportViolation(`[iam-quotas] ${part.message}\nfix: none needed if the value is known at pulumi up; to judge it at preview, build it from config-derived names`, part.urn);
        },
    };
}
