/**
 * Runs the stack's program under the offline mocks with a given config and returns every
 * resource it registered. Used by the tests, `npm run check` and the benchmark.
 */
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource, offlineMocks, recordedResources, resetRecording } from "./mocks";
import { StackFile } from "./stack-file";

export interface StackRun {
    readonly stack: string;
    readonly resources: readonly RecordedResource[];
    readonly outputs: Record<string, unknown>;
}

/** The program's entry, loaded lazily so that the mocks are in place before `@pulumi/aws` loads. */
function program(): () => Record<string, unknown> {
    return require("../program").deployStack;
}

/**
 * The SDK reads `new Error().stack` for every promise it tracks; under ts-node each read is
 * source-mapped, which costs most of an offline run. Runs use V8's plain formatter instead.
 */
async function withPlainStackTraces<T>(work: () => Promise<T>): Promise<T> {
    const sourceMapped = Error.prepareStackTrace;
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    try {
        return await work();
    } finally {
        Error.prepareStackTrace = sourceMapped;
    }
}

export function runStack(file: Pick<StackFile, "stack" | "config" | "secretKeys">): Promise<StackRun> {
    return withPlainStackTraces(() => runProgram(file));
}

async function runProgram(file: Pick<StackFile, "stack" | "config" | "secretKeys">): Promise<StackRun> {
    await pulumi.runtime.setMocks(offlineMocks, "aws-workloads", file.stack, false);
    pulumi.runtime.setAllConfig(file.config, file.secretKeys);
    resetRecording();
    const outputs = program()();
    const resolved = await new Promise<Record<string, unknown>>((resolve) => pulumi.output(outputs).apply((v) => resolve(v as Record<string, unknown>)));
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    return { stack: file.stack, resources: [...recordedResources()], outputs: resolved };
}
