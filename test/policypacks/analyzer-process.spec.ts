/**
 * The pack started as the Pulumi CLI starts it (`@pulumi/pulumi/cmd/run-policy-pack` in the pack's
 * folder, the stack's config in PULUMI_CONFIG, its name in PULUMI_NODEJS_STACK/PULUMI_STACK, the
 * CLI's environment inherited), asked over gRPC which level each policy has: the environment
 * rule works where it matters, in the analyzer process, not only in-process.
 */
import * as assert from "assert";
import { spawn } from "child_process";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const grpc = require("@grpc/grpc-js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

const packDir = path.resolve(__dirname, "../../policypacks/least-privilege");

/** Policy name -> level, as the started pack reports them (GetAnalyzerInfo). */
async function levelsOfStartedPack(env: Record<string, string>): Promise<Record<string, string>> {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PULUMI_|LEAST_PRIVILEGE_)/.test(k)));
    const child = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:0", "."], { cwd: packDir, env: { ...inherited, ...env } });
    try {
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        const port = await new Promise<string>((resolve, reject) => {
            child.stdout.on("data", (d) => resolve(String(d).trim()));
            child.on("exit", (code) => reject(new Error(`the pack exited with ${code}: ${stderr}`)));
        });
        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        const info = await new Promise<{ getPoliciesList(): { getName(): string; getEnforcementlevel(): number }[] }>((resolve, reject) =>
            client.getAnalyzerInfo(new Empty(), (e: Error | null, r: never) => (e ? reject(e) : resolve(r))));
        client.close();
        const names = ["advisory", "mandatory", "disabled", "remediate"];
        return Object.fromEntries(info.getPoliciesList().map((p) => [p.getName(), names[p.getEnforcementlevel()]]));
    } finally {
        child.kill();
    }
}

const stack = (name: string, environment: string, extra: Record<string, string> = {}) =>
    ({ PULUMI_CONFIG: JSON.stringify({ "aws-workloads:environment": environment }), PULUMI_NODEJS_STACK: name, PULUMI_STACK: name, ...extra });

describe("least-privilege pack started as the CLI starts it: which stacks are production", function () {
    this.timeout(300000);

    it("dev is advisory; prod named with dev config, and dev with a replaced list, are mandatory; aws-rejects always", async () => {
        const [dev, mismatched, replaced] = await Promise.all([
            levelsOfStartedPack(stack("dev", "dev")),
            levelsOfStartedPack(stack("prod", "dev")),
            levelsOfStartedPack(stack("acme/aws-workloads/dev", "dev", { LEAST_PRIVILEGE_NON_PRODUCTION_ENVIRONMENTS: "qa", LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS: "live" })),
        ]);
        const pick = (levels: Record<string, string>) => ["no-wildcard-resource", "environment-consistent", "arn-format", "known-actions"].map((p) => `${p}=${levels[p]}`);
        assert.deepStrictEqual(pick(dev), ["no-wildcard-resource=advisory", "environment-consistent=advisory", "arn-format=mandatory", "known-actions=advisory"]);
        assert.deepStrictEqual(pick(mismatched), ["no-wildcard-resource=mandatory", "environment-consistent=mandatory", "arn-format=mandatory", "known-actions=advisory"]);
        assert.deepStrictEqual(pick(replaced), ["no-wildcard-resource=mandatory", "environment-consistent=mandatory", "arn-format=mandatory", "known-actions=advisory"]);
    });
});
