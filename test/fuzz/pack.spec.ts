/**
 * Property-based fuzzing of the least-privilege pack (fast-check, fixed seed; FUZZ_SEED to
 * explore): 10,100 generated cases per run through the policies with runtime-faithful args.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { Violation, managedPolicy, policyNamed, validateResource } from "../policypacks/support";
import { RawDocument, documentResource, exactResource, fuzzSeed, hugeDocument, invalidDocument, statement, validDocument } from "./arbitraries";

const pack = buildPolicies({ environment: "prod" }).filter((p): p is ResourceValidationPolicy => "validateResource" in p);
const wildcardPolicies = ["no-wildcard-resource", "no-wildcard-action"];
const params = (numRuns: number) => ({ seed: fuzzSeed, numRuns });

/** Every resource policy's violations for one resource; a policy that throws fails the property. */
async function judged(type: string, props: Record<string, unknown>, policies: readonly ResourceValidationPolicy[] = pack): Promise<Violation[]> {
    const found: Violation[] = [];
    for (const policy of policies) found.push(...await validateResource(policy, { type, name: "fuzzed", props }));
    return found;
}

const ofPolicy = (violations: readonly Violation[], name: string) => violations.filter((v) => v.policy === name).map((v) => v.message);

/** Statement labels a set of violations names (`› statement <label>:`). */
const statementsNamed = (messages: readonly string[]) => new Set(messages.map((m) => /› statement ([^:\n]+):/.exec(m)?.[1]).filter((l): l is string => l !== undefined));

describe("least-privilege pack under fuzzing", function () {
    this.timeout(120_000);

    it("no policy throws, nor lets CrossGuard's UnknownValueError out, whatever the props hold (4,000 resources)", async () => {
        await fc.assert(
            fc.asyncProperty(documentResource, async ({ type, props }) => {
                // validateResource rethrows anything but UnknownValueError, which it turns into "can't run policy".
                const violations = await judged(type, props);
                const escaped = violations.filter((v) => v.message.startsWith("can't run policy"));
                assert.deepEqual(escaped.map((v) => v.message), []);
            }),
            params(4000),
        );
    });

    it("no policy throws on huge documents, as text or object (100 documents of 100–200 statements)", async () => {
        await fc.assert(
            fc.asyncProperty(hugeDocument, async (document) => {
                const violations = await judged("aws:iam/policy:Policy", { name: "fuzzed", policy: document });
                assert.ok(violations.some((v) => v.policy === "no-wildcard-resource"), "the * statement of hundreds of actions is found");
            }),
            params(100),
        );
    });

    it("every invalid document is reported by readable-policy-documents (3,000 documents, 12 grammar rules)", async () => {
        const readable = [policyNamed<ResourceValidationPolicy>(pack, "readable-policy-documents")];
        const rules = new Set<string>();
        await fc.assert(
            fc.asyncProperty(invalidDocument, async ({ rule, value }) => {
                rules.add(rule);
                const violations = await validateResource(readable[0], managedPolicy("fuzzed", value));
                assert.ok(violations.length > 0, `${rule} not reported: ${JSON.stringify(value)}`);
            }),
            params(3000),
        );
        assert.equal(rules.size, 12, `rules exercised: ${[...rules].join(", ")}`);
    });

    it("adding a Deny statement never adds a wildcard finding (1,500 documents)", async () => {
        await fc.assert(
            fc.asyncProperty(validDocument, statement(fc.constant("Deny")), async (doc, deny) => {
                const before = await judged("aws:iam/policy:Policy", managedPolicy("fuzzed", doc).props);
                const after = await judged("aws:iam/policy:Policy", managedPolicy("fuzzed", { ...doc, Statement: [...doc.Statement, deny] }).props);
                for (const name of wildcardPolicies) assert.deepEqual(ofPolicy(after, name), ofPolicy(before, name), name);
            }),
            params(1500),
        );
    });

    it("widening a resource from an exact ARN to \"*\" never removes a finding (1,500 documents)", async () => {
        const widenable = fc
            .tuple(validDocument, exactResource, fc.nat(), fc.nat())
            .map(([doc, exact, at, where]): [RawDocument, RawDocument] => {
                // Place an exact ARN, then widen that very element.
                const i = at % doc.Statement.length;
                const resources = [...(Array.isArray(doc.Statement[i].Resource) ? doc.Statement[i].Resource : [doc.Statement[i].Resource])];
                const k = where % (resources.length + 1);
                const narrow = [...resources.slice(0, k), exact, ...resources.slice(k)];
                const wide = [...resources.slice(0, k), "*", ...resources.slice(k)];
                const withResources = (r: string[]) => ({ ...doc, Statement: doc.Statement.map((s, j) => (j === i ? { ...s, Resource: r } : s)) });
                return [withResources(narrow), withResources(wide)];
            });
        await fc.assert(
            fc.asyncProperty(widenable, async ([narrow, wide]) => {
                const before = await judged("aws:iam/policy:Policy", managedPolicy("fuzzed", narrow).props);
                const after = await judged("aws:iam/policy:Policy", managedPolicy("fuzzed", wide).props);
                for (const name of [...wildcardPolicies, "pass-role-scoped"]) {
                    const was = ofPolicy(before, name);
                    const is = ofPolicy(after, name);
                    assert.ok(is.length >= was.length, `${name}: ${was.length} findings before widening, ${is.length} after`);
                    for (const label of statementsNamed(was)) assert.ok(statementsNamed(is).has(label), `${name}: statement ${label} no longer flagged`);
                }
            }),
            params(1500),
        );
    });
});
