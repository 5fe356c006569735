import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Arns, scopeFor } from "../../components/iam/arn";
import { render } from "../../components/iam/document";
import { serviceTrustPolicy } from "../../components/iam/trust";
import { SmsSender, smsSenderPolicy } from "../../components/sms-sender";
import { SenderId, parseSenderId, phoneNumberIdProblem, senderIdProblem } from "../../components/sms/originations";
import { recordedResources, resetRecording } from "../../stacks/offline/mocks";
import { isTaggable, unknownActions } from "../support/aws-schema";
import { normalize, seedText } from "../support/seeds";
import { AccessRequest, mismatches } from "../support/simulate";

/** Waits until every resource the component started has been registered with the mocks. */
const settled = () => (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();

/** Seed 004 describes its minimal policy in prose and JSON fragments; this reads them from the seed. */
const seed = (() => {
    const text = seedText("004_");
    const section = (heading: string) => {
        const start = text.indexOf(`### ${heading}`);
        assert.ok(start >= 0, `seed 004 has a "${heading}" section`);
        const end = text.indexOf("\n#", start + 1);
        return text.slice(start, end < 0 ? undefined : end);
    };
    const fragments = (heading: string) => [...section(heading).matchAll(/```json\s*\n([\s\S]*?)```/g)].map((m) => JSON.parse(`{${m[1]}}`));
    const [phoneNumbers, senderIds] = fragments("Resource Scoping").map((f) => f.Resource as string);
    return {
        actions: [...section("Required Actions").matchAll(/^- `(sms-voice:[A-Za-z]+)`/gm)].map((m) => m[1]),
        defaultResource: /uses `"Resource": "(.*?)"`/.exec(section("Resource Scoping"))![1],
        condition: fragments("Region Restriction")[0].Condition,
        phoneNumbers,
        senderIds,
    };
})();

const accountId = "123456789012";
const arns = new Arns(scopeFor(accountId, "us-east-1"));
const regions: string[] = seed.condition.StringEquals["aws:RequestedRegion"];
const phone = "phone-number-0123456789abcdef0123456789abcdef";
const otherPhone = "phone-number-ffffffffffffffffffffffffffffffff";
const sender: SenderId = { senderId: "EUMX", isoCountryCode: "GB" };
const phoneArn = (id: string, region: string, account = accountId) => `arn:aws:sms-voice:${region}:${account}:phone-number/${id}`;
const senderArn = (s: SenderId, region: string) => `arn:aws:sms-voice:${region}:${accountId}:sender-id/${s.senderId}/${s.isoCountryCode}`;
const withoutSids = (document: any) => ({ ...normalize(document), Statement: normalize(document).Statement.map((s: any) => ({ ...s, Sid: undefined })) });

describe("seed 004: AWSEUMXMinimalPolicy", () => {
    it("reads the seed: three actions, Resource \"*\", the region condition over us-east-1 and eu-west-2", () => {
        assert.deepEqual(seed.actions, ["sms-voice:SendTextMessage", "sms-voice:DescribePhoneNumbers", "sms-voice:DescribeSenderIds"]);
        assert.equal(seed.defaultResource, "*");
        assert.deepEqual(regions, ["us-east-1", "eu-west-2"]);
    });

    it("renders the seed's minimal policy when no origination identity is configured", () => {
        const minimal = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: seed.actions, Resource: seed.defaultResource, Condition: seed.condition }] };
        assert.deepEqual(withoutSids(JSON.parse(render(smsSenderPolicy(arns, { regions })))), withoutSids(minimal));
    });

    it("renders the seed's production scoping with the configured IDs in place of its wildcards, in each region", () => {
        const inRegion = (seedArn: string, region: string, id: string) => seedArn.replace(/:(us-east-1|eu-west-2):/, `:${region}:`).replace(/\/\*$/, `/${id}`);
        const scoped = {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow", Action: seed.actions.filter((a) => a.endsWith("SendTextMessage")), Condition: seed.condition,
                    Resource: regions.flatMap((r) => [inRegion(seed.phoneNumbers, r, phone), inRegion(seed.senderIds, r, `${sender.senderId}/${sender.isoCountryCode}`)]),
                },
                { Effect: "Allow", Action: seed.actions.filter((a) => a.includes(":Describe")), Resource: seed.defaultResource, Condition: seed.condition },
            ],
        };
        const rendered = JSON.parse(render(smsSenderPolicy(arns, { regions, phoneNumberIds: [phone], senderIds: [sender] })));
        assert.deepEqual(withoutSids(rendered), withoutSids(scoped));
    });

    it("uses only actions the Service Authorization Reference knows", async () => {
        assert.deepEqual(await unknownActions(smsSenderPolicy(arns, { regions })), []);
        assert.deepEqual(await unknownActions(smsSenderPolicy(arns, { regions, phoneNumberIds: [phone], senderIds: [sender] })), []);
    });

    it("adds the seed's optional IP or VPC-endpoint restriction to every statement, beside the region condition", () => {
        const byIp = smsSenderPolicy(arns, { regions, phoneNumberIds: [phone], sourceIps: ["203.0.113.0/24"] });
        for (const s of byIp.Statement) assert.deepEqual(s.Condition, { ...seed.condition, IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } });
        const byEndpoint = smsSenderPolicy(arns, { regions, sourceVpcEndpoints: ["vpce-0123456789abcdef0"] });
        for (const s of byEndpoint.Statement) {
            assert.deepEqual(s.Condition, { StringEquals: { ...seed.condition.StringEquals, "aws:SourceVpce": ["vpce-0123456789abcdef0"] } });
        }
        assert.throws(() => smsSenderPolicy(arns, { regions, sourceIps: ["203.0.113.0/24"], sourceVpcEndpoints: ["vpce-0123456789abcdef0"] }), /not both/);
    });

    it("refuses an empty region list and a malformed phone-number ID", () => {
        assert.throws(() => smsSenderPolicy(arns, { regions: [] }), /at least one region/);
        assert.throws(() => smsSenderPolicy(arns, { regions, phoneNumberIds: ["+15555550100"] }), /phone-number ID "\+15555550100" is not a phone-number ID/);
    });
});

describe("seed 004 origination identities", () => {
    it("accepts phone-number IDs only in AWS's form, and says why an ARN is refused", () => {
        assert.equal(phoneNumberIdProblem(phone), undefined);
        for (const bad of ["phone-number-0123", "phone-number-0123456789ABCDEF0123456789ABCDEF", "+15555550100", "pool-0123456789abcdef0123456789abcdef"]) {
            assert.match(phoneNumberIdProblem(bad) ?? "", /is not a phone-number ID/, bad);
        }
        assert.match(phoneNumberIdProblem(phoneArn(phone, "us-east-1")) ?? "", /is an ARN; give the phone-number ID/);
    });

    it("reads sender IDs as <SenderId>/<IsoCountryCode>", () => {
        assert.deepEqual(parseSenderId("EUMX/GB"), sender);
        assert.deepEqual(parseSenderId("AWS-EUM_X1/DE"), { senderId: "AWS-EUM_X1", isoCountryCode: "DE" });
        for (const bad of ["EUMX", "EUMX/gb", "EUMX/GBR", "TWELVECHARSX/GB", "12345/GB", "EU MX/GB", "/GB"]) {
            assert.match(senderIdProblem(bad) ?? "", /is not <SenderId>\/<IsoCountryCode>/, bad);
        }
    });
});

describe("seed 004 Testing Permissions, offline: what the sender may do", () => {
    const principalArn = "arn:aws:iam::123456789012:role/aws-eum-x-sender-prod";
    const prod = { arn: principalArn, policies: [render(smsSenderPolicy(arns, { regions, phoneNumberIds: [phone], senderIds: [sender] }))] };
    const dev = { arn: "arn:aws:iam::123456789012:user/aws-eum-x-sender", policies: [render(smsSenderPolicy(arns, { regions }))] };
    const send = (resource: string, region: string): AccessRequest => ({ action: "sms-voice:SendTextMessage", resource, context: { "aws:RequestedRegion": region } });
    const describe = (action: string, region: string): AccessRequest => ({ action, context: { "aws:RequestedRegion": region } });

    it("prod: sends from the configured number and sender ID, and lists origination identities, in each configured region", async () => {
        assert.deepEqual(await mismatches(prod, "Allowed", regions.flatMap((r) => [
            send(phoneArn(phone, r), r),
            send(senderArn(sender, r), r),
            describe("sms-voice:DescribePhoneNumbers", r),
            describe("sms-voice:DescribeSenderIds", r),
        ])), []);
    });

    it("prod: may not send from another number or sender ID, another account or another region, nor voice, nor release the number", async () => {
        assert.deepEqual(await mismatches(prod, "Denied", [
            send(phoneArn(otherPhone, "us-east-1"), "us-east-1"),
            send(senderArn({ senderId: "OTHER", isoCountryCode: "GB" }, "eu-west-2"), "eu-west-2"),
            send(senderArn({ senderId: "EUMX", isoCountryCode: "FR" }, "eu-west-2"), "eu-west-2"),
            send(phoneArn(phone, "us-east-1", "210987654321"), "us-east-1"),
            send(phoneArn(phone, "us-west-2"), "us-west-2"),
            send(phoneArn(phone, "us-east-1"), "us-west-2"),
            describe("sms-voice:DescribePhoneNumbers", "us-west-2"),
            describe("sms-voice:SendVoiceMessage", "us-east-1"),
            { action: "sms-voice:ReleasePhoneNumber", resource: phoneArn(phone, "us-east-1"), context: { "aws:RequestedRegion": "us-east-1" } },
        ]), []);
    });

    it("dev: sends from any origination identity, only in the configured regions; no voice, no release", async () => {
        assert.deepEqual(await mismatches(dev, "Allowed", [send(phoneArn(otherPhone, "us-east-1"), "us-east-1"), describe("sms-voice:DescribeSenderIds", "eu-west-2")]), []);
        assert.deepEqual(await mismatches(dev, "Denied", [
            send(phoneArn(otherPhone, "us-west-2"), "us-west-2"),
            describe("sms-voice:SendVoiceMessage", "us-east-1"),
            { action: "sms-voice:ReleasePhoneNumber", resource: phoneArn(phone, "us-east-1"), context: { "aws:RequestedRegion": "us-east-1" } },
        ]), []);
    });

    it("from the allowed network or VPC endpoint only, when one is configured", async () => {
        const byIp = { arn: principalArn, policies: [render(smsSenderPolicy(arns, { regions, phoneNumberIds: [phone], sourceIps: ["203.0.113.0/24"] }))] };
        const from = (ip: string): AccessRequest => ({ ...send(phoneArn(phone, "us-east-1"), "us-east-1"), context: { "aws:RequestedRegion": "us-east-1", "aws:SourceIp": ip } });
        assert.deepEqual(await mismatches(byIp, "Allowed", [from("203.0.113.10")]), []);
        assert.deepEqual(await mismatches(byIp, "Denied", [from("198.51.100.10")]), []);
        const byEndpoint = { arn: principalArn, policies: [render(smsSenderPolicy(arns, { regions, sourceVpcEndpoints: ["vpce-0123456789abcdef0"] }))] };
        const through = (vpce: string): AccessRequest => ({ action: "sms-voice:DescribePhoneNumbers", context: { "aws:RequestedRegion": "eu-west-2", "aws:SourceVpce": vpce } });
        assert.deepEqual(await mismatches(byEndpoint, "Allowed", [through("vpce-0123456789abcdef0")]), []);
        assert.deepEqual(await mismatches(byEndpoint, "Denied", [through("vpce-0fedcba9876543210"), describe("sms-voice:DescribePhoneNumbers", "eu-west-2")]), []);
    });

    it("the role's trust lets in EC2 and ECS, and EKS Pod Identity with sts:TagSession, for this account only", async () => {
        const trust = { arn: "arn:aws:iam::123456789012:role/unused", policies: [], resourcePolicy: render(serviceTrustPolicy({
            services: ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com"], accountId,
        })) };
        const assume = (principal: string, action = "sts:AssumeRole", account?: string): AccessRequest =>
            ({ action, principal, resource: principalArn, context: account ? { "aws:SourceAccount": account } : {} });
        assert.deepEqual(await mismatches(trust, "Allowed", [
            assume("ec2.amazonaws.com"),
            assume("ecs-tasks.amazonaws.com", "sts:AssumeRole", accountId),
            assume("pods.eks.amazonaws.com", "sts:AssumeRole", accountId),
            assume("pods.eks.amazonaws.com", "sts:TagSession", accountId),
        ]), []);
        assert.deepEqual(await unknownActions(JSON.parse(trust.resourcePolicy)), []);
        assert.deepEqual(await mismatches(trust, "Denied", [
            assume("pods.eks.amazonaws.com", "sts:AssumeRole", "210987654321"),
            assume("ecs-tasks.amazonaws.com", "sts:TagSession", accountId),
            assume("ec2.amazonaws.com", "sts:TagSession"),
            assume("lambda.amazonaws.com", "sts:AssumeRole", accountId),
        ]), []);
    });
});

describe("SmsSender component", () => {
    const build = async (args: Partial<ConstructorParameters<typeof SmsSender>[1]>) => {
        resetRecording();
        const sender = new SmsSender("sms-test", { environment: "prod", arns, ...args });
        await settled();
        return { sender, resources: [...recordedResources()] };
    };
    const ofType = (resources: readonly any[], type: string) => resources.filter((r) => r.type === type);

    it("creates the user aws-eum-x-sender with AWSEUMXMinimalPolicy attached, no key unless asked", async () => {
        const { resources } = await build({});
        assert.deepEqual(ofType(resources, "aws:iam/user:User").map((r) => r.inputs.name), ["aws-eum-x-sender"]);
        assert.deepEqual(ofType(resources, "aws:iam/policy:Policy").map((r) => r.inputs.name), ["AWSEUMXMinimalPolicy"]);
        const [attach] = ofType(resources, "aws:iam/userPolicyAttachment:UserPolicyAttachment");
        assert.deepEqual([attach.inputs.user, attach.inputs.policyArn], ["aws-eum-x-sender", "arn:aws:iam::123456789012:policy/AWSEUMXMinimalPolicy"]);
        assert.equal(ofType(resources, "aws:iam/accessKey:AccessKey").length, 0);
    });

    it("creates an access key when asked, its secret a Pulumi secret", async () => {
        const { sender, resources } = await build({ createAccessKey: true });
        assert.equal(ofType(resources, "aws:iam/accessKey:AccessKey").length, 1);
        assert.equal(await (sender.secretAccessKey as any).isSecret, true);
    });

    it("uses a role for the configured compute services instead: no user, no key, an instance profile for EC2", async () => {
        const { sender, resources } = await build({ principal: "role", trustedServices: ["ec2.amazonaws.com", "pods.eks.amazonaws.com"], createAccessKey: true });
        assert.deepEqual(ofType(resources, "aws:iam/role:Role").map((r) => r.inputs.name), ["aws-eum-x-sender-prod"]);
        assert.equal(ofType(resources, "aws:iam/user:User").length + ofType(resources, "aws:iam/accessKey:AccessKey").length, 0);
        assert.deepEqual(ofType(resources, "aws:iam/instanceProfile:InstanceProfile").map((r) => r.inputs.role), ["aws-eum-x-sender-prod"]);
        assert.equal(ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")[0].inputs.role, "aws-eum-x-sender-prod");
        const trust = JSON.parse(sender.trustPolicy!);
        assert.deepEqual(trust.Statement.map((s: any) => [s.Principal.Service, s.Action]), [
            ["pods.eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]],
            ["ec2.amazonaws.com", ["sts:AssumeRole"]],
        ]);
    });

    it("refuses a role for services outside EC2, ECS and EKS", async () => {
        await assert.rejects(build({ principal: "role", trustedServices: ["lambda.amazonaws.com"] }), /trusts only ec2.amazonaws.com, ecs-tasks.amazonaws.com, pods.eks.amazonaws.com; not lambda.amazonaws.com/);
    });

    it("tags the identity, the policy and the budget Application=AWS-EUM-X and Environment", async () => {
        const { resources } = await build({ budget: { limitUsd: 100, emails: ["sms-alerts@example.com"] } });
        const tagged = resources.filter((r) => isTaggable(r.type));
        assert.deepEqual(tagged.map((r) => r.type).sort(), ["aws:budgets/budget:Budget", "aws:iam/policy:Policy", "aws:iam/user:User"]);
        for (const r of tagged) assert.deepEqual([r.inputs.tags?.Application, r.inputs.tags?.Environment], ["AWS-EUM-X", "prod"], r.type);
    });

    it("adds a monthly COST budget in USD that emails the configured addresses", async () => {
        const { sender, resources } = await build({ budget: { limitUsd: 100, emails: ["sms-alerts@example.com"], alertAtPercent: 50, services: ["AWS End User Messaging"] } });
        const [budget] = ofType(resources, "aws:budgets/budget:Budget");
        assert.equal(sender.budgetName, "aws-eum-x-sms-prod");
        assert.deepEqual(
            [budget.inputs.name, budget.inputs.accountId, budget.inputs.budgetType, budget.inputs.limitAmount, budget.inputs.limitUnit, budget.inputs.timeUnit],
            ["aws-eum-x-sms-prod", accountId, "COST", "100", "USD", "MONTHLY"],
        );
        assert.deepEqual(budget.inputs.costFilters, [{ name: "Service", values: ["AWS End User Messaging"] }]);
        assert.deepEqual(budget.inputs.notifications.map((n: any) => [n.notificationType, n.comparisonOperator, n.threshold, n.thresholdType, n.subscriberEmailAddresses]), [
            ["ACTUAL", "GREATER_THAN", 50, "PERCENTAGE", ["sms-alerts@example.com"]],
            ["FORECASTED", "GREATER_THAN", 100, "PERCENTAGE", ["sms-alerts@example.com"]],
        ]);
    });
});
