/**
 * The managed-policy workload (issue 20): real documents, long wildcard-heavy action lists.
 * Every AWS managed policy's default version judged by the prod pack in fresh processes
 * (`managed-run.ts`), against the floor process that only parses and normalizes them, with the
 * peer (cdk-nag) run on the same documents in alternating processes. Medians of `trials`.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import type { ManagedRun } from "./managed-run";
import { median } from "./timing";

const runner = path.join(__dirname, "managed-run.ts");

function run(mode: "pack" | "floor"): ManagedRun {
    const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", runner, mode], { encoding: "utf8", cwd: path.resolve(__dirname, "../.."), maxBuffer: 16 * 2 ** 20 });
    if (child.status !== 0) throw new Error(`managed-run ${mode} failed (exit ${child.status}): ${child.stderr.trim()}`);
    return JSON.parse(child.stdout.trim().split("\n").pop()!) as ManagedRun;
}

export interface ManagedFigures {
    readonly trials: number;
    readonly pack: ManagedRun;
    readonly floor: ManagedRun;
}

/** Medians over `trials` alternating floor and pack processes; `between` runs after each pair (the peer). */
export function managedPolicies(trials = 3, between?: (trial: number) => void): ManagedFigures {
    const packs: ManagedRun[] = [];
    const floors: ManagedRun[] = [];
    for (let t = 0; t < trials; t++) {
        floors.push(run("floor"));
        packs.push(run("pack"));
        between?.(t);
    }
    const mid = (runs: readonly ManagedRun[]): ManagedRun => ({
        ...runs[0],
        readyMs: median(runs.map((r) => r.readyMs)),
        firstMs: median(runs.map((r) => r.firstMs)),
        warmMs: median(runs.map((r) => r.warmMs)),
        peakRssMb: median(runs.map((r) => r.peakRssMb)),
    });
    return { trials, pack: mid(packs), floor: mid(floors) };
}
