/**
 * The program under mocks: wall time of each committed stack's program run offline (the first
 * run in the process also loads `@pulumi/aws`), and of `npm run check -- --all` when the check
 * CLI exists. Returns the rendered documents too: the benchmark's statements are drawn from them.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { runStack } from "../../stacks/offline/run-stack";
import { availableStacks, readStackFile } from "../../stacks/offline/stack-file";
import { timed } from "./timing";

const root = path.resolve(__dirname, "../..");

export interface StackTiming {
    readonly stack: string;
    readonly resources: number;
    readonly firstMs: number;
    readonly againMs: number;
}

export interface Programs {
    readonly stacks: readonly StackTiming[];
    /** Identity-policy documents (JSON text) every stack rendered. */
    readonly documents: readonly string[];
}

const identityTypes = new Set(["aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy"]);

export async function programs(): Promise<Programs> {
    const stacks: StackTiming[] = [];
    const documents: string[] = [];
    for (const stack of availableStacks()) {
        const file = readStackFile(stack);
        let resources = 0;
        const firstMs = await timed(async () => {
            const run = await runStack(file);
            resources = run.resources.length;
            for (const r of run.resources) if (identityTypes.has(r.type) && typeof r.inputs.policy === "string") documents.push(r.inputs.policy);
        });
        const againMs = await timed(() => runStack(file));
        stacks.push({ stack, resources, firstMs, againMs });
    }
    return { stacks, documents };
}

/** `npm run check -- --all`: wall time and exit code, or why it was not run. */
export function checkAll(): { ms?: number; status?: number | null; note?: string } {
    if (!fs.existsSync(path.join(root, "scripts/check.ts"))) return { note: "not available (scripts/check.ts does not exist yet)" };
    const start = process.hrtime.bigint();
    const child = spawnSync("npm", ["run", "--silent", "check", "--", "--all"], { cwd: root, encoding: "utf8" });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: child.status };
}
