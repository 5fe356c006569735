/**
 * One stack through the offline program and the least-privilege pack: the stack file's config,
 * the program under the SDK's mocks (`runStack`), then every resource through every policy the
 * pack builds for the environment it would itself detect. Nothing here judges a document: the
 * verdicts are the pack's own.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { DetectedEnvironment, detectEnvironment, environmentListsFrom } from "../../policypacks/least-privilege/environment";
import { buildPolicies } from "../../policypacks/least-privilege/policies";
import { RecordedResource } from "../../stacks/offline/mocks";
import { runStack } from "../../stacks/offline/run-stack";
import { StackFile } from "../../stacks/offline/stack-file";
import { runPack } from "../../stacks/offline/run-pack";

export interface CheckViolation {
    readonly policy: string;
    readonly level: EnforcementLevel;
    /** The policy's own message, without the policy description the CLI prints above it. */
    readonly message: string;
}

export interface StackCheck {
    readonly stack: string;
    readonly environment: string;
    readonly resources: readonly RecordedResource[];
    readonly violations: readonly CheckViolation[];
    readonly elapsedMs: number;
}

/** What the pack's analyzer would detect, given what the CLI hands it for this stack. */
export function detectedFor(file: Pick<StackFile, "stack" | "config">): DetectedEnvironment {
    return detectEnvironment({ PULUMI_CONFIG: JSON.stringify(file.config), PULUMI_NODEJS_STACK: file.stack });
}

/** The environment the pack's analyzer would detect (the stack config's, else the stack name). */
export function environmentOf(file: Pick<StackFile, "stack" | "config">): string {
    const { environment, stack } = detectedFor(file);
    return environment === "" ? stack : environment;
}

/**
 * Runs the stack offline and through the pack, built as the analyzer builds it: the stack's name
 * and config, and the pack's environment variables from this process (LEAST_PRIVILEGE_*), so the
 * check and `pulumi preview --policy-pack` judge production alike. Config errors propagate as the
 * program throws them.
 */
export async function checkStack(file: StackFile, env: Readonly<Record<string, string | undefined>> = process.env): Promise<StackCheck> {
    const started = process.hrtime.bigint();
    const run = await runStack(file);
    const detected = detectedFor(file);
    const judged = await runPack(
        buildPolicies({ environment: detected.environment, stack: detected.stack, ...environmentListsFrom(env) }),
        run.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs })),
    );
    const violations = judged.map((v) => ({ policy: v.policy, level: v.level, message: withoutDescription(v.message) }));
    return { stack: file.stack, environment: environmentOf(file), resources: run.resources, violations, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** The harness prints `description\nmessage` as the CLI does; the report groups by policy, so drops the first line. */
function withoutDescription(message: string): string {
    const newline = message.indexOf("\n");
    return message.startsWith("can't run policy") || newline < 0 ? message : message.slice(newline + 1);
}
