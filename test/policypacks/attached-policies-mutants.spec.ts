/**
 * attached-aws-managed-policies, attached-customer-policies and exempted-stack-findings: the
 * verdicts the mutation run found unspecified (issue 21). AWS managed policies' verdicts are
 * computed once per policy and process, so the policies judged here are ones no other spec attaches
 * (the spec that judges a policy first is the one that covers that code).
 */
import * as assert from "assert";
import { PackConfig, TestResource, doc, judge, of } from "./support";

const aws = "attached-aws-managed-policies";
const customer = "attached-customer-policies";
const account = "123456789012";
const urn = (type: string, name: string) => `urn:pulumi:test::aws-workloads::${type}::${name}`;
const policyType = "aws:iam/policy:Policy";
const attachType = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const read = JSON.stringify(doc({ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }));
const ownPolicy = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: policyType, name, props: { name, policy: read, ...props } });
const attach = (name: string, policyArn: string, extra: Partial<TestResource> = {}): TestResource => ({ type: attachType, name, props: { role: "app", policyArn }, ...extra });
/** The message lines after the description. */
const body = (message: string) => message.split("\n").slice(1);
const exemptionHint = (resource: string, pattern?: string, what = "policy") =>
    `--policy-pack-config: ${JSON.stringify({ [customer]: { exemptions: [{ resource, ...(pattern !== undefined ? { resourcePattern: pattern } : {}), reason: `<why this ${what} is narrow; ticket>` }] } })}`;
const outsideFix = (resource: string, pattern?: string) =>
    "fix: create the policy in this stack (aws.iam.Policy, whose document the pack judges) or attach a policy of your own that names the resources; " +
    `if this policy is known to be narrow, exempt the attachment with ${exemptionHint(resource, pattern)}`;

describe("least-privilege pack: attached AWS managed policies, details of the message (mutants)", () => {
    const lines = async (policyArn: string) => of(await judge("prod", [attach("a", policyArn)]), aws).map((v) => body(v.message));

    it("a finding without a resource element lists only its actions; three findings are all shown, without \"for example\"", async () => {
        const [shell] = await lines("arn:aws:iam::aws:policy/AWSCloudShellFullAccess");
        const examples = shell.filter((l) => l.startsWith("  statement"));
        assert.ok(examples.some((l) => /\[no-wildcard-action\]: .* \(actions: [^;]+\)$/.test(l)), examples.join("\n"));
        for (const line of examples) assert.doesNotMatch(line, /undefined|Stryker|; \)|\(\)/, line);
        const [mesh] = await lines("arn:aws:iam::aws:policy/AWSAppMeshReadOnly");
        assert.deepStrictEqual(mesh.slice(0, 4), [
            'a › policyArn: attaches the AWS managed policy AWSAppMeshReadOnly (default version v5, last changed 2021-01-07) to role "app", and it grants more than a workload needs: 3 findings in its document:',
            '  statement #0 [no-wildcard-resource]: "Resource": "*" for actions that can be scoped to named resources (actions: appmesh:DescribeGatewayRoute, appmesh:DescribeMesh, appmesh:DescribeRoute, +11 more; resource: "*")',
            '  statement #2 [no-wildcard-resource]: "Resource": "*" for actions that can be scoped to named resources (actions: acm:DescribeCertificate, acm-pca:DescribeCertificateAuthority; resource: "*")',
            '  statement #3 [no-wildcard-resource]: "Resource": "*" for action that can be scoped to named resources (actions: servicediscovery:ListInstances; resource: "*")',
        ]);
    });

    it("a case-changed spelling in another partition gets both notes, joined by \"; \"", async () => {
        const [message] = await lines("arn:aws-cn:iam::aws:policy/ADMINISTRATORACCESS");
        assert.strictEqual(message[0], 'a › policyArn: attaches the AWS managed policy AdministratorAccess (default version v1, last changed 2015-02-06) to role "app", and it grants more than a workload needs ' +
            '(the ARN spells it "ADMINISTRATORACCESS"; IAM names are unique regardless of case; judged by the aws partition\'s version of it (partition "aws-cn")): 4 findings in its document, for example:');
    });

    it("suggests the policy of the same name under its own path, from the last path segment up to a separator", async () => {
        for (const arn of ["arn:aws:iam::aws:policy/some/long/wrong/path/ViewOnlyAccess", "arn:aws:iam::aws:policy/ViewOnlyAccess:with:a:very:long:suffix"]) {
            const [message] = await lines(arn);
            assert.ok(message[0].endsWith("; did you mean arn:aws:iam::aws:policy/job-function/ViewOnlyAccess?"), message[0]);
        }
    });

    it("an invalid pack config is reported only where an AWS managed policy is attached", async () => {
        const config = { [aws]: { exemptions: "not a list" }, [customer]: { exemptions: "not a list" } };
        const violations = await judge("prod", [ownPolicy("reports"), attach("own", `arn:aws:iam::${account}:policy/reports`)], { config });
        assert.deepStrictEqual(of(violations, aws), []);
    });
});

describe("least-privilege pack: attachments inside a CloudFormation template (mutants)", () => {
    const stack = (resources: Record<string, unknown>): TestResource => ({
        type: "aws:cloudformation/stack:Stack", name: "legacy-stack",
        props: { name: "legacy", templateBody: JSON.stringify({ AWSTemplateFormatVersion: "2010-09-09", Resources: resources }) },
    });
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] };
    const role = (managedPolicyArns: unknown[]) => ({ Type: "AWS::IAM::Role", Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyArns: managedPolicyArns } });
    const managedPolicy = (properties: Record<string, unknown>) => ({ Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: JSON.parse(read), ...properties } });
    const found = async (resource: TestResource, config?: PackConfig) => of(await judge("prod", [resource], config ? { config } : {}), aws).map((v) => [v.level, ...body(v.message)]);
    const outside = (field: string, what: string, pattern?: string) => [
        "mandatory",
        `legacy-stack › templateBody › Resources.AppRole.Properties › ${field}: ${what}, so the pack cannot see what it grants`,
        outsideFix("legacy-stack", pattern),
    ];

    it("a customer ARN the template does not create is from outside, as is an ARN that names no policy", async () => {
        for (const arn of [`arn:aws:iam::${account}:policy/External`, `arn:aws:iam::${account}:role/NotAPolicy`]) {
            assert.deepStrictEqual(await found(stack({ AppRole: role([arn]) })), [outside("ManagedPolicyArns[0]", `attaches ${JSON.stringify(arn)} to this role; no policy created in this stack has that ARN or name`, arn)], arn);
        }
    });

    it("a Ref to a resource the template does not define depends on no resource of the stack", async () => {
        assert.deepStrictEqual(await found(stack({ AppRole: role([{ Ref: "Missing" }]) })), [outside("ManagedPolicyArns[0]",
            "attaches a policy to this role whose ARN is not known (ManagedPolicyArns[0] refers to Missing, which the template does not define) and it depends on no resource of this stack, not on a policy the stack creates")]);
    });

    it("a policy the template names (ManagedPolicyName) is its own, by ARN or by name; only a ManagedPolicy's string name counts", async () => {
        assert.deepStrictEqual(await found(stack({ AppPolicy: managedPolicy({ ManagedPolicyName: "AppPolicy" }), AppRole: role([`arn:aws:iam::${account}:policy/AppPolicy`]) })), []);
        const permissionSet = (name: string) => ({ Type: "AWS::SSO::PermissionSet", Properties: { InstanceArn: "arn:aws:sso:::instance/ssoins-1", Name: "Readers", CustomerManagedPolicyReferences: [{ Name: name }] } });
        assert.deepStrictEqual(await found(stack({ AppPolicy: managedPolicy({ ManagedPolicyName: "AppPolicy" }), Readers: permissionSet("AppPolicy") })), []);
        const byName = await found(stack({ AppPolicy: managedPolicy({ ManagedPolicyName: "AppPolicy" }), Readers: permissionSet("Other") }));
        assert.deepStrictEqual(byName.map((f) => f[0]), ["mandatory"]);
        assert.match(byName[0][1], /^legacy-stack › templateBody › Resources\.Readers\.Properties › CustomerManagedPolicyReferences\[0\]: attaches the customer managed policy "\/Other" to permission set "Readers"; no policy created in this stack has that name and path, so the pack cannot see what it grants$/);
        // A name on another resource type, or a name that is no string, names no policy.
        const decoy = { Type: "AWS::IAM::Role", Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyName: "Other" } };
        assert.deepStrictEqual((await found(stack({ Decoy: decoy, AppRole: role([`arn:aws:iam::${account}:policy/Other`]) }))).map((f) => f[0]), ["mandatory"]);
    });

    it("an exempted template attachment is not reported; exempted-findings prints it with its reason", async () => {
        const resource = stack({ AppRole: role(["arn:aws:iam::aws:policy/AdministratorAccess"]) });
        const config = { [aws]: { exemptions: [{ resource: "legacy-stack", reason: "break-glass stack; SEC-7" }] } };
        const violations = await judge("prod", [resource], { config });
        assert.deepStrictEqual(of(violations, aws), []);
        const printed = of(violations, "exempted-findings");
        assert.deepStrictEqual(printed.map((v) => v.level), ["advisory"]);
        const lines = printed[0].message.split("\n");
        assert.match(lines[1], /^\[attached-aws-managed-policies\] legacy-stack › templateBody › Resources\.AppRole\.Properties › ManagedPolicyArns\[0\]: attaches the AWS managed policy AdministratorAccess /);
        assert.strictEqual(lines[lines.length - 1], "exempted: break-glass stack; SEC-7");
    });

    it("a Cloud Control resource has no logical id: a Ref to \"\" is not to itself", async () => {
        const cc: TestResource = { type: "aws:cloudcontrol/resource:Resource", name: "cc-role", props: { typeName: "AWS::IAM::Role", desiredState: JSON.stringify({ AssumeRolePolicyDocument: trust, ManagedPolicyArns: [{ Ref: "" }] }) } };
        assert.deepStrictEqual(of(await judge("prod", [cc]), aws).map((v) => v.level), ["mandatory"]);
    });
});

describe("least-privilege pack: attached-customer-policies, details (mutants)", () => {
    const customerOf = async (resources: TestResource[], config?: PackConfig) => of(await judge("prod", resources, config ? { config } : {}), customer);

    it("describes itself, and names the exemption in a finding's fix", async () => {
        const arn = `arn:aws:iam::${account}:policy/External`;
        const [violation, ...rest] = await customerOf([attach("att", arn)]);
        assert.deepStrictEqual(rest, []);
        assert.deepStrictEqual(violation.message.split("\n"), [
            "Attached customer managed policies and joined groups are created in this stack (so their documents are judged); a policy or group from outside the stack cannot be judged.",
            `att › policyArn: attaches ${JSON.stringify(arn)} to role "app"; no policy created in this stack has that ARN or name, so the pack cannot see what it grants`,
            outsideFix("att", arn),
        ]);
        assert.strictEqual(violation.urn, urn(attachType, "att"));
    });

    it("an exempted attachment from outside is printed by exempted-stack-findings, with its reason", async () => {
        const arn = `arn:aws:iam::${account}:policy/External`;
        const config = { [customer]: { exemptions: [{ resource: "att", resourcePattern: arn, reason: "vendor policy reviewed; SEC-9" }] } };
        const violations = await judge("prod", [attach("att", arn)], { config });
        assert.deepStrictEqual(of(violations, customer), []);
        const printed = of(violations, "exempted-stack-findings");
        assert.deepStrictEqual(printed.map((v) => [v.level, v.urn]), [["advisory", urn(attachType, "att")]]);
        assert.deepStrictEqual(printed[0].message.split("\n"), [
            "Findings of stack policies exempted by pack config, printed with their reason (advisory).",
            `[attached-customer-policies] att › policyArn: attaches ${JSON.stringify(arn)} to role "app"; no policy created in this stack has that ARN or name, so the pack cannot see what it grants`,
            outsideFix("att", arn),
            "exempted: vendor policy reviewed; SEC-9",
        ]);
    });

    it("reports an invalid pack config once, each error on its line", async () => {
        const config = { [customer]: { exemptions: [{ reason: "no resource" }, { resource: "x" }] } };
        const violations = await customerOf([ownPolicy("reports"), attach("own", `arn:aws:iam::${account}:policy/reports`)], config);
        assert.strictEqual(violations.length, 1);
        const lines = body(violations[0].message);
        assert.strictEqual(lines[0], "pack config for attached-customer-policies is invalid:");
        assert.ok(lines.length >= 3, lines.join("\n"));
    });

    it("an ARN that is no policy ARN, or has junk before arn:, is from outside even when a stack policy has its last name", async () => {
        const found = await customerOf([ownPolicy("reports"), attach("role-arn", `arn:aws:iam::${account}:role/reports`), attach("junk", `xarn:aws:iam::${account}:policy/reports`)]);
        assert.deepStrictEqual(found.map((v) => v.message.split("\n")[1].split(":")[0]), ["role-arn › policyArn", "junk › policyArn"]);
    });

    it("an empty name is no name: the policy is known by its logical name", async () => {
        assert.deepStrictEqual((await customerOf([ownPolicy("reports", { name: "" }), attach("att", `arn:aws:iam::${account}:policy/`)])).map((v) => v.level), ["mandatory"]);
    });

    it("a name unknown at preview is no name: the policy is matched as auto-named, by its logical name and a generated suffix", async () => {
        const later = ownPolicy("reports", { name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        assert.deepStrictEqual(await customerOf([later, attach("att", `arn:aws:iam::${account}:policy/reports-1a2b3c4`)]), []);
    });

    it("a dependency on a named policy does not make another name under its prefix the stack's own", async () => {
        const named = ownPolicy("reports");
        const other = attach("att", `arn:aws:iam::${account}:policy/reports-other`, { propertyDependencies: { policyArn: [urn(policyType, "reports")] } });
        assert.deepStrictEqual((await customerOf([named, other])).map((v) => v.level), ["mandatory"]);
    });

    it("an Identity Center reference by name is the stack's own when any one of its policies has that name", async () => {
        const reference: TestResource = {
            type: "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment", name: "ref",
            props: { instanceArn: "arn:aws:sso:::instance/ssoins-1", permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1", customerManagedPolicyReference: { name: "reports-read" } },
        };
        assert.deepStrictEqual(await customerOf([ownPolicy("other-policy"), ownPolicy("reports-read"), reference]), []);
    });

    it("an unknown ARN names every type it comes from", async () => {
        const bucket: TestResource = { type: "aws:s3/bucket:Bucket", name: "b", props: { bucket: "b" } };
        const parameter: TestResource = { type: "aws:ssm/parameter:Parameter", name: "p", props: { name: "p", type: "String", value: "x" } };
        const unknownArn = attach("att", "04da6b54-80e4-46f7-96ec-b56ff0331ba9", { propertyDependencies: { policyArn: [urn("aws:s3/bucket:Bucket", "b"), urn("aws:ssm/parameter:Parameter", "p")] } });
        const [violation] = await customerOf([bucket, parameter, unknownArn]);
        assert.match(body(violation.message)[0], /and it comes from aws:s3\/bucket:Bucket, aws:ssm\/parameter:Parameter, not on a policy the stack creates, so the pack cannot see what it grants$/);
    });

    it("a group membership from outside: the whole message, and an unknown group that comes from other resources", async () => {
        const membership: TestResource = { type: "aws:iam/userGroupMembership:UserGroupMembership", name: "m", props: { user: "ci", groups: ["Administrators"] } };
        const [violation] = await customerOf([membership]);
        assert.deepStrictEqual(body(violation.message), [
            'm › groups[0]: adds user "ci" to the group "Administrators", which this stack does not create, so the pack cannot see what the group\'s policies grant',
            "fix: create the group and its policies in this stack (aws.iam.Group with aws.iam.GroupPolicy, whose documents the pack judges), or attach a policy of your own to the user; " +
            `if the group is known to be narrow, exempt the membership with ${exemptionHint("m", "Administrators", "group")}`,
        ]);
        const parameter: TestResource = { type: "aws:ssm/parameter:Parameter", name: "p", props: { name: "p", type: "String", value: "x" } };
        const fromParameter: TestResource = { type: "aws:iam/groupMembership:GroupMembership", name: "g", props: { name: "g", group: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", users: ["ci"] }, propertyDependencies: { group: [urn("aws:ssm/parameter:Parameter", "p")] } };
        const [unknownGroup] = await customerOf([parameter, fromParameter]);
        assert.strictEqual(body(unknownGroup.message)[0], 'g › group: adds users "ci" to a group whose name is not known at preview and comes from aws:ssm/parameter:Parameter, not on a group the stack creates, so the pack cannot see what the group\'s policies grant');
        const bucket: TestResource = { type: "aws:s3/bucket:Bucket", name: "b", props: { bucket: "b" } };
        const fromTwo: TestResource = { ...fromParameter, propertyDependencies: { group: [urn("aws:ssm/parameter:Parameter", "p"), urn("aws:s3/bucket:Bucket", "b")] } };
        const [twoTypes] = await customerOf([parameter, bucket, fromTwo]);
        assert.match(body(twoTypes.message)[0], /and comes from aws:ssm\/parameter:Parameter, aws:s3\/bucket:Bucket, not on a group the stack creates/);
    });
});
