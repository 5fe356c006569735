/**
 * The cdk-nag peer's child process (plain JavaScript, so no ts-node cost is counted). Usage:
 *   node cdk-nag-runner.js <peer folder> <documents.json> <cdk-nag package name> [--per-document]
 * Requires aws-cdk-lib, constructs and cdk-nag from the peer folder (start-up), then judges the
 * documents twice in fresh Apps: one `iam.CfnManagedPolicy` per document, AwsSolutionsChecks,
 * `app.synth()` (construct building and synth timed together: the first pass, then the warm
 * pass). Prints one line of JSON on stdout.
 */
"use strict";
const { performance } = require("perf_hooks");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { createRequire } = require("module");

const [folder, documentsFile, nagPackage, ...flags] = process.argv.slice(2);
const perDocument = flags.includes("--per-document");
const peerRequire = createRequire(path.join(path.resolve(folder), "package.json"));

const version = (name) => peerRequire(`${name}/package.json`).version;

const beforeRequire = performance.now();
const { App, Aspects, Stack, Validations } = peerRequire("aws-cdk-lib");
const iam = peerRequire("aws-cdk-lib/aws-iam");
peerRequire("constructs");
const { AwsSolutionsChecks } = peerRequire(nagPackage);
const requireMs = performance.now() - beforeRequire;
/** cdk-nag 2's packs are aspects (`visit`); cdk-nag 3's are policy-validation plugins. */
const aspectApi = typeof AwsSolutionsChecks.prototype.visit === "function";
/** Since the process started (node's own boot included). */
const readyMs = performance.now();

const documents = JSON.parse(fs.readFileSync(documentsFile, "utf8"));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cdk-nag-peer-"));

/** `AwsSolutions-IAM5[Action::s3:*]: The IAM entity...` (v2 annotation) or `AwsSolutions-IAM5[Action::s3:*]` (v3 rule name) -> `AwsSolutions-IAM5`. */
const ruleOf = (text) => /^(AwsSolutions-[A-Za-z0-9]+)/.exec(text)?.[1];
/** `/Peer/P12/Resource` (v2) or `Peer/P12` (v3) -> 12. */
const documentOf = (constructPath) => {
    const match = /^\/?Peer\/P(\d+)(\/|$)/.exec(constructPath);
    return match ? Number(match[1]) : undefined;
};

/**
 * One pass: a fresh App and Stack, one L1 construct per document, the rules, synth. cdk-nag 2 is an
 * aspect that annotates constructs during synth; cdk-nag 3 is a policy-validation plugin that runs
 * after the templates are written, and synth throws when it reports errors (expected here).
 */
function pass(index) {
    const outdir = path.join(scratch, `pass${index}`);
    const started = performance.now();
    const app = new App({
        outdir,
        // aws-cdk-lib's own CloudFormation schema validation (a 9 MB WebAssembly module compiled at
        // the first synth, ~6 s here) is not cdk-nag's rules: off, so the figure is the rules'.
        builtinCloudFormationValidation: false,
        context: {
            // One stack holds every document: lift CDK's 500-resource limit (CloudFormation's, at deploy).
            "@aws-cdk/core:stackResourceLimit": 0,
            // As `cdk synth` runs an app (stack traces only with --debug).
            "aws:cdk:disable-stack-trace": true,
        },
    });
    const stack = new Stack(app, "Peer");
    documents.forEach((document, i) => new iam.CfnManagedPolicy(stack, `P${i}`, { policyDocument: document }));
    let assembly;
    let failure;
    if (aspectApi) Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
    else Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    try {
        assembly = app.synth();
    } catch (error) {
        failure = error;
    }
    const ms = performance.now() - started;

    // A rule that throws on a document (e.g. `Statement` as one object, or `NotAction`) is not a
    // finding: v2 annotates `CdkNagValidationFailure[rule]`, v3 reports the rule with this text.
    const tally = { errors: 0, warnings: 0, other: 0, ruleFailures: 0, byRule: {}, otherSamples: [] };
    const documentRules = perDocument ? documents.map(() => ({ findings: {}, failedRules: [] })) : undefined;
    const count = (text, level, constructPath, description) => {
        const owner = documentOf(constructPath);
        const failed = /^CdkNagValidationFailure\[(AwsSolutions-[A-Za-z0-9]+)\]/.exec(text)?.[1] ?? (description?.startsWith("Rule threw an error") ? ruleOf(text) : undefined);
        if (failed) {
            tally.ruleFailures++;
            if (documentRules && owner !== undefined) documentRules[owner].failedRules.push(failed);
            return;
        }
        const rule = ruleOf(text);
        if (!rule) {
            tally.other++;
            if (tally.otherSamples.length < 3) tally.otherSamples.push(`${level} ${constructPath}: ${text.slice(0, 200)}`);
            return;
        }
        if (level === "error") tally.errors++;
        else tally.warnings++;
        tally.byRule[rule] = (tally.byRule[rule] ?? 0) + 1;
        if (documentRules && owner !== undefined) documentRules[owner].findings[rule] = (documentRules[owner].findings[rule] ?? 0) + 1;
    };
    if (aspectApi) {
        if (failure) throw failure;
        for (const message of assembly.getStackByName(stack.stackName).messages) {
            if (message.level !== "error" && message.level !== "warning") continue;
            const text = typeof message.entry.data === "string" ? message.entry.data : JSON.stringify(message.entry.data);
            count(text, message.level, message.id);
        }
    } else {
        const reportFile = path.join(outdir, "validation-report.json");
        if (!fs.existsSync(reportFile)) throw failure ?? new Error("cdk-nag 3 wrote no validation-report.json");
        for (const plugin of JSON.parse(fs.readFileSync(reportFile, "utf8")).pluginReports) {
            for (const violation of plugin.violations) {
                for (const construct of violation.violatingConstructs) count(violation.ruleName, violation.severity, construct.constructPath, violation.description);
            }
        }
    }
    return { ms, findings: tally.errors + tally.warnings, ...tally, documentRules };
}

try {
    const first = pass(1);
    const warm = pass(2);
    const result = {
        versions: { node: process.version, "aws-cdk-lib": version("aws-cdk-lib"), constructs: version("constructs"), "cdk-nag": version(nagPackage) },
        api: aspectApi ? "Aspects.of(app).add" : "Validations.of(app).addPlugins",
        documents: documents.length,
        requireMs,
        readyMs,
        firstMs: first.ms,
        warmMs: warm.ms,
        findings: { total: first.findings, errors: first.errors, warnings: first.warnings, other: first.other, otherSamples: first.otherSamples, ruleFailures: first.ruleFailures, byRule: first.byRule },
        warmFindings: warm.findings,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        perDocument: first.documentRules,
    };
    process.stdout.write(JSON.stringify(result) + "\n");
} catch (error) {
    // The parent reports this line (CDK's errors carry long construct trees and minified frames).
    process.stdout.write(JSON.stringify({ error: String(error?.message ?? error).split("\n")[0].slice(0, 500) }) + "\n");
    process.exitCode = 1;
} finally {
    fs.rmSync(scratch, { recursive: true, force: true });
}
