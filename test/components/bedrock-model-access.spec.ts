import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    BedrockModelAccess, BedrockScope, bedrockInvokePolicy, bedrockScopes, claude3HaikuModelId, invokeModelWithResponseStream,
} from "../../components/bedrock-model-access";
import { Arns, scopeFor } from "../../components/iam/arn";
import { render } from "../../components/iam/document";
import { recordedResources, resetRecording } from "../../stacks/offline/mocks";
import { unknownActions } from "../support/aws-schema";
import { normalize, seedJson, seedText } from "../support/seeds";
import { AccessRequest, mismatches } from "../support/simulate";

/** Waits until every resource the component started has been registered with the mocks. */
const settled = () => (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();

const arns = new Arns(scopeFor("123456789012", "us-east-2"));
const seedOptions: [BedrockScope, string][] = [
    ["exact", "Option 1: Minimal Policy (Most Secure)"],
    ["family", "Option 2: Allow All Claude 3 Haiku Versions"],
    ["claude", "Option 3: Allow All Claude Models (Less Restrictive)"],
    ["all", "Option 4: Allow All Bedrock Models (NOT Recommended)"],
];

/** The actions seed 001 lists under "NOT NEEDED", read from its commented JSON block. */
function seedNotNeededActions(): string[] {
    const text = seedText("001_");
    const block = /\/\/ NOT NEEDED[\s\S]*?```/.exec(text)?.[0];
    assert.ok(block, "seed 001 has a NOT NEEDED block");
    return [...block.matchAll(/"(bedrock:[A-Za-z]+)"/g)].map((m) => m[1]);
}

const model = (id: string, region = "us-east-2") => `arn:aws:bedrock:${region}::foundation-model/${id}`;
const haiku = model(claude3HaikuModelId);
const inRegion = (region: string) => ({ "aws:RequestedRegion": region });
const user = "arn:aws:iam::123456789012:user/wealth-management-app-user";

describe("seed 001: Bedrock policies", () => {
    for (const [scope, heading] of seedOptions) {
        it(`renders the seed's ${heading.split(":")[0]} verbatim for scope "${scope}" without the region condition`, () => {
            const [seed] = seedJson("001_", heading);
            assert.deepEqual(JSON.parse(render(bedrockInvokePolicy(arns, { scope, regionCondition: false }))), seed);
        });
    }

    it("renders the seed's RECOMMENDED POLICY by default: Option 2 plus the aws:RequestedRegion condition", () => {
        const [recommended] = seedJson("001_", "RECOMMENDED POLICY FOR YOUR PROJECT");
        assert.deepEqual(JSON.parse(render(bedrockInvokePolicy(arns, { scope: "family" }))), recommended);
    });

    it("adds the same region condition to every option by default, and only that", () => {
        const [recommended] = seedJson("001_", "RECOMMENDED POLICY FOR YOUR PROJECT");
        for (const [scope, heading] of seedOptions) {
            const [seed] = seedJson("001_", heading);
            const rendered = bedrockInvokePolicy(arns, { scope });
            assert.deepEqual(rendered.Statement[0].Condition, recommended.Statement[0].Condition, scope);
            assert.deepEqual({ ...rendered.Statement[0], Condition: undefined }, { ...seed.Statement[0], Condition: undefined }, scope);
        }
    });

    it("grants none of the seed's NOT NEEDED actions, and only the streaming one when streaming is on", () => {
        const notNeeded = seedNotNeededActions();
        assert.ok(notNeeded.includes(invokeModelWithResponseStream) && notNeeded.length === 8, `read ${notNeeded.join(", ")}`);
        for (const scope of bedrockScopes) {
            assert.deepEqual(bedrockInvokePolicy(arns, { scope }).Statement[0].Action.filter((a) => notNeeded.includes(a)), []);
            assert.deepEqual(bedrockInvokePolicy(arns, { scope, streaming: true }).Statement[0].Action.filter((a) => notNeeded.includes(a)), [invokeModelWithResponseStream]);
        }
    });

    it("puts the configured region in the ARN and the condition", () => {
        const ohio = JSON.parse(render(bedrockInvokePolicy(arns.in("eu-central-1"), { scope: "exact" })));
        assert.deepEqual(ohio.Statement[0].Resource, [model(claude3HaikuModelId, "eu-central-1")]);
        assert.deepEqual(ohio.Statement[0].Condition, { StringEquals: { "aws:RequestedRegion": "eu-central-1" } });
    });

    it("the seed's COST CONTROL policy grants exactly Option 2: IAM has no budget condition, the budget is separate", () => {
        const [costControl] = seedJson("001_", "COST CONTROL (Optional)");
        const [option2] = seedJson("001_", "Option 2: Allow All Claude 3 Haiku Versions");
        assert.equal(costControl.Statement[0].Sid, "AllowClaudeHaikuWithLimit");
        assert.deepEqual({ ...normalize(costControl).Statement[0], Sid: undefined }, { ...normalize(option2).Statement[0], Sid: undefined });
    });

    it("uses only actions the Service Authorization Reference knows", async () => {
        for (const scope of bedrockScopes) {
            assert.deepEqual(await unknownActions(bedrockInvokePolicy(arns, { scope, streaming: true })), []);
        }
    });
});

describe("seed 001 VERIFY PERMISSIONS, offline: what the app's identity may invoke", () => {
    const principal = (options: Parameters<typeof bedrockInvokePolicy>[1]) => ({ arn: user, policies: [render(bedrockInvokePolicy(arns, options))] });
    const invoke = (resource: string, region = "us-east-2"): AccessRequest => ({ action: "bedrock:InvokeModel", resource, context: inRegion(region) });

    it("may invoke Claude 3 Haiku in us-east-2 (the seed's invoke-model test) with the exact and family options", async () => {
        for (const scope of ["exact", "family"] as const) {
            assert.deepEqual(await mismatches(principal({ scope }), "Allowed", [invoke(haiku)]), [], scope);
        }
        assert.deepEqual(await mismatches(principal({ scope: "family" }), "Allowed", [invoke(model("anthropic.claude-3-haiku-20250101-v2:0"))]), []);
    });

    it("may not invoke another model, from another region, stream, list or read models", async () => {
        for (const scope of ["exact", "family"] as const) {
            assert.deepEqual(await mismatches(principal({ scope }), "Denied", [
                invoke(model("anthropic.claude-3-sonnet-20240229-v1:0")),
                invoke(model("anthropic.claude-3-opus-20240229-v1:0")),
                invoke(model("meta.llama3-70b-instruct-v1:0")),
                invoke(model(claude3HaikuModelId, "us-west-2"), "us-west-2"),
                invoke(haiku, "us-west-2"),
                { action: "bedrock:InvokeModelWithResponseStream", resource: haiku, context: inRegion("us-east-2") },
                { action: "bedrock:ListFoundationModels", context: inRegion("us-east-2") },
                { action: "bedrock:GetFoundationModel", resource: haiku, context: inRegion("us-east-2") },
            ]), [], scope);
        }
        assert.deepEqual(await mismatches(principal({ scope: "exact" }), "Denied", [invoke(model("anthropic.claude-3-haiku-20250101-v2:0"))]), []);
    });

    it("streams only when streaming is configured", async () => {
        const stream: AccessRequest = { action: "bedrock:InvokeModelWithResponseStream", resource: haiku, context: inRegion("us-east-2") };
        assert.deepEqual(await mismatches(principal({ scope: "family", streaming: true }), "Allowed", [stream, invoke(haiku)]), []);
    });

    it("widens as the seed says for Options 3 and 4, and the component does not hide Option 4", async () => {
        const sonnet = invoke(model("anthropic.claude-3-sonnet-20240229-v1:0"));
        const llama = invoke(model("meta.llama3-70b-instruct-v1:0"));
        assert.deepEqual(await mismatches(principal({ scope: "claude" }), "Allowed", [invoke(haiku), sonnet]), []);
        assert.deepEqual(await mismatches(principal({ scope: "claude" }), "Denied", [llama]), []);
        assert.deepEqual(await mismatches(principal({ scope: "all" }), "Allowed", [invoke(haiku), sonnet, llama]), []);
        assert.deepEqual(await mismatches(principal({ scope: "all" }), "Denied", [invoke(haiku, "us-west-2")]), []);
    });

    it("relies on the condition, not only the ARN, to refuse a request sent to another region", async () => {
        const crossRegion = invoke(haiku, "eu-west-1");
        assert.deepEqual(await mismatches(principal({ scope: "family" }), "Denied", [crossRegion]), []);
        assert.deepEqual(await mismatches(principal({ scope: "family", regionCondition: false }), "Allowed", [crossRegion]), []);
    });
});

describe("BedrockModelAccess component", () => {
    const build = async (args: Partial<ConstructorParameters<typeof BedrockModelAccess>[1]>) => {
        resetRecording();
        const access = new BedrockModelAccess("bedrock-test", { environment: "dev", arns: arns.in("us-east-1"), ...args });
        await settled();
        return { access, resources: [...recordedResources()] };
    };

    it("puts the inline policy BedrockClaudeHaikuAccess on wealth-management-app-user by default (seed Method 1)", async () => {
        const { access, resources } = await build({});
        const user = resources.find((r) => r.type === "aws:iam/user:User");
        const inline = resources.find((r) => r.type === "aws:iam/userPolicy:UserPolicy");
        assert.equal(user?.inputs.name, "wealth-management-app-user");
        assert.deepEqual([inline?.inputs.user, inline?.inputs.name], ["wealth-management-app-user", "BedrockClaudeHaikuAccess"]);
        const [recommended] = seedJson("001_", "RECOMMENDED POLICY FOR YOUR PROJECT");
        assert.deepEqual(JSON.parse(inline?.inputs.policy), recommended);
        assert.equal(access.modelArn, recommended.Statement[0].Resource[0]);
        assert.ok(!resources.some((r) => ["aws:iam/policy:Policy", "aws:iam/accessKey:AccessKey", "aws:budgets/budget:Budget"].includes(r.type)));
    });

    it("creates and attaches the managed policy BedrockClaudeHaikuInvokePolicy to the user (seed Method 2)", async () => {
        const { resources } = await build({ policyType: "managed" });
        const managed = resources.find((r) => r.type === "aws:iam/policy:Policy");
        const attachment = resources.find((r) => r.type === "aws:iam/userPolicyAttachment:UserPolicyAttachment");
        assert.equal(managed?.inputs.name, "BedrockClaudeHaikuInvokePolicy");
        assert.equal(managed?.inputs.description, "Allow invoking Claude 3 Haiku model in us-east-2");
        assert.deepEqual([attachment?.inputs.user, attachment?.inputs.policyArn], ["wealth-management-app-user", "arn:aws:iam::123456789012:policy/BedrockClaudeHaikuInvokePolicy"]);
        assert.ok(!resources.some((r) => r.type === "aws:iam/userPolicy:UserPolicy"));
    });

    it("uses a service role instead of the user when asked: no user, no key, the policy on the role", async () => {
        const { resources } = await build({ principal: "role", trustedServices: ["ecs-tasks.amazonaws.com"], createAccessKey: true });
        const role = resources.find((r) => r.type === "aws:iam/role:Role");
        assert.equal(role?.inputs.name, "wealth-management-bedrock-dev");
        assert.deepEqual(JSON.parse(role?.inputs.assumeRolePolicy).Statement.map((s: any) => s.Principal.Service), ["ecs-tasks.amazonaws.com"]);
        assert.equal(resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy")?.inputs.role, "wealth-management-bedrock-dev");
        assert.ok(!resources.some((r) => ["aws:iam/user:User", "aws:iam/accessKey:AccessKey", "aws:iam/instanceProfile:InstanceProfile"].includes(r.type)));
    });

    it("returns the access key's secret as a Pulumi secret", async () => {
        const { access } = await build({ createAccessKey: true });
        assert.ok(access.secretAccessKey);
        assert.equal(await (access.secretAccessKey as any).isSecret, true);
    });

    it("adds a monthly budget with email alerts when configured, tagged like the identity", async () => {
        const { resources } = await build({ budget: { limitUsd: 25, emails: ["bedrock-alerts@example.com"] } });
        const budget = resources.find((r) => r.type === "aws:budgets/budget:Budget");
        assert.equal(budget?.inputs.name, "wealth-management-bedrock-dev");
        assert.deepEqual([budget?.inputs.budgetType, budget?.inputs.limitAmount, budget?.inputs.limitUnit, budget?.inputs.timeUnit], ["COST", "25", "USD", "MONTHLY"]);
        assert.deepEqual(budget?.inputs.notifications.map((n: any) => [n.notificationType, n.threshold, n.subscriberEmailAddresses]), [
            ["ACTUAL", 80, ["bedrock-alerts@example.com"]], ["FORECASTED", 100, ["bedrock-alerts@example.com"]],
        ]);
        assert.deepEqual(budget?.inputs.tags, resources.find((r) => r.type === "aws:iam/user:User")?.inputs.tags);
    });
});
