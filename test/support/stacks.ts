/** Runs committed or modified stacks under the offline mocks and finds what they registered. */
import { RecordedResource } from "../../stacks/offline/mocks";
import { StackRun, runStack } from "../../stacks/offline/run-stack";
import { StackFile, readStackFile } from "../../stacks/offline/stack-file";

export const committedStacks = ["dev", "staging", "prod", "localstack"] as const;

/** Runs a committed stack, optionally with some config keys replaced (`undefined` deletes a key). */
export async function runWith(stack: string, changes: Record<string, unknown> = {}): Promise<StackRun> {
    const file = readStackFile(stack);
    const config: Record<string, string> = { ...file.config };
    for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) delete config[key];
        else config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return runStack({ ...file, config } as StackFile);
}

/** The object-valued config of a stack, parsed, for building a modified copy. */
export function sectionOf(stack: string, key: string): Record<string, unknown> {
    const raw = readStackFile(stack).config[key];
    return raw === undefined ? {} : JSON.parse(raw);
}

export function ofType(run: StackRun, type: string): RecordedResource[] {
    return run.resources.filter((r) => r.type === type);
}

export function one(run: StackRun, type: string, match: (r: RecordedResource) => boolean = () => true): RecordedResource {
    const found = ofType(run, type).filter(match);
    if (found.length !== 1) throw new Error(`expected one ${type} in ${run.stack}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    return found[0];
}

/** Every IAM or resource policy document a run registered, parsed, with where it came from. */
export function documentsOf(run: StackRun): { resource: RecordedResource; field: string; document: any }[] {
    const fields = ["policy", "assumeRolePolicy"];
    const found: { resource: RecordedResource; field: string; document: any }[] = [];
    for (const resource of run.resources) {
        for (const field of fields) {
            const value = resource.inputs[field];
            if (typeof value === "string" && value.trim().startsWith("{")) found.push({ resource, field, document: JSON.parse(value) });
        }
    }
    return found;
}
