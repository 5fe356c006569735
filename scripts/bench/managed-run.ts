/**
 * The child process of the managed-policy workload (`managed-policies.ts`): every AWS managed
 * policy's default version, as the text of an `aws:iam/policy:Policy`, judged by the whole prod
 * pack in a fresh process (`pack`: a first pass, as a preview judges each resource once, cold,
 * then a warm pass over the same texts), or only parsed and normalized twice (`floor`). Both
 * load the same modules and the same texts. Prints one JSON line.
 */
import * as fs from "fs";
import { performance } from "perf_hooks";
import { tableFile } from "../../policypacks/least-privilege/iam/managed-policies";
import { judgeAll, parseAll } from "./evaluate";

export interface ManagedRun {
    readonly documents: number;
    readonly statements: number;
    readonly violations: number;
    /** From the process's start to the first pass: node's boot and loading the modules (ts-node transpiling them). */
    readonly readyMs: number;
    readonly firstMs: number;
    readonly warmMs: number;
    /** Peak resident set of the process, MB. */
    readonly peakRssMb: number;
}

/** The texts the workload judges: each policy's default version, as `JSON.stringify` writes it. */
export function managedTexts(): string[] {
    const table = JSON.parse(fs.readFileSync(tableFile, "utf8")) as { policies: Record<string, readonly [string, string, unknown]> };
    return Object.values(table.policies).map(([, , document]) => JSON.stringify(document));
}

async function main(mode: string): Promise<void> {
    if (mode !== "pack" && mode !== "floor") throw new Error(`mode must be pack or floor, not ${JSON.stringify(mode)}`);
    const readyMs = process.uptime() * 1000;
    const texts = managedTexts();
    let violations = 0;
    let statements = 0;
    const pass = async () => {
        const start = performance.now();
        if (mode === "pack") violations = await judgeAll(texts);
        else statements = parseAll(texts);
        return performance.now() - start;
    };
    const firstMs = await pass();
    const warmMs = await pass();
    if (mode === "pack") statements = parseAll(texts);
    const run: ManagedRun = { documents: texts.length, statements, violations, readyMs, firstMs, warmMs, peakRssMb: process.resourceUsage().maxRSS / 1024 };
    console.log(JSON.stringify(run));
}

if (require.main === module) {
    main(process.argv[2] ?? "").catch((e) => {
        console.error(e instanceof Error ? e.message : e);
        process.exitCode = 1;
    });
}
