/**
 * `npm run check` as a newcomer runs it: a child process per invocation (started together, to
 * keep the suite short), judged by its exit code and what it prints. One `--all --json --out`
 * run answers the questions about the committed stacks and regenerates the reports, which must
 * equal the committed ones under docs/permissions.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { availableStacks } from "../../stacks/offline/stack-file";
import { CliRun, repositoryRoot, runCheck } from "./cli";

const committedReports = path.join(repositoryRoot, "docs", "permissions");
const fixtures = path.join(repositoryRoot, "test", "fixtures", "stacks");
const prodFile = fs.readFileSync(path.join(repositoryRoot, "stacks", "Pulumi.prod.yaml"), "utf8");

interface Runs {
    all: CliRun;
    widened: CliRun;
    unknown: CliRun;
    malformed: CliRun;
    invalid: CliRun;
}

describe("npm run check", function () {
    this.timeout(180000);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "check-spec-"));
    const generated = path.join(scratch, "reports");
    const broken = path.join(scratch, "stacks");
    let runs: Runs;
    let all: { passed: boolean; stacks: { stack: string; environment: string; passed: boolean; mandatory: number; principals: { kind: string; name: string; documents: { source: string; rows: { why: string; actions: string[]; resources: string[] }[] }[] }[]; violations: { policy: string; level: string; messages: string[] }[] }[] };

    before(async () => {
        fs.mkdirSync(broken);
        // Line 3 repeats a key: YAML refuses it there.
        fs.writeFileSync(path.join(broken, "Pulumi.malformed.yaml"), "config:\n  aws-workloads:environment: prod\n  aws-workloads:environment: dev\n");
        assert.ok(prodFile.includes("scope: exact"), "prod's Bedrock scope is where the invalid-config case changes it");
        fs.writeFileSync(path.join(broken, "Pulumi.invalid.yaml"), prodFile.replace("scope: exact", "scope: everything"));
        const [allRun, widened, unknown, malformed, invalid] = await Promise.all([
            runCheck("--all", "--json", "--out", generated),
            runCheck("--stack", "prod-widened", "--stacks-dir", fixtures, "--width", "0"),
            runCheck("--stack", "nope"),
            runCheck("--stack", "malformed", "--stacks-dir", broken),
            runCheck("--stack", "invalid", "--stacks-dir", broken),
        ]);
        runs = { all: allRun, widened, unknown, malformed, invalid };
        all = JSON.parse(allRun.stdout);
    });

    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it("--all checks every committed stack and exits 0: prod and staging pass with nothing mandatory", () => {
        assert.strictEqual(runs.all.code, 0, runs.all.stderr);
        assert.deepStrictEqual(all.stacks.map((s) => s.stack), availableStacks());
        for (const name of ["prod", "staging"]) {
            const stack = all.stacks.find((s) => s.stack === name)!;
            assert.strictEqual(stack.environment, name);
            assert.deepStrictEqual([stack.passed, stack.mandatory], [true, 0], JSON.stringify(stack.violations, null, 2));
        }
        assert.strictEqual(all.passed, true);
    });

    it("prints, per principal, the statements it holds: prod's OCR role has its trust policy and the managed policy attached by ARN", () => {
        const prod = all.stacks.find((s) => s.stack === "prod")!;
        const role = prod.principals.find((p) => p.kind === "role" && p.name === "meddocparser-ocr-prod");
        assert.ok(role, `principals: ${prod.principals.map((p) => p.name).join(", ")}`);
        assert.deepStrictEqual(role.documents.map((d) => d.source), ["trust policy", "managed MeddocparserTextractOCRPolicy"]);
        const objects = role.documents[1].rows.find((r) => r.why === "S3OCRBucketObjectAccess");
        assert.deepStrictEqual(objects?.resources, ["arn:aws:s3:::meddocparser-ocr-temp-prod/*"]);
    });

    it("dev hears the same findings as advisories only", () => {
        const dev = all.stacks.find((s) => s.stack === "dev")!;
        assert.ok(dev.violations.length > 0, "dev keeps the seeds' wide statements");
        assert.deepStrictEqual([...new Set(dev.violations.map((v) => v.level))], ["advisory"]);
    });

    it("the committed permission reports are what the check generates now", () => {
        const files = (dir: string) => fs.readdirSync(dir).sort();
        assert.deepStrictEqual(files(generated), files(committedReports), "the same report files");
        for (const file of files(generated)) {
            const fresh = fs.readFileSync(path.join(generated, file), "utf8");
            const committed = fs.readFileSync(path.join(committedReports, file), "utf8");
            assert.ok(fresh === committed, `docs/permissions/${file} is stale: run npm run check -- --all --out docs/permissions`);
        }
    });

    it("a prod config widened to every Bedrock model and SMS on \"*\" exits 1 and prints both violations", () => {
        assert.strictEqual(runs.widened.code, 1, runs.widened.stderr);
        const out = runs.widened.stdout;
        assert.match(runs.widened.stdout, /^FAIL prod-widened: blocked; 2 mandatory findings on the update, 2 on the first preview\n  findings on update: 2 mandatory \(2 security\)/);
        assert.match(out, /no-wildcard-resource \(mandatory, security, 2\)/);
        assert.match(out, /statement AllowAllBedrockModels: "arn:aws:bedrock:us-east-2::foundation-model\/\*" wildcards the whole resource id/);
        assert.match(out, /statement AWSEUMXMinimalAccess: "Resource": "\*" for action that can be scoped/);
        assert.match(out, /^FAIL prod-widened: \d+ resources, \d+ principals, [1-9]\d* mandatory and \d+ advisory violations on update, [1-9]\d* mandatory and \d+ advisory on preview \(\d+\.\d s\)$/m);
    });

    it("an unknown stack lists the available ones", () => {
        assert.strictEqual(runs.unknown.code, 2);
        assert.match(runs.unknown.stderr, new RegExp(`error: no stack "nope": .*Pulumi\\.nope\\.yaml does not exist; available stacks: ${availableStacks().join(", ")}`));
    });

    it("malformed YAML names the file and the line", () => {
        assert.strictEqual(runs.malformed.code, 2);
        assert.match(runs.malformed.stderr, /error: .*Pulumi\.malformed\.yaml:3:\d+: malformed YAML: Map keys must be unique/);
    });

    it("an invalid config value names the key, the value and what was expected", () => {
        assert.strictEqual(runs.invalid.code, 2);
        assert.match(runs.invalid.stderr, /error: stack invalid: Invalid stack config aws-workloads:bedrock\.scope: "everything" must be one of: exact, family, claude, all/);
        assert.strictEqual(runs.invalid.stdout, "", "nothing is reported for a stack whose config is refused");
    });
});
