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

    it("does not count a service key alone as narrowing who: kms:ViaService and aws:PrincipalServiceName under \"*\" need an account or organization too", async () => {
        const key = (condition: Record<string, unknown>): TestResource => ({ type: "aws:kms/key:Key", name: "k", props: { policy: JSON.stringify(doc({ Sid: "Via", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: condition })) } });
        const [via, ...none] = await validateResource(policy(), key({ StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } }));
        assert.deepStrictEqual(none, []);
        assert.match(via.message, /k › policy › statement Via: lets any principal \("\*"\) in without a narrowing condition: StringEquals kms:ViaService does not narrow who: it names the service the call comes through or from, and any account's principals use that service; add the account or organization \(kms:CallerAccount, aws:SourceAccount, aws:PrincipalOrgID\)/);
        assert.deepStrictEqual(await validateResource(policy(), key({ StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com", "kms:CallerAccount": "123456789012" } })), [], "AWS's documented pattern: the service and the account");
        const service = (condition: Record<string, unknown>) => bucketPolicy(doc({ ...read, Principal: "*", Condition: condition }));
        const [disguised] = await validateResource(policy(), service({ StringEquals: { "aws:PrincipalServiceName": "cloudtrail.amazonaws.com" } }));
        assert.match(disguised.message, /statement PublicRead: lets any principal \("\*"\) in without a narrowing condition: StringEquals aws:PrincipalServiceName does not narrow who/);
        assert.deepStrictEqual(await validateResource(policy(), service({ StringEquals: { "aws:PrincipalServiceName": "cloudtrail.amazonaws.com", "aws:SourceAccount": "123456789012" } })), []);
        assert.strictEqual((await validateResource(policy("dev"), key({ StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } })))[0].level, "advisory");
    });

    it("reads an EKS subject's namespace as its owner: system:serviceaccount:* and :*:* are open, a named namespace is not", async () => {
        const provider = "oidc.eks.us-east-1.amazonaws.com/id/ABC";
        const eks = (sub: string) => role(doc({ Sid: "Eks", Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${provider}` }, Condition: { StringEquals: { [`${provider}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${provider}:sub`]: sub } } }));
        for (const open of ["system:serviceaccount:*:*", "system:serviceaccount:*", "system:serviceaccount:?*"]) {
            const [violation, ...rest] = await validateResource(policy(), eks(open));
            assert.deepStrictEqual(rest, [], open);
            assert.match(violation.message, new RegExp(`statement Eks: trusts the OIDC provider ${provider.replace(/[./]/g, "\\$&")} without conditions that narrow who: StringLike ${provider.replace(/[./]/g, "\\$&")}:sub "${open.replace(/[*?]/g, "\\$&")}" leaves the subject open`), open);
        }
        const [prefix] = await validateResource(policy(), eks("system:serviceaccount:pay*"));
        assert.match(prefix.message, /leaves the owner open after "system:serviceaccount:pay"/);
        for (const named of ["system:serviceaccount:payments:*", "system:serviceaccount:payments:api"]) assert.deepStrictEqual(await validateResource(policy(), eks(named)), [], named);
    });
});
