import * as assert from "assert";
import { doc, validateResource, policyNamed, TestResource } from "./support";
import { buildPolicies } from "../../policypacks/least-privilege/registry";

const policy = (environment = "prod") => policyNamed(buildPolicies({ environment }), "no-public-principal");
const bucketPolicy = (document: unknown): TestResource => ({ type: "aws:s3/bucketPolicy:BucketPolicy", name: "temp-policy", props: { bucket: "b", policy: JSON.stringify(document) } });
const role = (trust: unknown): TestResource => ({ type: "aws:iam/role:Role", name: "app-role", props: { name: "app", assumeRolePolicy: JSON.stringify(trust) } });
const read = { Sid: "PublicRead", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };

describe("least-privilege pack: no-public-principal", () => {
    it("blocks a bucket policy that lets \"*\" in", async () => {
        const [violation, ...rest] = await validateResource(policy(), bucketPolicy(doc({ ...read, Principal: "*" })));
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "mandatory");
        assert.match(violation.message, /temp-policy › policy › statement PublicRead: lets any principal \("\*"\) in without a narrowing condition/);
    });

    it("blocks a trust policy that lets {\"AWS\": \"*\"} assume the role", async () => {
        const [violation] = await validateResource(policy(), role(doc({ Sid: "Anyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })));
        assert.match(violation.message, /app-role › assumeRolePolicy › statement Anyone: lets any principal/);
    });

    it("does not let just any condition exempt the statement (unlike Checkov)", async () => {
        const weak = [
            { Bool: { "aws:SecureTransport": "true" } },
            { StringEqualsIfExists: { "aws:SourceAccount": "123456789012" } },
            { StringNotEquals: { "aws:PrincipalOrgID": "o-123" } },
            { StringLike: { "aws:PrincipalArn": "*" } },
            { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } },
            { StringEquals: { "sts:ExternalId": "shared-secret" } },
        ];
        const why = [
            "Bool aws:SecureTransport does not narrow who: it tests whether a value is set or true, not which caller sends it",
            "StringEqualsIfExists aws:SourceAccount also matches requests that carry no aws:SourceAccount (IfExists), such as anonymous ones",
            "StringNotEquals aws:PrincipalOrgID is negated: it shuts out the values it names and lets every other caller in",
            "StringLike aws:PrincipalArn \"*\" matches every principal or resource",
            "IpAddress aws:SourceIp \"0.0.0.0/0\" covers every IPv4 address",
            "StringEquals sts:ExternalId does not narrow who: sts:ExternalId is not about the caller's identity, organization, source or network",
        ];
        for (const [i, Condition] of weak.entries()) {
            const violations = await validateResource(policy(), bucketPolicy(doc({ ...read, Principal: "*", Condition })));
            assert.strictEqual(violations.length, 1, JSON.stringify(Condition));
            assert.strictEqual(violations[0].message.split("\n")[1], `temp-policy › policy › statement PublicRead: lets any principal ("*") in without a narrowing condition: ${why[i]}`);
        }
    });

    it("passes \"*\" narrowed by account, source, organization or endpoint", async () => {
        const narrowing = [
            { StringEquals: { "aws:SourceAccount": "123456789012" } },
            { ArnLike: { "aws:SourceArn": "arn:aws:textract:*:123456789012:*" } },
            { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
            { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c" } },
            { StringEquals: { "AWS:SourceOwner": "123456789012" } },
        ];
        for (const Condition of narrowing) {
            assert.deepStrictEqual(await validateResource(policy(), bucketPolicy(doc({ ...read, Principal: "*", Condition }))), [], JSON.stringify(Condition));
        }
    });

    it("blocks Allow with NotPrincipal", async () => {
        const [violation] = await validateResource(policy(), bucketPolicy(doc({ ...read, NotPrincipal: { AWS: "arn:aws:iam::1:root" } })));
        assert.match(violation.message, /lets every principal but the NotPrincipal in/);
    });

    it("passes named principals and never flags Deny (the TLS-only statement)", async () => {
        assert.deepStrictEqual(await validateResource(policy(), bucketPolicy(doc(
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { ...read, Principal: { AWS: "arn:aws:iam::123456789012:role/app" } },
        ))), []);
        assert.deepStrictEqual(await validateResource(policy(), role(doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }))), []);
    });

    it("judges Lambda permissions: a public invoke is blocked, one bound to a source ARN passes", async () => {
        const permission = (props: Record<string, unknown>): TestResource => ({ type: "aws:lambda/permission:Permission", name: "predict-invoke", props: { action: "lambda:InvokeFunction", function: "predict", ...props } });
        const [open] = await validateResource(policy(), permission({ principal: "*" }));
        assert.match(open.message, /predict-invoke › permission › statement #0: lets any principal/);
        assert.deepStrictEqual(await validateResource(policy(), permission({ principal: "*", sourceAccount: "123456789012" })), []);
        assert.deepStrictEqual(await validateResource(policy(), permission({ principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:us-east-1:123456789012:a1/*/POST/predict" })), []);
    });

    it("is advisory in dev", async () => {
        const violations = await validateResource(policy("dev"), bucketPolicy(doc({ ...read, Principal: "*" })));
        assert.deepStrictEqual(violations.map((v) => v.level), ["advisory"]);
    });
});
