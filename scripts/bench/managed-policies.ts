/**
 * The managed-policy workload (issue 20): real documents, long wildcard-heavy action lists.
 * Every AWS managed policy's default version judged by the prod pack in fresh processes
 * (`managed-run.js`, on the compiled pack), against the floor process that only parses and
 * normalizes them, with the peer (cdk-nag) run on the same documents in alternating processes.
 * Medians of `trials`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tableFile } from "../../policypacks/least-privilege/iam/managed-policies";
import { ensurePackBuilt } from "../../stacks/offline/pack-build";
import { median } from "./timing";

const runner = path.join(__dirname, "managed-run.js");

/** What one child process measured (`managed-run.js` prints it). */
export interface ManagedRun {
    readonly documents: number;
    readonly statements: number;
    readonly violations: number;
    /** From the process's start to the first pass: node's boot and loading the modules. */
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

function run(mode: "pack" | "floor"): ManagedRun {
    const child = spawnSync(process.execPath, [runner, mode], { encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
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
    ensurePackBuilt();
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
