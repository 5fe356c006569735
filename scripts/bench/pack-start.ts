/**
 * The pack's start as the Pulumi CLI sees it: wall time from spawning `run-policy-pack` (the
 * language host's way, `stacks/offline/pack-process.ts`) to the first Analyze reply, for the
 * compiled pack (what `main` names and what is published), for an empty pack started the same way
 * (one policy that does nothing: the floor every Node pack pays, TypeScript loading included),
 * and for the pack loaded from its TypeScript sources with the CLI's type-checking (what a user
 * who does not build gets). Runs alternate, and each figure is a median.
 */
import * as fs from "fs";
import * as path from "path";
import { ensurePackBuilt } from "../../stacks/offline/pack-build";
import { PackProcess, packDir } from "../../stacks/offline/pack-process";
import { median } from "./timing";

const root = path.resolve(__dirname, "../..");
/** Inside the repository so that the empty pack resolves `node_modules` as the real one does. */
const emptyPackDir = path.join(root, "node_modules/.cache/empty-policy-pack");

const stack = { stack: "prod", project: "aws-workloads", dryRun: true, config: { "aws-workloads:environment": "prod" } };
/** A document whose verdict needs the IAM data of two services. */
const firstResource = {
    type: "aws:iam/policy:Policy",
    name: "first",
    urn: "urn:pulumi:prod::aws-workloads::aws:iam/policy:Policy::first",
    properties: { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["textract:AnalyzeDocument"], Resource: "*" }, { Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }] }) },
};

function writeEmptyPack(): void {
    fs.mkdirSync(emptyPackDir, { recursive: true });
    fs.writeFileSync(path.join(emptyPackDir, "package.json"), JSON.stringify({ name: "empty-policy-pack", version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(path.join(emptyPackDir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(emptyPackDir, "index.js"), `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("empty", { policies: [{ name: "nothing", description: "does nothing", enforcementLevel: "advisory", validateResource: () => {} }] });\n`);
}

/** Milliseconds from spawn to the first Analyze reply (GetAnalyzerInfo and ConfigureStack first, as the engine calls them). */
async function startToFirstReply(dir: string, entry = "."): Promise<number> {
    const started = process.hrtime.bigint();
    const pack = await PackProcess.start({ packDir: dir, stack, entry, startTimeoutMs: 300000 });
    try {
        await pack.info();
        await pack.configureStack(stack);
        await pack.analyze(firstResource);
        return Number(process.hrtime.bigint() - started) / 1e6;
    } finally {
        await pack.close();
    }
}

export interface PackStart {
    readonly runs: number;
    readonly emptyMs: number;
    readonly compiledMs: number;
    readonly typeCheckedMs: number;
}

export async function packStart(runs = 5, typeCheckedRuns = 2): Promise<PackStart> {
    ensurePackBuilt();
    writeEmptyPack();
    const empty: number[] = [];
    const compiled: number[] = [];
    for (let i = 0; i < runs; i++) {
        empty.push(await startToFirstReply(emptyPackDir));
        compiled.push(await startToFirstReply(packDir));
    }
    const typeChecked: number[] = [];
    for (let i = 0; i < typeCheckedRuns; i++) typeChecked.push(await startToFirstReply(packDir, "index.ts"));
    return { runs, emptyMs: median(empty), compiledMs: median(compiled), typeCheckedMs: median(typeChecked) };
}
