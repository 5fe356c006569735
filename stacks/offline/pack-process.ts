/**
 * The policy pack in its own process, started and spoken to as the Pulumi CLI does it (CLI 3.2xx:
 * `pkg/resource/plugin/analyzer_plugin.go` NewPolicyAnalyzer and the nodejs language host's
 * RunPlugin): `node @pulumi/pulumi/cmd/run-policy-pack <engine address> .` with the pack's folder as
 * the working directory, the stack in `PULUMI_NODEJS_STACK`/`_PROJECT`/`_ORGANIZATION`/`_DRY_RUN`
 * and its config in `PULUMI_CONFIG`; the port is the first line the pack prints; then the Analyzer
 * gRPC protocol (`@pulumi/pulumi/proto` stubs over `@grpc/grpc-js`).
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import type { EnforcementLevel } from "@pulumi/policy";

/* eslint-disable @typescript-eslint/no-var-requires */
const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerService = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

/** The protocol's enforcement levels, by their enum number. */
const levels: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

export interface PackStack {
    readonly stack: string;
    readonly project: string;
    readonly organization?: string;
    /** A preview (`true`) or an update. */
    readonly dryRun: boolean;
    /** Stack config as the CLI hands it to the pack: `namespace:key` -> value (objects as JSON text). */
    readonly config: Readonly<Record<string, string>>;
    readonly tags?: Readonly<Record<string, string>>;
}

export interface StartOptions {
    readonly packDir: string;
    readonly stack: PackStack;
    /** The program to load: `.` (package.json's `main`, what the CLI passes) or a file such as `index.ts`. */
    readonly entry?: string;
    /** How long the pack may take to print its port; default 60 s. */
    readonly startTimeoutMs?: number;
    /** Extra environment, e.g. the pack's own variables. */
    readonly env?: Readonly<Record<string, string>>;
    /** Leave out this process's own PULUMI_* and LEAST_PRIVILEGE_* variables (for specs that must not see the shell's). */
    readonly isolated?: boolean;
}

/** A resource as the engine sends it to Analyze (and, with links, to AnalyzeStack). */
export interface WireResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** Inputs as the engine marshals them: unknowns as sentinel strings, secrets as the secret signature object. */
    readonly properties: Record<string, unknown>;
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export interface Diagnostic {
    readonly policy: string;
    readonly level: EnforcementLevel;
    /** As the CLI prints it: the policy's description, a newline, what the policy reported. */
    readonly message: string;
    readonly description: string;
    readonly urn?: string;
}

export interface PolicyInfo {
    readonly name: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly configSchema?: Record<string, unknown>;
    /** The policy's CrossGuard tags; this pack's carry the finding class (`aws-rejects`, `security`, `lint`). */
    readonly tags?: readonly string[];
}

/** A policy's config as the CLI sends it in Configure. */
export interface PolicyConfig {
    readonly enforcementLevel: EnforcementLevel;
    readonly properties?: Record<string, unknown>;
}

/** Why the pack could not be started or answered: a clear message, never a hang. */
export class PackProcessError extends Error {}

const engineAddress = "127.0.0.1:1";

function call<T>(client: grpc.Client, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
        (client as unknown as Record<string, (r: unknown, cb: (e: grpc.ServiceError | null, res: T) => void) => void>)[method](request, (error, response) => {
            if (error) reject(new PackProcessError(`the pack's ${method} call failed: ${error.details || error.message}`));
            else resolve(response);
        });
    });
}

function diagnosticsOf(response: any): Diagnostic[] {
    return response.getDiagnosticsList().map((d: any) => ({
        policy: d.getPolicyname(),
        level: levels[d.getEnforcementlevel()] ?? "advisory",
        message: d.getMessage(),
        description: d.getDescription(),
        ...(d.getUrn() ? { urn: d.getUrn() } : {}),
    }));
}

/** A running pack: one gRPC client, one child process. */
export class PackProcess {
    private constructor(private readonly child: ChildProcess, private readonly client: grpc.Client, private readonly stderr: () => string) {}

    /** Starts the pack and waits for its port; rejects with the pack's stderr if it exits or stays silent. */
    static async start(options: StartOptions): Promise<PackProcess> {
        const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [options.packDir] });
        const { stack } = options;
        const inherited = Object.entries(process.env as Record<string, string>).filter(([key]) => !options.isolated || !/^(PULUMI_|LEAST_PRIVILEGE_)/.test(key));
        const env: Record<string, string> = {
            ...Object.fromEntries(inherited),
            PULUMI_NODEJS_STACK: stack.stack,
            PULUMI_NODEJS_PROJECT: stack.project,
            PULUMI_NODEJS_DRY_RUN: String(stack.dryRun),
            PULUMI_CONFIG: JSON.stringify(stack.config),
            ...(stack.organization ? { PULUMI_NODEJS_ORGANIZATION: stack.organization } : {}),
            ...options.env,
        };
        const child = spawn(process.execPath, [runPolicyPack, engineAddress, options.entry ?? "."], { cwd: options.packDir, env, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr?.on("data", (chunk) => (stderr = (stderr + chunk).slice(-8000)));
        const port = await new Promise<number>((resolve, reject) => {
            let stdout = "";
            const timeout = options.startTimeoutMs ?? 60000;
            const timer = setTimeout(() => {
                child.kill("SIGKILL");
                reject(new PackProcessError(`the pack in ${options.packDir} printed no port within ${timeout / 1000} s${stderr ? `:\n${stderr.trim()}` : ""}`));
            }, timeout);
            child.stdout?.on("data", (chunk) => {
                stdout += chunk;
                const newline = stdout.indexOf("\n");
                if (newline < 0) return;
                clearTimeout(timer);
                const port = Number(stdout.slice(0, newline).trim());
                if (Number.isInteger(port) && port > 0) resolve(port);
                else {
                    child.kill("SIGKILL");
                    reject(new PackProcessError(`the pack printed ${JSON.stringify(stdout.slice(0, newline))} where its port was expected`));
                }
            });
            child.on("exit", (code, signal) => {
                clearTimeout(timer);
                reject(new PackProcessError(`the pack in ${options.packDir} exited (${signal ?? `code ${code}`}) before printing its port${stderr ? `:\n${stderr.trim()}` : ""}`));
            });
            child.on("error", (e) => {
                clearTimeout(timer);
                reject(new PackProcessError(`the pack could not be started: ${e.message}`));
            });
        });
        const Client = analyzerService.AnalyzerClient as typeof grpc.Client;
        const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { "grpc.max_receive_message_length": 400 * 1024 * 1024 });
        return new PackProcess(child, client, () => stderr);
    }

    /** What the pack says about itself and its policies (GetAnalyzerInfo). */
    async info(): Promise<{ name: string; policies: PolicyInfo[] }> {
        const response: any = await call(this.client, "getAnalyzerInfo", new Empty());
        return {
            name: response.getName(),
            policies: response.getPoliciesList().map((p: any) => ({
                name: p.getName(),
                enforcementLevel: levels[p.getEnforcementlevel()] ?? "advisory",
                ...(p.getTagsList().length > 0 ? { tags: p.getTagsList() } : {}),
                ...(p.getConfigschema() ? { configSchema: { properties: p.getConfigschema().getProperties()?.toJavaScript() ?? {}, required: p.getConfigschema().getRequiredList() } } : {}),
            })),
        };
    }

    /** ConfigureStack: the stack's identity, config and tags, as the engine sends them first. */
    async configureStack(stack: PackStack): Promise<void> {
        const request = new analyzerProto.AnalyzerStackConfigureRequest();
        request.setStack(stack.stack);
        request.setProject(stack.project);
        request.setOrganization(stack.organization ?? "");
        request.setDryRun(stack.dryRun);
        for (const [k, v] of Object.entries(stack.config)) request.getConfigMap().set(k, v);
        for (const [k, v] of Object.entries(stack.tags ?? {})) request.getTagsMap().set(k, v);
        await call(this.client, "configureStack", request);
    }

    /** Configure: every policy's level and properties, as the CLI sends them after validating `--policy-pack-config`. */
    async configure(config: Readonly<Record<string, PolicyConfig>>): Promise<void> {
        const request = new analyzerProto.ConfigureAnalyzerRequest();
        for (const [name, c] of Object.entries(config)) {
            const policyConfig = new analyzerProto.PolicyConfig();
            policyConfig.setEnforcementlevel(levels.indexOf(c.enforcementLevel));
            policyConfig.setProperties(Struct.fromJavaScript(c.properties ?? {}));
            request.getPolicyconfigMap().set(name, policyConfig);
        }
        await call(this.client, "configure", request);
    }

    async analyze(resource: WireResource): Promise<Diagnostic[]> {
        const request = new analyzerProto.AnalyzeRequest();
        request.setType(resource.type);
        request.setName(resource.name);
        request.setUrn(resource.urn);
        request.setProperties(Struct.fromJavaScript(resource.properties));
        request.setOptions(new analyzerProto.AnalyzerResourceOptions());
        return diagnosticsOf(await call(this.client, "analyze", request));
    }

    async analyzeStack(resources: readonly WireResource[]): Promise<Diagnostic[]> {
        const request = new analyzerProto.AnalyzeStackRequest();
        request.setResourcesList(resources.map((r) => {
            const resource = new analyzerProto.AnalyzerResource();
            resource.setType(r.type);
            resource.setName(r.name);
            resource.setUrn(r.urn);
            resource.setProperties(Struct.fromJavaScript(r.properties));
            resource.setOptions(new analyzerProto.AnalyzerResourceOptions());
            resource.setParent(r.parent ?? "");
            resource.setDependenciesList([...(r.dependencies ?? [])]);
            for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
                if (urns.length === 0) continue; // the engine skips properties without dependencies
                const deps = new analyzerProto.AnalyzerPropertyDependencies();
                deps.setUrnsList([...urns]);
                resource.getPropertydependenciesMap().set(key, deps);
            }
            return resource;
        }));
        return diagnosticsOf(await call(this.client, "analyzeStack", request));
    }

    /** What the pack wrote to stderr (its last 8,000 characters). */
    get errors(): string {
        return this.stderr();
    }

    /** Stops the pack; resolves when the process has exited. */
    async close(): Promise<void> {
        this.client.close();
        if (this.child.exitCode !== null || this.child.signalCode !== null) return;
        await new Promise<void>((resolve) => {
            this.child.once("exit", () => resolve());
            this.child.kill("SIGTERM");
        });
    }
}

/** The pack's folder in this repository. */
export const packDir = path.resolve(__dirname, "../../policypacks/least-privilege");
