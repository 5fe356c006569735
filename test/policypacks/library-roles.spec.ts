/**
 * Roles that widely used Pulumi libraries create for you must pass the aws-rejects class in
 * every environment (IAM accepts them: programs on these libraries deploy): the default role of
 * `aws.lambda.CallbackFunction`, rendered through the SDK's mocks, and the trust policy awsx
 * writes for its default ECS task role (`test/fixtures/library-roles`, as awsx renders it, with
 * `"Sid": ""`).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PackPolicy, buildPolicies } from "../../policypacks/least-privilege/registry";
import { recordedResources, resetRecording } from "../../stacks/offline/mocks";
import { TestResource, Violation, runPack } from "./support";

const settled = () => (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
const awsRejects = (pack: readonly PackPolicy[], violations: readonly Violation[]) => {
    const rejecting = new Set(pack.filter((p) => p.tags?.includes("aws-rejects")).map((p) => p.name));
    return violations.filter((v) => rejecting.has(v.policy)).map((v) => `${v.policy}: ${v.message}`);
};

describe("least-privilege pack: the roles Pulumi libraries create pass the aws-rejects class", function () {
    this.timeout(120000);

    it("aws.lambda.CallbackFunction's default role, its \"Sid\": \"\" trust policy and its managed-policy attachments", async () => {
        resetRecording();
        new aws.lambda.CallbackFunction("callback", { callback: async () => "ok" });
        await settled();
        const resources: TestResource[] = recordedResources().map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs }));
        const role = resources.find((r) => r.type === "aws:iam/role:Role");
        assert.ok(role, `a role is created (got ${resources.map((r) => r.type).join(", ")})`);
        assert.deepStrictEqual(JSON.parse(String(role.props.assumeRolePolicy)).Statement.map((s: { Sid: string }) => s.Sid), [""], "the rendered trust policy carries an empty Sid");
        const attached = resources.filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((r) => String(r.props.policyArn));
        assert.ok(attached.some((arn) => arn.endsWith("/AWSLambda_FullAccess")), attached.join(", "));
        for (const environment of ["prod", "dev"]) {
            const pack = buildPolicies({ environment });
            assert.deepStrictEqual(awsRejects(pack, await runPack(pack, resources)), [], environment);
        }
    });

    it("awsx's default ECS task role trust policy (\"Sid\": \"\")", async () => {
        const trust = fs.readFileSync(path.join(__dirname, "../fixtures/library-roles/awsx-ecs-task-role-trust.json"), "utf8");
        const pack = buildPolicies({ environment: "prod" });
        const role: TestResource = { type: "aws:iam/role:Role", name: "service-task", props: { assumeRolePolicy: trust } };
        assert.deepStrictEqual(awsRejects(pack, await runPack(pack, [role])), []);
        // Its neighbour IAM refuses: a Sid with a character outside [0-9A-Za-z].
        const refused = trust.replace('"Sid": ""', '"Sid": "task-role"');
        assert.deepStrictEqual(awsRejects(pack, await runPack(pack, [{ ...role, props: { assumeRolePolicy: refused } }])).map((m) => m.split("\n")[1]), [
            'service-task › assumeRolePolicy › statement task-role: Sid "task-role" has characters IAM does not accept (only A-Z, a-z and 0-9)',
        ]);
    });
});
