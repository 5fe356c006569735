/** What IAM resources inside a CloudFormation template attach is judged like an attachment made in the program. */
import * as assert from "assert";
import { judge, mandatory, of } from "./support";

const stack = (resources: Record<string, unknown>) => ({
    type: "aws:cloudformation/stack:Stack",
    name: "legacy-stack",
    props: { name: "legacy", templateBody: JSON.stringify({ AWSTemplateFormatVersion: "2010-09-09", Resources: resources }) },
});
const role = (managedPolicyArns: unknown[]) => ({
    Type: "AWS::IAM::Role",
    Properties: {
        AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] },
        ManagedPolicyArns: managedPolicyArns,
    },
});

describe("least-privilege pack: managed policies attached inside a CloudFormation template", () => {
    it("AdministratorAccess on a template role is blocked in prod and advisory in dev", async () => {
        const resource = stack({ AdminRole: role(["arn:aws:iam::aws:policy/AdministratorAccess"]) });
        const prod = of(await judge("prod", [resource]), "attached-aws-managed-policies");
        assert.strictEqual(prod.length, 1, prod.map((v) => v.message).join("\n"));
        assert.strictEqual(prod[0].level, "mandatory");
        assert.match(prod[0].message, /legacy-stack › templateBody › Resources\.AdminRole/);
        assert.match(prod[0].message, /AdministratorAccess/);
        const dev = of(await judge("dev", [resource]), "attached-aws-managed-policies");
        assert.deepStrictEqual(dev.map((v) => v.level), ["advisory"]);
    });

    it("the same ARN spelled with Fn::Sub and the partition is caught too", async () => {
        const resource = stack({ AdminRole: role([{ "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess" }]) });
        assert.strictEqual(mandatory(of(await judge("prod", [resource]), "attached-aws-managed-policies")).length, 1);
    });

    it("a policy the template itself creates, attached by Ref, is not a finding of its own", async () => {
        const resource = stack({
            AppPolicy: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::app-bucket/*" }] } } },
            AppRole: role([{ Ref: "AppPolicy" }]),
        });
        assert.deepStrictEqual(of(await judge("prod", [resource]), "attached-aws-managed-policies"), []);
    });

    it("a template user joining a group the template does not create is judged like a membership made in the program (red-team)", async () => {
        const found = async (resources: Record<string, unknown>) => mandatory(of(await judge("prod", [stack(resources)]), "attached-aws-managed-policies")).map((v) => v.message.split("\n")[1]);
        assert.deepStrictEqual(await found({ Bob: { Type: "AWS::IAM::User", Properties: { UserName: "bob", Groups: ["Readers", "arn:aws:iam::123456789012:group/Admins"] } }, Readers: { Type: "AWS::IAM::Group", Properties: { GroupName: "Readers" } } }), [
            'legacy-stack › templateBody › Resources.Bob.Properties › Groups[1]: adds the user Bob to the group "Admins", which this stack does not create, so the pack cannot see what the group\'s policies grant',
        ]);
        assert.deepStrictEqual(await found({ Add: { Type: "AWS::IAM::UserToGroupAddition", Properties: { GroupName: "Admins", Users: ["bob"] } } }), [
            'legacy-stack › templateBody › Resources.Add.Properties › GroupName: adds its users to the group "Admins", which this stack does not create, so the pack cannot see what the group\'s policies grant',
        ]);
        const [hidden] = await found({ Add: { Type: "AWS::IAM::UserToGroupAddition", Properties: { GroupName: { "Fn::ImportValue": "admins" }, Users: ["bob"] } } });
        assert.match(hidden, /GroupName: adds its users to a group whose name is not known at preview/);
        assert.deepStrictEqual(await found({ G: { Type: "AWS::IAM::Group" }, Add: { Type: "AWS::IAM::UserToGroupAddition", Properties: { GroupName: { Ref: "G" }, Users: ["bob"] } } }), [], "the template's own group");
    });
});
