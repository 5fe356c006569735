/**
 * Runs the stack's program under the offline mocks with a given config and returns every
 * resource it registered. Used by the tests, `npm run check` and the benchmark.
 */
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource, offlineMocks, previewMocks, recordedResources, resetRecording } from "./mocks";
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

export interface RunOptions {
    /** Run as a first `pulumi preview`: outputs the provider computes are unknown. Default: an update. */
    readonly preview?: boolean;
}

export function runStack(file: Pick<StackFile, "stack" | "config" | "secretKeys">, options: RunOptions = {}): Promise<StackRun> {
    return withPlainStackTraces(() => runProgram(file, options.preview === true));
}

/**
 * Taps the mock monitor's RegisterResource so each recorded resource also carries what the SDK
 * sent the engine: the marshalled inputs and the parent, dependencies and property dependencies
 * that the engine forwards to the analyzer's AnalyzeStack.
 */
function tapRegistrations(): void {
    const monitor = require("@pulumi/pulumi/runtime/settings").getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request: any, callback: (error: unknown, response: any) => void) => {
        const propertyDependencies: Record<string, string[]> = {};
        request.getPropertydependenciesMap().forEach((deps: any, key: string) => (propertyDependencies[key] = deps.getUrnsList()));
        const wire = { properties: request.getObject()?.toJavaScript() ?? {}, parent: request.getParent() || undefined, dependencies: request.getDependenciesList(), propertyDependencies };
        const recorded = recordedResources();
        register(request, (error: unknown, response: any) => {
            const resource = recorded.find((r) => r.type === request.getType() && r.name === request.getName() && r.wire === undefined);
            if (resource && response) resource.wire = { urn: response.getUrn(), ...wire };
            callback(error, response);
        });
    };
}

async function runProgram(file: Pick<StackFile, "stack" | "config" | "secretKeys">, preview: boolean): Promise<StackRun> {
    await pulumi.runtime.setMocks(preview ? previewMocks : offlineMocks, "aws-workloads", file.stack, preview);
    tapRegistrations();
    pulumi.runtime.setAllConfig(file.config, file.secretKeys);
    resetRecording();
    const outputs = program()();
    // A preview's outputs may be unknown, and `apply` never runs on an unknown value: only an update resolves them.
    const resolved = preview ? {} : await new Promise<Record<string, unknown>>((resolve) => pulumi.output(outputs).apply((v) => resolve(v as Record<string, unknown>)));
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    return { stack: file.stack, resources: [...recordedResources()], outputs: resolved };
}
