/**
 * `environment-consistent`: says, once per stack, why the stack counts as production when its
 * stack name and its `aws-workloads:environment` disagree about being non-production (a stack
 * `prod` whose config says `dev`, or `dev` with no environment set) or a non-production stack deploys to a
 * production account, and which entries of the
 * pack's environment lists were refused. The pack has already failed closed (the stack is
 * production); this finding tells the team why their "dev" stack is held to the prod gate.
 */
import type { EnforcementLevel, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { EnvironmentVerdict } from "../environment";

export function environmentConsistentPolicy(verdict: EnvironmentVerdict): (enforcementLevel: EnforcementLevel) => StackValidationPolicy {
    return (enforcementLevel) => ({
        name: "environment-consistent",
        description: "The stack name and aws-workloads:environment agree on whether the stack is production (anything not explicitly non-production is production).",
        enforcementLevel,
        validateStack: (_args: StackValidationArgs, reportViolation: ReportViolation) => {
            if (verdict.mismatch !== undefined) {
                reportViolation(`stack: ${verdict.mismatch}, so the stack is judged as production (${verdict.reason})\nfix: ${verdict.mismatchFix ?? "name the stack after its environment (Pulumi.<env>.yaml with aws-workloads:environment: <env>), or set both to the same non-production environment"}`);
            }
            for (const error of verdict.errors) {
                reportViolation(`pack environment settings: ${error}; the entry is ignored\nfix: correct LEAST_PRIVILEGE_NON_PRODUCTION_ENVIRONMENTS / LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS (comma-separated environment names) / LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS (comma-separated account IDs)`);
            }
        },
    });
}
