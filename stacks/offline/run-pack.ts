/**
 * Runs the pack's policies the way CrossGuard's analyzer does (`@pulumi/policy` server.js),
 * without starting its gRPC server: props wrapped in `unknownCheckingProxy`, `getConfig` per
 * policy, `notApplicable` throwing, stack tags, the policy's (or config's) enforcement level on
 * every violation, `UnknownValueError` turned into an advisory "can't run ... during preview".
 */
import type {
    EnforcementLevel, PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy,
    StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import { PackPolicy } from "../../policypacks/least-privilege/registry";

/** The engine's sentinel for a string not known at preview. */
export const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Violation {
    readonly policy: string;
    readonly level: EnforcementLevel;
    /** As the CLI prints it: the policy description, a newline, the message. */
    readonly message: string;
    readonly urn?: string;
}

export interface TestResource {
    readonly type: string;
    readonly name?: string;
    readonly urn?: string;
    readonly props: Record<string, unknown>;
    /** For stack policies: property -> URNs of resources it depends on. */
    readonly propertyDependencies?: Record<string, string[]>;
}

/** Per-policy pack config as `--policy-pack-config` gives it: `{ [policy]: { enforcementLevel?, ...props } }`. */
export type PackConfig = Record<string, Record<string, unknown>>;

export interface RunOptions {
    readonly config?: PackConfig;
    readonly stackTags?: Record<string, string>;
}

/** The options the engine reports for a resource declared without any (a fresh object each time, as deserialized). */
export function defaultResourceOptions(): PolicyResource["opts"] {
    return { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };
}

class NotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

function levelOf(policy: PackPolicy, config: PackConfig | undefined): EnforcementLevel {
    const configured = config?.[policy.name]?.enforcementLevel as EnforcementLevel | undefined;
    const level = configured || policy.enforcementLevel || "advisory";
    return level === "remediate" ? "mandatory" : level;
}

function getConfigFor(policy: PackPolicy, config: PackConfig | undefined): <T extends object>() => T {
    return <T extends object>() => {
        const { enforcementLevel, ...properties } = config?.[policy.name] ?? {};
        void enforcementLevel;
        return properties as T;
    };
}

function reporter(policy: PackPolicy, level: EnforcementLevel, sink: Violation[], urn: string | undefined): ReportViolation {
    return (message: string, violationUrn?: string) => {
        sink.push({ policy: policy.name, level, message: `${policy.description}\n${message}`, urn: violationUrn ?? urn });
    };
}

const urnOf = (r: TestResource) => r.urn ?? `urn:pulumi:test::aws-workloads::${r.type}::${r.name ?? "resource"}`;

/** A deep copy through JSON, as the engine's serialization would make. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** Runs one resource policy on one resource; returns its violations (exceptions other than unknowns propagate). */
export async function validateResource(policy: ResourceValidationPolicy, resource: TestResource, options: RunOptions = {}): Promise<Violation[]> {
    const violations: Violation[] = [];
    const level = levelOf(policy, options.config);
    if (level === "disabled" || policy.validateResource === undefined) return violations;
    const urn = urnOf(resource);
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const validation of validations) {
        const props = unknownCheckingProxy(copy(resource.props));
        const args: ResourceValidationArgs = {
            type: resource.type,
            props,
            urn,
            name: resource.name ?? "resource",
            opts: defaultResourceOptions(),
            stackTags: new Map(Object.entries(options.stackTags ?? {})),
            isType: () => false,
            asType: () => undefined,
            getConfig: getConfigFor(policy, options.config),
            notApplicable: (reason?: string) => {
                throw new NotApplicable(reason);
            },
        };
        try {
            await Promise.resolve(validation(args, reporter(policy, level, violations, urn)));
        } catch (e) {
            if (e instanceof UnknownValueError) {
                violations.push({ policy: policy.name, level: "advisory", message: `can't run policy '${policy.name}' during preview: ${(e as Error).message}`, urn });
            } else if (!(e instanceof NotApplicable)) {
                throw e;
            }
        }
    }
    return violations;
}

/** Runs one stack policy over a list of resources. */
export async function validateStack(policy: StackValidationPolicy, resources: readonly TestResource[], options: RunOptions = {}): Promise<Violation[]> {
    const violations: Violation[] = [];
    const level = levelOf(policy, options.config);
    if (level === "disabled") return violations;
    const built: PolicyResource[] = resources.map((r) => ({
        type: r.type,
        props: unknownCheckingProxy(copy(r.props)),
        urn: urnOf(r),
        name: r.name ?? "resource",
        opts: defaultResourceOptions(),
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    }));
    const byUrn = new Map(built.map((r) => [r.urn, r]));
    resources.forEach((r, i) => {
        for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
            built[i].propertyDependencies[key] = urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => x !== undefined);
        }
    });
    const args: StackValidationArgs = {
        resources: built,
        stackTags: new Map(Object.entries(options.stackTags ?? {})),
        getConfig: getConfigFor(policy, options.config),
        notApplicable: (reason?: string) => {
            throw new NotApplicable(reason);
        },
    };
    try {
        await Promise.resolve(policy.validateStack(args, reporter(policy, level, violations, undefined)));
    } catch (e) {
        if (e instanceof UnknownValueError) {
            violations.push({ policy: policy.name, level: "advisory", message: `can't run policy '${policy.name}' during preview: ${(e as Error).message}` });
        } else if (!(e instanceof NotApplicable)) {
            throw e;
        }
    }
    return violations;
}

function isStackPolicy(p: PackPolicy): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

/**
 * The whole pack over a set of resources, as a preview would run it: every resource through
 * every resource policy in pack order, then the stack policies over all of them.
 */
export async function runPack(policies: readonly PackPolicy[], resources: readonly TestResource[], options: RunOptions = {}): Promise<Violation[]> {
    const violations: Violation[] = [];
    for (const resource of resources) {
        for (const policy of policies) {
            if (!isStackPolicy(policy)) violations.push(...await validateResource(policy, resource, options));
        }
    }
    for (const policy of policies) {
        if (isStackPolicy(policy)) violations.push(...await validateStack(policy, resources, options));
    }
    return violations;
}
