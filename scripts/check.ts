/**
 * `npm run check -- --stack <name> | --all [--json] [--out <dir>] [--stacks-dir <dir>] [--policy-pack-config <file>]`
 *
 * The project's main job without a cloud account: runs a stack's program under the SDK's mocks
 * with its stack file's config, as a first preview and as an update, puts every registration
 * through the least-privilege pack started in its own process as the Pulumi CLI starts it, and
 * prints what would be deployed, who may do what, and what the pack found. Exit 1 when anything
 * mandatory was found or a policy failed to run, 2 on a usage, stack-file, config or pack-config
 * error, 3 on anything else (a bug: the stack trace is printed).
 */
import { parseArgs } from "node:util";
import { availableStacks, readStackFile, stacksDir } from "../stacks/offline/stack-file";
import { checkStack } from "./check/evaluate";
import { readPackConfigFile } from "../stacks/offline/pack-config";
import { PackProcessError } from "../stacks/offline/pack-process";
import { consoleJson } from "./check/json";
import { writeReports } from "./check/out";
import { stackReport } from "./check/report";
import { renderText, summaryLine } from "./check/text";
import { stacksDirProblem, usageProblem, userFacing } from "./check/cli-errors";

const usage = "usage: npm run check -- (--stack <name> | --all) [--json] [--out <dir>] [--stacks-dir <dir>] [--policy-pack-config <file>]";

async function main(argv: string[]): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string" },
            all: { type: "boolean", default: false },
            json: { type: "boolean", default: false },
            out: { type: "string" },
            "stacks-dir": { type: "string" },
            "policy-pack-config": { type: "string" },
        },
    });
    const dir = values["stacks-dir"] ?? stacksDir;
    const problem = usageProblem(values.stack, values.all) ?? stacksDirProblem(dir);
    if (problem) throw new UsageError(problem);
    const stacks = values.all ? availableStacks(dir) : [values.stack as string];
    const packConfig = values["policy-pack-config"] === undefined ? undefined : readPackConfigFile(values["policy-pack-config"]);
    const started = process.hrtime.bigint();
    const results = [];
    for (const stack of stacks) {
        const file = readStackFile(stack, dir);
        const check = await checkStack(file, { packConfig });
        const report = stackReport(file, check);
        if (values.out) writeReports(values.out, report);
        if (!values.json) console.log(`${renderText(report, check.elapsedMs)}\n`);
        results.push({ report, elapsedMs: check.elapsedMs });
    }
    const passed = results.every((r) => r.report.passed);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (values.json) {
        console.log(JSON.stringify({ passed, stacks: results.map((r) => consoleJson(r.report, r.elapsedMs)), elapsedMs: Math.round(elapsedMs) }, null, 2));
    } else if (results.length > 1) {
        for (const r of results) console.log(summaryLine(r.report, r.elapsedMs));
        console.log(`${passed ? "PASS" : "FAIL"}: ${results.length} stacks checked in ${(elapsedMs / 1000).toFixed(1)} s`);
    }
    if (values.out) console.error(`reports written to ${values.out}`);
    return passed ? 0 : 1;
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (e: unknown) => {
        if (e instanceof PackProcessError) {
            // What the CLI does too: a policy that throws, or a pack that cannot start, fails the preview.
            console.error(`error: ${e.message}`);
            process.exitCode = 1;
            return;
        }
        const message = e instanceof UsageError ? e.message : userFacing(e);
        if (message === undefined) {
            console.error(e);
            process.exitCode = 3;
            return;
        }
        console.error(`error: ${message}`);
        if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) console.error(usage);
        process.exitCode = 2;
    },
);
