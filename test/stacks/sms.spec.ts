import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { smsSendActions } from "../../components/sms-sender";
import { recordedResources } from "../../stacks/offline/mocks";
import { StackRun } from "../../stacks/offline/run-stack";
import { mismatches } from "../support/simulate";
import { ofType, one, runWith, sectionOf } from "../support/stacks";

const key = "aws-workloads:sms";
const mine = (run: StackRun, type: string) => ofType(run, type).filter((r) => r.name.startsWith("aws-eum-x-"));
const policyOf = (run: StackRun) => JSON.parse(one(run, "aws:iam/policy:Policy", (r) => r.inputs.name === "AWSEUMXMinimalPolicy").inputs.policy);
const settled = () => (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();

interface SmsSection { regions: string[]; phoneNumberIds?: string[]; senderIds?: string[]; trustedServices?: string[]; budget?: { limitUsd: number; emails: string[] } }
const configured = (stack: string) => sectionOf(stack, key) as unknown as SmsSection;

describe("stacks: AWS EUM X SMS sender (seed 004)", () => {
    it("dev: the user aws-eum-x-sender with an access key and the seed's minimal policy on any origination identity", async () => {
        const run = await runWith("dev");
        assert.deepEqual(mine(run, "aws:iam/user:User").map((r) => r.inputs.name), ["aws-eum-x-sender"]);
        assert.equal(mine(run, "aws:iam/accessKey:AccessKey").length, 1);
        const document = policyOf(run);
        assert.deepEqual(document.Statement.map((s: any) => s.Resource), ["*"]);
        assert.deepEqual(document.Statement[0].Condition, { StringEquals: { "aws:RequestedRegion": configured("dev").regions } });
        assert.equal(one(run, "aws:iam/userPolicyAttachment:UserPolicyAttachment", (r) => r.name.startsWith("aws-eum-x-")).inputs.user, "aws-eum-x-sender");
    });

    for (const stack of ["staging", "prod"]) {
        it(`${stack}: sending only from the configured phone numbers and sender IDs, in each configured region; Describe on * in those regions`, async () => {
            const run = await runWith(stack);
            const { regions, phoneNumberIds = [], senderIds = [] } = configured(stack);
            assert.ok(phoneNumberIds.length + senderIds.length > 0, `${stack} configures origination identities`);
            const [send, describe] = policyOf(run).Statement;
            assert.deepEqual(send.Action, [...smsSendActions]);
            assert.deepEqual([...send.Resource].sort(), regions.flatMap((region) => [
                ...phoneNumberIds.map((id) => `arn:aws:sms-voice:${region}:123456789012:phone-number/${id}`),
                ...senderIds.map((s) => `arn:aws:sms-voice:${region}:123456789012:sender-id/${s}`),
            ]).sort());
            assert.equal(describe.Resource, "*");
            for (const s of [send, describe]) assert.deepEqual(s.Condition, { StringEquals: { "aws:RequestedRegion": regions } });
        });
    }

    it("prod: a role for the configured services, no user and no access key, tagged, with a billing alert", async () => {
        const run = await runWith("prod");
        const { trustedServices = [], budget } = configured("prod");
        assert.deepEqual([...mine(run, "aws:iam/user:User"), ...mine(run, "aws:iam/accessKey:AccessKey")], []);
        const role = one(run, "aws:iam/role:Role", (r) => r.name.startsWith("aws-eum-x-"));
        assert.equal(role.inputs.name, "aws-eum-x-sender-prod");
        const trusted = JSON.parse(role.inputs.assumeRolePolicy).Statement.flatMap((s: any) => [s.Principal.Service].flat());
        assert.deepEqual(trusted.sort(), [...trustedServices].sort());
        assert.equal(one(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", (r) => r.name.startsWith("aws-eum-x-")).inputs.role, "aws-eum-x-sender-prod");
        for (const r of [role, one(run, "aws:iam/policy:Policy", (p) => p.inputs.name === "AWSEUMXMinimalPolicy")]) {
            assert.deepEqual([r.inputs.tags.Application, r.inputs.tags.Environment], ["AWS-EUM-X", "prod"]);
        }
        const alert = one(run, "aws:budgets/budget:Budget", (r) => r.name.startsWith("aws-eum-x-"));
        assert.deepEqual([alert.inputs.limitAmount, alert.inputs.timeUnit, alert.inputs.notifications[0].subscriberEmailAddresses], [String(budget!.limitUsd), "MONTHLY", budget!.emails]);
    });

    it("prod: the rendered policy sends from its number in each region and refuses another number, another region and voice", async () => {
        const run = await runWith("prod");
        const { regions, phoneNumberIds = [] } = configured("prod");
        const principal = { arn: "arn:aws:iam::123456789012:role/aws-eum-x-sender-prod", policies: [policyOf(run)] };
        const send = (id: string, region: string) => ({ action: "sms-voice:SendTextMessage", resource: `arn:aws:sms-voice:${region}:123456789012:phone-number/${id}`, context: { "aws:RequestedRegion": region } });
        assert.deepEqual(await mismatches(principal, "Allowed", regions.map((r) => send(phoneNumberIds[0], r))), []);
        assert.deepEqual(await mismatches(principal, "Denied", [
            send("phone-number-ffffffffffffffffffffffffffffffff", regions[0]),
            send(phoneNumberIds[0], "ap-southeast-2"),
            { action: "sms-voice:SendVoiceMessage", context: { "aws:RequestedRegion": regions[0] } },
        ]), []);
    });

    it("the user with an access key when config asks for it in place of the role (staging; prod refuses it)", async () => {
        const run = await runWith("staging", { [key]: { ...configured("staging"), principal: "user", createAccessKey: true, trustedServices: undefined } });
        assert.deepEqual(mine(run, "aws:iam/user:User").map((r) => r.inputs.name), ["aws-eum-x-sender"]);
        assert.equal(mine(run, "aws:iam/accessKey:AccessKey").length, 1);
        assert.deepEqual(mine(run, "aws:iam/role:Role"), []);
    });

    describe("invalid config fails before any resource, naming the key, the value and the expectation", () => {
        const cases: [string, Record<string, unknown>, RegExp][] = [
            ["an empty region list", { regions: [] }, /aws-workloads:sms\.regions: \[\] must list at least one value/],
            ["an unknown region", { regions: ["us-east-1", "eu-west-9"] }, /aws-workloads:sms\.regions\[1\]: "eu-west-9" is not an AWS region/],
            ["a malformed phone-number ID", { phoneNumberIds: ["phone-number-123"] }, /aws-workloads:sms\.phoneNumberIds\[0\]: "phone-number-123" is not a phone-number ID \(phone-number- followed by 32 lowercase hex digits\)/],
            ["a phone-number ARN", { phoneNumberIds: ["arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-number-0123456789abcdef0123456789abcdef"] }, /aws-workloads:sms\.phoneNumberIds\[0\]: "arn:aws:sms-voice.*is an ARN; give the phone-number ID/],
            ["a sender ID without its country", { senderIds: ["EUMX"] }, /aws-workloads:sms\.senderIds\[0\]: "EUMX" is not <SenderId>\/<IsoCountryCode>/],
            ["an unknown principal", { principal: "group" }, /aws-workloads:sms\.principal: "group" must be one of: user, role/],
            ["a service outside EC2, ECS and EKS", { principal: "role", trustedServices: ["lambda.amazonaws.com"] }, /aws-workloads:sms\.trustedServices\[0\]: "lambda\.amazonaws\.com" is not one of ec2\.amazonaws\.com, ecs-tasks\.amazonaws\.com, pods\.eks\.amazonaws\.com/],
            ["a budget without an email", { budget: { limitUsd: 10, emails: [] } }, /aws-workloads:sms\.budget\.emails: \[\] must list at least one value/],
            ["a malformed source CIDR", { sourceIps: ["203.0.113.0/33"] }, /aws-workloads:sms\.sourceIps\[0\]: "203\.0\.113\.0\/33" is not a CIDR range/],
            ["a malformed VPC endpoint", { sourceVpcEndpoints: ["vpc-0123"] }, /aws-workloads:sms\.sourceVpcEndpoints\[0\]: "vpc-0123" is not a VPC endpoint ID/],
            ["both an IP and a VPC endpoint restriction", { sourceIps: ["203.0.113.0/24"], sourceVpcEndpoints: ["vpce-0123456789abcdef0"] }, /aws-workloads:sms\.sourceVpcEndpoints: \["vpce-0123456789abcdef0"\] cannot be combined with sourceIps/],
            ["a misspelled key", { region: "us-east-1" }, /aws-workloads:sms\.region: "us-east-1" is not a known setting; expected one of: enabled, regions/],
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
