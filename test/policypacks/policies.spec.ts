import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { detectEnvironment } from "../../policypacks/least-privilege/environment";
import { buildPolicies, levelFor } from "../../policypacks/least-privilege/policies";

const packDir = path.resolve(__dirname, "../../policypacks/least-privilege");

describe("least-privilege pack: policies.ts and the pack's files", () => {
    const names = ["readable-policy-documents", "no-wildcard-resource", "no-wildcard-action", "no-not-action", "pass-role-scoped", "no-public-principal", "no-privilege-escalation", "no-guardrail-disabling", "known-actions", "policy-grammar", "resource-arns-match-actions", "supported-condition-keys", "readable-embedded-templates", "privilege-escalation-review", "documents-known-at-preview", "bucket-hardening", "no-privilege-escalation-across-policies", "aws-name-rules", "iam-quotas", "no-public-exposure", "exposure-known-at-preview", "no-long-lived-credentials", "attached-aws-managed-policies", "attached-customer-policies", "stack-values-known-at-preview", "exempted-findings", "exempted-stack-findings"];
    const classes: Record<string, string> = {
        "readable-policy-documents": "aws-rejects", "policy-grammar": "aws-rejects", "resource-arns-match-actions": "aws-rejects", "aws-name-rules": "aws-rejects", "iam-quotas": "aws-rejects",
        "no-wildcard-resource": "security", "no-wildcard-action": "security", "no-not-action": "security", "pass-role-scoped": "security", "no-public-principal": "security", "bucket-hardening": "security", "exempted-findings": "security", "readable-embedded-templates": "security", "attached-aws-managed-policies": "security", "attached-customer-policies": "security", "exempted-stack-findings": "security", "no-public-exposure": "security", "no-long-lived-credentials": "security", "no-privilege-escalation": "security", "no-guardrail-disabling": "security", "no-privilege-escalation-across-policies": "security",
        "known-actions": "lint", "supported-condition-keys": "lint", "documents-known-at-preview": "lint", "exposure-known-at-preview": "lint", "privilege-escalation-review": "lint", "stack-values-known-at-preview": "lint",
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
        for (const environment of ["dev", "staging", "localstack", "prod-like"]) {
            for (const p of buildPolicies({ environment })) assert.strictEqual(p.enforcementLevel, expectedLevel(p.name, false), `${environment} ${p.name}`);
        }
    });

    it("takes the production environments as an option, and fails closed when nothing names the environment", () => {
        assert.strictEqual(levelFor({ environment: "live", productionEnvironments: ["live"] }), "mandatory");
        assert.strictEqual(levelFor({ environment: "prod", productionEnvironments: ["live"] }), "advisory");
        assert.strictEqual(levelFor({ environment: "" }), "mandatory");
        assert.throws(() => levelFor({ environment: "prod", productionEnvironments: [] }), /productionEnvironments must be a non-empty list/);
    });

    it("has no side effects: building twice gives independent policies, and nothing starts a server", () => {
        const a = buildPolicies({ environment: "prod" });
        const b = buildPolicies({ environment: "prod" });
        assert.notStrictEqual(a[0], b[0]);
    });

    it("index.ts only constructs the PolicyPack from the detected environment", () => {
        const source = fs.readFileSync(path.join(packDir, "index.ts"), "utf8");
        assert.match(source, /new PolicyPack\("least-privilege", \{/);
        assert.match(source, /buildPolicies\(\{ environment/);
        assert.doesNotMatch(source, /@pulumi\/aws|@pulumi\/pulumi/);
    });

    it("never imports @pulumi/aws or @pulumi/pulumi: the analyzer type-checks the pack on every preview", () => {
        for (const file of fs.readdirSync(packDir).filter((f) => f.endsWith(".ts"))) {
            assert.doesNotMatch(fs.readFileSync(path.join(packDir, file), "utf8"), /from "@pulumi\/(aws|pulumi)"/, file);
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

describe("least-privilege pack: environment.ts detects the stack's environment", () => {
    it("reads the stack config's aws-workloads:environment", () => {
        assert.deepStrictEqual(detectEnvironment({ PULUMI_CONFIG: JSON.stringify({ "aws-workloads:environment": "Prod" }), PULUMI_NODEJS_STACK: "blue" }), { environment: "prod", source: "stack config aws-workloads:environment" });
        assert.strictEqual(detectEnvironment({ PULUMI_CONFIG: JSON.stringify({ "aws-workloads:config:environment": "staging" }) }).environment, "staging");
    });

    it("falls back to the stack name, its last segment for org/project/stack", () => {
        assert.strictEqual(detectEnvironment({ PULUMI_CONFIG: "{}", PULUMI_NODEJS_STACK: "prod" }).environment, "prod");
        assert.strictEqual(detectEnvironment({ PULUMI_STACK: "acme/aws-workloads/dev" }).environment, "dev");
        assert.strictEqual(detectEnvironment({ PULUMI_CONFIG: "not json", PULUMI_STACK: "staging" }).environment, "staging");
    });

    it("returns an empty environment when nothing says (the pack then fails closed)", () => {
        assert.deepStrictEqual(detectEnvironment({}).environment, "");
    });
});
