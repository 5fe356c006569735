/**
 * Cold start: wall time from spawning a fresh `node` to the pack's first verdict (import the
 * policies, build them, look up the IAM data one document needs, judge it), against the floor of
 * a fresh process that only imports `@pulumi/policy`. Compiled (the pack built to JavaScript with
 * `tsc`), under ts-node transpile-only, and under ts-node with type-checking as the Pulumi
 * analyzer runs a TypeScript pack.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { median } from "./timing";

const root = path.resolve(__dirname, "../..");
const packDir = path.join(root, "policypacks/least-privilege");
/** Inside the repo so that the compiled pack resolves `node_modules` as the source does. */
const compiledDir = path.join(root, "node_modules/.cache/least-privilege-bench");

/** A document whose verdict needs the IAM data of two services ("*" for scopable S3 actions). */
const firstDocument = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Sid: "Textract", Effect: "Allow", Action: ["textract:AnalyzeDocument"], Resource: "*" },
        { Sid: "Objects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*" },
    ],
});

/** The child's program: build the prod pack from `policiesModule` and judge one managed policy. */
function firstVerdict(policiesModule: string): string {
    return `
const { unknownCheckingProxy } = require("@pulumi/policy");
const { buildPolicies } = require(${JSON.stringify(policiesModule)});
const type = "aws:iam/policy:Policy";
let violations = 0;
for (const policy of buildPolicies({ environment: "prod" })) {
    if (!policy.validateResource) continue;
    policy.validateResource({
        type, name: "first", urn: "urn:pulumi:bench::aws-workloads::" + type + "::first",
        props: unknownCheckingProxy({ name: "first", policy: ${JSON.stringify(firstDocument)} }),
        opts: {}, stackTags: new Map(), isType: () => false, asType: () => undefined,
        getConfig: () => ({}), notApplicable: () => { throw new Error("not applicable"); },
    }, () => { violations++; });
}
if (violations === 0) { console.error("no verdict: the document should be blocked"); process.exit(1); }
`;
}

/** Environment without ts-node's switches, so each child decides for itself. */
function cleanEnv(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith("TS_NODE_")) delete env[key];
    return env;
}

/** Median wall time (ms) of `runs` fresh processes of `node ...args`; throws if one fails. */
function medianSpawn(args: readonly string[], cwd: string, runs: number): number {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        const child = spawnSync(process.execPath, args, { cwd, env: cleanEnv(), encoding: "utf8" });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (child.status !== 0) throw new Error(`node ${args.slice(0, 2).join(" ")} failed (${child.status}): ${child.stderr}`);
        times.push(ms);
    }
    return median(times);
}

/** Builds the pack to JavaScript with the project's own TypeScript; returns the `policies` module path. */
function compilePack(): string {
    fs.rmSync(compiledDir, { recursive: true, force: true });
    const tsc = require.resolve("typescript/bin/tsc");
    const child = spawnSync(process.execPath, [tsc, "-p", path.join(packDir, "tsconfig.json"), "--rootDir", root, "--outDir", compiledDir], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`tsc failed: ${child.stdout}${child.stderr}`);
    return path.join(compiledDir, path.relative(root, packDir), "registry.js");
}

export interface ColdStart {
    readonly floorMs: number;
    readonly compiledMs: number;
    readonly transpileOnlyMs: number;
    readonly typeCheckedMs: number;
    readonly runs: number;
}

export function coldStart(runs = 5, typeCheckedRuns = 3): ColdStart {
    const policies = compilePack();
    const source = path.join(packDir, "registry.ts");
    return {
        floorMs: medianSpawn(["-e", 'require("@pulumi/policy")'], packDir, runs),
        compiledMs: medianSpawn(["-e", firstVerdict(policies)], packDir, runs),
        transpileOnlyMs: medianSpawn(["-r", "ts-node/register/transpile-only", "-e", firstVerdict(source)], packDir, runs),
        typeCheckedMs: medianSpawn(["-r", "ts-node/register", "-e", firstVerdict(source)], packDir, typeCheckedRuns),
        runs,
    };
}
