import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { documentTypes, documentsOf } from "../../policypacks/least-privilege/iam/resource-documents";
import { doc, judge, of, unknownString } from "./support";

const allowGet = { Sid: "Get", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
const json = (d: unknown) => JSON.stringify(d);

describe("least-privilege pack: resource-documents.ts finds the documents by type token", () => {
    it("reads the policy field of every identity and resource policy type", () => {
        const types = [
            "aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy",
            "aws:s3/bucketPolicy:BucketPolicy", "aws:sns/topicPolicy:TopicPolicy", "aws:sns/topic:Topic",
            "aws:secretsmanager/secretPolicy:SecretPolicy", "aws:ecr/repositoryPolicy:RepositoryPolicy", "aws:sqs/queuePolicy:QueuePolicy",
        ];
        for (const type of types) {
            assert.ok(documentTypes().has(type), type);
            const [document, ...rest] = documentsOf(type, { policy: json(doc(allowGet)) });
            assert.strictEqual(rest.length, 0, type);
            assert.strictEqual(document.field, "policy");
            assert.strictEqual(document.kind, type.startsWith("aws:iam/") ? "identity" : "resource");
            assert.strictEqual(document.read.statements[0].label, "Get");
        }
    });

    it("reads a role's trust policy and each inline policy, as strings or objects", () => {
        const documents = documentsOf("aws:iam/role:Role", {
            assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
            inlinePolicies: [{ name: "a", policy: json(doc(allowGet)) }, { name: "b", policy: doc(allowGet) }, { name: "", policy: "" }],
        });
        assert.deepStrictEqual(documents.map((d) => [d.field, d.kind]), [["assumeRolePolicy", "trust"], ["inlinePolicies[0].policy", "identity"], ["inlinePolicies[1].policy", "identity"]]);
    });

    it("synthesizes a Lambda permission into a statement with its narrowing conditions", () => {
        const [document] = documentsOf("aws:lambda/permission:Permission", {
            action: "lambda:InvokeFunction", function: "predict", principal: "apigateway.amazonaws.com",
            sourceArn: "arn:aws:execute-api:us-east-1:123456789012:a1/*/POST/predict", statementId: "AllowApiGateway",
        });
        const [statement] = document.read.statements;
        assert.strictEqual(statement.label, "AllowApiGateway");
        assert.deepStrictEqual(statement.actions, ["lambda:InvokeFunction"]);
        assert.deepStrictEqual(statement.principal, { any: false, entries: { Service: ["apigateway.amazonaws.com"] } });
        assert.deepStrictEqual(statement.conditions, { ArnLike: { "AWS:SourceArn": ["arn:aws:execute-api:us-east-1:123456789012:a1/*/POST/predict"] } });
    });

    it("ignores types without documents and absent optional documents", () => {
        assert.deepStrictEqual(documentsOf("aws:s3/bucket:Bucket", { bucket: "b" }), []);
        assert.deepStrictEqual(documentsOf("aws:iam/user:User", { name: "u" }), []);
    });

    it("turns a document unknown at preview into `unknown`, through CrossGuard's proxy", () => {
        const [whole] = documentsOf("aws:iam/policy:Policy", unknownCheckingProxy({ policy: unknownString }));
        assert.strictEqual(whole.unknown, "policy is not known at preview");
        const [, inline] = documentsOf("aws:iam/role:Role", unknownCheckingProxy({
            assumeRolePolicy: json(doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })),
            inlinePolicies: [{ name: "a", policy: { Version: "2012-10-17", Statement: [{ ...allowGet, Resource: unknownString }] } }],
        }));
        assert.match(inline.unknown ?? "", /^inlinePolicies\.0\.policy\.Statement\.0\.Resource is not known at preview/);
    });
    it("reads one resource once for all the policies: the same texts through fresh props give the same reading, other texts their own", () => {
        const text = (action: string) => JSON.stringify(doc({ Effect: "Allow", Action: action, Resource: "*" }));
        const props = (policy: unknown) => unknownCheckingProxy({ name: "p", policy });
        const type = "aws:iam/policy:Policy";
        const first = documentsOf(type, props(text("s3:GetObject")));
        assert.strictEqual(documentsOf(type, props(text("s3:GetObject"))), first, "equal text, fresh props: the same reading");
        const other = documentsOf(type, props(text("s3:PutObject")));
        assert.notStrictEqual(other, first);
        assert.deepStrictEqual(other[0].read.statements[0].actions, ["s3:PutObject"]);
        assert.deepStrictEqual(documentsOf(type, props(text("s3:GetObject")))[0].read.statements[0].actions, ["s3:GetObject"], "back to the first text");
        assert.match(documentsOf(type, props(unknownString))[0].unknown ?? "", /policy is not known at preview/);
        const object = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }] };
        assert.deepStrictEqual(documentsOf(type, props(object))[0].read.statements[0].actions, ["s3:ListBucket"]);
        // A role: two top-level documents (trust and inline list) are read afresh when either changes.
        const role = (trust: string) => unknownCheckingProxy({ name: "r", assumeRolePolicy: trust });
        const trusts = [text("sts:AssumeRole"), text("sts:TagSession")].map((t) => documentsOf("aws:iam/role:Role", role(t)).map((d) => d.read.statements[0]?.actions));
        assert.deepStrictEqual(trusts, [[["sts:AssumeRole"]], [["sts:TagSession"]]]);
    });
});

describe("least-privilege pack: resource-documents.ts reads argument grants and embedded templates too", () => {
    it("a Lambda permission's arguments are one resource document; a stack's template gives each document inside it", () => {
        assert.deepStrictEqual(documentsOf("aws:lambda/permission:Permission", { action: "lambda:InvokeFunction", function: "f", principal: "s3.amazonaws.com", sourceAccount: "123456789012" }).map((d) => [d.field, d.kind, d.read.statements.length]), [["permission", "resource", 1]]);
        const templateBody = json({ Resources: { P: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: doc(allowGet) } } } });
        assert.deepStrictEqual(documentsOf("aws:cloudformation/stack:Stack", { name: "s", templateBody }).map((d) => [d.field, d.kind, d.read.statements.map((s) => s.label)]), [
            ["templateBody › Resources.P.Properties.PolicyDocument", "identity", ["Get"]],
        ]);
    });
});

describe("least-privilege pack: unknown and invalid documents are reported, never thrown", () => {
    it("an unknown document at preview produces one advisory report, even in prod, and no exception", async () => {
        const violations = await judge("prod", [{ type: "aws:iam/rolePolicy:RolePolicy", name: "app-inline", props: { role: "app", policy: unknownString } }]);
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.level]), [["documents-known-at-preview", "advisory"]]);
        assert.match(violations[0].message, /app-inline › policy: policy is not known at preview, so no policy could judge it now/);
    });

    it("an invalid JSON document produces a report naming the resource, and the other policies skip it", async () => {
        const violations = await judge("prod", [{ type: "aws:iam/policy:Policy", name: "broken", props: { policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",' } }]);
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.level]), [["readable-policy-documents", "mandatory"]]);
        assert.match(violations[0].message, /broken › policy: the document is not valid JSON/);
    });

    it("an empty policy on a resource that needs one is reported (AWS rejects it); an empty optional one means none", async () => {
        const violations = await judge("prod", [
            { type: "aws:iam/policy:Policy", name: "blank", props: { policy: "" } },
            { type: "aws:s3/bucketPolicy:BucketPolicy", name: "blank-bucket", props: { bucket: "b", policy: "  " } },
            { type: "aws:iam/role:Role", name: "blank-trust", props: { assumeRolePolicy: "" } },
            { type: "aws:sns/topic:Topic", name: "no-policy", props: { policy: "" } },
        ]);
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.level, v.message.split("\n")[1]]), ["blank › policy", "blank-bucket › policy", "blank-trust › assumeRolePolicy"].map((where) =>
            ["readable-policy-documents", "mandatory", `${where}: the document is empty: AWS rejects it as MalformedPolicyDocument; give it a Version and a Statement`]));
    });

    it("wrong shapes are reported once each, as mandatory in dev too (AWS rejects them)", async () => {
        const violations = of(await judge("dev", [{ type: "aws:iam/policy:Policy", name: "odd", props: { policy: json({ Version: "2012-10-17", Statement: [{ Effect: "Permit", Action: "s3:GetObject", Resource: "*" }, { Effect: "Allow", Action: 5, Resource: "arn:aws:s3:::b" }] }) } }]), "readable-policy-documents");
        assert.deepStrictEqual(violations.map((v) => v.level), ["mandatory", "mandatory"]);
        assert.match(violations[0].message, /Effect "Permit" is neither "Allow" nor "Deny"/);
        assert.match(violations[1].message, /statement #1: Action entries must be non-empty strings, not number 5/);
    });
    it("a null or absent policy holds no document, wherever it sits; an empty trust policy is one, and is reported", () => {
        assert.deepStrictEqual(documentsOf("aws:iam/role:Role", { inlinePolicies: [{ name: "n", policy: null }, { name: "u" }, { name: "e", policy: "" }, "x", null] }), []);
        assert.deepStrictEqual(documentsOf("aws:iam/role:Role", { assumeRolePolicy: null, inlinePolicies: "x" }), []);
        assert.deepStrictEqual(documentsOf("aws:iam/role:Role", { assumeRolePolicy: "" }).map((d) => [d.field, d.kind, d.read.problems]), [
            ["assumeRolePolicy", "trust", ["the document is empty: AWS rejects it as MalformedPolicyDocument; give it a Version and a Statement"]],
        ]);
    });
    it("words both findings in full: where, why, no action line, the fix", async () => {
        const violations = await judge("prod", [
            { type: "aws:iam/rolePolicy:RolePolicy", name: "app-inline", props: { role: "app", policy: unknownString } },
            { type: "aws:iam/policy:Policy", name: "blank", props: { policy: "" } },
        ]);
        assert.deepStrictEqual(violations.map((v) => [v.policy, ...v.message.split("\n").slice(1)]), [
            ["documents-known-at-preview", "app-inline › policy: policy is not known at preview, so no policy could judge it now; it is checked again at `pulumi up`",
                "fix: build the document from config-derived names and ARN builders, not from another resource's outputs (DESIGN.md rule 1)"],
            ["readable-policy-documents", "blank › policy: the document is empty: AWS rejects it as MalformedPolicyDocument; give it a Version and a Statement",
                "fix: correct the document; the other policies skip what they cannot read"],
        ]);
    });
});
