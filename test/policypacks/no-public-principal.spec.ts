import * as assert from "assert";
import { doc, judge, validateResource, policyNamed, TestResource, violationsOf } from "./support";
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

    // The finding as the message shows it: where and what, the actions, the fix (line 0 is the policy's description).
    const shown = (violations: readonly { message: string }[]) => violations.map((v) => v.message.split("\n").slice(1));
    const ec2 = { Service: "ec2.amazonaws.com" };
    const confusedDeputy = (name: string, actions: string) => [
        `${name} › policy › statement S: lets the service principal ec2.amazonaws.com in without aws:SourceArn or aws:SourceAccount naming your account or resource, so any AWS customer's use of the service can reach it (the confused deputy)`,
        actions,
        "fix: add \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"<your account ID>\"}, \"ArnLike\": {\"aws:SourceArn\": \"<the calling resource's ARN>\"}}",
    ];

    it("words the \"*\" finding in full: no reasons after the problem when no condition is given, the actions, the fix", async () => {
        assert.deepStrictEqual(shown(await validateResource(policy(), bucketPolicy(doc({ ...read, Principal: "*" })))), [[
            "temp-policy › policy › statement PublicRead: lets any principal (\"*\") in without a narrowing condition",
            "action: s3:GetObject",
            "fix: name the principal, or add a condition that names your account, organization, source or network: StringEquals aws:PrincipalOrgID o-<your org>, aws:SourceAccount <account>, aws:SourceVpce vpce-<id>, or IpAddress aws:SourceIp <your CIDR>",
        ]]);
    });

    it("lists a NotAction statement's actions, and none for a statement with no action element", async () => {
        const { Action: _, ...noAction } = read;
        const [notAction] = shown(await validateResource(policy(), bucketPolicy(doc({ ...noAction, Principal: "*", NotAction: "s3:DeleteObject" }))));
        assert.strictEqual(notAction[1], "action: s3:DeleteObject");
        const [bare] = shown(await validateResource(policy(), bucketPolicy(doc({ ...noAction, Principal: "*" }))));
        assert.deepStrictEqual(bare, ["temp-policy › policy › statement PublicRead: lets any principal (\"*\") in without a narrowing condition", notAction[2]]);
        assert.match(notAction[2], /^fix: name the principal/);
    });

    it("reads a principal statement in an identity-carried document as trust only when all its actions are sts: actions", async () => {
        // EC2 sends no source context when it assumes a role: exempt in a trust statement only.
        assert.deepStrictEqual(await violationsOf("no-public-principal", "prod", doc({ Sid: "S", Effect: "Allow", Principal: ec2, Action: "sts:AssumeRole" })), []);
        assert.deepStrictEqual(shown(await violationsOf("no-public-principal", "prod", doc({ Sid: "S", Effect: "Allow", Principal: ec2, Action: ["sts:AssumeRole", "s3:GetObject"], Resource: "*" }))),
            [confusedDeputy("app-policy", "actions: sts:AssumeRole, s3:GetObject")]);
        assert.deepStrictEqual(shown(await violationsOf("no-public-principal", "prod", doc({ Sid: "S", Effect: "Allow", Principal: ec2, Action: "s3:GetObject", Resource: "*" }))),
            [confusedDeputy("app-policy", "action: s3:GetObject")]);
        // No Action at all (NotAction) is not a trust statement either.
        assert.deepStrictEqual(shown(await violationsOf("no-public-principal", "prod", doc({ Sid: "S", Effect: "Allow", Principal: ec2, NotAction: "s3:GetObject", Resource: "*" }))),
            [confusedDeputy("app-policy", "action: s3:GetObject")]);
    });

    it("checks a federated principal's keys in an identity-carried trust statement, not in a resource statement", async () => {
        const federated = { Federated: "cognito-identity.amazonaws.com" };
        const [trust] = shown(await violationsOf("no-public-principal", "prod", doc({ Sid: "S", Effect: "Allow", Principal: federated, Action: "sts:AssumeRoleWithWebIdentity" })));
        assert.match(trust[0], /^app-policy › policy › statement S: trusts the web identity provider cognito-identity\.amazonaws\.com without conditions that narrow who: no condition on cognito-identity\.amazonaws\.com:aud /);
        assert.deepStrictEqual(await violationsOf("no-public-principal", "prod", doc({ Sid: "S", Effect: "Allow", Principal: federated, Action: "s3:GetObject", Resource: "*" })), []);
        assert.deepStrictEqual(await validateResource(policy(), bucketPolicy(doc({ Sid: "S", Effect: "Allow", Principal: federated, Action: "sts:AssumeRoleWithWebIdentity", Resource: "*" }))), []);
    });

    it("takes a role's trust policy and a bucket policy as what they are, whatever their actions", async () => {
        // A trust policy with NotAction is still a trust policy: EC2 stays exempt.
        assert.deepStrictEqual(await validateResource(policy(), role(doc({ Sid: "S", Effect: "Allow", Principal: ec2, NotAction: "s3:GetObject" }))), []);
        // A resource policy listing only sts: actions is still a resource policy: EC2 needs a source key.
        assert.deepStrictEqual(shown(await validateResource(policy(), bucketPolicy(doc({ Sid: "S", Effect: "Allow", Principal: ec2, Action: "sts:AssumeRole", Resource: "*" })))),
            [confusedDeputy("temp-policy", "action: sts:AssumeRole")]);
    });

    it("reads API Gateway's execute-api:/ shorthand in a REST API policy as the API itself: judged by who it lets in, not refused as a malformed ARN", async () => {
        const api = (statement: Record<string, unknown>): TestResource => ({ type: "aws:apigateway/restApiPolicy:RestApiPolicy", name: "api-policy", props: { restApiId: "abc123", policy: JSON.stringify(doc(statement)) } });
        const invoke = { Sid: "Invoke", Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" };
        assert.deepStrictEqual(await judge("prod", [api({ ...invoke, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } })]), []);
        const open = await judge("prod", [api(invoke)]);
        assert.deepStrictEqual(open.map((v) => `${v.policy}/${v.level}`), ["no-public-principal/mandatory"]);
        assert.match(open[0].message, /api-policy › policy › statement Invoke: lets any principal \("\*"\) in without a narrowing condition/);
        const [malformed] = await judge("prod", [api({ ...invoke, Resource: "execute-api:*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } })]);
        assert.match(malformed.message, /statement Invoke: resource "execute-api:\*" is neither "\*" nor an ARN/, "only the documented execute-api:/ form");
    });

    it("reports a principal with a wildcard that is not the whole \"*\" (arn:aws:iam::*:root, 12345678901*, \" *\", role/app-*): AWS matches no part of a principal", async () => {
        for (const principal of [{ AWS: "arn:aws:iam::*:root" }, { AWS: "12345678901?" }, { AWS: " *" }, { AWS: ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:role/app-*"] }, { Service: "*.amazonaws.com" }]) {
            const [violation, ...rest] = await validateResource(policy(), bucketPolicy(doc({ ...read, Principal: principal })));
            assert.deepStrictEqual(rest, [], JSON.stringify(principal));
            assert.match(violation.message, /temp-policy › policy › statement PublicRead: names (AWS|Service) ".*": a principal is "\*" or names one principal; AWS does not match part of a principal with a wildcard, so it either refuses the policy or reads it as every principal that fits\naction: s3:GetObject\nfix: name the principal in full/, JSON.stringify(principal));
        }
        const [trust] = await validateResource(policy(), role(doc({ Sid: "T", Effect: "Allow", Principal: { AWS: "arn:aws:iam::*:role/ci" }, Action: "sts:AssumeRole" })));
        assert.match(trust.message, /app-role › assumeRolePolicy › statement T: names AWS "arn:aws:iam::\*:role\/ci"/);
        assert.deepStrictEqual(await validateResource(policy(), bucketPolicy(doc({ ...read, Principal: { AWS: "arn:aws:iam::123456789012:role/app" } }))), []);
        assert.strictEqual((await validateResource(policy("dev"), bucketPolicy(doc({ ...read, Principal: { AWS: "arn:aws:iam::*:root" } }))))[0].level, "advisory");
    });

    describe("documents AWS writes without a source or subject condition (red-team false blocks)", () => {
        const messages = async (resource: TestResource) => (await judge("prod", [resource])).filter((v) => v.level === "mandatory").map((v) => `${v.policy}: ${v.message.split("\n")[1]}`);

        it("does not judge VPC endpoint policies as grants: they only limit calls through the endpoint", async () => {
            const endpointPolicy = JSON.stringify(doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::engagement-data/*" }));
            const fullAccess = JSON.stringify(doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }));
            for (const resource of [
                { type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: "s3-endpoint", props: { vpcId: "vpc-0abc1234", serviceName: "com.amazonaws.us-east-1.s3", policy: endpointPolicy } },
                { type: "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy", name: "s3-endpoint-policy", props: { vpcEndpointId: "vpce-0abc1234", policy: fullAccess } },
                { type: "aws-native:ec2:VpcEndpoint", name: "native-endpoint", props: { vpcId: "vpc-0abc1234", serviceName: "com.amazonaws.us-east-1.s3", policyDocument: JSON.parse(fullAccess) } },
            ]) assert.deepStrictEqual(await messages(resource), [], resource.type);
            // The same statement on a bucket is a grant to anyone.
            assert.deepStrictEqual(await messages(bucketPolicy(JSON.parse(endpointPolicy))), ['no-public-principal: temp-policy › policy › statement #0: lets any principal ("*") in without a narrowing condition']);
        });

        it("passes AWS's EKS Pod Identity trust policy, which has no source condition; not the same trust for another service", async () => {
            const trust = (service: string) => role(doc({ Sid: "Pods", Effect: "Allow", Principal: { Service: service }, Action: ["sts:AssumeRole", "sts:TagSession"] }));
            assert.deepStrictEqual(await messages(trust("pods.eks.amazonaws.com")), []);
            const [other] = await messages(trust("glue.amazonaws.com"));
            assert.match(other, /^no-public-principal: app-role › assumeRolePolicy › statement Pods: lets the service principal glue\.amazonaws\.com in without aws:SourceArn or aws:SourceAccount/);
        });

        it("takes the audience alone for issuers that are one customer's (CircleCI, Bitbucket), not for shared ones", async () => {
            const trust = (issuer: string, condition: Record<string, unknown>) => role(doc({ Sid: "Ci", Effect: "Allow", Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition }));
            const circle = "oidc.circleci.com/org/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
            const bitbucket = "api.bitbucket.org/2.0/workspaces/engagement/pipelines-config/identity/oidc";
            assert.deepStrictEqual(await messages(trust(circle, { StringEquals: { [`${circle}:aud`]: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" } })), []);
            assert.deepStrictEqual(await messages(trust(bitbucket, { StringEquals: { [`${bitbucket}:aud`]: "ari:cloud:bitbucket::workspace/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" } })), []);
            const [noAudience] = await messages(trust(circle, {}));
            assert.match(noAudience, new RegExp(`^no-public-principal: app-role › assumeRolePolicy › statement Ci: .*${circle.replace(/[.*/]/g, "\\$&")}:aud`));
            assert.ok(!noAudience.includes(":sub"), noAudience);
            const [gitlab] = await messages(trust("gitlab.com", { StringEquals: { "gitlab.com:aud": "https://gitlab.com" } }));
            assert.match(gitlab, /gitlab\.com:sub/, "gitlab.com issues tokens to every GitLab user");
            const [wildcardOrg] = await messages(trust("oidc.circleci.com/org/*", { StringEquals: { "oidc.circleci.com/org/*:aud": "x" } }));
            assert.match(wildcardOrg, /AWS does not match part of a principal with a wildcard/, "an issuer with a wildcard for the organization names none");
            const [bare] = await messages(trust("oidc.circleci.com", { StringEquals: { "oidc.circleci.com:aud": "x" } }));
            assert.match(bare, /oidc\.circleci\.com:sub/, "an issuer without the organization path is not one customer's");
        });

        it("takes the AWSLogs/<account>/ path as the source for Elastic Load Balancing's log delivery, not a path without the account", async () => {
            const logs = (resource: string) => bucketPolicy(doc({ Sid: "Elb", Effect: "Allow", Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }, Action: "s3:PutObject", Resource: resource }));
            assert.deepStrictEqual(await messages(logs("arn:aws:s3:::engagement-logs/alb/AWSLogs/123456789012/*")), []);
            assert.deepStrictEqual(await messages(logs("arn:aws:s3:::engagement-logs/AWSLogs/123456789012/*")), []);
            for (const open of ["arn:aws:s3:::engagement-logs/*", "arn:aws:s3:::engagement-logs/AWSLogs/*", "arn:aws:s3:::engagement-logs/AWSLogs/*/x"]) {
                const [violation] = await messages(logs(open));
                assert.match(violation, /lets the service principal logdelivery\.elasticloadbalancing\.amazonaws\.com in without aws:SourceArn/, open);
            }
            const reads = bucketPolicy(doc({ Sid: "Elb", Effect: "Allow", Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }, Action: ["s3:PutObject", "s3:GetObject"], Resource: "arn:aws:s3:::engagement-logs/AWSLogs/123456789012/*" }));
            assert.strictEqual((await messages(reads)).length, 1, "the service only writes: anything more is judged");
            const { runPack } = await import("./support");
            const withAccount = async (resource: TestResource) => (await runPack(buildPolicies({ environment: "prod", accounts: ["123456789012"] }), [resource])).filter((v) => v.level === "mandatory").map((v) => v.policy);
            assert.deepStrictEqual(await withAccount(logs("arn:aws:s3:::engagement-logs/AWSLogs/123456789012/*")), []);
            assert.deepStrictEqual(await withAccount(logs("arn:aws:s3:::engagement-logs/AWSLogs/999999999999/*")), ["no-public-principal"], "another account's path lets its load balancers in");
        });
    });
});
