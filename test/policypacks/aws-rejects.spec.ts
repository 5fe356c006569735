/**
 * Issue 8 over the whole program: every committed stack's rendered resources, and every document
 * the seeds print, pass the checks for what AWS itself rejects or ignores; a stack that renders a
 * 65-character role name or a 2,049-character user inline policy is caught at preview.
 */
import * as assert from "assert";
import { environmentOf } from "../../scripts/check/evaluate";
import { PackPolicy, buildPolicies } from "../../policypacks/least-privilege/registry";
import { policySize } from "../../policypacks/least-privilege/iam/quota-limits";
import { StackRun, runStack } from "../../stacks/offline/run-stack";
import { availableStacks, readStackFile } from "../../stacks/offline/stack-file";
import { bedrockSeed, ocrSeed, smsSeed, textractSeed } from "./seed-documents";
import { TestResource, managedPolicy, runPack } from "./support";

/** The policies issue 8 added, by name. */
const awsRejects = ["policy-grammar", "policy-version", "arn-format", "resource-arns-match-actions", "supported-condition-keys", "aws-name-rules", "iam-quotas"];

const policiesFor = (environment: string): PackPolicy[] => {
    const policies = buildPolicies({ environment }).filter((p) => awsRejects.includes(p.name));
    assert.deepStrictEqual(policies.map((p) => p.name).sort(), [...awsRejects].sort(), "buildPolicies registers every issue-8 policy");
    return policies;
};
const asTestResources = (run: StackRun): TestResource[] => run.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs }));
const lines = (violations: { policy: string; message: string }[]) => violations.map((v) => `${v.policy}: ${v.message.split("\n").slice(1).join(" | ")}`);

describe("least-privilege pack: what AWS rejects, over every stack and seed", function () {
    this.timeout(120000);

    for (const stack of availableStacks()) {
        it(`${stack}: every rendered resource passes grammar, ARN formats, condition keys, quotas and name rules`, async () => {
            const file = readStackFile(stack);
            const resources = asTestResources(await runStack(file));
            const judged = ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:s3/bucket:Bucket", "aws:lambda/function:Function"].filter((t) => resources.some((r) => r.type === t));
            assert.ok(judged.length >= 2, `${stack} renders roles and policies to judge (found ${judged.join(", ")})`);
            assert.deepStrictEqual(lines(await runPack(policiesFor(environmentOf(file)), resources)), []);
        });
    }

    it("the seeds' own documents pass", async () => {
        const documents: [string, unknown][] = [
            ["MeddocparserTextractOCRPolicy", ocrSeed.base()], ["ocr-dev", ocrSeed.dev()], ["ocr-prod", ocrSeed.prod()],
            ...([1, 2, 3, 4] as const).map((n): [string, unknown] => [`bedrock-option-${n}`, bedrockSeed.option(n)]),
            ["BedrockClaudeHaikuAccess", bedrockSeed.recommended()],
            ["textract-view-own", textractSeed.viewOwnPermissions()], ["textract-sync", textractSeed.sync()], ["textract-async", textractSeed.async()],
            ["AWSEUMXMinimalPolicy", smsSeed.minimal()], ["sms-production", smsSeed.productionScoped()],
        ];
        assert.deepStrictEqual(lines(await runPack(policiesFor("prod"), documents.map(([name, d]) => managedPolicy(name, d)))), []);
    });

    it("prod with a role renamed to 65 characters is caught by aws-name-rules", async () => {
        // The rendered resource is changed, not the config: config readers may reject the name first, as they should.
        const resources = asTestResources(await runStack(readStackFile("prod")));
        const role = resources.find((r) => r.type === "aws:iam/role:Role" && typeof r.props.name === "string");
        assert.ok(role, "prod renders a named role");
        const name = `${String(role.props.name)}-${"x".repeat(64)}`.slice(0, 65);
        const violations = await runPack(policiesFor("prod"), resources.map((r) => (r === role ? { ...r, props: { ...r.props, name } } : r)));
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.level]), [["aws-name-rules", "mandatory"]], lines(violations).join("\n"));
        assert.ok(violations[0].message.includes(`${role.name} › name: IAM role name "${name}" is 65 characters long; IAM role names are 1 to 64 characters`), violations[0].message);
    });

    it("dev with the Bedrock user's inline policy grown to 2,049 characters is caught by iam-quotas", async () => {
        const resources = asTestResources(await runStack(readStackFile("dev")));
        const inline = resources.find((r) => r.type === "aws:iam/userPolicy:UserPolicy");
        assert.ok(inline, "dev attaches an inline policy to a user");
        const document = JSON.parse(String(inline.props.policy));
        const statement = document.Statement[0];
        const padding = 2049 - policySize(JSON.stringify(document)) - policySize(`,${JSON.stringify({ ...statement, Sid: "Pad" })}`);
        document.Statement.push({ ...statement, Sid: `Pad${"x".repeat(padding)}` });
        const grown = JSON.stringify(document, null, 2);
        assert.strictEqual(policySize(grown), 2049);
        const violations = await runPack(policiesFor("dev"), resources.map((r) => (r === inline ? { ...r, props: { ...r.props, policy: grown } } : r)));
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.level]), [["iam-quotas", "mandatory"]], lines(violations).join("\n"));
        assert.match(violations[0].message, new RegExp(`user ${inline.props.user}: its inline policies \\(${inline.name}\\) total 2,049 characters \\(white space excluded\\), over AWS's limit of 2,048 for a user`));
    });
});
