/**
 * The check as a CI tool (issue 19): help, exit codes, I/O failures as one line with the path and
 * the reason (never a trace, never a hang), repeated --stack, and --json alone on stdout through
 * the package's bin. Runs start together to keep the suite short.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliRun, repositoryRoot, runBin, runCheck } from "./cli";

const prodFile = fs.readFileSync(path.join(repositoryRoot, "stacks", "Pulumi.prod.yaml"), "utf8");

describe("npm run check as a CI tool", function () {
    this.timeout(600000);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cli-spec-"));
    const empty = path.join(scratch, "empty");
    const bad = path.join(scratch, "bad");
    const aFile = path.join(scratch, "a-file");
    const runs: Record<string, CliRun> = {};

    before(async () => {
        fs.mkdirSync(empty);
        fs.mkdirSync(bad);
        fs.writeFileSync(aFile, "not a folder\n");
        assert.ok(prodFile.includes('aws-workloads:accountId: "123456789012"'));
        fs.writeFileSync(path.join(bad, "Pulumi.unquoted.yaml"), prodFile.replace('aws-workloads:accountId: "123456789012"', "aws-workloads:accountId: 012345678901"));
        fs.writeFileSync(path.join(bad, "Pulumi.awsregion.yaml"), prodFile.replace("aws-workloads:region: us-east-1", "aws:region: eu-west-1"));
        fs.writeFileSync(path.join(bad, "Pulumi.confg.yaml"), prodFile.replace(/^config:/m, "confg:"));
        fs.writeFileSync(path.join(bad, "Pulumi.twice.yaml"), prodFile.replace("bucketName: meddocparser-ocr-temp-prod", "bucketName: engagement-features-prod"));
        const cases: Record<string, Promise<CliRun>> = {
            help: runCheck("--help"),
            none: runCheck(),
            unknownOption: runCheck("--stack", "prod", "--bogus"),
            emptyAll: runCheck("--all", "--stacks-dir", empty),
            outOnFile: runCheck("--stack", "prod", "--out", aFile),
            outUnderFile: runCheck("--stack", "prod", "--out", path.join(aFile, "reports")),
            outProc: runCheck("--stack", "prod", "--out", "/proc/x"),
            unquoted: runCheck("--stack", "unquoted", "--stacks-dir", bad),
            awsRegion: runCheck("--stack", "awsregion", "--stacks-dir", bad),
            confg: runCheck("--stack", "confg", "--stacks-dir", bad),
            twice: runCheck("--stack", "twice", "--stacks-dir", bad),
            binHelp: runBin("check", "--help"),
            binTypo: runBin("chek"),
            repeated: runBin("check", "--stack", "localstack", "--stack", "dev", "--json"),
        };
        for (const [name, run] of Object.entries(cases)) runs[name] = await run;
    });

    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it("--help lists the options and the exit codes, and exits 0", () => {
        assert.strictEqual(runs.help.code, 0, runs.help.stderr);
        assert.match(runs.help.stdout, /--stack <name> +check stacks\/Pulumi\.<name>\.yaml; repeat to check/);
        assert.match(runs.help.stdout, /Exit codes:\n  0  every stack passes.*\n  1  a mandatory violation.*\n  2  a usage, stack file, config, policy-pack-config or output error.*\n  3  a bug/);
    });

    it("no stack selection and an unknown option are usage errors: exit 2, one line and a pointer to --help", () => {
        assert.deepStrictEqual([runs.none.code, runs.none.stderr], [2, "error: give --stack <name> (repeatable) or --all\n(run with --help for usage)\n"]);
        assert.strictEqual(runs.unknownOption.code, 2);
        assert.match(runs.unknownOption.stderr, /^error: unknown option '--bogus'\n\(run with --help for usage\)\n$/);
    });

    it("--all with no stack files is exit 2 with a message, not a green run", () => {
        assert.strictEqual(runs.emptyAll.code, 2);
        assert.strictEqual(runs.emptyAll.stderr, `error: --all found no stack files (Pulumi.<name>.yaml) in ${empty}\n(run with --help for usage)\n`);
        assert.strictEqual(runs.emptyAll.stdout, "");
    });

    it("--out onto a file, under a file, or under /proc is exit 2 with the path and the reason, no trace, no hang", () => {
        assert.deepStrictEqual([runs.outOnFile.code, runs.outOnFile.stderr], [2, `error: cannot write reports to ${aFile}: it is a file, not a folder\n`]);
        assert.deepStrictEqual([runs.outUnderFile.code, runs.outUnderFile.stderr], [2, `error: cannot write reports to ${path.join(aFile, "reports")}: ${aFile} is a file, not a folder\n`]);
        assert.strictEqual(runs.outProc.code, 2, runs.outProc.stderr);
        assert.match(runs.outProc.stderr, /^error: cannot write reports to \/proc\/x: cannot create \/proc\/x: .*\n$/);
        for (const run of [runs.outOnFile, runs.outUnderFile, runs.outProc]) assert.strictEqual(run.stdout, "", "refused before any stack runs");
    });

    it("config errors name the stack and key; YAML's reading is explained", () => {
        assert.strictEqual(runs.unquoted.code, 2);
        assert.strictEqual(runs.unquoted.stderr, 'error: stack unquoted: Invalid stack config aws-workloads:accountId: "12345678901" must be exactly 12 digits; it has 11 '
            + '(the stack file writes 012345678901 unquoted, which YAML reads as the number 12345678901; quote it ("012345678901") to keep it as written)\n');
        assert.match(runs.awsRegion.stderr, /^error: stack awsregion: Invalid stack config aws:region: "eu-west-1" is not read: the program builds its AWS provider from aws-workloads:region/);
        assert.strictEqual(runs.awsRegion.code, 2);
        assert.strictEqual(runs.confg.code, 2);
        assert.match(runs.confg.stderr, /Pulumi\.confg\.yaml: the file has no config: block but has confg:, so none of its settings would be read; rename it to config:\n$/);
        assert.strictEqual(runs.twice.code, 2, runs.twice.stderr);
        assert.match(runs.twice.stderr, /^error: stack twice: Invalid stack config aws-workloads:ocr and aws-workloads:engagement: a name used twice: the bucket name "engagement-features-prod"/);
        for (const run of [runs.unquoted, runs.awsRegion, runs.confg, runs.twice]) assert.doesNotMatch(run.stderr, /\n +at /, "no stack trace");
    });

    it("the bin: npx aws-workloads check --help, and a mistyped command is exit 2 with the one meant", () => {
        assert.strictEqual(runs.binHelp.code, 0);
        assert.match(runs.binHelp.stdout, /^Usage: aws-workloads check \[options\]/);
        assert.strictEqual(runs.binTypo.code, 2);
        assert.match(runs.binTypo.stderr, /unknown command 'chek'\n\(Did you mean check\?\)/);
    });

    it("repeated --stack checks each named stack in order, and --json through the bin is JSON alone on stdout", () => {
        assert.strictEqual(runs.repeated.code, 0, runs.repeated.stderr);
        const json = JSON.parse(runs.repeated.stdout);
        assert.deepStrictEqual(json.stacks.map((s: { stack: string }) => s.stack), ["localstack", "dev"]);
        assert.deepStrictEqual(Object.keys(json.stacks[1].counts), ["advisory"], "dev's findings are advisory only");
        assert.ok(json.stacks[1].review.credentials.length > 0, "dev's IAM users are listed as credentials");
    });
});
