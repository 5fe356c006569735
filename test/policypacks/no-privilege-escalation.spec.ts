import * as assert from "assert";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { escalationGrants, guardrailActions, passRoleCombinations } from "../../policypacks/least-privilege/iam/escalation-data";
import { lookupAction } from "../../policypacks/least-privilege/iam/iam-data";
import { escalationAcrossPolicies } from "../../policypacks/least-privilege/policies/escalation-across-policies";
import type { StackValidationPolicy } from "@pulumi/policy";
import { TestResource, doc, judge, policyNamed, unknownString, validateResource, validateStack, violationsOf } from "./support";

const policy = "no-privilege-escalation";
const account = "123456789012";
const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;
/** The message without the policy's description line. */
const body = (message: string) => message.split("\n").slice(1).join("\n");

/** An inline policy on `roleName`, as `aws.iam.RolePolicy` registers it. */
const rolePolicy = (roleName: string, document: unknown): TestResource => ({ type: "aws:iam/rolePolicy:RolePolicy", name: "inline", props: { name: "inline", role: roleName, policy: JSON.stringify(document) } });
const userPolicy = (userName: string, document: unknown): TestResource => ({ type: "aws:iam/userPolicy:UserPolicy", name: "inline", props: { name: "inline", user: userName, policy: JSON.stringify(document) } });

async function run(name: string, environment: string, resource: TestResource) {
    return validateResource(policyNamed(buildPolicies({ environment }), name), resource);
}

describe("least-privilege pack: no-privilege-escalation", () => {
    it("every entry of the data names an action the IAM data knows, with a reason and a source", () => {
        for (const entry of [...escalationGrants, ...guardrailActions]) {
            assert.ok(lookupAction(entry.action), entry.action);
            assert.ok(entry.reason.length > 10 && /https:\/\//.test(entry.source), entry.action);
        }
        for (const combination of passRoleCombinations) {
            for (const action of combination.requires.flat()) assert.ok(lookupAction(action), action);
            assert.match(combination.source, /https:\/\//);
        }
    });

    it("blocks iam:PutRolePolicy on \"*\" in prod with the whole message, advisory in dev", async () => {
        const document = doc({ Sid: "Manage", Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" });
        const [violation, ...rest] = await violationsOf(policy, "prod", document);
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "mandatory");
        assert.strictEqual(body(violation.message),
            "app-policy › policy › statement Manage: iam:PutRolePolicy on \"*\" lets the holder write or attach permissions policies onto any role, its own included: one-step privilege escalation\n" +
            "action: iam:PutRolePolicy; resource: \"*\"\n" +
            "fix: name the roles it may change (arn:aws:iam::<account>:role/<Name>), never its own, or add \"Condition\": {\"StringEquals\": {\"iam:PermissionsBoundary\": \"<boundary policy ARN>\"}}");
        assert.deepStrictEqual((await violationsOf(policy, "dev", document)).map((v) => v.level), ["advisory"]);
    });

    it("sees the published methods however the actions are spelled: iam:Put*, iam:*Policy*, IAM:attach*, *, NotAction", async () => {
        const cases: [Record<string, unknown>, string[]][] = [
            [{ Action: "iam:Put*" }, ["iam:PutRolePolicy, iam:PutUserPolicy, iam:PutGroupPolicy, iam:PutRolePermissionsBoundary and 1 more on \"*\" let the holder write or attach permissions policies onto any role, user or group, its own included; remove or replace the permissions boundary of any role or user, its own included"]],
            [{ Action: "iam:*Policy*" }, ["write or attach permissions policies onto any role, user or group, its own included", "write a new default version of any policy, its own included", "rewrite the trust policy of any role to let itself in"]],
            [{ Action: "IAM:attach*" }, ["iam:AttachRolePolicy, iam:AttachUserPolicy, iam:AttachGroupPolicy on \"*\" let the holder write or attach permissions policies onto any role, user or group, its own included"]],
            [{ Action: "iam:CreatePolicyVersion" }, ["iam:CreatePolicyVersion on \"*\" lets the holder write a new default version of any policy, its own included: one-step"]],
            [{ Action: "iam:setdefaultpolicyversion" }, ["iam:SetDefaultPolicyVersion on"]],
            [{ Action: "iam:CreateAccessKey" }, ["iam:CreateAccessKey on \"*\" lets the holder create passwords or access keys for any user, and so sign in as them"]],
            [{ Action: ["iam:CreateLoginProfile", "iam:UpdateLoginProfile"] }, ["iam:CreateLoginProfile, iam:UpdateLoginProfile on"]],
            [{ Action: "iam:AddUserToGroup" }, ["add users, itself included, to any group"]],
            [{ Action: "iam:UpdateAssumeRolePolicy" }, ["rewrite the trust policy of any role to let itself in"]],
            [{ Action: "iam:Delete*PermissionsBoundary" }, ["iam:DeleteRolePermissionsBoundary, iam:DeleteUserPermissionsBoundary on \"*\" let the holder remove or replace the permissions boundary of any role or user, its own included"]],
            [{ Action: "sts:AssumeRole" }, ["sts:AssumeRole on \"*\" lets the holder assume any role"]],
            [{ Action: "lambda:UpdateFunctionCode" }, ["replace the code of any function and run it with their roles"]],
            [{ Action: "*" }, ["iam:PutRolePolicy, iam:AttachRolePolicy, iam:PutUserPolicy, iam:AttachUserPolicy and 16 more on \"*\" let the holder write or attach", "; assume any role;", "iam:PassRole on \"*\" with ec2:RunInstances, lambda:CreateFunction, lambda:InvokeFunction, lambda:UpdateFunctionConfiguration and 12 more lets the holder start an EC2 instance"]],
            [{ NotAction: "s3:*" }, ["add users, itself included, to any group"]],
        ];
        for (const [grant, expected] of cases) {
            const violations = await violationsOf(policy, "prod", doc({ Effect: "Allow", ...grant, Resource: "*" }));
            assert.ok(violations.length > 0, JSON.stringify(grant));
            assert.ok(violations.every((v) => v.level === "mandatory"));
            for (const part of expected) {
                assert.ok(violations.some((v) => v.message.includes(part)), `${JSON.stringify(grant)} ${part}: ${violations.map((v) => v.message).join("\n")}`);
            }
        }
    });

    it("blocks wholly wildcarded IAM resources and NotResource, not another type's wildcard", async () => {
        for (const Resource of [role("*"), "arn:aws:iam::*:role/*", `arn:aws:iam::${account}:*`, "arn:aws:iam::*:*", "arn:*:iam::*:role/*"]) {
            const [violation] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "iam:AttachRolePolicy", Resource }));
            assert.ok(violation?.message.includes(`iam:AttachRolePolicy on ${JSON.stringify(Resource)} lets the holder write or attach permissions policies onto any role`), Resource);
        }
        const [notResource] = await violationsOf(policy, "prod", doc({ Sid: "Not", Effect: "Allow", Action: "iam:PutRolePolicy", NotResource: role("admin") }));
        assert.match(notResource.message, /iam:PutRolePolicy on NotResource \["arn:aws:iam::123456789012:role\/admin"\] lets the holder/);
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: `arn:aws:iam::${account}:user/*` })), []);
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "arn:aws:s3:::*" })), []);
    });

    it("blocks writing onto the holder's own role, known from the RolePolicy's role, a Role's name, a prefix that covers it", async () => {
        for (const Resource of [role("engagement-api"), `arn:aws:iam::*:role/engagement-api`, role("engagement-*"), role("service-role/engagement-api")]) {
            const [violation, ...rest] = await run(policy, "prod", rolePolicy("engagement-api", doc({ Sid: "Self", Effect: "Allow", Action: "iam:PutRolePolicy", Resource })));
            assert.strictEqual(rest.length, 0, Resource);
            assert.strictEqual(body(violation.message),
                `inline › policy › statement Self: iam:PutRolePolicy on ${JSON.stringify(Resource)} lets the holder write or attach permissions policies onto its own role engagement-api: one-step privilege escalation\n` +
                `action: iam:PutRolePolicy; resource: ${JSON.stringify(Resource)}\n` +
                "fix: remove the grant: a principal must not change its own permissions; let the deployment (Pulumi) manage them");
        }
        const byArn = await run(policy, "prod", rolePolicy(role("engagement-api"), doc({ Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: role("engagement-api") })));
        assert.strictEqual(byArn.length, 1);
        const inline: TestResource = { type: "aws:iam/role:Role", name: "r", props: { name: "ci", assumeRolePolicy: JSON.stringify(doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })), inlinePolicies: [{ name: "p", policy: JSON.stringify(doc({ Effect: "Allow", Action: "iam:DeleteRolePermissionsBoundary", Resource: role("ci") })) }] } };
        const [own] = await run(policy, "prod", inline);
        assert.match(own.message, /r › inlinePolicies\[0\]\.policy › statement #0: iam:DeleteRolePermissionsBoundary on "arn:aws:iam::123456789012:role\/ci" lets the holder remove or replace the permissions boundary of its own role ci/);
    });

    it("blocks a managed policy that may rewrite itself (CreatePolicyVersion on its own ARN)", async () => {
        const resource: TestResource = { type: "aws:iam/policy:Policy", name: "deployer", props: { name: "Deployer", policy: JSON.stringify(doc({ Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: `arn:aws:iam::${account}:policy/Deployer` })) } };
        const [violation] = await run(policy, "prod", resource);
        assert.match(violation.message, /iam:CreatePolicyVersion on "arn:aws:iam::123456789012:policy\/Deployer" lets the holder write a new default version of its own policy Deployer: one-step privilege escalation/);
    });

    it("passes writing onto another named role, a deployment role managing one workload's role", async () => {
        assert.deepStrictEqual(await run(policy, "prod", rolePolicy("deployer", doc({ Effect: "Allow", Action: ["iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"], Resource: role("engagement-api") }))), []);
    });

    it("blocks writing onto a named role that the same document lets the holder assume", async () => {
        const document = doc(
            { Sid: "Write", Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: role("engagement-api") },
            { Sid: "Become", Effect: "Allow", Action: "sts:AssumeRole", Resource: role("engagement-*") },
        );
        const [violation, ...rest] = await violationsOf(policy, "prod", document);
        assert.strictEqual(rest.length, 0);
        assert.match(violation.message, /statement Write: iam:AttachRolePolicy on "arn:aws:iam::123456789012:role\/engagement-api" lets the holder write or attach permissions policies onto role "arn:aws:iam::123456789012:role\/engagement-api", which the same document lets it assume: one-step/);
    });

    it("lets a user manage its own keys and password (AWS's self-service example) but not its own policies", async () => {
        const self = `arn:aws:iam::${account}:user/\${aws:username}`;
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["iam:CreateAccessKey", "iam:UpdateLoginProfile", "iam:CreateLoginProfile"], Resource: self })), []);
        assert.deepStrictEqual(await run(policy, "prod", userPolicy("wealth-management-app-user", doc({ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: `arn:aws:iam::${account}:user/wealth-management-app-user` }))), []);
        const [violation] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "iam:PutUserPolicy", Resource: self }));
        assert.match(violation.message, /iam:PutUserPolicy on "arn:aws:iam::123456789012:user\/\$\{aws:username\}" lets the holder write or attach permissions policies onto its own user:/);
        const [others] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: `arn:aws:iam::${account}:user/*` }));
        assert.match(others.message, /create passwords or access keys for any user, and so sign in as them: one-step privilege escalation\n.*\nfix: name the users it may manage the credentials of \(arn:aws:iam::<account>:user\/<Name>\)$/);
    });

    it("iam:PermissionsBoundary or iam:PolicyARN naming specific policies narrows; wildcards, IfExists, negations and admin policies do not", async () => {
        const boundary = `arn:aws:iam::${account}:policy/WorkloadBoundary`;
        const passes = [
            { Action: ["iam:PutRolePolicy", "iam:AttachRolePolicy"], Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } } },
            { Action: "iam:AttachRolePolicy", Condition: { ArnEquals: { "iam:PolicyARN": [`arn:aws:iam::${account}:policy/app-read`, "arn:aws:iam::aws:policy/ReadOnlyAccess"] } } },
            // PutRolePolicy requests carry no iam:PolicyARN, so this statement never grants PutRolePolicy.
            { Action: ["iam:AttachRolePolicy", "iam:PutRolePolicy"], Condition: { ArnEquals: { "iam:PolicyARN": `arn:aws:iam::${account}:policy/app-read` } } },
        ];
        for (const grant of passes) assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", ...grant, Resource: role("*") })), [], JSON.stringify(grant));
        const blocks = [
            { StringEqualsIfExists: { "iam:PermissionsBoundary": boundary } },
            { StringNotEquals: { "iam:PermissionsBoundary": boundary } },
            { StringLike: { "iam:PermissionsBoundary": `arn:aws:iam::${account}:policy/*` } },
            { ArnLike: { "iam:PolicyARN": "arn:aws:iam::aws:policy/*" } },
            { ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" } },
            { "ForAllValues:ArnEquals": { "iam:PolicyARN": `arn:aws:iam::${account}:policy/app-read` } },
        ];
        for (const Condition of blocks) {
            const violations = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: role("*"), Condition }));
            assert.strictEqual(violations.length, 1, JSON.stringify(Condition));
        }
        // Removing a boundary is escalation whatever the current boundary is.
        assert.strictEqual((await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "iam:DeleteRolePermissionsBoundary", Resource: "*", Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } } }))).length, 1);
    });

    it("an aws:ResourceTag condition (ABAC) scopes assuming and taking over others, not writing permissions", async () => {
        const team = { StringEquals: { "aws:ResourceTag/team": "engagement" } };
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*", Condition: team })), []);
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: `arn:aws:iam::${account}:user/*`, Condition: team })), []);
        assert.strictEqual((await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*", Condition: { StringLike: { "aws:ResourceTag/team": "*" } } }))).length, 1);
        assert.strictEqual((await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*", Condition: team }))).length, 1);
    });

    it("blocks iam:PassRole on any role with compute that runs as it, across statements", async () => {
        const document = doc(
            { Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
            { Sid: "Launch", Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" },
        );
        const [violation, ...rest] = await violationsOf(policy, "prod", document);
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(body(violation.message),
            "app-policy › policy › statement Pass: iam:PassRole on \"*\" with ec2:RunInstances (statement Launch) lets the holder start an EC2 instance with the role's instance profile running as any role it can pass, the most privileged included: one-step privilege escalation\n" +
            "actions: iam:PassRole, ec2:RunInstances; resource: \"*\"\n" +
            "fix: name the roles it may pass (arn:aws:iam::<account>:role/<RoleName>) with \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"<service>.amazonaws.com\"}}");
        const lambda = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" }));
        assert.ok(lambda.some((v) => v.message.includes("a new Lambda function, then invoked or triggered")));
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["iam:PassRole", "lambda:CreateFunction"], Resource: "*" })), [], "CreateFunction without a way to run it");
    });

    it("passes PassRole on named roles with compute (the seeds' Step Functions pipeline), and PassRole kept from that service", async () => {
        const pipeline = doc(
            { Sid: "RunTrainingAndInferenceTasks", Effect: "Allow", Action: "ecs:RunTask", Resource: `arn:aws:ecs:us-east-1:${account}:task-definition/engagement-training:*` },
            { Sid: "PassTaskRolesToEcsOnly", Effect: "Allow", Action: "iam:PassRole", Resource: [role("engagement-training"), role("engagement-inference")], Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } },
        );
        assert.deepStrictEqual(await violationsOf(policy, "prod", pipeline), []);
        const elsewhere = doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "textract.amazonaws.com" } } }, { Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" });
        assert.deepStrictEqual(await violationsOf(policy, "prod", elsewhere), []);
        const anyService = doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringLike: { "iam:PassedToService": "*.amazonaws.com" } } }, { Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" });
        assert.strictEqual((await violationsOf(policy, "prod", anyService)).length, 1);
    });

    it("never counts Deny statements, nor trust and resource policies", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Deny", Action: ["iam:*", "sts:AssumeRole"], Resource: "*" })), []);
        const trust: TestResource = { type: "aws:iam/role:Role", name: "r", props: { name: "r", assumeRolePolicy: JSON.stringify(doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" })) } };
        assert.deepStrictEqual(await run(policy, "prod", trust), []);
    });

    it("blocks a Lambda permission that lets another principal replace the function's code; lambda:InvokeFunction passes", async () => {
        const permission = (action: string): TestResource => ({ type: "aws:lambda/permission:Permission", name: "perm", props: { action, function: "engagement-api", principal: "210987654321", statementId: "Partner" } });
        for (const action of ["lambda:UpdateFunctionCode", "lambda:*", "*"]) {
            const [violation, ...rest] = await run(policy, "prod", permission(action));
            assert.strictEqual(rest.length, 0, action);
            assert.strictEqual(violation.message.split("\n")[1], "perm › permission › statement Partner: lambda:UpdateFunctionCode granted to 210987654321 lets it replace the function's code and run it with the function's role: one-step privilege escalation");
        }
        assert.deepStrictEqual(await run(policy, "prod", permission("lambda:InvokeFunction")), []);
        // The same grant through aws-native and inside a CloudFormation template (red-team: the template's passed).
        const native: TestResource = { type: "aws-native:lambda:Permission", name: "native", props: { action: "lambda:UpdateFunctionCode", functionName: "engagement-api", principal: "210987654321" } };
        const template = { Resources: { Partner: { Type: "AWS::Lambda::Permission", Properties: { Action: "lambda:UpdateFunctionCode", FunctionName: "engagement-api", Principal: "210987654321" } } } };
        const stack: TestResource = { type: "aws:cloudformation/stack:Stack", name: "legacy", props: { name: "legacy", templateBody: JSON.stringify(template) } };
        const takeover = ": lambda:UpdateFunctionCode granted to 210987654321 lets it replace the function's code and run it with the function's role: one-step privilege escalation";
        assert.deepStrictEqual((await run(policy, "prod", native)).map((v) => v.message.split("\n")[1]), [`native › permission › statement #0${takeover}`]);
        assert.deepStrictEqual((await run(policy, "prod", stack)).map((v) => v.message.split("\n")[1]), [`legacy › templateBody › Resources.Partner.Properties › statement #0${takeover}`]);
    });

    it("with the stack's accounts known, blocks a key policy handing kms:PutKeyPolicy to another account (red-team); the use of the key passes", async () => {
        const { runPack } = await import("./support");
        const key = (Principal: unknown, Action: unknown): TestResource => ({ type: "aws:kms/key:Key", name: "key", props: { policy: JSON.stringify(doc({ Sid: "Partner", Effect: "Allow", Principal, Action, Resource: "*" })) } });
        const judged = async (resource: TestResource, accounts?: string[]) => (await runPack(buildPolicies({ environment: "prod", ...(accounts ? { accounts } : {}) }), [resource])).filter((v) => v.policy === policy).map((v) => `${v.level} ${v.message.split("\n")[1]}`);
        const partner = { AWS: "arn:aws:iam::210987654321:root" };
        assert.deepStrictEqual(await judged(key(partner, ["kms:PutKeyPolicy", "kms:CreateGrant"]), [account]), [
            "mandatory key › policy › statement Partner: kms:PutKeyPolicy granted to arn:aws:iam::210987654321:root, outside the stack's account 123456789012, lets that account rewrite the key policy and shut this account out of its own key: one-step privilege escalation",
        ]);
        assert.strictEqual((await judged(key({ AWS: ["210987654321"] }, "kms:Put*"), [account])).length, 1, "a bare account ID, a wildcard action");
        assert.deepStrictEqual(await judged(key(partner, ["kms:Decrypt", "kms:DescribeKey"]), [account]), [], "the use of the key");
        assert.deepStrictEqual(await judged(key({ AWS: `arn:aws:iam::${account}:role/admin` }, "kms:PutKeyPolicy"), [account]), [], "the key's own account");
        assert.deepStrictEqual(await judged(key(partner, "kms:PutKeyPolicy")), [], "without the accounts the pack cannot tell");
    });

    it("never throws, and never leaves a policy unrun, on malformed or unknown values", async () => {
        const odd: unknown[] = [
            42, "[]", "{\"Statement\": 5}", { Statement: [{ Effect: "Allow", Action: ["iam:PutRolePolicy", 7], Resource: ["arn:", "arn:aws:iam::1:role/${", null] }] },
            { Statement: { Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": [{}] } } } },
            { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: unknownString, Resource: "*" }] },
        ];
        const resources: TestResource[] = odd.flatMap((policy, i): TestResource[] => [
            { type: "aws:iam/rolePolicy:RolePolicy", name: `odd-${i}`, props: { role: i % 2 ? unknownString : { name: "x" }, policy } },
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: `att-${i}`, props: { role: "x", policyArn: unknownString } },
        ]);
        const violations = await judge("prod", resources);
        const ours = ["no-privilege-escalation", "no-guardrail-disabling", "privilege-escalation-review", "no-privilege-escalation-across-policies", "stack-values-known-at-preview"];
        assert.deepStrictEqual(violations.filter((v) => /can't run policy/.test(v.message)).map((v) => v.message), []);
        // None grants a readable escalation: PutRolePolicy on no usable ARN, PassRole without compute.
        assert.deepStrictEqual(violations.filter((v) => ours.includes(v.policy) && v.level === "mandatory").map((v) => v.policy), []);
        assert.ok(violations.some((v) => v.policy === "readable-policy-documents"), "the malformed documents are reported by the reader");
    });

    it("does not throw when the role name is unknown at preview; the wildcard grant is still judged", async () => {
        const resource = rolePolicy("x", doc({ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: ["*", role("x")] }));
        const violations = await run(policy, "prod", { ...resource, props: { ...resource.props, role: unknownString } });
        assert.deepStrictEqual(violations.map((v) => v.level), ["mandatory"]);
        assert.match(violations[0].message, /on "\*" lets the holder/);
    });
});

describe("least-privilege pack: privilege-escalation-review (lint)", () => {
    it("reports permission writes on a naming-convention prefix as advisory, even in prod; named roles and the holder's own are not its concern", async () => {
        const [violation, ...rest] = await run("privilege-escalation-review", "prod", rolePolicy("deployer", doc({ Sid: "Manage", Effect: "Allow", Action: "iam:PutRolePolicy", Resource: role("engagement-*") })));
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "advisory");
        assert.match(violation.message, /statement Manage: iam:PutRolePolicy on "arn:aws:iam::123456789012:role\/engagement-\*" lets the holder write or attach permissions policies onto every role matching "arn:aws:iam::123456789012:role\/engagement-\*"; if the holder is, or can become, one of them, that is privilege escalation/);
        assert.deepStrictEqual(await run("privilege-escalation-review", "prod", rolePolicy("deployer", doc({ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: role("engagement-api") }))), []);
    });
});

describe("least-privilege pack: no-privilege-escalation-across-policies (stack)", () => {
    const across = (environment = "prod") => policyNamed<StackValidationPolicy>(buildPolicies({ environment }), "no-privilege-escalation-across-policies");
    const pass = doc({ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" });
    const launch = doc({ Sid: "Launch", Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" });

    it("blocks PassRole on any role in one RolePolicy and ec2:RunInstances in another on the same role", async () => {
        const resources = [{ ...rolePolicy("ci", pass), name: "ci-pass" }, { ...rolePolicy(role("ci"), launch), name: "ci-launch" }];
        const [violation, ...rest] = await validateStack(across(), resources);
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "mandatory");
        assert.strictEqual(violation.urn, "urn:pulumi:test::aws-workloads::aws:iam/rolePolicy:RolePolicy::ci-pass");
        assert.strictEqual(body(violation.message),
            "role ci › its policies together › statement ci-pass › Pass: iam:PassRole on \"*\" with ec2:RunInstances (statement ci-launch › Launch) lets the holder start an EC2 instance with the role's instance profile running as any role it can pass, the most privileged included: one-step privilege escalation\n" +
            "actions: iam:PassRole, ec2:RunInstances; resource: \"*\"\n" +
            "fix: name the roles it may pass (arn:aws:iam::<account>:role/<RoleName>) with \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"<service>.amazonaws.com\"}}");
        assert.deepStrictEqual((await validateStack(across("dev"), resources)).map((v) => v.level), ["advisory"]);
    });

    it("follows a managed policy attached to the role (through the attachment's policyArn dependency or the policy's name)", async () => {
        const managed: TestResource = { type: "aws:iam/policy:Policy", name: "launch", props: { name: "Launch", policy: JSON.stringify(launch) } };
        const attachment = (props: Record<string, unknown>, dependsOnPolicy: boolean): TestResource => ({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: "ci", ...props }, ...(dependsOnPolicy ? { propertyDependencies: { policyArn: ["urn:pulumi:test::aws-workloads::aws:iam/policy:Policy::launch"] } } : {}) });
        for (const attached of [attachment({ policyArn: unknownString }, true), attachment({ policyArn: `arn:aws:iam::${account}:policy/Launch` }, false)]) {
            const violations = await validateStack(across(), [rolePolicy("ci", pass), managed, attached]);
            assert.strictEqual(violations.length, 1);
            assert.match(violations[0].message, /with ec2:RunInstances \(statement launch › Launch\)/);
        }
    });

    it("passes the same policies on two different roles, and a combination inside one document (no-privilege-escalation's)", async () => {
        assert.deepStrictEqual(await validateStack(across(), [rolePolicy("a", pass), rolePolicy("b", launch)]), []);
        const both = doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }, { Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" });
        assert.deepStrictEqual(await validateStack(across(), [rolePolicy("a", both), rolePolicy("a", doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }))]), []);
    });

    it("blocks a managed policy that writes onto the role it is attached to, and CreatePolicyVersion on a policy attached to the holder", async () => {
        const managed = (name: string, document: unknown): TestResource => ({ type: "aws:iam/policy:Policy", name, props: { name, policy: JSON.stringify(document) } });
        const attach = (name: string, policy: string): TestResource => ({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, props: { role: "ci", policyArn: `arn:aws:iam::${account}:policy/${policy}` } });
        const writesCi = managed("SelfWrite", doc({ Sid: "Write", Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: role("ci") }));
        const [own, ...rest] = await validateStack(across(), [writesCi, attach("ci-self-write", "SelfWrite")]);
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(own.urn, "urn:pulumi:test::aws-workloads::aws:iam/policy:Policy::SelfWrite");
        assert.strictEqual(own.message.split("\n")[1], "role ci › its policies together › statement SelfWrite › Write: iam:AttachRolePolicy on \"arn:aws:iam::123456789012:role/ci\" lets the holder write or attach permissions policies onto its own role ci (the grant is in SelfWrite, attached to it through ci-self-write): one-step privilege escalation");
        const versions = rolePolicy("ci", doc({ Sid: "Version", Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: `arn:aws:iam::${account}:policy/CiRead` }));
        const read = managed("CiRead", doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }));
        const [version] = await validateStack(across(), [versions, read, attach("ci-read", "CiRead")]);
        assert.match(version.message, /statement inline › Version: iam:CreatePolicyVersion on "arn:aws:iam::123456789012:policy\/CiRead" lets the holder write a new default version of the policy CiRead \(attached to it through ci-read\): one-step privilege escalation/);
        // The same grant on a policy attached to someone else is a deployer's, not escalation.
        assert.deepStrictEqual(await validateStack(across(), [versions, read, { ...attach("other-read", "CiRead"), props: { role: "other", policyArn: `arn:aws:iam::${account}:policy/CiRead` } }]), []);
    });

    it("sees a principal write its own permissions through @pulumi/aws-native too (roleName, userName, groupName, managedPolicyName, a Role's policies)", async () => {
        const self = (action: string, resource: string) => doc({ Sid: "Self", Effect: "Allow", Action: action, Resource: resource });
        const cases: [TestResource, string][] = [
            [{ type: "aws-native:iam:RolePolicy", name: "rp", props: { roleName: "app", policyName: "rp", policyDocument: self("iam:AttachRolePolicy", role("app")) } }, "rp › policyDocument › statement Self: iam:AttachRolePolicy on \"arn:aws:iam::123456789012:role/app\" lets the holder write or attach permissions policies onto its own role app: one-step privilege escalation"],
            [{ type: "aws-native:iam:Role", name: "r", props: { roleName: "app", assumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }), policies: [{ policyName: "x", policyDocument: self("iam:PutRolePolicy", role("app")) }] } }, "r › policies[0].policyDocument › statement Self: iam:PutRolePolicy on \"arn:aws:iam::123456789012:role/app\" lets the holder write or attach permissions policies onto its own role app"],
            [{ type: "aws-native:iam:UserPolicy", name: "up", props: { userName: "ci", policyName: "p", policyDocument: self("iam:PutUserPolicy", `arn:aws:iam::${account}:user/ci`) } }, "up › policyDocument › statement Self: iam:PutUserPolicy on \"arn:aws:iam::123456789012:user/ci\" lets the holder write or attach permissions policies onto its own user ci"],
            [{ type: "aws-native:iam:ManagedPolicy", name: "mp", props: { managedPolicyName: "mp", roles: ["app"], policyDocument: self("iam:CreatePolicyVersion", `arn:aws:iam::${account}:policy/mp`) } }, "mp › policyDocument › statement Self: iam:CreatePolicyVersion on \"arn:aws:iam::123456789012:policy/mp\""],
        ];
        for (const [resource, expected] of cases) {
            const found = (await judge("prod", [resource])).filter((v) => v.policy === policy);
            assert.strictEqual(found.length, 1, resource.type);
            assert.strictEqual(found[0].level, "mandatory", resource.type);
            assert.ok(body(found[0].message).startsWith(expected), `${resource.type}: ${body(found[0].message)}`);
        }
        const other = (await judge("prod", [{ type: "aws-native:iam:RolePolicy", name: "rp", props: { roleName: "app", policyName: "rp", policyDocument: self("iam:GetRole", role("app")) } }])).filter((v) => v.policy === policy);
        assert.deepStrictEqual(other, [], "reading its own role is no escalation");
    });
});

describe("least-privilege pack: no-privilege-escalation-across-policies, how documents are joined to a principal", () => {
    const urnOf = (type: string, name: string) => `urn:pulumi:test::aws-workloads::${type}::${name}`;
    const res = (type: string, name: string, props: Record<string, unknown>) => ({ type, name, urn: urnOf(type, name), props });
    const inline = (name: string, roleName: string, document: unknown) => res("aws:iam/rolePolicy:RolePolicy", name, { role: roleName, policy: JSON.stringify(document) });
    const managed = (name: string, document: unknown, props: Record<string, unknown> = {}) => res("aws:iam/policy:Policy", name, { name, policy: JSON.stringify(document), ...props });
    const attachment = (name: string, policyArn: string, roleName = "ci") => res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, { role: roleName, policyArn });
    const pass = doc({ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" });
    const launch = doc({ Sid: "Launch", Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" });
    const read = doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" });
    const found = (resources: ReturnType<typeof res>[]) => escalationAcrossPolicies(resources).map((f) => [f.urn.split("::").pop(), f.message.split("\n")[0]]);
    const passWithLaunch = (passFrom: string, launchFrom: string) => `role ci › its policies together › statement ${passFrom} › Pass: iam:PassRole on "*" with ec2:RunInstances (statement ${launchFrom} › Launch) lets the holder start an EC2 instance with the role's instance profile running as any role it can pass, the most privileged included: one-step privilege escalation`;

    it("joins what the stack alone shows (red-team): a write onto a role in one policy and sts:AssumeRole on it in another, managedPolicyArns, a user's own group", () => {
        const writeR2 = doc({ Sid: "Write", Effect: "Allow", Action: "iam:PutRolePolicy", Resource: `arn:aws:iam::${account}:role/r2` });
        const assumeR2 = doc({ Sid: "Assume", Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${account}:role/r2` });
        assert.deepStrictEqual(found([inline("a", "r1", writeR2), inline("b", "r1", assumeR2)]), [["a",
            `role r1 › its policies together › statement a › Write: iam:PutRolePolicy on "arn:aws:iam::${account}:role/r2" lets the holder write or attach permissions policies onto role "arn:aws:iam::${account}:role/r2" (statement b › Assume lets it assume that role): one-step privilege escalation`]]);
        assert.deepStrictEqual(found([inline("a", "r1", writeR2), inline("b", "other", assumeR2)]), [], "another role assumes it");
        assert.deepStrictEqual(found([inline("a", "r1", writeR2), inline("b", "r1", doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${account}:role/r3` }))]), [], "it assumes another role");
        const attachR2 = managed("AttachR2", doc({ Sid: "Attach", Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: `arn:aws:iam::${account}:role/r2` }));
        assert.deepStrictEqual(found([attachR2, attachment("att", `arn:aws:iam::${account}:policy/AttachR2`, "r1"), inline("b", "r1", assumeR2)]).map(([urn]) => urn), ["AttachR2"]);

        const versions = inline("v", "r1", doc({ Sid: "Version", Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: `arn:aws:iam::${account}:policy/mp` }));
        const mp = managed("mp", read);
        const roleWith = (props: Record<string, unknown>, dependencies?: Record<string, { urn: string }[]>) => ({ ...res("aws:iam/role:Role", "r1-role", { name: "r1", ...props }), ...(dependencies ? { propertyDependencies: dependencies } : {}) });
        const byArn = found([versions, mp, roleWith({ managedPolicyArns: [`arn:aws:iam::${account}:policy/mp`] })]);
        assert.deepStrictEqual(byArn, [["v", "role r1 › its policies together › statement v › Version: iam:CreatePolicyVersion on \"arn:aws:iam::123456789012:policy/mp\" lets the holder write a new default version of the policy mp (attached to it through r1-role.managedPolicyArns): one-step privilege escalation"]]);
        assert.deepStrictEqual(found([versions, mp, roleWith({ managedPolicyArns: [unknownString] }, { managedPolicyArns: [{ urn: urnOf("aws:iam/policy:Policy", "mp") }] })]), byArn, "linked by the engine's dependency at preview");
        assert.deepStrictEqual(found([versions, mp, roleWith({ managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] })]), []);

        const attachOwnGroup = res("aws:iam/userPolicy:UserPolicy", "u-policy", { user: "u", policy: JSON.stringify(doc({ Sid: "Group", Effect: "Allow", Action: "iam:AttachGroupPolicy", Resource: `arn:aws:iam::${account}:group/g` })) });
        const ownGroup = `user u › its policies together › statement u-policy › Group: iam:AttachGroupPolicy on "arn:aws:iam::${account}:group/g" lets the holder write or attach permissions policies onto its own group g (the stack makes it a member of g): one-step privilege escalation`;
        assert.deepStrictEqual(found([attachOwnGroup, res("aws:iam/userGroupMembership:UserGroupMembership", "m", { user: "u", groups: ["g", "other"] })]), [["u-policy", ownGroup]]);
        assert.deepStrictEqual(found([attachOwnGroup, res("aws:iam/groupMembership:GroupMembership", "m", { group: "g", users: ["u", "v"] })]), [["u-policy", ownGroup]]);
        assert.deepStrictEqual(found([attachOwnGroup, res("aws:iam/userGroupMembership:UserGroupMembership", "m", { user: "v", groups: ["g"] })]), [], "another user joins the group");
        const writesMember = res("aws:iam/groupPolicy:GroupPolicy", "g-policy", { group: "g", policy: JSON.stringify(doc({ Sid: "Member", Effect: "Allow", Action: "iam:PutUserPolicy", Resource: `arn:aws:iam::${account}:user/u` })) });
        assert.deepStrictEqual(found([writesMember, res("aws:iam/userGroupMembership:UserGroupMembership", "m", { user: "u", groups: ["g"] })]), [["g-policy",
            `group g › its policies together › statement g-policy › Member: iam:PutUserPolicy on "arn:aws:iam::${account}:user/u" lets the holder write or attach permissions policies onto its member user u (the stack makes u a member of g, so u holds this grant): one-step privilege escalation`]]);
        assert.deepStrictEqual(found([writesMember, res("aws:iam/userGroupMembership:UserGroupMembership", "m", { user: "v", groups: ["g"] })]), [], "u is not a member");
    });

    it("blocks a write onto a stack role whose trust policy names the writer: in one account that trust alone lets it assume the role", () => {
        const trusting = (principal: unknown, name = "r2") => res("aws:iam/role:Role", "r2-role", { name, assumeRolePolicy: JSON.stringify(doc({ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" })) });
        const attach = inline("r1-attach", "r1", doc({ Sid: "Attach", Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: `arn:aws:iam::${account}:role/r2` }));
        const expected = [["r1-attach", `role r1 › its policies together › statement r1-attach › Attach: iam:AttachRolePolicy on "arn:aws:iam::${account}:role/r2" lets the holder write or attach permissions policies onto role r2 (r2-role's trust policy names role r1, so it may assume that role without a permission of its own): one-step privilege escalation`]];
        assert.deepStrictEqual(found([trusting(`arn:aws:iam::${account}:role/r1`), attach]), expected);
        assert.deepStrictEqual(found([trusting([`arn:aws:iam::${account}:role/other`, `arn:aws:iam::${account}:role/r1`]), attach]), expected);
        assert.deepStrictEqual(found([trusting(`arn:aws:iam::${account}:role/other`), attach]), [], "r2 trusts another role");
        assert.deepStrictEqual(found([trusting(`arn:aws:iam::${account}:root`), attach]), [], "the account root: assuming then needs r1's own sts:AssumeRole");
        assert.deepStrictEqual(found([trusting(`arn:aws:sts::${account}:assumed-role/r1/ci-session`), attach]).map(([urn]) => urn), ["r1-attach"], "a session of the writer");
        const withPath = { ...trusting(`arn:aws:iam::${account}:role/r1`), props: { ...trusting(`arn:aws:iam::${account}:role/r1`).props, path: "/team/" } };
        assert.deepStrictEqual(found([withPath, attach]), [], "role/r2 is not the role at /team/r2");
        const onPath = inline("r1-attach", "r1", doc({ Sid: "Attach", Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: `arn:aws:iam::${account}:role/team/r2` }));
        assert.deepStrictEqual(found([withPath, onPath]).map(([urn]) => urn), ["r1-attach"], "the role's real ARN, with its path");
        const pattern = inline("r1-attach", "r1", doc({ Sid: "Attach", Effect: "Allow", Action: "iam:PutRolePolicy", Resource: `arn:aws:iam::${account}:role/engagement-*` }));
        assert.deepStrictEqual(found([trusting(`arn:aws:iam::${account}:role/r1`, "engagement-api"), pattern]).map(([urn]) => urn), ["r1-attach"], "a pattern that covers the trusting role");
        assert.deepStrictEqual(found([trusting(`arn:aws:iam::${account}:role/r1`, "billing-api"), pattern]), [], "a pattern that does not");
    });

    it("joins aws-native principals the same way: RolePolicy, Role, ManagedPolicy's own roles, UserToGroupAddition and User groups (red-team)", () => {
        const native = (type: string, name: string, props: Record<string, unknown>) => res(`aws-native:iam:${type}`, name, props);
        const writeR2 = doc({ Sid: "Write", Effect: "Allow", Action: "iam:PutRolePolicy", Resource: `arn:aws:iam::${account}:role/r2` });
        const assumeR2 = doc({ Sid: "Assume", Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${account}:role/r2` });
        assert.deepStrictEqual(found([native("RolePolicy", "a", { roleName: "r1", policyName: "a", policyDocument: writeR2 }), inline("b", "r1", assumeR2)]).map(([urn]) => urn), ["a"]);
        const trustsR1 = native("Role", "r2-role", { roleName: "r2", assumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:role/r1` }, Action: "sts:AssumeRole" }) });
        assert.deepStrictEqual(found([trustsR1, inline("w", "r1", writeR2)]).map(([urn]) => urn), ["w"], "an aws-native role's trust");
        const versions = native("ManagedPolicy", "mp", { managedPolicyName: "mp", roles: ["r1"], policyDocument: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) });
        assert.deepStrictEqual(found([versions, inline("v", "r1", doc({ Sid: "Version", Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: `arn:aws:iam::${account}:policy/mp` }))]), [["v",
            "role r1 › its policies together › statement v › Version: iam:CreatePolicyVersion on \"arn:aws:iam::123456789012:policy/mp\" lets the holder write a new default version of the policy mp (attached to it through mp.roles): one-step privilege escalation"]]);
        const writesGroup = res("aws:iam/userPolicy:UserPolicy", "u-policy", { user: "u", policy: JSON.stringify(doc({ Sid: "Group", Effect: "Allow", Action: "iam:PutGroupPolicy", Resource: `arn:aws:iam::${account}:group/g` })) });
        for (const join of [native("UserToGroupAddition", "m", { groupName: "g", users: ["u"] }), native("User", "u-user", { userName: "u", groups: ["g"] })]) {
            assert.deepStrictEqual(found([writesGroup, join]).map(([urn]) => urn), ["u-policy"], join.type);
        }
        // Every attachment resource attachments.ts reads joins too: the exclusive ones and PolicyAttachment's lists.
        const mp = managed("mp", read);
        const version = inline("v", "r1", doc({ Sid: "Version", Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: `arn:aws:iam::${account}:policy/mp` }));
        for (const attaching of [
            res("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "ex", { roleName: "r1", policyArns: [`arn:aws:iam::${account}:policy/mp`] }),
            res("aws:iam/policyAttachment:PolicyAttachment", "pa", { name: "pa", roles: ["r1"], policyArn: `arn:aws:iam::${account}:policy/mp` }),
        ]) assert.deepStrictEqual(found([mp, version, attaching]).map(([urn]) => urn), ["v"], attaching.type);
    });

    it("a Role's own inline policies join the RolePolicies on its name; a Role without a name joins nothing", () => {
        const role = (props: Record<string, unknown>) => res("aws:iam/role:Role", "ci-role", { inlinePolicies: [{ name: "p", policy: JSON.stringify(pass) }], ...props });
        assert.deepStrictEqual(found([role({ name: "ci" }), inline("ci-launch", "ci", launch)]), [["ci-role", passWithLaunch("ci-role", "ci-launch")]]);
        assert.deepStrictEqual(found([role({}), inline("ci-launch", "ci", launch)]), []);
        assert.deepStrictEqual(found([inline("a", "", pass), inline("b", "", launch)]), [], "no owner, no principal");
    });

    it("an attachment finds the stack's policy by its ARN output too, with a path; an AWS managed ARN or a bare name is never taken for one", () => {
        const withPath = managed("launch", launch, { name: "Launch", arn: "arn:aws:iam::123456789012:policy/team/Launch" });
        assert.deepStrictEqual(found([inline("ci-pass", "ci", pass), withPath, attachment("att", "arn:aws:iam::123456789012:policy/team/Launch")]), [["ci-pass", passWithLaunch("ci-pass", "launch")]]);
        const plain = managed("launch", launch, { name: "Launch" });
        assert.deepStrictEqual(found([inline("ci-pass", "ci", pass), plain, attachment("att", "arn:aws:iam::aws:policy/Launch")]), []);
        assert.deepStrictEqual(found([inline("ci-pass", "ci", pass), plain, attachment("att", "Launch")]), []);
    });

    it("CreatePolicyVersion on a policy with a path, attached to the holder, is reported on the granting document", () => {
        const versions = inline("v", "ci", doc({ Sid: "Version", Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "arn:aws:iam::123456789012:policy/team/CiRead" }));
        assert.deepStrictEqual(found([versions, managed("CiRead", read, { path: "/team/" }), attachment("ci-read", "arn:aws:iam::123456789012:policy/team/CiRead")]), [[
            "v", 'role ci › its policies together › statement v › Version: iam:CreatePolicyVersion on "arn:aws:iam::123456789012:policy/team/CiRead" lets the holder write a new default version of the policy CiRead (attached to it through ci-read): one-step privilege escalation',
        ]]);
    });

    it("leaves to no-privilege-escalation what one document shows: a policy versioning itself, an inline policy writing its own role, a wildcard over every role", () => {
        const selfVersions = managed("CiRead", doc({ Sid: "Version", Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "arn:aws:iam::123456789012:policy/CiRead" }));
        assert.deepStrictEqual(found([selfVersions, attachment("ci-read", "arn:aws:iam::123456789012:policy/CiRead")]), []);
        const writesCi = inline("w", "ci", doc({ Sid: "Write", Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "arn:aws:iam::123456789012:role/ci" }));
        assert.deepStrictEqual(found([writesCi, managed("CiRead", read), attachment("ci-read", "arn:aws:iam::123456789012:policy/CiRead")]), []);
        const writesAll = managed("W", doc({ Sid: "Write", Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "arn:aws:iam::123456789012:role/*" }));
        assert.deepStrictEqual(found([writesAll, attachment("att", "arn:aws:iam::123456789012:policy/W")]), []);
        const writesOther = managed("W", doc({ Sid: "Write", Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "arn:aws:iam::123456789012:role/other" }));
        assert.deepStrictEqual(found([writesOther, attachment("att", "arn:aws:iam::123456789012:policy/W")]), []);
    });
});
