/**
 * Evaluation throughput: the pack's resource policies over generated documents, with args built
 * as CrossGuard's analyzer builds them (`server.js`: for each policy, the props deserialized afresh
 * and wrapped in `unknownCheckingProxy`, `getConfig`, a throwing `notApplicable`), against the
 * floor of parsing and normalizing the same documents once without judging them.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import { performance } from "perf_hooks";
import { readDocument } from "../../policypacks/least-privilege/documents";
import { buildPolicies } from "../../policypacks/least-privilege/policies";
import { defaultResourceOptions } from "../../stacks/offline/run-pack";
import { median, timed } from "./timing";

const type = "aws:iam/policy:Policy";

/** The args the analyzer hands one policy for a managed policy carrying `text`. */
function argsFor(name: string, text: string): ResourceValidationArgs {
    return {
        type,
        // A fresh object per policy, as deserializing the request's protobuf Struct makes one.
        props: unknownCheckingProxy({ name, policy: text }),
        urn: `urn:pulumi:bench::aws-workloads::${type}::${name}`,
        name,
        opts: defaultResourceOptions(),
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => ({}) as T,
        notApplicable: (reason?: string) => {
            throw new Error(reason ?? "not applicable");
        },
    };
}

const resourcePolicies = (environment: string) =>
    buildPolicies({ environment }).filter((p): p is ResourceValidationPolicy => "validateResource" in p);

/**
 * Every document through every resource policy of the prod pack; returns the violation count.
 * With `perPolicy`, adds each policy's milliseconds to it (costs a clock read per call).
 */
export async function judgeAll(documents: readonly string[], perPolicy?: Map<string, number>): Promise<number> {
    const policies = resourcePolicies("prod");
    let violations = 0;
    const report: ReportViolation = () => {
        violations++;
    };
    for (let i = 0; i < documents.length; i++) {
        for (const policy of policies) {
            const validations = policy.validateResource === undefined ? [] : Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
            const start = perPolicy ? performance.now() : 0;
            for (const validate of validations) await validate(argsFor(`generated-${i}`, documents[i]), report);
            if (perPolicy) perPolicy.set(policy.name, (perPolicy.get(policy.name) ?? 0) + performance.now() - start);
        }
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
