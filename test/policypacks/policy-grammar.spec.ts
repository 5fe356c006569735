import * as assert from "assert";
import { operatorSuggestion, parseOperator, valueProblem } from "../../policypacks/least-privilege/iam/condition-operators";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { doc, judge, managedPolicy, policyNamed, validateResource, violationsOf } from "./support";

const policy = "policy-grammar";
const lines = (violations: { message: string }[]) => violations.map((v) => v.message.split("\n").slice(1).join(" | "));

describe("least-privilege pack: policy-grammar", () => {
    it("policy-version (lint) reports a missing Version and the old 2008 version, naming the fix: IAM accepts both, so it never blocks", async () => {
        const missing = await violationsOf("policy-version", "prod", { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });
        assert.deepStrictEqual(lines(missing), ['app-policy › policy: the document has no Version, so AWS reads it as "2008-10-17" and treats policy variables as literal text | fix: add "Version": "2012-10-17"']);
        assert.strictEqual(missing[0].level, "advisory");
        const old = await violationsOf("policy-version", "dev", { Version: "2008-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "arn:aws:iam::*:user/${aws:username}" }] });
        assert.match(old[0].message, /Version "2008-10-17" is the old policy language \(no policy variables\), so the policy variables it uses match only their literal text/);
        assert.strictEqual(old[0].level, "advisory");
        assert.deepStrictEqual(await violationsOf(policy, "prod", { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] }), [], "policy-grammar (aws-rejects) leaves it alone");
        assert.deepStrictEqual(await violationsOf("policy-version", "prod", doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })), []);
    });

    it('accepts "Sid": "" in identity and trust policies (awsx\'s and CallbackFunction\'s default roles carry it)', async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Sid: "", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })), []);
        const trust = JSON.stringify(doc({ Sid: "", Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }));
        assert.deepStrictEqual(await validateResource(policyNamed(buildPolicies({ environment: "prod" }), policy), { type: "aws:iam/role:Role", name: "r", props: { assumeRolePolicy: trust } }), []);
    });

    it("reports an identity statement without Resource and one with a Principal", async () => {
        const violations = await violationsOf(policy, "prod", doc(
            { Sid: "NoResource", Effect: "Allow", Action: "s3:ListAllMyBuckets" },
            { Sid: "WithPrincipal", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
        ));
        assert.deepStrictEqual(lines(violations), [
            'app-policy › policy › statement NoResource: an identity policy statement needs exactly one of Resource and NotResource; this one has neither | fix: add "Resource" with the ARNs the actions apply to',
            "app-policy › policy › statement WithPrincipal: an identity policy must not name a Principal (AWS rejects it: the principal is whoever holds the policy) | fix: remove Principal/NotPrincipal, or move the statement into a resource or trust policy",
        ]);
    });

    it("reports a trust policy without Principal or with a Resource, and a bucket policy without Principal", async () => {
        const [roleGrammar] = [policyNamed(buildPolicies({ environment: "prod" }), policy)];
        const trust = JSON.stringify(doc({ Sid: "Trust", Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::123456789012:role/r" }));
        const role = await validateResource(roleGrammar, { type: "aws:iam/role:Role", name: "r", props: { assumeRolePolicy: trust } });
        assert.deepStrictEqual(lines(role).map((l) => l.split(" | ")[0]), [
            "r › assumeRolePolicy › statement Trust: a trust policy statement needs a Principal (AWS rejects it without one)",
            "r › assumeRolePolicy › statement Trust: a trust policy must not name a Resource (the resource is the role itself; AWS rejects it)",
        ]);
        const bucket = await validateResource(roleGrammar, { type: "aws:s3/bucketPolicy:BucketPolicy", name: "bp", props: { bucket: "b", policy: JSON.stringify(doc({ Sid: "Tls", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::b/*" })) } });
        assert.match(bucket[0].message, /bp › policy › statement Tls: a resource policy statement needs a Principal/);
    });

    it("reports a Sid IAM refuses, with a corrected one; bucket policies may use other characters", async () => {
        const [violation] = await violationsOf(policy, "prod", doc({ Sid: "Read objects-1", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }));
        assert.match(violation.message, /statement Read objects-1: Sid "Read objects-1" has characters IAM does not accept \(only A-Z, a-z and 0-9\)\nfix: rename it, e.g\. "Readobjects1"/);
        const bucket = await validateResource(policyNamed(buildPolicies({ environment: "prod" }), policy), { type: "aws:s3/bucketPolicy:BucketPolicy", name: "bp", props: { policy: JSON.stringify(doc({ Sid: "Deny non-TLS", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::b/*" })) } });
        assert.deepStrictEqual(bucket, []);
    });

    it("reports actions without a prefix (IAM: \"Actions/Conditions must be prefaced by a vendor\"), not their prefixed neighbours; an unprefixed condition key IAM has accepted is lint's", async () => {
        const document = doc({ Sid: "Bare", Effect: "Allow", Action: ["GetObject", "s3:GetObject", "*"], Resource: "arn:aws:s3:::b/*", Condition: { StringEquals: { PassedToService: "ec2.amazonaws.com", "aws:SourceAccount": "123456789012" } } });
        const violations = await violationsOf(policy, "dev", document);
        assert.deepStrictEqual(violations.map((v) => [v.level, v.message.split("\n")[1]]), [
            ["mandatory", 'app-policy › policy › statement Bare: action "GetObject" has no service prefix (IAM rejects it: actions must be written service:Action)'],
        ]);
        const hints = await violationsOf("supported-condition-keys", "prod", document);
        assert.deepStrictEqual(hints.map((v) => [v.level, /condition key "PassedToService"/.test(v.message)]), [["advisory", true]]);
    });

    it("reports unknown condition operators with the right spelling", async () => {
        const violations = await violationsOf(policy, "prod", doc({ Sid: "Ops", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: { stringequals: { "aws:RequestedRegion": "us-east-1" }, StringMatches: { "aws:PrincipalAccount": "1" }, NullIfExists: { "aws:SourceIp": "true" } } }));
        assert.deepStrictEqual(violations.map((v) => v.message.split("\n")[1]), [
            'app-policy › policy › statement Ops: condition operator "stringequals" is not an IAM condition operator (AWS rejects the policy)',
            'app-policy › policy › statement Ops: condition operator "StringMatches" is not an IAM condition operator (AWS rejects the policy)',
            'app-policy › policy › statement Ops: condition operator "NullIfExists" is not an IAM condition operator (AWS rejects the policy)',
        ]);
        assert.match(violations[0].message, /fix: did you mean StringEquals\? \(operators are case-sensitive\)/);
    });

    it("leaves to readable-policy-documents what the shared reader already reports, so each mistake is reported once", async () => {
        const document = { Version: "2012-10-17", Id: "x", Extra: 1, Statement: [
            { Sid: "Twice", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
            { Sid: "Twice", Effect: "Allow", Action: "s3:GetObject", NotAction: "s3:PutObject", Resource: "arn:aws:s3:::b/*", Conditions: {} },
            { Sid: "Typo", Effect: "Alow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
        ] };
        const violations = (await judge("prod", [managedPolicy("p", document)])).filter((v) => v.policy === "readable-policy-documents" || v.policy === policy);
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.message.split("\n")[1]]), [
            ["readable-policy-documents", 'p › policy: unknown top-level key "Extra"'],
            ["readable-policy-documents", 'p › policy: statement Twice: unknown key "Conditions"'],
            ["readable-policy-documents", "p › policy: statement Twice: needs exactly one of Action and NotAction"],
            ["readable-policy-documents", 'p › policy: two statements have Sid "Twice"; Sids must be unique'],
            ["readable-policy-documents", 'p › policy: statement Typo: Effect "Alow" is neither "Allow" nor "Deny"; the statement is not checked further'],
        ]);
    });

    it("knows the real operators, their IfExists and set forms, and their value shapes", () => {
        assert.deepStrictEqual(parseOperator("ForAnyValue:StringLikeIfExists"), { base: "StringLike", shape: "string", ifExists: true, set: "ForAnyValue" });
        assert.deepStrictEqual(parseOperator("ArnLike"), { base: "ArnLike", shape: "arn", ifExists: false });
        for (const bad of ["IfExists", "StringEquals:", "ForSomeValues:StringEquals", "Bool2"]) assert.strictEqual(parseOperator(bad), undefined, bad);
        assert.strictEqual(operatorSuggestion("forallvalues:arnlikeifexists"), "ForAllValues:ArnLikeIfExists");
        assert.strictEqual(valueProblem("boolean", "yes"), '"yes" is not true or false');
        assert.strictEqual(valueProblem("ip", "10.0.0.0/33"), '"10.0.0.0/33" is not a valid IPv4 address or CIDR range');
        assert.strictEqual(valueProblem("ip", "2001:db8::/32"), undefined);
        assert.strictEqual(valueProblem("date", "2026-01-01T00:00:00Z"), undefined);
        assert.strictEqual(valueProblem("arn", "123456789012"), '"123456789012" is not an ARN');
        assert.strictEqual(valueProblem("arn", "arn:aws:s3:::b"), undefined);
    });

    it("accepts a well-formed identity policy and a Lambda permission (synthesized, no Version)", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } } })), []);
        const permission = await validateResource(policyNamed(buildPolicies({ environment: "prod" }), policy), { type: "aws:lambda/permission:Permission", name: "p", props: { action: "lambda:InvokeFunction", function: "f", principal: "events.amazonaws.com", sourceArn: "arn:aws:events:us-east-1:123456789012:rule/r" } });
        assert.deepStrictEqual(permission, []);
    });
    it("counts NotPrincipal as a principal and NotResource as a resource, and words each finding's fix", async () => {
        const violations = await violationsOf(policy, "prod", doc(
            { Sid: "NotWho", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
            { Sid: "AllBut", Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" },
            { Sid: "--", Effect: "Allow", Action: ["GetObject"], Resource: "arn:aws:s3:::b/*", Condition: { StringMatches: { "aws:PrincipalAccount": "1" } } },
        ));
        assert.deepStrictEqual(lines(violations), [
            "app-policy › policy › statement NotWho: an identity policy must not name a Principal (AWS rejects it: the principal is whoever holds the policy) | fix: remove Principal/NotPrincipal, or move the statement into a resource or trust policy",
            'app-policy › policy › statement --: Sid "--" has characters IAM does not accept (only A-Z, a-z and 0-9) | fix: rename it, e.g. "Statement1"',
            'app-policy › policy › statement --: action "GetObject" has no service prefix (IAM rejects it: actions must be written service:Action) | fix: write it as <service>:GetObject, e.g. s3:GetObject',
            'app-policy › policy › statement --: condition operator "StringMatches" is not an IAM condition operator (AWS rejects the policy) | fix: use an operator such as StringEquals, ArnLike, Bool, IpAddress, with an optional IfExists suffix or ForAnyValue:/ForAllValues: prefix',
        ]);
    });

    it("in a trust policy: NotPrincipal is a principal, NotResource is a resource, and both fixes are worded", async () => {
        const trust = JSON.stringify(doc(
            { Sid: "Trust", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole", NotResource: "arn:aws:iam::123456789012:role/r" },
            { Sid: "Nobody", Effect: "Allow", Action: "sts:AssumeRole" },
        ));
        const violations = await validateResource(policyNamed(buildPolicies({ environment: "prod" }), policy), { type: "aws:iam/role:Role", name: "r", props: { assumeRolePolicy: trust } });
        assert.deepStrictEqual(lines(violations), [
            "r › assumeRolePolicy › statement Trust: a trust policy must not name a Resource (the resource is the role itself; AWS rejects it) | fix: remove Resource/NotResource",
            'r › assumeRolePolicy › statement Nobody: a trust policy statement needs a Principal (AWS rejects it without one) | fix: add "Principal" naming who the statement is about',
        ]);
    });

    it("policy-version: the 2008 language is reported without statements too, with its fix; variables in any statement or resource are named; an invalid Version is the reader's", async () => {
        assert.deepStrictEqual(lines(await violationsOf("policy-version", "prod", { Version: "2008-10-17", Statement: [] })), [
            'app-policy › policy: Version "2008-10-17" is the old policy language (no policy variables) | fix: use "Version": "2012-10-17"',
        ]);
        const variables = await violationsOf("policy-version", "prod", { Version: "2008-10-17", Statement: [
            { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
            { Effect: "Allow", Action: "iam:GetUser", Resource: ["arn:aws:iam::123456789012:user/x", "arn:aws:iam::123456789012:user/${aws:username}"] },
        ] });
        assert.deepStrictEqual(lines(variables), [
            'app-policy › policy: Version "2008-10-17" is the old policy language (no policy variables), so the policy variables it uses match only their literal text | fix: use "Version": "2012-10-17"',
        ]);
        assert.deepStrictEqual(await violationsOf("policy-version", "prod", { Version: "2013-01-01", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] }), []);
    });
});
