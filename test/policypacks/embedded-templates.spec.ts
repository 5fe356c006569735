import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { embeddedResources } from "../../policypacks/least-privilege/iam/embedded-resources";
import { camelName } from "../../policypacks/least-privilege/iam/embedded-as-inputs";
import { documentsOf } from "../../policypacks/least-privilege/iam/resource-documents";
import { doc, judge, mandatory, of, unknownString } from "./support";

const trust = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
const stack = (name: string, templateBody: unknown, extra: Record<string, unknown> = {}) => ({ type: "aws:cloudformation/stack:Stack", name, props: { name, templateBody: typeof templateBody === "string" ? templateBody : JSON.stringify(templateBody), ...extra } });
const where = (message: string) => message.split("\n")[1].split(": ")[0];

const adminTemplate = {
    Resources: {
        AdminRole: {
            Type: "AWS::IAM::Role",
            Properties: {
                AssumeRolePolicyDocument: trust,
                Policies: [{ PolicyName: "admin", PolicyDocument: doc({ Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" }) }],
                ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
            },
        },
    },
};

/** A narrow template in YAML short form: parameters, pseudo parameters and references to its own resources. */
const narrowYaml = `
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  BucketName:
    Type: String
    Default: reports-prod
Resources:
  Reports:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref BucketName
  Queue:
    Type: AWS::SQS::Queue
  Writer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: write-reports
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Sid: WriteReports
                Effect: Allow
                Action: [s3:PutObject]
                Resource: !Sub "arn:\${AWS::Partition}:s3:::\${BucketName}/*"
              - Sid: SendToQueue
                Effect: Allow
                Action: sqs:SendMessage
                Resource: !GetAtt Queue.Arn
`;

describe("least-privilege pack: IAM made inside CloudFormation stacks and Cloud Control resources is judged (issue 14)", () => {
    it("an admin role inside templateBody is blocked in prod, advisory in dev, named by its place in the template", async () => {
        const prod = await judge("prod", [stack("infra", adminTemplate)]);
        assert.deepStrictEqual(mandatory(prod).map((v) => [v.policy, where(v.message)]), [
            ["no-wildcard-resource", "infra › templateBody › Resources.AdminRole.Properties.Policies[0].PolicyDocument › statement Everything"],
            ["no-wildcard-action", "infra › templateBody › Resources.AdminRole.Properties.Policies[0].PolicyDocument › statement Everything"],
            ["pass-role-scoped", "infra › templateBody › Resources.AdminRole.Properties.Policies[0].PolicyDocument › statement Everything"],
            ["pass-role-scoped", "infra › templateBody › Resources.AdminRole.Properties.Policies[0].PolicyDocument › statement Everything"],
            // "Action": "*" is one-step escalation twice (permission writes and credential takeover) and switches guardrails off.
            ["no-privilege-escalation", "infra › templateBody › Resources.AdminRole.Properties.Policies[0].PolicyDocument › statement Everything"],
            ["no-privilege-escalation", "infra › templateBody › Resources.AdminRole.Properties.Policies[0].PolicyDocument › statement Everything"],
            ["no-guardrail-disabling", "infra › templateBody › Resources.AdminRole.Properties.Policies[0].PolicyDocument › statement Everything"],
            // The AWS managed policy it attaches, judged by its content.
            ["attached-aws-managed-policies", "infra › templateBody › Resources.AdminRole.Properties › ManagedPolicyArns[0]"],
        ]);
        const dev = await judge("dev", [stack("infra", adminTemplate)]);
        assert.deepStrictEqual(mandatory(dev), []);
        assert.strictEqual(of(dev, "no-wildcard-action")[0].level, "advisory");
        const kinds = documentsOf("aws:cloudformation/stack:Stack", { templateBody: JSON.stringify(adminTemplate) }).map((d) => [d.field, d.kind]);
        assert.deepStrictEqual(kinds, [
            ["templateBody › Resources.AdminRole.Properties.AssumeRolePolicyDocument", "trust"],
            ["templateBody › Resources.AdminRole.Properties.Policies[0].PolicyDocument", "identity"],
        ]);
    });

    it("a narrow YAML template with !Sub, !Ref and !GetAtt passes every policy in prod", async () => {
        const violations = await judge("prod", [stack("reports", narrowYaml)]);
        assert.deepStrictEqual(mandatory(violations).map((v) => v.message), []);
        const [, writer] = documentsOf("aws:cloudformation/stack:Stack", { templateBody: narrowYaml });
        assert.deepStrictEqual(writer.read.statements.map((s) => s.resources), [["arn:aws:s3:::reports-prod/*"], ["arn:aws:sqs:${AWS.Region}:${AWS.AccountId}:Queue"]]);
    });

    it("the stack's parameters override a template's defaults, so a wildcard passed in is seen", async () => {
        const template = `
Parameters:
  Service: { Type: String, Default: s3 }
  Target: { Type: String, Default: "arn:aws:s3:::reports/*" }
Resources:
  Grant:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: FromParameters
            Effect: Allow
            Action: !Sub "\${Service}:GetObject"
            Resource: !Ref Target
`;
        assert.deepStrictEqual(mandatory(await judge("prod", [stack("params", template)])), []);
        const widened = await judge("prod", [stack("params", template, { parameters: { Service: "*", Target: "*" } })]);
        assert.deepStrictEqual(mandatory(widened).map((v) => [v.policy, where(v.message)]), [
            ["no-wildcard-resource", "params › templateBody › Resources.Grant.Properties.PolicyDocument › statement FromParameters"],
            ["no-wildcard-action", "params › templateBody › Resources.Grant.Properties.PolicyDocument › statement FromParameters"],
        ]);
    });

    it("resource policies and Lambda permissions inside a template are judged, including types aws-native does not model", async () => {
        const template = {
            Resources: {
                Key: { Type: "AWS::KMS::Key", Properties: { KeyPolicy: doc({ Sid: "Open", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }) } },
                QueuePolicy: { Type: "AWS::SQS::QueuePolicy", Properties: { Queues: ["q"], PolicyDocument: doc({ Sid: "OpenQueue", Effect: "Allow", Principal: { AWS: "*" }, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:q" }) } },
                Invoke: { Type: "AWS::Lambda::Permission", Properties: { Action: "lambda:InvokeFunction", FunctionName: "fn", Principal: "*" } },
                Api: { Type: "AWS::Lambda::Permission", Properties: { Action: "lambda:InvokeFunction", FunctionName: "fn", Principal: "apigateway.amazonaws.com", SourceArn: { "Fn::Sub": "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Rest}/*" } } },
                Rest: { Type: "AWS::ApiGateway::RestApi", Properties: { Name: "r" } },
            },
        };
        const violations = await judge("prod", [stack("policies", template)]);
        assert.deepStrictEqual(of(mandatory(violations), "no-public-principal").map((v) => where(v.message)), [
            "policies › templateBody › Resources.Key.Properties.KeyPolicy › statement Open",
            "policies › templateBody › Resources.QueuePolicy.Properties.PolicyDocument › statement OpenQueue",
            "policies › templateBody › Resources.Invoke.Properties › statement #0",
        ]);
    });

    it("Cloud Control's desiredState is read as the CloudFormation type it names", async () => {
        const desiredState = JSON.stringify({ RoleName: "cc-admin", AssumeRolePolicyDocument: trust, Policies: [{ PolicyName: "all", PolicyDocument: doc({ Sid: "S3", Effect: "Allow", Action: "s3:*", Resource: "*" }) }] });
        const violations = await judge("prod", [{ type: "aws:cloudcontrol/resource:Resource", name: "cc-role", props: { typeName: "AWS::IAM::Role", desiredState } }]);
        assert.deepStrictEqual(mandatory(violations).map((v) => [v.policy, where(v.message)]), [
            ["no-wildcard-resource", "cc-role › desiredState › Policies[0].PolicyDocument › statement S3"],
            ["no-wildcard-action", "cc-role › desiredState › Policies[0].PolicyDocument › statement S3"],
            // s3:* on "*" includes s3:PutAccountPublicAccessBlock.
            ["no-guardrail-disabling", "cc-role › desiredState › Policies[0].PolicyDocument › statement S3"],
        ]);
    });

    it("a nested StackSet's inline template is read with the parameters its parent passes", async () => {
        const child = { Parameters: { Actions: { Type: "String", Default: "s3:GetObject" } }, Resources: { Policy: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: doc({ Sid: "Child", Effect: "Allow", Action: { Ref: "Actions" }, Resource: "arn:aws:s3:::b/*" }) } } } };
        const parent = (actions: unknown) => ({ Resources: { Set: { Type: "AWS::CloudFormation::StackSet", Properties: { StackSetName: "s", PermissionModel: "SELF_MANAGED", TemplateBody: JSON.stringify(child), Parameters: [{ ParameterKey: "Actions", ParameterValue: actions }] } } } });
        assert.deepStrictEqual(mandatory(await judge("prod", [stack("parent", parent("s3:GetObject"))])), []);
        const widened = await judge("prod", [stack("parent", parent("s3:*"))]);
        assert.deepStrictEqual(mandatory(widened).map((v) => [v.policy, where(v.message)]), [["no-wildcard-action", "parent › templateBody › Resources.Set.Properties.TemplateBody › Resources.Policy.Properties.PolicyDocument › statement Child"]]);
        const hidden = await judge("prod", [stack("parent", parent({ "Fn::ImportValue": "actions" }))]);
        assert.match(of(hidden, "readable-embedded-templates")[0]?.message ?? "", /Resources\.Policy\.Properties\.PolicyDocument: parameter Actions \(the parent template passes it with an intrinsic function\) at Statement\[0\]\.Action hides what is granted/);
    });

    it("a trust policy naming a role of the same template, and AWS::NoValue, read as written", async () => {
        const template = `
Resources:
  Caller:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }
  Target:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: FromCaller
            Effect: Allow
            Principal: { AWS: !GetAtt Caller.Arn }
            Action: sts:AssumeRole
            Condition: !Ref AWS::NoValue
`;
        const violations = await judge("prod", [stack("roles", template)]);
        assert.deepStrictEqual(violations.map((v) => v.message), []);
        const target = documentsOf("aws:cloudformation/stack:Stack", { templateBody: template })[1];
        assert.deepStrictEqual([target.read.statements[0].principal, target.read.statements[0].conditions], [{ any: false, entries: { AWS: ["arn:aws:iam::${AWS.AccountId}:role/Caller"] } }, {}]);
    });

    it("aws-native stacks (template as an object) and stack sets are read too", async () => {
        const violations = await judge("prod", [
            { type: "aws-native:cloudformation:Stack", name: "native-stack", props: { templateBody: adminTemplate } },
            { type: "aws:cloudformation/stackSet:StackSet", name: "set", props: { templateBody: JSON.stringify(adminTemplate) } },
        ]);
        assert.deepStrictEqual(of(mandatory(violations), "no-wildcard-action").map((v) => where(v.message).split(" › ")[0]), ["native-stack", "set"]);
    });
});

describe("least-privilege pack: readable-embedded-templates reports what the pack cannot read", () => {
    const unreadable = async (environment: string, resource: { type: string; name: string; props: Record<string, unknown> }) =>
        of(await judge(environment, [resource]), "readable-embedded-templates");

    it("a template given by URL is a finding: mandatory in prod, advisory in dev, with the fix", async () => {
        const resource = { type: "aws:cloudformation/stack:Stack", name: "by-url", props: { name: "by-url", templateUrl: "https://example-bucket.s3.amazonaws.com/t.yaml" } };
        const [prod] = await unreadable("prod", resource);
        assert.strictEqual(prod.level, "mandatory");
        assert.match(prod.message, /by-url › templateUrl: the template is given by URL \(templateUrl\), so the pack cannot read the IAM it creates, so no policy could judge it\nfix: pass the template inline as templateBody/);
        const [dev] = await unreadable("dev", resource);
        assert.strictEqual(dev.level, "advisory");
    });

    it("text that is neither JSON nor YAML is a finding naming the parse error", async () => {
        const [finding] = await unreadable("prod", stack("broken", "Resources: [unclosed"));
        assert.match(finding.message, /broken › templateBody: the template cannot be read: it is neither JSON nor YAML CloudFormation can read \(/);
    });

    it("an intrinsic that hides what is granted is a finding; the rest of the template is still judged", async () => {
        const template = `
Conditions:
  Wide: !Equals [!Ref "AWS::Region", us-east-1]
Resources:
  Hidden:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: hidden
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: !If [Wide, "*", "s3:GetObject"]
            Resource: "*"
  HiddenList:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies: !If [Wide, [{ PolicyName: a, PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] } }], []]
  Imported:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Sid: Read, Effect: Allow, Action: s3:GetObject, Resource: !ImportValue shared-bucket-arn }
  Open:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Sid: All, Effect: Allow, Action: "*", Resource: "*" }] }
`;
        const violations = await judge("prod", [stack("tricks", template)]);
        assert.deepStrictEqual(of(violations, "readable-embedded-templates").map((v) => [v.level, v.message.split("\n")[1]]), [
            ["mandatory", "tricks › templateBody › Resources.Hidden.Properties.PolicyDocument: Fn::If (its value is decided when the stack deploys) at Statement[0].Action hides what is granted, so no policy could judge it"],
            ["mandatory", "tricks › templateBody › Resources.HiddenList.Properties.Policies: Fn::If (its value is decided when the stack deploys) at the document hides what is granted, so no policy could judge it"],
            ["mandatory", "tricks › templateBody › Resources.Imported.Properties.PolicyDocument: Fn::ImportValue (its value is decided when the stack deploys) at Statement[0].Resource hides what is granted, so no policy could judge it"],
        ]);
        assert.deepStrictEqual(of(mandatory(violations), "no-wildcard-action").map((v) => where(v.message)), ["tricks › templateBody › Resources.Open.Properties.PolicyDocument › statement All"]);
    });

    it("a Transform and a nested stack by URL are findings: what deploys is not what the pack reads", async () => {
        const template = { Transform: "AWS::Serverless-2016-10-31", Resources: { Fn: { Type: "AWS::Serverless::Function", Properties: { Policies: ["AdministratorAccess"] } }, Child: { Type: "AWS::CloudFormation::Stack", Properties: { TemplateURL: "https://example-bucket.s3.amazonaws.com/child.yaml" } } } };
        const findings = await unreadable("prod", stack("sam", template));
        assert.deepStrictEqual(findings.map((v) => v.message.split("\n")[1].split(": ")[0]), ["sam › templateBody › Transform", "sam › templateBody › Resources.Child.Properties"]);
        assert.match(findings[0].message, /declares Transform AWS::Serverless-2016-10-31: macros rewrite it when it deploys/);
        assert.match(findings[1].message, /AWS::CloudFormation::Stack Child deploys a template given by URL \(TemplateURL\)/);
    });

    it("an Fn::Transform (AWS::Include) where resources or properties are declared is a finding, as is any Fn:: that stands for a resource's properties", async () => {
        const include = { "Fn::Transform": { Name: "AWS::Include", Parameters: { Location: "s3://example-bucket/resources.json" } } };
        const role = (extra: Record<string, unknown>) => ({ Type: "AWS::IAM::Role", ...extra });
        const cases: [unknown, string, RegExp][] = [
            [{ Resources: include }, "s › templateBody › Resources", /Resources holds Fn::Transform \{"Name":"AWS::Include".*a macro \(AWS::Include reads a template snippet from S3\)/],
            [{ Resources: { R: role({ Properties: include }) } }, "s › templateBody › Resources.R.Properties", /AWS::IAM::Role R holds Fn::Transform: a macro/],
            [{ Resources: { Admin: include } }, "s › templateBody › Resources", /Resources holds Admin, which is only an Fn::Transform: a macro/],
            [{ Resources: { R: role({ Properties: { AssumeRolePolicyDocument: trust }, ...include }) } }, "s › templateBody › Resources.R.Properties", /AWS::IAM::Role R holds Fn::Transform: a macro/],
            [{ Resources: { R: role({ Properties: { "Fn::If": ["Prod", { AssumeRolePolicyDocument: trust }, {}] } }) } }, "s › templateBody › Resources.R.Properties", /AWS::IAM::Role R holds Fn::If: the function decides its properties when the stack deploys/],
        ];
        for (const [template, at, why] of cases) {
            const findings = await unreadable("prod", stack("s", template));
            assert.deepStrictEqual(findings.map((v) => [v.level, where(v.message)]), [["mandatory", at]], JSON.stringify(template));
            assert.match(findings[0].message, why);
        }
    });

    it("a dynamic reference ({{resolve:ssm:...}}) in a grant hides it: a finding wherever it stands, principal, condition or action", async () => {
        const bucketPolicy = (statement: Record<string, unknown>) => ({ Resources: { P: { Type: "AWS::S3::BucketPolicy", Properties: { Bucket: "reports-prod", PolicyDocument: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports-prod/*", ...statement }) } } } });
        for (const statement of [
            { Principal: { AWS: "{{resolve:ssm:/shared/reader}}" } },
            { Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "{{resolve:ssm:/org/id}}" } } },
            { Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: { "Fn::Sub": "s3:{{resolve:ssm:/action}}" } },
            { Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "{{resolve:ssm:/policy/action}}" },
        ]) {
            const findings = await unreadable("prod", stack("s", bucketPolicy(statement)));
            assert.deepStrictEqual(findings.map((v) => v.level), ["mandatory"], JSON.stringify(statement));
            assert.match(findings[0].message, /s › templateBody › Resources\.P\.Properties\.PolicyDocument: the dynamic reference \{\{resolve:ssm:\/[a-z/]+\}\} \(its value is read from SSM Parameter Store or Secrets Manager when the stack deploys\) at .* hides what is granted/);
        }
        assert.deepStrictEqual(await unreadable("prod", stack("s", bucketPolicy({ Principal: { AWS: "arn:aws:iam::123456789012:root" } }))), []);
    });

    it("each unreadable template finding names its own fix: expand the Transform, give a valid template, write the statement out", async () => {
        const fixOf = async (template: unknown) => (await unreadable("prod", stack("t", template))).map((v) => v.message.split("\n").slice(-1)[0]);
        assert.deepStrictEqual(await fixOf({ Transform: "AWS::Serverless-2016-10-31", Resources: {} }), [
            "fix: deploy the expanded template (`sam package`/`aws cloudformation package` output, or `aws cloudformation get-template --template-stage Processed`), or create the IAM resources with Pulumi",
        ]);
        assert.deepStrictEqual(await fixOf("Resources: [unclosed"), ["fix: give a valid JSON or YAML template"]);
        const hidden = { Resources: { P: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: { "Fn::ImportValue": "shared-bucket-arn" } }] } } } } };
        assert.deepStrictEqual(await fixOf(hidden), ["fix: write the statement out (names and ARNs from parameters or `${AWS::...}` pseudo parameters are read), or create the IAM resources with Pulumi"]);
    });

    it("a template unknown at preview is one advisory report, through CrossGuard's proxy, never an exception", async () => {
        const violations = await judge("prod", [{ type: "aws:cloudformation/stack:Stack", name: "later", props: { templateBody: unknownString } }]);
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.level, where(v.message)]), [["documents-known-at-preview", "advisory", "later › templateBody"]]);
        const nested = documentsOf("aws-native:cloudformation:Stack", unknownCheckingProxy({ templateBody: { Resources: { R: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: unknownString } } } } }));
        assert.deepStrictEqual(nested.map((d) => d.unknown), ["templateBody › Resources.R.Properties.PolicyDocument is not known at preview"]);
    });
});

describe("least-privilege pack: embeddedResources lists what a template creates (for judging attachments)", () => {
    it("gives each resource's CloudFormation type, logical ID, properties and place, for stacks and Cloud Control", () => {
        const [role] = embeddedResources("aws:cloudformation/stack:Stack", { templateBody: JSON.stringify(adminTemplate) });
        assert.deepStrictEqual([role.cfnType, role.logicalId, role.path, role.properties.ManagedPolicyArns], ["AWS::IAM::Role", "AdminRole", "templateBody › Resources.AdminRole.Properties", ["arn:aws:iam::aws:policy/AdministratorAccess"]]);
        const fromYaml = embeddedResources("aws:cloudformation/stack:Stack", { templateBody: narrowYaml });
        assert.deepStrictEqual(fromYaml.map((r) => [r.logicalId, r.cfnType]), [["Reports", "AWS::S3::Bucket"], ["Queue", "AWS::SQS::Queue"], ["Writer", "AWS::IAM::Role"]]);
        assert.deepStrictEqual(fromYaml[0].properties, { BucketName: { Ref: "BucketName" } });
        const cc = embeddedResources("aws:cloudcontrol/resource:Resource", { typeName: "AWS::IAM::Role", desiredState: JSON.stringify({ ManagedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }) });
        assert.deepStrictEqual(cc, [{ cfnType: "AWS::IAM::Role", logicalId: "", properties: { ManagedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }, path: "desiredState" }]);
        assert.deepStrictEqual(embeddedResources("aws:iam/role:Role", { assumeRolePolicy: "{}" }), []);
        assert.deepStrictEqual(embeddedResources("aws:cloudformation/stack:Stack", { templateBody: "::: not yaml [" }), []);
    });

    it("judges the long-lived credentials and public exposure a template makes, as the same resources made directly", async () => {
        const template = { Resources: {
            Key: { Type: "AWS::IAM::AccessKey", Properties: { UserName: "ci" } },
            Url: { Type: "AWS::Lambda::Url", Properties: { AuthType: "NONE", TargetFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f" } },
            Db: { Type: "AWS::RDS::DBInstance", Properties: { PubliclyAccessible: true, DBInstanceClass: "db.t3.micro" } },
            Signed: { Type: "AWS::Lambda::Url", Properties: { AuthType: "AWS_IAM", TargetFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f" } },
            Plain: { Type: "AWS::IAM::User", Properties: { UserName: "reader" } },
        } };
        const violations = mandatory(await judge("prod", [stack("legacy", template)]));
        assert.deepStrictEqual(violations.map((v) => `${v.policy} ${where(v.message)}`).sort(), [
            "no-long-lived-credentials legacy › templateBody › Resources.Key.Properties › credential",
            "no-public-exposure legacy › templateBody › Resources.Db.Properties › publiclyAccessible",
            "no-public-exposure legacy › templateBody › Resources.Url.Properties › authType",
        ]);
        assert.match(of(violations, "no-long-lived-credentials")[0].message, /an access key \(a secret that works until someone deletes it\) for user "ci" is a long-lived credential/);
        // YAML and Cloud Control too; a console password on a template's user.
        const yaml = "Resources:\n  Key:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: !Ref Ci\n";
        assert.deepStrictEqual(mandatory(await judge("prod", [stack("legacy-yaml", yaml)])).map((v) => v.policy), ["no-long-lived-credentials"]);
        const cloudControl = { type: "aws:cloudcontrol/resource:Resource", name: "cc-user", props: { typeName: "AWS::IAM::User", desiredState: JSON.stringify({ UserName: "u", LoginProfile: { Password: "x" } }) } };
        assert.deepStrictEqual(mandatory(await judge("prod", [cloudControl])).map((v) => `${v.policy} ${where(v.message)}`), ["no-long-lived-credentials cc-user › desiredState › loginProfile"]);
        // Exempted by the stack's name and the resource's logical ID; advisory outside production.
        const config = { "no-long-lived-credentials": { exemptions: [{ resource: "legacy", resourcePattern: "Key.*", reason: "vendor SFTP bridge; SEC-9" }] } };
        assert.deepStrictEqual(of(mandatory(await judge("prod", [stack("legacy", template)], { config })), "no-long-lived-credentials"), []);
        assert.deepStrictEqual(mandatory(await judge("dev", [stack("legacy", template)])), []);
    });

    it("reads an aws-native Stack's template object with a value unknown at preview: that resource waits for pulumi up, the others are judged", async () => {
        const template = { Resources: {
            Pending: { Type: "AWS::Lambda::Url", Properties: { AuthType: unknownString, TargetFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f" } },
            Open: { Type: "AWS::Lambda::Url", Properties: { AuthType: "NONE", TargetFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f" } },
        } };
        const violations = await judge("prod", [{ type: "aws-native:cloudformation:Stack", name: "native", props: { templateBody: template } }]);
        assert.deepStrictEqual(violations.filter((v) => v.policy.includes("exposure")).map((v) => `${v.policy} ${v.level} ${where(v.message)}`).sort(), [
            "exposure-known-at-preview advisory native › templateBody › Resources.Pending.Properties › authType",
            "no-public-exposure mandatory native › templateBody › Resources.Open.Properties › authType",
        ]);
    });

    it("names CloudFormation properties as aws-native does (camelCase, a leading acronym lowercased)", () => {
        assert.deepStrictEqual(["AuthType", "DBInstanceClass", "VPCId", "ACL", "PubliclyAccessible", "a"].map(camelName), ["authType", "dbInstanceClass", "vpcId", "acl", "publiclyAccessible", "a"]);
    });
});
