import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { detectEnvironment, environmentListsFrom } from "../../policypacks/least-privilege/environment";
import type { StackValidationPolicy } from "@pulumi/policy";
import { buildPolicies, levelFor } from "../../policypacks/least-privilege/registry";
import { validateStack } from "./support";

const packDir = path.resolve(__dirname, "../../policypacks/least-privilege");

describe("least-privilege pack: policies.ts and the pack's files", () => {
    const names = ["readable-policy-documents", "no-wildcard-resource", "no-wildcard-action", "no-not-action", "pass-role-scoped", "no-public-principal", "no-privilege-escalation", "no-guardrail-disabling", "known-actions", "policy-grammar", "policy-version", "arn-format", "resource-arns-match-actions", "supported-condition-keys", "readable-embedded-templates", "privilege-escalation-review", "documents-known-at-preview", "bucket-hardening", "no-privilege-escalation-across-policies", "aws-name-rules", "iam-quotas", "no-public-exposure", "exposure-known-at-preview", "no-long-lived-credentials", "no-cluster-admin", "attached-aws-managed-policies", "attached-customer-policies", "stack-values-known-at-preview", "environment-consistent", "exempted-findings", "exempted-stack-findings"];
    const classes: Record<string, string> = {
        "readable-policy-documents": "aws-rejects", "policy-grammar": "aws-rejects", "aws-name-rules": "aws-rejects", "iam-quotas": "aws-rejects", "arn-format": "aws-rejects",
        "no-wildcard-resource": "security", "no-wildcard-action": "security", "no-not-action": "security", "pass-role-scoped": "security", "no-public-principal": "security", "bucket-hardening": "security", "exempted-findings": "security", "readable-embedded-templates": "security", "attached-aws-managed-policies": "security", "attached-customer-policies": "security", "exempted-stack-findings": "security", "no-public-exposure": "security", "no-long-lived-credentials": "security", "no-cluster-admin": "security", "no-privilege-escalation": "security", "no-guardrail-disabling": "security", "no-privilege-escalation-across-policies": "security", "environment-consistent": "security",
        "resource-arns-match-actions": "lint", "known-actions": "lint", "supported-condition-keys": "lint", "documents-known-at-preview": "lint", "exposure-known-at-preview": "lint", "privilege-escalation-review": "lint", "stack-values-known-at-preview": "lint", "policy-version": "lint",
    };
    const expectedLevel = (name: string, production: boolean) =>
        name === "exempted-findings" || name === "exempted-stack-findings" ? "advisory" : classes[name] === "aws-rejects" ? "mandatory" : classes[name] === "security" && production ? "mandatory" : "advisory";

    it("builds the policies in order, each tagged with its finding class: security is mandatory in prod and production", () => {
        for (const environment of ["prod", "production", "PROD"]) {
            const policies = buildPolicies({ environment });
            assert.deepStrictEqual(policies.map((p) => p.name), names);
            for (const p of policies) {
                assert.deepStrictEqual(p.tags, [classes[p.name]], p.name);
                assert.strictEqual(p.enforcementLevel, expectedLevel(p.name, true), `${environment} ${p.name}`);
            }
        }
    });

    it("outside production, only what AWS rejects is mandatory", () => {
        for (const environment of ["dev", "staging", "localstack", "Dev", "development", "test", "sandbox", "local"]) {
            for (const p of buildPolicies({ environment })) assert.strictEqual(p.enforcementLevel, expectedLevel(p.name, false), `${environment} ${p.name}`);
        }
        for (const [stack, environment] of [["acme/aws-workloads/dev", "dev"], ["localstack", "dev"], ["STAGING", "staging"]]) {
            assert.strictEqual(levelFor({ environment, stack }), "advisory", `${stack} / ${environment}`);
        }
    });

    it("fails closed: anything not explicitly non-production in both the stack name and the config is production", () => {
        for (const environment of ["prod", "prod-like", "prod-us-east-1", "production-eu", "prd", "live", "dev2", "dev-eu", "qa", "", "  ", "staging-prod"]) {
            assert.strictEqual(levelFor({ environment }), "mandatory", JSON.stringify(environment));
        }
        assert.strictEqual(levelFor({ environment: "dev", stack: "prod" }), "mandatory", "a stack named prod whose config says dev");
        assert.strictEqual(levelFor({ environment: "prod", stack: "dev" }), "mandatory");
        assert.strictEqual(levelFor({ environment: "dev", stack: "" }), "mandatory", "no stack name");
        assert.strictEqual(levelFor({ environment: "", stack: "dev" }), "mandatory", "no config environment");
        assert.strictEqual(levelFor({ environment: "dev", stack: "acme/aws-workloads/prod" }), "mandatory");
    });

    it("takes the non-production list as an option; production-looking entries are refused, and the production list only strengthens", () => {
        assert.strictEqual(levelFor({ environment: "qa", nonProductionEnvironments: ["qa"] }), "advisory");
        assert.strictEqual(levelFor({ environment: "dev", nonProductionEnvironments: ["qa"] }), "mandatory", "a replaced list drops the defaults");
        assert.strictEqual(levelFor({ environment: "prod", nonProductionEnvironments: ["prod", "preprod", "live-test"] }), "mandatory", "production-looking entries are refused");
        assert.strictEqual(levelFor({ environment: "prod", productionEnvironments: ["live"] }), "mandatory", "LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS=live no longer turns prod advisory");
        assert.strictEqual(levelFor({ environment: "staging", productionEnvironments: ["staging"] }), "mandatory", "it can make a non-production name production");
        assert.strictEqual(levelFor({ environment: "dev", productionEnvironments: ["live"] }), "advisory");
        assert.strictEqual(levelFor({ environment: "dev", nonProductionEnvironments: [] }), "advisory", "an invalid list falls back to the defaults (and is reported)");
    });

    it("environment-consistent reports the mismatch and refused entries, as a mandatory finding of the production stack", async () => {
        const run = async (options: Parameters<typeof buildPolicies>[0]) => {
            const policy = buildPolicies(options).find((p) => p.name === "environment-consistent") as StackValidationPolicy;
            return (await validateStack(policy, [])).map((v) => [v.level, v.message.split("\n")[1]]);
        };
        assert.deepStrictEqual(await run({ environment: "dev", stack: "prod" }), [["mandatory", 'stack: the stack name is "prod" but aws-workloads:environment is "dev": the config says non-production, the name does not, so the stack is judged as production (the stack name is "prod" and aws-workloads:environment is "dev"; a stack is non-production only when both name one of the non-production environments: dev, development, test, staging, sandbox, local, localstack)']]);
        assert.deepStrictEqual(await run({ environment: "", stack: "dev" }), [["mandatory", 'stack: the stack name is "dev" but aws-workloads:environment is not set: the name says non-production, the config does not, so the stack is judged as production (the stack name is "dev" and aws-workloads:environment is not set; a stack is non-production only when both name one of the non-production environments: dev, development, test, staging, sandbox, local, localstack)']]);
        assert.deepStrictEqual(await run({ environment: "prod", nonProductionEnvironments: ["qa", "preprod"] }), [["mandatory", 'pack environment settings: non-production environment "preprod" is refused: it reads as production (contains prod, prd or live); the entry is ignored']]);
        for (const options of [{ environment: "prod" }, { environment: "dev" }, { environment: "dev", stack: "localstack" }, { environment: "prod-us-east-1", stack: "prod" }]) {
            assert.deepStrictEqual(await run(options), [], JSON.stringify(options));
        }
    });

    it("environment-consistent prints its description above the finding", async () => {
        const policy = buildPolicies({ environment: "dev", stack: "prod" }).find((p) => p.name === "environment-consistent") as StackValidationPolicy;
        const [violation] = await validateStack(policy, []);
        assert.strictEqual(violation.message.split("\n")[0], "The stack name and aws-workloads:environment agree on whether the stack is production (anything not explicitly non-production is production).");
    });

    it("the pack's README lists every policy with its class and level", () => {
        const readme = fs.readFileSync(path.join(packDir, "README.md"), "utf8");
        for (const p of buildPolicies({ environment: "prod" })) {
            const row = readme.split("\n").find((line) => line.startsWith(`| \`${p.name}\``));
            assert.ok(row, `README row for ${p.name}`);
            const [, findingClass, level] = row.split(" | ");
            assert.strictEqual(findingClass, p.tags?.[0], p.name);
            assert.strictEqual(level, p.name === "exempted-findings" || p.name === "exempted-stack-findings" ? "always advisory" : { "aws-rejects": "mandatory", security: "mandatory in production", lint: "advisory" }[findingClass], p.name);
        }
    });

    it("has no side effects: building twice gives independent policies, and nothing starts a server", () => {
        const a = buildPolicies({ environment: "prod" });
        const b = buildPolicies({ environment: "prod" });
        assert.notStrictEqual(a[0], b[0]);
    });

    it("index.ts only constructs the PolicyPack from the detected environment and the stack's accounts", () => {
        const source = fs.readFileSync(path.join(packDir, "index.ts"), "utf8");
        assert.match(source, /new PolicyPack\("least-privilege", \{/);
        assert.match(source, /buildPolicies\(\{ environment, stack, accounts: stackAccounts\(process\.env\), deploysTo: mentionedAccounts\(process\.env\), \.\.\.environmentListsFrom\(process\.env\) \}\)/);
        assert.doesNotMatch(source, /@pulumi\/aws|@pulumi\/pulumi/);
    });

    it("never imports @pulumi/aws or @pulumi/pulumi: the analyzer type-checks the pack on every preview", () => {
        const sources = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
            e.isDirectory() ? (e.name === "bin" || e.name === "node_modules" ? [] : sources(path.join(dir, e.name))) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []);
        const files = sources(packDir);
        assert.ok(files.some((f) => f.includes(`${path.sep}iam${path.sep}`)) && files.some((f) => f.includes(`${path.sep}policies${path.sep}`)), "the engine and the policies");
        for (const file of files) {
            const text = fs.readFileSync(file, "utf8");
            assert.doesNotMatch(text, /from "@pulumi\/(aws|pulumi)"/, file);
            // Self-contained: no relative import climbs out of the pack's folder.
            for (const [, spec] of text.matchAll(/from "(\.[^"]+)"/g)) {
                assert.ok(path.resolve(path.dirname(file), spec).startsWith(packDir + path.sep), `${path.relative(packDir, file)} imports ${spec}, outside the pack`);
            }
        }
    });

    it("ships PulumiPolicy.yaml for the nodejs runtime and a versioned package.json", () => {
        const project = parse(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8"));
        assert.strictEqual(project.runtime, "nodejs");
        assert.ok(project.description.length > 20);
        const pkg = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
        assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
        assert.strictEqual(pkg.main, "bin/index.js", "the analyzer loads the compiled pack");
    });
});

describe("least-privilege pack: environment.ts detects the stack's environment and name", () => {
    it("reads the stack config's aws-workloads:environment and the stack name, lower-cased", () => {
        assert.deepStrictEqual(detectEnvironment({ PULUMI_CONFIG: JSON.stringify({ "aws-workloads:environment": "Prod" }), PULUMI_NODEJS_STACK: "blue" }), { environment: "prod", stack: "blue", source: 'stack config aws-workloads:environment "Prod"; stack name "blue"' });
        assert.strictEqual(detectEnvironment({ PULUMI_CONFIG: JSON.stringify({ "aws-workloads:config:environment": "staging" }) }).environment, "staging");
    });

    it("takes the stack name's last segment for org/project/stack, and never substitutes one name for the other", () => {
        assert.deepStrictEqual(detectEnvironment({ PULUMI_CONFIG: "{}", PULUMI_NODEJS_STACK: "prod" }), { environment: "", stack: "prod", source: 'no stack config aws-workloads:environment; stack name "prod"' });
        assert.strictEqual(detectEnvironment({ PULUMI_STACK: "acme/aws-workloads/Dev" }).stack, "dev");
        assert.deepStrictEqual(detectEnvironment({ PULUMI_CONFIG: "not json", PULUMI_STACK: "staging" }), { environment: "", stack: "staging", source: 'unreadable stack config (PULUMI_CONFIG is not JSON); stack name "staging"' });
    });

    it("trusts no stack name when PULUMI_NODEJS_STACK and PULUMI_STACK disagree, and never reads the config's value as a path", () => {
        const detected = detectEnvironment({ PULUMI_CONFIG: JSON.stringify({ "aws-workloads:environment": "dev" }), PULUMI_NODEJS_STACK: "dev", PULUMI_STACK: "prod" });
        assert.deepStrictEqual([detected.environment, detected.stack], ["dev", ""]);
        assert.strictEqual(levelFor(detected), "mandatory");
        assert.strictEqual(detectEnvironment({ PULUMI_NODEJS_STACK: "acme/p/dev", PULUMI_STACK: "acme/p/dev" }).stack, "dev", "the same name twice is one name");
        assert.strictEqual(levelFor({ environment: "prod/dev", stack: "dev" }), "mandatory");
    });

    it("returns empty names when nothing says (the pack then fails closed)", () => {
        assert.deepStrictEqual(detectEnvironment({}), { environment: "", stack: "", source: "no stack config aws-workloads:environment; no stack name" });
        assert.strictEqual(levelFor({ environment: "", stack: "" }), "mandatory");
    });

    it("reads the pack's environment variables as comma-separated lists", () => {
        assert.deepStrictEqual(environmentListsFrom({ LEAST_PRIVILEGE_NON_PRODUCTION_ENVIRONMENTS: " qa, dev ,", LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS: "live" }), { nonProductionEnvironments: ["qa", "dev"], productionEnvironments: ["live"] });
        assert.deepStrictEqual(environmentListsFrom({ LEAST_PRIVILEGE_NON_PRODUCTION_ENVIRONMENTS: " , " }), {});
        assert.deepStrictEqual(environmentListsFrom({ LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS: "123456789012, 210987654321" }), { productionAccounts: ["123456789012", "210987654321"] });
    });

    it("holds a stack production when any account its config names is a production account, even with non-production names", async () => {
        const { mentionedAccounts } = await import("../../policypacks/least-privilege/stack-accounts");
        const config = (values: Record<string, unknown>) => ({ PULUMI_CONFIG: JSON.stringify(values) });
        assert.deepStrictEqual(mentionedAccounts(config({ "aws-workloads:accountId": "123456789012", "aws:allowedAccountIds": "[\"210987654321\",\"123456789012\"]" })), ["123456789012", "210987654321"]);
        assert.deepStrictEqual(mentionedAccounts({}), []);
        const deploysTo = mentionedAccounts(config({ "aws:allowedAccountIds": ["111111111111", "210987654321"] }));
        assert.strictEqual(levelFor({ environment: "dev", stack: "dev", deploysTo, productionAccounts: ["210987654321"] }), "mandatory");
        assert.strictEqual(levelFor({ environment: "dev", stack: "dev", deploysTo, productionAccounts: ["999999999999"] }), "advisory");
        assert.strictEqual(levelFor({ environment: "dev", stack: "dev", productionAccounts: ["210987654321"] }), "advisory", "no account named: the names decide");
    });
});
