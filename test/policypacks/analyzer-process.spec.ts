/**
 * The pack started as the Pulumi CLI starts it (`@pulumi/pulumi/cmd/run-policy-pack` in the pack's
 * folder, the stack's config in PULUMI_CONFIG, its name in PULUMI_NODEJS_STACK, nothing of the
 * shell's own PULUMI_ or LEAST_PRIVILEGE_ variables), asked over gRPC which level each policy has: the environment
 * rule works where it matters, in the analyzer process, not only in-process.
 */
import * as assert from "assert";
import { ensurePackBuilt } from "../../stacks/offline/pack-build";
import { PackProcess, packDir } from "../../stacks/offline/pack-process";

/** Policy name -> level, as the started pack reports them (GetAnalyzerInfo). */
async function levelsOfStartedPack(stack: string, environment: string, env: Record<string, string> = {}): Promise<Record<string, string>> {
    const pack = await PackProcess.start({ packDir, stack: { stack, project: "aws-workloads", dryRun: true, config: { "aws-workloads:environment": environment } }, env, isolated: true });
    try {
        return Object.fromEntries((await pack.info()).policies.map((p) => [p.name, p.enforcementLevel]));
    } finally {
        await pack.close();
    }
}

describe("least-privilege pack started as the CLI starts it: which stacks are production", function () {
    this.timeout(300000);
    before(() => ensurePackBuilt());

    it("dev is advisory; prod named with dev config, and dev with a replaced list, are mandatory; aws-rejects always", async () => {
        const [dev, mismatched, replaced] = await Promise.all([
            levelsOfStartedPack("dev", "dev"),
            levelsOfStartedPack("prod", "dev"),
            levelsOfStartedPack("acme/aws-workloads/dev", "dev", { LEAST_PRIVILEGE_NON_PRODUCTION_ENVIRONMENTS: "qa", LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS: "live" }),
        ]);
        const pick = (levels: Record<string, string>) => ["no-wildcard-resource", "environment-consistent", "arn-format", "known-actions"].map((p) => `${p}=${levels[p]}`);
        assert.deepStrictEqual(pick(dev), ["no-wildcard-resource=advisory", "environment-consistent=advisory", "arn-format=mandatory", "known-actions=advisory"]);
        assert.deepStrictEqual(pick(mismatched), ["no-wildcard-resource=mandatory", "environment-consistent=mandatory", "arn-format=mandatory", "known-actions=advisory"]);
        assert.deepStrictEqual(pick(replaced), ["no-wildcard-resource=mandatory", "environment-consistent=mandatory", "arn-format=mandatory", "known-actions=advisory"]);
    });

    it("reads the stack's account from its config: kms:* to another account's root is blocked, to its own passes", async () => {
        const pack = await PackProcess.start({ packDir, stack: { stack: "prod", project: "aws-workloads", dryRun: true, config: { "aws-workloads:environment": "prod", "aws-workloads:accountId": "123456789012" } }, env: {}, isolated: true });
        try {
            const keyTo = async (account: string) => {
                const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }] });
                const diagnostics = await pack.analyze({ type: "aws:kms/key:Key", name: "key", urn: "urn:pulumi:prod::aws-workloads::aws:kms/key:Key::key", properties: { policy } });
                return diagnostics.filter((d) => d.policy === "no-wildcard-action").map((d) => d.level);
            };
            assert.deepStrictEqual(await keyTo("123456789012"), []);
            assert.deepStrictEqual(await keyTo("210987654321"), ["mandatory"]);
        } finally {
            await pack.close();
        }
    });
});
