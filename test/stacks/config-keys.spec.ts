/**
 * Every project config key (`aws-workloads:*`) of every committed stack, nested keys included, given a value of the wrong
 * type or shape: the program rejects it with the clear error naming that key, and registers no
 * resource (it reads all config before creating anything).
 */
import { strict as assert } from "assert";
import { recordedResources } from "../../stacks/offline/mocks";
import { namespace } from "../../stacks/config/stack-config";
import { readStackFile } from "../../stacks/offline/stack-file";
import { committedStacks, runWith } from "../support/stacks";

/** A value of the wrong type for `value`: a number for a string, text for a number, a list, a flag or an object. */
function wrongValueFor(value: unknown): unknown {
    if (Array.isArray(value)) return "not-a-list";
    if (typeof value === "number") return "not-a-number";
    if (typeof value === "boolean") return "yes";
    if (typeof value === "object" && value !== null) return 42;
    return 12345;
}

interface KeyCase {
    /** The key as the error names it: `aws-workloads:bedrock.budget.limitUsd`. */
    readonly key: string;
    readonly top: string;
    readonly path: readonly string[];
    readonly wrong: unknown;
}

/** Every key path in a stack file's project config, depth first, parents before children. */
function keysOf(stack: string): KeyCase[] {
    const cases: KeyCase[] = [];
    const visit = (top: string, path: string[], value: unknown) => {
        const key = [top, ...path].join(".");
        // Top-level values reach the program as text: an object is the wrong shape for every scalar key.
        const wrong = path.length === 0 && (typeof value !== "object" || value === null) ? { not: "a scalar" } : wrongValueFor(value);
        cases.push({ key, top, path, wrong });
        if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            for (const [name, child] of Object.entries(value)) visit(top, [...path, name], child);
        }
    };
    for (const [top, raw] of Object.entries(readStackFile(stack).config)) {
        // The program's own keys; `pulumi:` and `aws:` keys belong to the engine and the provider.
        if (!top.startsWith(`${namespace}:`)) continue;
        visit(top, [], /^\s*[[{]/.test(raw) ? JSON.parse(raw) : raw);
    }
    return cases;
}

/** The stack's value for `top` with the value at `path` replaced. */
function replaced(stack: string, { top, path, wrong }: KeyCase): unknown {
    if (path.length === 0) return wrong;
    const root = JSON.parse(readStackFile(stack).config[top]);
    let parent = root;
    for (const name of path.slice(0, -1)) parent = parent[name];
    parent[path[path.length - 1]] = wrong;
    return root;
}

describe("every config key of every stack rejects a value of the wrong type", () => {
    for (const stack of committedStacks) {
        const cases = keysOf(stack);

        it(`${stack}: ${cases.length} keys, each refused by name before any resource is registered`, async () => {
            assert.ok(cases.some((c) => c.path.length > 0), `${stack} has object keys to check`);
            const failures: string[] = [];
            for (const c of cases) {
                const error = await runWith(stack, { [c.top]: replaced(stack, c) }).then(() => undefined, (e: Error) => e);
                if (error === undefined) failures.push(`${c.key} = ${JSON.stringify(c.wrong)} was accepted`);
                else if (!error.message.startsWith(`Invalid stack config ${c.key}`)) failures.push(`${c.key} = ${JSON.stringify(c.wrong)}: ${error.message}`);
                if (recordedResources().length > 0) failures.push(`${c.key}: ${recordedResources().length} resources registered`);
            }
            assert.deepEqual(failures, []);
        });
    }
});
