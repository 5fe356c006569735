import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { claude3HaikuModelId } from "../../components/bedrock-model-access";
import { recordedResources } from "../../stacks/offline/mocks";
import { StackRun } from "../../stacks/offline/run-stack";
import { seedJson } from "../support/seeds";
import { mismatches } from "../support/simulate";
import { ofType, one, runWith, sectionOf } from "../support/stacks";

const key = "aws-workloads:bedrock";
const settled = () => (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
const mine = (run: StackRun, type: string) => ofType(run, type).filter((r) => r.name.startsWith("wealth-management-bedrock-"));
const [recommended] = seedJson("001_", "RECOMMENDED POLICY FOR YOUR PROJECT");
/** A seed option's statement with the recommended policy's region condition: what each stack renders. */
const withRegionCondition = (heading: string) => {
    const [option] = seedJson("001_", heading);
    return { ...option, Statement: [{ ...option.Statement[0], Condition: recommended.Statement[0].Condition }] };
};
const haiku = "arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
const sonnet = "arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0";

describe("stacks: Bedrock model access (seed 001)", () => {
    it("dev: the inline policy BedrockClaudeHaikuAccess on wealth-management-app-user, every Claude model, us-east-2 only, with an access key", async () => {
        const run = await runWith("dev");
        const inline = one(run, "aws:iam/userPolicy:UserPolicy", (r) => r.inputs.name === "BedrockClaudeHaikuAccess");
        assert.equal(inline.inputs.user, "wealth-management-app-user");
        assert.deepEqual(JSON.parse(inline.inputs.policy), withRegionCondition("Option 3: Allow All Claude Models (Less Restrictive)"));
        assert.equal(mine(run, "aws:iam/accessKey:AccessKey").length, 1);
        // `aws iam list-user-policies` / `list-attached-user-policies`: one inline policy, nothing attached; a
        // user for this one service (the seed's "separate IAM users for different services").
        const onUser = (type: string) => ofType(run, type).filter((r) => r.inputs.user === "wealth-management-app-user");
        assert.deepEqual(onUser("aws:iam/userPolicy:UserPolicy").map((r) => r.inputs.name), ["BedrockClaudeHaikuAccess"]);
        assert.deepEqual(onUser("aws:iam/userPolicyAttachment:UserPolicyAttachment"), []);
        assert.ok(JSON.parse(inline.inputs.policy).Statement.every((st: any) => st.Action.every((a: string) => a.startsWith("bedrock:"))));
        assert.equal((run.outputs.bedrock as any).policyJson, inline.inputs.policy);
    });

    it("staging: the recommended policy as the managed policy BedrockClaudeHaikuInvokePolicy, attached to the service role", async () => {
        const run = await runWith("staging");
        const managed = one(run, "aws:iam/policy:Policy", (r) => r.inputs.name === "BedrockClaudeHaikuInvokePolicy");
        assert.deepEqual(JSON.parse(managed.inputs.policy), recommended);
        assert.equal(managed.inputs.description, "Allow invoking Claude 3 Haiku model in us-east-2");
        const attach = one(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", (r) => r.name.startsWith("wealth-management-bedrock-"));
        assert.deepEqual([attach.inputs.role, attach.inputs.policyArn], ["wealth-management-bedrock-staging", "arn:aws:iam::123456789012:policy/BedrockClaudeHaikuInvokePolicy"]);
        assert.deepEqual(mine(run, "aws:iam/user:User"), []);
    });

    it("prod: Option 1 with the region condition, inline on a role, no user and no key, a budget alert", async () => {
        const run = await runWith("prod");
        assert.ok(["exact", "family"].includes(String(sectionOf("prod", key).scope)), "prod's Bedrock scope is exact or family");
        const inline = one(run, "aws:iam/rolePolicy:RolePolicy", (r) => r.inputs.name === "BedrockClaudeHaikuAccess");
        assert.equal(inline.inputs.role, "wealth-management-bedrock-prod");
        assert.deepEqual(JSON.parse(inline.inputs.policy), withRegionCondition("Option 1: Minimal Policy (Most Secure)"));
        assert.deepEqual([...mine(run, "aws:iam/user:User"), ...mine(run, "aws:iam/accessKey:AccessKey")], []);
        const budget = one(run, "aws:budgets/budget:Budget", (r) => r.name.startsWith("wealth-management-bedrock-"));
        const configured = sectionOf("prod", key).budget as { emails: string[] };
        assert.deepEqual(budget.inputs.notifications.map((n: any) => n.subscriberEmailAddresses), [configured.emails, configured.emails]);

        const principal = { arn: "arn:aws:iam::123456789012:role/wealth-management-bedrock-prod", policies: [inline.inputs.policy] };
        assert.deepEqual(await mismatches(principal, "Allowed", [{ action: "bedrock:InvokeModel", resource: haiku, context: { "aws:RequestedRegion": "us-east-2" } }]), []);
        assert.deepEqual(await mismatches(principal, "Denied", [
            { action: "bedrock:InvokeModel", resource: sonnet, context: { "aws:RequestedRegion": "us-east-2" } },
            { action: "bedrock:InvokeModel", resource: haiku, context: { "aws:RequestedRegion": "us-west-2" } },
            { action: "bedrock:InvokeModelWithResponseStream", resource: haiku, context: { "aws:RequestedRegion": "us-east-2" } },
            { action: "bedrock:ListFoundationModels", context: { "aws:RequestedRegion": "us-east-2" } },
        ]), []);
    });

    it("the seed's Method 2 for the user: BedrockClaudeHaikuInvokePolicy attached to wealth-management-app-user", async () => {
        const run = await runWith("dev", { [key]: { ...sectionOf("dev", key), scope: "family", policyType: "managed" } });
        const attach = one(run, "aws:iam/userPolicyAttachment:UserPolicyAttachment", (r) => r.name.startsWith("wealth-management-bedrock-"));
        assert.deepEqual([attach.inputs.user, attach.inputs.policyArn], ["wealth-management-app-user", "arn:aws:iam::123456789012:policy/BedrockClaudeHaikuInvokePolicy"]);
        assert.deepEqual(mine(run, "aws:iam/userPolicy:UserPolicy"), []);
    });

    it("renders Option 4 even in prod when config asks: refusing it is the policy pack's job", async () => {
        const run = await runWith("prod", { [key]: { ...sectionOf("prod", key), scope: "all", modelId: undefined } });
        const inline = one(run, "aws:iam/rolePolicy:RolePolicy", (r) => r.inputs.name === "BedrockClaudeHaikuAccess");
        assert.deepEqual(JSON.parse(inline.inputs.policy), withRegionCondition("Option 4: Allow All Bedrock Models (NOT Recommended)"));
    });

    it("renders the seed's bare options when the region condition is turned off, with streaming when enabled", async () => {
        const run = await runWith("staging", { [key]: { ...sectionOf("staging", key), regionCondition: false, streaming: true } });
        const [option2] = seedJson("001_", "Option 2: Allow All Claude 3 Haiku Versions");
        const rendered = JSON.parse(one(run, "aws:iam/policy:Policy", (r) => r.inputs.name === "BedrockClaudeHaikuInvokePolicy").inputs.policy);
        assert.deepEqual(rendered, { ...option2, Statement: [{ ...option2.Statement[0], Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] }] });
    });

    describe("invalid config fails before any resource, naming the key, the value and the expectation", () => {
        const cases: [string, Record<string, unknown>, RegExp][] = [
            ["an unknown option", { scope: "everything" }, /aws-workloads:bedrock\.scope: "everything" must be one of: exact, family, claude, all/],
            ["a model for a scope that ignores it", { scope: "family", modelId: claude3HaikuModelId }, /aws-workloads:bedrock\.modelId: "anthropic\.claude-3-haiku-20240307-v1:0" applies only to scope "exact"/],
            ["a wildcard model", { scope: "exact", modelId: "anthropic.claude-*" }, /aws-workloads:bedrock\.modelId: "anthropic\.claude-\*" is not a Bedrock model ID/],
            ["an unknown region", { region: "us-east-9" }, /aws-workloads:bedrock\.region: "us-east-9" is not an AWS region/],
            ["an unknown policy type", { policyType: "group" }, /aws-workloads:bedrock\.policyType: "group" must be one of: inline, managed/],
            ["a misspelled key", { scopes: "family" }, /aws-workloads:bedrock\.scopes: "family" is not a known setting/],
            ["a budget without a limit", { budget: { emails: ["a@example.com"] } }, /aws-workloads:bedrock\.budget\.limitUsd: is missing; it is required/],
            ["a budget with a bad email", { budget: { limitUsd: 10, emails: ["alerts"] } }, /aws-workloads:bedrock\.budget\.emails\[0\]: "alerts" is not an email address/],
        ];
        for (const [what, section, message] of cases) {
            it(what, async () => {
                await assert.rejects(runWith("prod", { [key]: section }), message);
                await settled();
                assert.deepEqual(recordedResources(), []);
            });
        }
    });
});
