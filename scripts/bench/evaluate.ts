/**
 * Evaluation throughput: the pack's policies over generated documents, with args built as
 * CrossGuard's analyzer builds them (`server.js`: for each resource policy, the props
 * deserialized afresh and wrapped in `unknownCheckingProxy`, `getConfig`, a throwing
 * `notApplicable`; then each stack policy once over every resource), against the floor of
 * parsing and normalizing the same documents once without judging them.
 */
import type { PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import { performance } from "perf_hooks";
import { readDocument } from "../../policypacks/least-privilege/iam/documents";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { defaultResourceOptions } from "../../stacks/offline/run-pack";
import { median, timed } from "./timing";

const type = "aws:iam/policy:Policy";
const urnOf = (name: string) => `urn:pulumi:bench::aws-workloads::${type}::${name}`;
/** One for every call, as `server.js` keeps the stack's tags (frozen) for the whole analysis. */
const stackTags: ReadonlyMap<string, string> = new Map();
const notApplicable = (reason?: string): never => {
    throw new Error(reason ?? "not applicable");
};

/** The args the analyzer hands one resource policy for a managed policy carrying `text`. */
function argsFor(name: string, text: string): ResourceValidationArgs {
    return {
        type,
        // A fresh object per policy, as deserializing the request's protobuf Struct makes one.
        props: unknownCheckingProxy({ name, policy: text }),
        urn: urnOf(name),
        name,
        opts: defaultResourceOptions(),
        stackTags,
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => ({}) as T,
        notApplicable,
    };
}

/** The args the analyzer hands one stack policy: every document as a managed policy. */
function stackArgsFor(documents: readonly string[]): StackValidationArgs {
    const resources: PolicyResource[] = documents.map((text, i) => {
        const name = `generated-${i}`;
        return { type, props: unknownCheckingProxy({ name, policy: text }), urn: urnOf(name), name, opts: defaultResourceOptions(), dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined };
    });
    return { resources, stackTags, getConfig: <T extends object>() => ({}) as T, notApplicable };
}

function prodPack(): { resource: ResourceValidationPolicy[]; stack: StackValidationPolicy[] } {
    const policies = buildPolicies({ environment: "prod" });
    return {
        resource: policies.filter((p): p is ResourceValidationPolicy => "validateResource" in p),
        stack: policies.filter((p): p is StackValidationPolicy => "validateStack" in p),
    };
}

/**
 * Every document through every resource policy of the prod pack, then every stack policy over
 * all of them, as a preview runs the pack; returns the violation count. With `perPolicy`, adds
 * each policy's milliseconds to it (costs a clock read per call); with `messages`, collects
 * `policy<TAB>urn<TAB>message` for each violation.
 */
export async function judgeAll(documents: readonly string[], perPolicy?: Map<string, number>, messages?: string[]): Promise<number> {
    const policies = prodPack();
    let violations = 0;
    let current = "";
    const report: ReportViolation = (message, urn) => {
        violations++;
        messages?.push(`${current}\t${urn ?? ""}\t${message}`);
    };
    const clock = (name: string, start: number) => {
        if (perPolicy) perPolicy.set(name, (perPolicy.get(name) ?? 0) + performance.now() - start);
    };
    for (let i = 0; i < documents.length; i++) {
        for (const policy of policies.resource) {
            const validations = policy.validateResource === undefined ? [] : Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
            const start = perPolicy ? performance.now() : 0;
            current = policy.name;
            for (const validate of validations) await validate(argsFor(`generated-${i}`, documents[i]), report);
            clock(policy.name, start);
        }
    }
    for (const policy of policies.stack) {
        const start = perPolicy ? performance.now() : 0;
        current = policy.name;
        await policy.validateStack(stackArgsFor(documents), report);
        clock(policy.name, start);
    }
    return violations;
}

/** The floor: parse each document's JSON and normalize it into statements, once, judging nothing. */
export function parseAll(documents: readonly string[]): number {
    let statements = 0;
    for (const text of documents) statements += readDocument(JSON.parse(text)).statements.length;
    return statements;
}

export interface Throughput {
    readonly documents: number;
    readonly statements: number;
    readonly violations: number;
    readonly packMs: number;
    readonly floorMs: number;
}

/** Milliseconds each policy spent on one pass over new texts, most expensive first. */
export async function perPolicyCost(documents: readonly string[]): Promise<[string, number][]> {
    const costs = new Map<string, number>();
    await judgeAll(documents, costs);
    return [...costs].sort((a, b) => b[1] - a[1]);
}

/**
 * Median of `repeats` timed passes of each, after one warm-up pass unless `warmUp` is false (the
 * analyzer judges many resources per process); the warm-up counts the violations. `batch(pass)` gives each pass new texts of the same shapes, so that the
 * pack's document cache only helps within a document, as in a real preview.
 */
export async function throughput(batch: (pass: number) => readonly string[], repeats = 3, warmUp = true): Promise<Throughput> {
    const documents = batch(0);
    const statements = parseAll(documents);
    const violations = warmUp ? await judgeAll(documents) : 0;
    const floor: number[] = [];
    const pack: number[] = [];
    for (let r = 1; r <= repeats; r++) {
        const texts = batch(r);
        floor.push(await timed(() => parseAll(texts)));
        pack.push(await timed(() => judgeAll(texts)));
    }
    return { documents: documents.length, statements, violations, packMs: median(pack), floorMs: median(floor) };
}
