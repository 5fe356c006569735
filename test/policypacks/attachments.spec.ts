import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import { cloudFormationAttachmentFindings } from "../../policypacks/least-privilege/policies/attached-policies";
import { attachmentTypes, attachmentsOf, cloudFormationAttachments } from "../../policypacks/least-privilege/iam/attachments";
import { unknownString } from "./support";

const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
const summary = (type: string, props: Record<string, unknown>) =>
    attachmentsOf(type, unknownCheckingProxy(JSON.parse(JSON.stringify(props)))).map((a) => ({ field: a.field, key: a.dependencyKey, principals: a.principals, policy: a.policy }));

describe("least-privilege pack: attachments.ts reads every managed-policy attachment with its principal", () => {
    it("knows the type tokens the providers declare (`__pulumiType` in each resource's .js)", () => {
        const awsRoot = path.dirname(require.resolve("@pulumi/aws/package.json"));
        for (const type of attachmentTypes) {
            if (!type.startsWith("aws:")) continue;
            const [, module, file] = /^aws:([^/]+)\/([^:]+):/.exec(type) as RegExpExecArray;
            const source = fs.readFileSync(path.join(awsRoot, module, `${file}.js`), "utf8");
            assert.ok(source.includes(`__pulumiType = '${type}'`), type);
        }
    });

    it("RolePolicyAttachment, PolicyAttachment with lists, the Exclusive resources and Role.managedPolicyArns", () => {
        assert.deepStrictEqual(summary("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "arn:aws:iam::123456789012:role/app", policyArn: admin }), [
            { field: "policyArn", key: "policyArn", principals: [{ kind: "role", name: "app" }], policy: { kind: "arn", arn: admin } },
        ]);
        assert.deepStrictEqual(summary("aws:iam/policyAttachment:PolicyAttachment", { name: "x", policyArn: admin, roles: ["a", unknownString], groups: ["g"] })[0].principals, [
            { kind: "role", name: "a" }, { kind: "role" }, { kind: "group", name: "g" },
        ]);
        assert.deepStrictEqual(summary("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", { groupName: "ops", policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", unknownString] }).map((a) => [a.field, a.policy.kind]), [
            ["policyArns[0]", "arn"], ["policyArns[1]", "unknown"],
        ]);
        assert.deepStrictEqual(summary("aws:iam/role:Role", { managedPolicyArns: [admin] })[0].principals, [{ kind: "role", itself: true }]);
        assert.deepStrictEqual(summary("aws:iam/role:Role", { name: "r" }), []);
    });

    it("IAM Identity Center attachments, by ARN and by customer managed policy reference", () => {
        const permissionSetArn = "arn:aws:sso:::permissionSet/ssoins-1/ps-1";
        assert.deepStrictEqual(summary("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", { instanceArn: "i", permissionSetArn, managedPolicyArn: admin })[0].principals, [{ kind: "permission set", name: "ps-1" }]);
        assert.deepStrictEqual(summary("aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment", { instanceArn: "i", permissionSetArn, customerManagedPolicyReference: { name: "p", path: "/team/" } })[0].policy, { kind: "name", name: "p", path: "/team/" });
        assert.deepStrictEqual(summary("aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive", { instanceArn: "i", permissionSetArn, customerManagedPolicyReferences: [{ name: "p" }, { name: unknownString }] }).map((a) => a.policy), [
            { kind: "name", name: "p", path: "/" }, { kind: "unknown", why: "customerManagedPolicyReferences[1] is not known at preview" },
        ]);
    });

    it("aws-native: Role, User, Group managedPolicyArns; ManagedPolicy attaches itself; PermissionSet managedPolicies", () => {
        assert.deepStrictEqual(summary("aws-native:iam:Role", { roleName: "n", managedPolicyArns: [admin] })[0].principals, [{ kind: "role", name: "n", itself: true }]);
        assert.deepStrictEqual(summary("aws-native:iam:User", { managedPolicyArns: [admin] })[0].principals, [{ kind: "user", itself: true }]);
        assert.deepStrictEqual(summary("aws-native:iam:ManagedPolicy", { policyDocument: {}, roles: ["a"], users: ["u"] }), [
            { field: "roles/users/groups", key: "roles", principals: [{ kind: "role", name: "a" }, { kind: "user", name: "u" }], policy: { kind: "itself" } },
        ]);
        assert.deepStrictEqual(summary("aws-native:sso:PermissionSet", { instanceArn: "i", name: "Admins", managedPolicies: [admin], customerManagedPolicyReferences: [{ name: "p" }] }).map((a) => a.policy.kind), ["arn", "name"]);
    });

    it("unknown values never throw: sentinels, UnknownValueError from the proxy, wrong types", () => {
        const unknownArray = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
        assert.deepStrictEqual(summary("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: unknownString, policyArn: unknownString }), [
            { field: "policyArn", key: "policyArn", principals: [{ kind: "role" }], policy: { kind: "unknown", why: "policyArn is not known at preview" } },
        ]);
        assert.deepStrictEqual(summary("aws:iam/role:Role", { managedPolicyArns: unknownArray }).map((a) => a.policy), [{ kind: "unknown", why: "managedPolicyArns is not known at preview" }]);
        assert.deepStrictEqual(summary("aws:iam/role:Role", { managedPolicyArns: [7] }).map((a) => a.policy), [{ kind: "unknown", why: "managedPolicyArns[0] is number, not an ARN" }]);
        const throwing = new Proxy({}, { get: () => { throw new UnknownValueError(unknownString, ["policyArn"]); } });
        assert.deepStrictEqual(attachmentsOf("aws:iam/userPolicyAttachment:UserPolicyAttachment", throwing as Record<string, unknown>).map((a) => [a.principals, a.policy]), [
            [[{ kind: "user" }], { kind: "unknown", why: "policyArn is not known at preview" }],
        ]);
        assert.deepStrictEqual(attachmentsOf("aws:s3/bucket:Bucket", { policy: "{}" }), []);
    });

    it("CloudFormation: ManagedPolicyArns with the intrinsic functions ARNs are spelled with, and ManagedPolicy Roles", () => {
        const arns = (value: unknown) => cloudFormationAttachments("AWS::IAM::Role", { RoleName: "r", ManagedPolicyArns: [value] })[0].policy;
        assert.deepStrictEqual(arns(admin), { kind: "arn", arn: admin });
        assert.deepStrictEqual(arns({ "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess" }), { kind: "arn", arn: admin });
        assert.deepStrictEqual(arns({ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/AdministratorAccess"]] }), { kind: "arn", arn: admin });
        assert.deepStrictEqual(arns({ Ref: "AppPolicy" }), { kind: "template", logicalId: "AppPolicy" });
        assert.deepStrictEqual(arns({ "Fn::GetAtt": ["AppPolicy", "PolicyArn"] }), { kind: "template", logicalId: "AppPolicy" });
        assert.deepStrictEqual(arns({ "Fn::Sub": "arn:aws:iam::${AWS::AccountId}:policy/x" }).kind, "unknown");
        assert.deepStrictEqual(arns({ "Fn::ImportValue": "shared-policy" }), { kind: "unknown", why: "ManagedPolicyArns[0] uses an intrinsic function the pack cannot resolve (Fn::ImportValue)" });
        assert.deepStrictEqual(cloudFormationAttachments("AWS::IAM::Role", { ManagedPolicyArns: [admin] })[0].principals, [{ kind: "role", itself: true }]);
        assert.deepStrictEqual(cloudFormationAttachments("AWS::IAM::ManagedPolicy", { PolicyDocument: {}, Roles: ["a", { Ref: "B" }], Groups: ["g"] })[0].principals, [
            { kind: "role", name: "a" }, { kind: "role" }, { kind: "group", name: "g" },
        ]);
        assert.deepStrictEqual(cloudFormationAttachments("AWS::SSO::PermissionSet", { Name: "Admins", ManagedPolicies: [admin], CustomerManagedPolicyReferences: [{ Name: "p", Path: "/t/" }] }).map((a) => a.policy), [
            { kind: "arn", arn: admin }, { kind: "name", name: "p", path: "/t/" },
        ]);
        assert.deepStrictEqual(cloudFormationAttachments("AWS::IAM::Role", "not an object"), []);
        assert.deepStrictEqual(cloudFormationAttachments("AWS::S3::Bucket", {}), []);
    });

    it("CloudFormation findings: AWS managed by content, the template's own policy passes, others come from outside", () => {
        const role = (arns: unknown[]) => cloudFormationAttachmentFindings("infra", "templateBody › Resources.AppRole", "AWS::IAM::Role", { RoleName: "app", ManagedPolicyArns: arns }, new Set(["AppPolicy", "AppRole"]), new Set(["app-read"]));
        const [admin] = role([{ "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess" }]);
        assert.match(admin, /^infra › templateBody › Resources\.AppRole › ManagedPolicyArns\[0\]: attaches the AWS managed policy AdministratorAccess .* to role "app"/);
        assert.deepStrictEqual(role([{ Ref: "AppPolicy" }, "arn:aws:iam::123456789012:policy/app-read", "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"]), []);
        const [missing, outside] = role([{ Ref: "Elsewhere" }, { "Fn::ImportValue": "shared-policy-arn" }]);
        assert.match(missing, /ManagedPolicyArns\[0\]: attaches a policy to role "app" whose ARN is not known \(ManagedPolicyArns\[0\] refers to Elsewhere, which the template does not define\)/);
        assert.match(missing, /"exemptions":\[\{"resource":"infra","reason":/);
        assert.match(outside, /ManagedPolicyArns\[1\] uses an intrinsic function the pack cannot resolve \(Fn::ImportValue\)/);
        assert.deepStrictEqual(cloudFormationAttachmentFindings("s", "p", "AWS::IAM::ManagedPolicy", { PolicyDocument: {}, Roles: ["a"] }, new Set()), []);
    });
});
