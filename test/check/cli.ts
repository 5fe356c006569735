/** Runs `scripts/check.ts` as a child process, the way `npm run check` does, and collects what it printed. */
import { execFile } from "child_process";
import * as path from "path";

export const repositoryRoot = path.resolve(__dirname, "..", "..");

export interface CliRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

export function runCheck(...args: string[]): Promise<CliRun> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            ["-r", "ts-node/register/transpile-only", "scripts/check.ts", ...args],
            { cwd: repositoryRoot, maxBuffer: 64 * 1024 * 1024, timeout: 600000 },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
    });
}

/** Runs the package's bin (`npx aws-workloads ...`) as a child process. */
export function runBin(...args: string[]): Promise<CliRun> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            [path.join(repositoryRoot, "bin", "aws-workloads.js"), ...args],
            { cwd: repositoryRoot, maxBuffer: 64 * 1024 * 1024, timeout: 600000 },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
    });
}
