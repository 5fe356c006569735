/**
 * One stack through the offline program and the least-privilege pack, the way `pulumi preview
 * --policy-pack` and `pulumi up` would judge it: the program runs under the SDK's mocks twice, as a
 * first preview (outputs the provider computes are unknown) and as an update; each run's
 * registrations go, as the engine marshals them, to the pack started in its own process
 * (`stacks/offline/pack-process.ts`): Analyze for every resource, then AnalyzeStack. The pack
 * decides the levels itself from the stack it is told about. Nothing here judges a document.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { DetectedEnvironment, detectEnvironment } from "../../policypacks/least-privilege/environment";
import { RecordedResource } from "../../stacks/offline/mocks";
import { ensurePackBuilt } from "../../stacks/offline/pack-build";
import { resolvePackConfig } from "../../stacks/offline/pack-config";
import { Diagnostic, PackProcess, PackProcessError, PackStack, WireResource, packDir } from "../../stacks/offline/pack-process";
import { runStack } from "../../stacks/offline/run-stack";
import { StackFile } from "../../stacks/offline/stack-file";
import { refuseDuplicateNames } from "./duplicate-names";
import { configKeyFor } from "./fix-keys";
import { workloadIndex } from "./workloads";

export interface CheckViolation {
    readonly policy: string;
    readonly level: EnforcementLevel;
    /** The policy's own message, as the CLI prints it under the policy's name. */
    readonly message: string;
    /** The policy's finding class, from its tags in GetAnalyzerInfo: `aws-rejects`, `security`, `lint` (or `unclassified`). */
    readonly findingClass: string;
    /** The stack config key that decides the flagged statement, where a workload rendered it. */
    readonly configKey?: string;
}

export interface StackCheck {
    readonly stack: string;
    readonly environment: string;
    /** The update's registrations: what the reports show. */
    readonly resources: readonly RecordedResource[];
    /** What the pack found on the update. */
    readonly violations: readonly CheckViolation[];
    /** What the pack found on the first preview of the same program. */
    readonly previewViolations: readonly CheckViolation[];
    readonly elapsedMs: number;
}

export interface CheckOptions {
    /** `--policy-pack-config`, as read from its file. */
    readonly packConfig?: Readonly<Record<string, unknown>>;
    /** Another copy of the pack (an installed, published one); default: this repository's. */
    readonly packDir?: string;
    /** Extra environment for the pack's process, such as its own LEAST_PRIVILEGE_* variables (it inherits this process's). */
    readonly env?: Readonly<Record<string, string>>;
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

/** A recorded registration as the engine would send it to the analyzer. */
function onTheWire(resource: RecordedResource): WireResource {
    const wire = resource.wire;
    return {
        type: resource.type,
        name: resource.name,
        urn: wire?.urn ?? resource.urn,
        properties: wire?.properties ?? resource.inputs,
        parent: wire?.parent,
        dependencies: wire?.dependencies ?? [],
        propertyDependencies: wire?.propertyDependencies ?? {},
    };
}

const findingClasses = ["aws-rejects", "security", "lint"];

/** A diagnostic as the report shows it: the description the server puts above the message dropped (the report groups by policy), its class and the config key to change. */
const toViolation = (classes: ReadonlyMap<string, string>, workloadOf: (urn: string | undefined) => string | undefined) => (d: Diagnostic): CheckViolation => {
    const message = d.message.startsWith(`${d.description}\n`) ? d.message.slice(d.description.length + 1) : d.message;
    const configKey = configKeyFor(workloadOf(d.urn), message);
    return {
        policy: d.policy, level: d.level === "remediate" ? "mandatory" : d.level, message, findingClass: classes.get(d.policy) ?? "unclassified",
        ...(configKey === undefined ? {} : { configKey }),
    };
};

/**
 * Judges one run's registrations in a fresh pack process, in the engine's order: GetAnalyzerInfo,
 * ConfigureStack, Configure, Analyze for each resource, AnalyzeStack. A policy that throws fails
 * the Analyze call, as it fails the CLI's preview: the error names the resource.
 */
export async function judgeRun(stack: PackStack, resources: readonly RecordedResource[], options: CheckOptions = {}): Promise<CheckViolation[]> {
    const pack = await PackProcess.start({ packDir: options.packDir ?? packDir, stack, env: options.env });
    try {
        const info = await pack.info();
        const config = resolvePackConfig(options.packConfig ?? {}, info);
        await pack.configureStack(stack);
        await pack.configure(config);
        const wire = resources.map(onTheWire);
        const diagnostics: Diagnostic[] = [];
        for (const resource of wire) {
            try {
                diagnostics.push(...(await pack.analyze(resource)).map((d) => (d.urn === undefined ? { ...d, urn: resource.urn } : d)));
            } catch (e) {
                if (e instanceof PackProcessError) throw new PackProcessError(`failed to run policy pack ${info.name} on ${resource.urn}: ${e.message}`);
                throw e;
            }
        }
        diagnostics.push(...await pack.analyzeStack(wire));
        const classes = new Map(info.policies.map((p) => [p.name, p.tags?.find((t) => findingClasses.includes(t)) ?? "unclassified"]));
        return diagnostics.map(toViolation(classes, workloadIndex(resources)));
    } finally {
        await pack.close();
    }
}

/** The stack as the CLI describes it to the pack. */
export function packStackOf(file: Pick<StackFile, "stack" | "config">, dryRun: boolean): PackStack {
    return { stack: file.stack, project: "aws-workloads", dryRun, config: file.config };
}

/** Runs the stack offline (preview and update) and through the pack; config errors propagate as the program throws them. */
export async function checkStack(file: StackFile, options: CheckOptions = {}): Promise<StackCheck> {
    const started = process.hrtime.bigint();
    ensurePackBuilt();
    const preview = await runStack(file, { preview: true });
    const update = await runStack(file);
    refuseDuplicateNames(update.resources);
    const [previewViolations, violations] = await Promise.all([
        judgeRun(packStackOf(file, true), preview.resources, options),
        judgeRun(packStackOf(file, false), update.resources, options),
    ]);
    return { stack: file.stack, environment: environmentOf(file), resources: update.resources, violations, previewViolations, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6 };
}
