/**
 * Grouping documents by the principal they apply to, on resources shaped as the mocks record
 * them: inline and attached policies land on their role or user (attachments matched by the
 * mock ARN or by name), trust policies on the role, resource policies as grants on the resource.
 */
import * as assert from "assert";
import { principalTables, resourcesByType } from "../../scripts/check/principals";
import { RecordedResource, mockArn } from "../../stacks/offline/mocks";

const placement = { accountId: "123456789012", region: "eu-west-2" };
const resource = (type: string, name: string, inputs: Record<string, unknown>): RecordedResource => ({ type, name, urn: `urn:pulumi:t::p::${type}::${name}`, inputs });
const document = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const resources: RecordedResource[] = [
    resource("aws:iam/role:Role", "app-role", {
        name: "app-prod",
        assumeRolePolicy: document({ Sid: "Ecs", Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }),
    }),
    resource("aws:iam/policy:Policy", "app-managed", { name: "AppManaged", policy: document({ Sid: "ReadBucket", Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::b/*" }) }),
    resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "app-attach", { role: "app-prod", policyArn: mockArn("aws:iam/policy:Policy", "AppManaged", placement.region, placement.accountId) }),
    resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "app-aws-managed", { role: "app-prod", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
    resource("aws:iam/rolePolicy:RolePolicy", "app-inline", { name: "AppInline", role: "app-prod", policy: document({ Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" }) }),
    resource("aws:iam/user:User", "dev-user", { name: "dev-user" }),
    resource("aws:iam/policy:Policy", "dev-managed", { name: "DevManaged", policy: document({ Sid: "Invoke", Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" }) }),
    resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "dev-attach", { user: "dev-user", policyArn: "DevManaged" }),
    resource("aws:s3/bucketPolicy:BucketPolicy", "b-policy", { bucket: "b", policy: document({ Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }) }),
    resource("aws:lambda/permission:Permission", "fn-invoke", { function: "fn", action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:eu-west-2:123456789012:api/*", statementId: "AllowApi" }),
    resource("aws:s3/bucket:Bucket", "b", { bucket: "b" }),
];

describe("check: permissions grouped by principal", () => {
    const tables = principalTables(resources, placement);
    const table = (title: string) => {
        const found = tables.find((t) => `${t.resourceKind ?? t.kind} ${t.name}` === title);
        assert.ok(found, `no ${title} among ${tables.map((t) => `${t.resourceKind ?? t.kind} ${t.name}`).join(", ")}`);
        return found;
    };

    it("orders roles, then users, then resource grants, each by name", () => {
        assert.deepStrictEqual(tables.map((t) => `${t.resourceKind ?? t.kind} ${t.name}`), ["role app-prod", "user dev-user", "bucket b", "function fn"]);
    });

    it("a role holds its trust policy, inline policies, then managed policies matched by mock ARN; an AWS-managed ARN is named, not rendered", () => {
        const role = table("role app-prod");
        assert.deepStrictEqual(role.documents.map((d) => d.source), ["trust policy", "inline AppInline", "managed AppManaged", "managed arn:aws:iam::aws:policy/ReadOnlyAccess"]);
        assert.deepStrictEqual(role.documents[0].rows, [{ why: "Ecs", effect: "Allow", who: "Service: ecs-tasks.amazonaws.com", actions: ["sts:AssumeRole"], resources: [], conditions: ["StringEquals aws:SourceAccount=123456789012"] }]);
        assert.deepStrictEqual(role.documents[1].rows, [{ why: "#0", effect: "Deny", who: "", actions: ["NOT s3:GetObject"], resources: ["*"], conditions: [] }]);
        assert.deepStrictEqual(role.documents[2].rows.map((r) => [r.why, r.actions, r.resources]), [["ReadBucket", ["s3:GetObject"], ["arn:aws:s3:::b/*"]]]);
        assert.strictEqual(role.documents[2].resource, "app-managed", "the row names the Policy resource that carries the document");
        assert.deepStrictEqual(role.documents[3].rows, []);
    });

    it("a user's attachment matches a policy given by name", () => {
        assert.deepStrictEqual(table("user dev-user").documents.map((d) => [d.source, d.rows.map((r) => r.why)]), [["managed DevManaged", ["Invoke"]]]);
    });

    it("resource policies are grants on their resource: the bucket policy, and a Lambda permission as the statement AWS adds", () => {
        const bucket = table("bucket b");
        assert.deepStrictEqual(bucket.documents[0].rows[0], { why: "TlsOnly", effect: "Deny", who: "*", actions: ["s3:*"], resources: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], conditions: ["Bool aws:SecureTransport=false"] });
        const fn = table("function fn");
        assert.deepStrictEqual(fn.documents.map((d) => d.source), ["permission AllowApi"]);
        assert.deepStrictEqual(fn.documents[0].rows[0], { why: "AllowApi", effect: "Allow", who: "Service: apigateway.amazonaws.com", actions: ["lambda:InvokeFunction"], resources: [], conditions: ["ArnLike AWS:SourceArn=arn:aws:execute-api:eu-west-2:123456789012:api/*"] });
        assert.deepStrictEqual(fn.documents[0].rendered, { statementId: "AllowApi", action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:eu-west-2:123456789012:api/*" });
    });

    it("counts resources by type, sorted by type", () => {
        assert.deepStrictEqual(resourcesByType(resources).map((r) => `${r.count} ${r.type}`), [
            "2 aws:iam/policy:Policy",
            "1 aws:iam/role:Role",
            "1 aws:iam/rolePolicy:RolePolicy",
            "2 aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "1 aws:iam/user:User",
            "1 aws:iam/userPolicyAttachment:UserPolicyAttachment",
            "1 aws:lambda/permission:Permission",
            "1 aws:s3/bucket:Bucket",
            "1 aws:s3/bucketPolicy:BucketPolicy",
        ]);
    });
});
