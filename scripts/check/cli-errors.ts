/** Which errors the check prints as one line (as `pulumi up` would), and which are bugs. */
import * as fs from "fs";
import { StackFileError } from "../../stacks/offline/stack-file";

/** The message for an error the user can fix (stack file, config value, arguments); undefined for a bug. */
export function userFacing(e: unknown): string | undefined {
    if (e instanceof StackFileError) return e.message;
    if (e instanceof Error && e.name === "PackConfigError") return e.message;
    if (e instanceof Error && (e.name === "ConfigError" || e.name === "RunError")) return e.message;
    return undefined;
}

/** What is wrong with the stack selection, if anything. */
export function usageProblem(stacks: readonly string[], all: boolean): string | undefined {
    if (stacks.length > 0 && all) return "give either --stack <name> (repeatable) or --all, not both";
    if (stacks.length === 0 && !all) return "give --stack <name> (repeatable) or --all";
    return undefined;
}

/** What is wrong with `--stacks-dir`, if anything. */
export function stacksDirProblem(dir: string): string | undefined {
    if (!fs.existsSync(dir)) return `--stacks-dir ${dir} does not exist`;
    return fs.statSync(dir).isDirectory() ? undefined : `--stacks-dir ${dir} is not a folder`;
}
