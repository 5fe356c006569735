/**
 * `npm run -s check -- (--stack <name>... | --all) [--json] [--out <dir>] [--stacks-dir <dir>] [--policy-pack-config <file>]`
 * (also `npx aws-workloads check ...`; `--help` lists the options).
 *
 * The project's main job without a cloud account: runs each stack's program under the SDK's mocks
 * with its stack file's config, as a first preview and as an update, puts every registration
 * through the least-privilege pack started in its own process as the Pulumi CLI starts it, and
 * prints the verdict first, then who may do what, then what the pack found. Exit codes:
 * 0 nothing mandatory found; 1 a mandatory finding or a policy that failed to run; 2 a usage,
 * stack-file, config, pack-config or output error (one line, no trace); 3 a bug (its stack trace).
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { availableStacks, readStackFile, stacksDir, withReading } from "../stacks/offline/stack-file";
import { checkStack } from "./check/evaluate";
import { readPackConfigFile } from "../stacks/offline/pack-config";
import { PackProcessError } from "../stacks/offline/pack-process";
import { consoleJson } from "./check/json";
import { OutputError, prepareOutDir, writeReports } from "./check/out";
import { stackReport } from "./check/report";
import { renderText, summaryLine, terminalWidth } from "./check/text";
import { stacksDirProblem, usageProblem, userFacing } from "./check/cli-errors";

export const exitCodes = { pass: 0, blocked: 1, usage: 2, bug: 3 } as const;

interface Options {
    readonly stack?: string[];
    readonly all?: boolean;
    readonly json?: boolean;
    readonly out?: string;
    readonly stacksDir?: string;
    readonly policyPackConfig?: string;
    readonly width?: number;
}

/** An error the user fixes (arguments, stack selection): one line and exit 2. */
class UsageError extends Error {}

/** `--width`: a whole number of columns, 0 for no wrapping. */
function columns(value: string): number {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number of columns (0: do not wrap)");
    return Number(value);
}

const collect = (value: string, previous: string[] = []) => (previous.includes(value) ? previous : [...previous, value]);

/** The `check` command: options, help text and exit codes, as `npm run check` and the `aws-workloads` bin share it. */
export function checkCommand(name = "check"): Command {
    return new Command(name)
        .description("Run stacks offline through the least-privilege policy pack and print who may do what; the verdict comes first.")
        .option("--stack <name>", "check stacks/Pulumi.<name>.yaml; repeat to check several stacks in one run", collect)
        .option("--all", "check every Pulumi.<name>.yaml in the stacks folder (none found is an error)")
        .option("--json", "print one JSON document on stdout and nothing else (use npm run -s, or npx aws-workloads check)")
        .option("--out <dir>", "also write <dir>/<stack>.md (permission report) and <dir>/<stack>.json (rendered documents)")
        .option("--stacks-dir <dir>", "read stack files from this folder instead of stacks/")
        .option("--policy-pack-config <file>", "pack config as for pulumi preview --policy-pack-config (levels, exemptions)")
        .option("--width <columns>", "wrap the text report at this width; 0 does not wrap (default: the terminal's, 100 off a terminal)", columns)
        .addHelpText("after", [
            "",
            "Exit codes:",
            "  0  every stack passes: nothing mandatory on the preview or the update",
            "  1  a mandatory violation, or a policy that failed to run",
            "  2  a usage, stack file, config, policy-pack-config or output error (one line, no stack trace)",
            "  3  a bug in the check itself (the stack trace is printed)",
        ].join("\n"))
        .showHelpAfterError("(run with --help for usage)")
        .exitOverride()
        .action(async (options: Options) => {
            process.exitCode = await run(options);
        });
}

async function run(options: Options): Promise<number> {
    const dir = options.stacksDir ?? stacksDir;
    const named = options.stack ?? [];
    const problem = usageProblem(named, options.all === true) ?? stacksDirProblem(dir);
    if (problem) throw new UsageError(problem);
    const stacks = options.all ? availableStacks(dir) : named;
    if (stacks.length === 0) throw new UsageError(`--all found no stack files (Pulumi.<name>.yaml) in ${dir}`);
    // Everything that can be refused quickly is refused before the first stack runs.
    const files = stacks.map((stack) => readStackFile(stack, dir));
    const packConfig = options.policyPackConfig === undefined ? undefined : readPackConfigFile(options.policyPackConfig);
    if (options.out !== undefined) prepareOutDir(options.out);
    const started = process.hrtime.bigint();
    const results = [];
    const width = options.width === undefined ? terminalWidth() : options.width === 0 ? Infinity : options.width;
    for (const file of files) {
        let check;
        try {
            check = await checkStack(file, { packConfig });
        } catch (e) {
            throw withStackFile(e, file);
        }
        const report = stackReport(file, check);
        if (options.out !== undefined) writeReports(options.out, report);
        if (!options.json) console.log(`${renderText(report, check.elapsedMs, width)}\n`);
        results.push({ report, elapsedMs: check.elapsedMs });
    }
    const passed = results.every((r) => r.report.passed);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (options.json) {
        console.log(JSON.stringify({ passed, stacks: results.map((r) => consoleJson(r.report, r.elapsedMs)), elapsedMs: Math.round(elapsedMs) }, null, 2));
    } else if (results.length > 1) {
        for (const r of results) console.log(summaryLine(r.report, r.elapsedMs));
        console.log(`${passed ? "PASS" : "FAIL"}: ${results.length} stacks checked in ${(elapsedMs / 1000).toFixed(1)} s`);
    }
    if (options.out !== undefined) console.error(`reports written to ${options.out}`);
    return passed ? exitCodes.pass : exitCodes.blocked;
}

/** A config error with the stack it came from and what YAML did to the value, if anything. */
function withStackFile(e: unknown, file: { stack: string; readings?: Readonly<Record<string, string>> }): unknown {
    if (!(e instanceof Error) || e.name !== "ConfigError") return e;
    const message = withReading(e.message, (e as { key?: string }).key, file);
    const error = new Error(`stack ${file.stack}: ${message}`);
    error.name = "ConfigError";
    return error;
}

/** The exit code for an error, having printed it: one line for what the user can fix, the trace for a bug. */
export function report(e: unknown): number {
    if (e instanceof CommanderError) {
        // Commander has printed its message (or the help) already.
        return e.code === "commander.helpDisplayed" || e.code === "commander.help" || e.code === "commander.version" ? exitCodes.pass : exitCodes.usage;
    }
    if (e instanceof PackProcessError) {
        // What the CLI does too: a policy that throws, or a pack that cannot start, fails the preview.
        console.error(`error: ${e.message}`);
        return exitCodes.blocked;
    }
    const message = e instanceof UsageError || e instanceof OutputError ? e.message : userFacing(e);
    if (message === undefined) {
        console.error(e);
        return exitCodes.bug;
    }
    console.error(`error: ${message}`);
    if (e instanceof UsageError) console.error("(run with --help for usage)");
    return exitCodes.usage;
}

/** Runs a command on argv (user arguments only) and sets the exit code; a closed stdout (`| head`) ends quietly. */
export function main(command: Command, argv: string[]): void {
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
        throw e;
    });
    command.parseAsync(argv, { from: "user" }).catch((e: unknown) => {
        process.exitCode = report(e);
    });
}

if (require.main === module) main(checkCommand(), process.argv.slice(2));
