/** Helpers for the pack's specs; the analyzer emulation itself is `stacks/offline/run-pack.ts`. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import type { PackPolicy } from "../../policypacks/least-privilege/registry";
import { RunOptions, TestResource, Violation, runPack, validateResource } from "../../stacks/offline/run-pack";

export * from "../../stacks/offline/run-pack";

/** The named policy from a built pack. */
export function policyNamed<T extends PackPolicy = ResourceValidationPolicy>(policies: readonly PackPolicy[], name: string): T {
    const found = policies.find((p) => p.name === name);
    if (found === undefined) throw new Error(`no policy named ${name}; the pack has ${policies.map((p) => p.name).join(", ")}`);
    return found as T;
}

/** A managed-policy resource carrying `document` (string or object), for the document policies. */
export function managedPolicy(name: string, document: unknown): TestResource {
    return { type: "aws:iam/policy:Policy", name, props: { name, policy: typeof document === "string" ? document : JSON.stringify(document) } };
}

/** Only the mandatory ones, the ones that block a preview. */
export const mandatory = (violations: readonly Violation[]) => violations.filter((v) => v.level === "mandatory");

/** Builds the pack for an environment and runs it over resources (what `pulumi preview --policy-pack` does). */
export async function judge(environment: string, resources: readonly TestResource[], options: RunOptions = {}): Promise<Violation[]> {
    const { buildPolicies } = await import("../../policypacks/least-privilege/registry");
    return runPack(buildPolicies({ environment }), resources, options);
}

/** Violations of one policy. */
export const of = (violations: readonly Violation[], policy: string) => violations.filter((v) => v.policy === policy);

/** One policy of the pack built for `environment`, run on one managed policy carrying `document`. */
export async function violationsOf(policy: string, environment: string, document: unknown, name = "app-policy", options: RunOptions = {}): Promise<Violation[]> {
    const { buildPolicies } = await import("../../policypacks/least-privilege/registry");
    return validateResource(policyNamed(buildPolicies({ environment }), policy), managedPolicy(name, document), options);
}

/** A one-statement document. */
export function doc(...statements: Record<string, unknown>[]): Record<string, unknown> {
    return { Version: "2012-10-17", Statement: statements };
}
