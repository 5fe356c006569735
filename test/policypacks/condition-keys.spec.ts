import * as assert from "assert";
import { isGlobalConditionKey, supportsConditionKey } from "../../policypacks/least-privilege/iam/condition-key-data";
import { dataVersion, lookupAction } from "../../policypacks/least-privilege/iam/iam-data";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { doc, policyNamed, validateResource, violationsOf } from "./support";

const policy = "supported-condition-keys";
const action = (name: string) => {
    const info = lookupAction(name);
    if (info === undefined) throw new Error(`${name} is not in the IAM data`);
    return info;
};

describe("least-privilege pack: supported-condition-keys", () => {
    it("knows global keys, action keys, resource-type keys and placeholder keys, case-insensitively", () => {
        assert.strictEqual(isGlobalConditionKey("AWS:SourceArn"), true);
        assert.strictEqual(isGlobalConditionKey("aws:PrincipalTag/team"), true);
        assert.strictEqual(isGlobalConditionKey("aws:PrincipalTag/"), false);
        assert.strictEqual(isGlobalConditionKey("s3:prefix"), false);
        assert.strictEqual(supportsConditionKey(action("s3:ListBucket"), "s3:prefix"), true);
        assert.strictEqual(supportsConditionKey(action("s3:GetObject"), "s3:prefix"), false);
        assert.strictEqual(supportsConditionKey(action("s3:GetObject"), "s3:ExistingObjectTag/classification"), true);
        assert.strictEqual(supportsConditionKey(action("iam:PassRole"), "iam:PassedToService"), true);
        assert.strictEqual(supportsConditionKey(action("iam:GetRole"), "iam:ResourceTag/team"), true, "from the role resource type");
        assert.strictEqual(supportsConditionKey(action("cloudwatch:PutMetricData"), "cloudwatch:namespace"), true);
        assert.strictEqual(supportsConditionKey(action("sts:AssumeRole"), "sts:ExternalId"), true);
        assert.strictEqual(supportsConditionKey(action("sts:AssumeRoleWithWebIdentity"), "token.actions.githubusercontent.com:sub"), true);
    });

    it("reports a key no action of the statement supports: the statement grants nothing", async () => {
        const [violation, ...rest] = await violationsOf(policy, "prod", doc({ Sid: "ReadUnderPrefix", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: { StringLike: { "s3:prefix": "home/*" } } }));
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "advisory", "a lint finding, even in prod");
        assert.match(violation.message, /statement ReadUnderPrefix: the IAM data \(.*\) does not list condition key s3:prefix for any action of the statement, so the key is probably never present and the condition never matches \(the statement then grants nothing\)\naction: s3:GetObject \(does not support s3:prefix\)/);
        assert.match(violation.message, /fix: use a key the actions support \(or a global aws: key\), or drop the condition/);
    });

    it("reports a key only some actions support, unless the operator is IfExists", async () => {
        const statement = (operator: string) => doc({ Sid: "List", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { [operator]: { "s3:prefix": "home/*" } } });
        const [violation] = await violationsOf(policy, "prod", statement("StringLike"));
        assert.match(violation.message, /statement List: the IAM data \(.*\) does not list condition key s3:prefix for some of the statement's actions, so for them the condition probably never matches\naction: s3:GetObject/);
        assert.match(violation.message, /fix: move these actions to their own statement, or use StringLikeIfExists/);
        assert.deepStrictEqual(await violationsOf(policy, "prod", statement("StringLikeIfExists")), []);
    });

    it("reports an aws: key that is not a global key, with the nearest global key", async () => {
        const violations = await violationsOf(policy, "prod", doc({
            Sid: "Regional", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*",
            Condition: { StringEquals: { "aws:RequestedRegions": "us-east-1", "aws:sourceaccount": "123456789012" } },
        }));
        assert.deepStrictEqual(violations.map((v) => v.message.split("\n").slice(1)), [[
            `app-policy › policy › statement Regional: the IAM data (${dataVersion()}) does not list aws:RequestedRegions as a global condition key, so it is probably never in the request and the condition never matches`,
            "fix: did you mean aws:RequestedRegion?",
        ]]);
    });

    it("reports keys of no known service, and values that do not fit the operator", async () => {
        const violations = await violationsOf(policy, "dev", doc({ Sid: "Shapes", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: { Bool: { "aws:SecureTransport": "yes" }, ArnLike: { "aws:SourceArn": "123456789012" }, IpAddress: { "aws:SourceIp": "10.0.0.300" }, StringEquals: { "pinpoint:Channel": "sms" } } }));
        assert.deepStrictEqual(violations.map((v) => v.message.split("\n")[1]), [
            'app-policy › policy › statement Shapes: condition Bool aws:SecureTransport: "yes" is not true or false, so the condition never matches as intended',
            'app-policy › policy › statement Shapes: condition ArnLike aws:SourceArn: "123456789012" is not an ARN, so the condition never matches as intended',
            'app-policy › policy › statement Shapes: condition IpAddress aws:SourceIp: "10.0.0.300" is not a valid IPv4 address or CIDR range, so the condition never matches as intended',
            `app-policy › policy › statement Shapes: the IAM data (${dataVersion()}) does not list condition key "pinpoint:Channel": it is neither a global aws: key nor a key of a service the data knows`,
        ]);
        assert.match(violations[0].message, /fix: give Bool "true" or "false"/);
        assert.ok(violations.every((v) => v.level === "advisory"));
    });

    it("accepts the conditions the components build: region, PassedToService, confused-deputy trust, Lambda permissions", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc(
            { Effect: "Allow", Action: "textract:AnalyzeDocument", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } },
            { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/r", Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } },
        )), []);
        const pack = buildPolicies({ environment: "prod" });
        const trust = JSON.stringify(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:lambda:us-east-1:123456789012:function:*" } } }));
        assert.deepStrictEqual(await validateResource(policyNamed(pack, policy), { type: "aws:iam/role:Role", name: "r", props: { assumeRolePolicy: trust } }), []);
        const saml = JSON.stringify(doc({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:saml-provider/idp" }, Action: "sts:AssumeRoleWithSAML", Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }));
        assert.deepStrictEqual(await validateResource(policyNamed(pack, policy), { type: "aws:iam/role:Role", name: "sso", props: { assumeRolePolicy: saml } }), [], "identity-provider keys the data lists per service");
        assert.deepStrictEqual(await validateResource(policyNamed(pack, policy), { type: "aws:lambda/permission:Permission", name: "p", props: { action: "lambda:InvokeFunction", function: "f", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::b", sourceAccount: "123456789012" } }), []);
    });
    // The finding as the message shows it, without the policy's description (line 0).
    const shown = async (statement: Record<string, unknown>) => (await violationsOf(policy, "prod", doc({ Sid: "S", ...statement }))).map((v) => v.message.split("\n").slice(1));
    const listAndGet = { Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] };

    it("does not judge key support when the statement also grants actions it cannot list (a wildcard service, an unknown service)", async () => {
        const prefix = { StringLike: { "s3:prefix": "home/*" } };
        assert.deepStrictEqual(await shown({ Effect: "Allow", Action: ["*", "s3:GetObject"], Resource: "*", Condition: prefix }), []);
        assert.deepStrictEqual(await shown({ Effect: "Allow", Action: ["s3:GetObject", "nosuchservice:Get"], Resource: "*", Condition: prefix }), []);
    });

    it("lets a Null condition test a key only some actions support", async () => {
        assert.deepStrictEqual(await shown({ ...listAndGet, Condition: { Null: { "s3:prefix": "false" } } }), []);
    });

    it("says an unsupported key in a Deny statement denies nothing", async () => {
        assert.deepStrictEqual(await shown({ Effect: "Deny", Action: "s3:GetObject", Resource: "*", Condition: { StringLike: { "s3:prefix": "home/*" } } }), [[
            `app-policy › policy › statement S: the IAM data (${dataVersion()}) does not list condition key s3:prefix for any action of the statement, so the key is probably never present and the condition never matches (the statement then denies nothing)`,
            "action: s3:GetObject (does not support s3:prefix)",
            "fix: use a key the actions support (or a global aws: key), or drop the condition",
        ]]);
    });

    it("still judges partial key support under an operator it does not know, and names its IfExists form", async () => {
        assert.deepStrictEqual(await shown({ ...listAndGet, Condition: { StringLikIfExists: { "s3:prefix": "home/*" } } }), [[
            `app-policy › policy › statement S: the IAM data (${dataVersion()}) does not list condition key s3:prefix for some of the statement's actions, so for them the condition probably never matches`,
            "action: s3:GetObject (does not support s3:prefix)",
            "fix: move these actions to their own statement, or use StringLikIfExists if the key may be absent on purpose",
        ]]);
    });

    it("points to the global key list when an aws: key is near none of them", async () => {
        assert.deepStrictEqual(await shown({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:Qqqqqqqqqqqqqqqqqqqqqqq": "x" } } }), [[
            `app-policy › policy › statement S: the IAM data (${dataVersion()}) does not list aws:Qqqqqqqqqqqqqqqqqqqqqqq as a global condition key, so it is probably never in the request and the condition never matches`,
            "fix: use a global key from the IAM User Guide's \"AWS global condition context keys\"",
        ]]);
    });

    it("words the unknown-service key finding in full, with no action line", async () => {
        assert.deepStrictEqual(await shown({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "pinpoint:Channel": "sms" } } }), [[
            `app-policy › policy › statement S: the IAM data (${dataVersion()}) does not list condition key "pinpoint:Channel": it is neither a global aws: key nor a key of a service the data knows`,
            "fix: use a key listed for the action in the Service Authorization Reference",
        ]]);
    });

    it("names the shape each operator wants in the value finding's fix, with no action line", async () => {
        assert.deepStrictEqual(await shown({
            Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b",
            Condition: { ArnLike: { "aws:SourceArn": "123" }, NumericLessThan: { "s3:max-keys": "ten" }, DateLessThan: { "aws:CurrentTime": "soon" }, IpAddress: { "aws:SourceIp": "1.2.3.4/40" }, Null: { "aws:TokenIssueTime": "maybe" } },
        }), [
            ["app-policy › policy › statement S: condition ArnLike aws:SourceArn: \"123\" is not an ARN, so the condition never matches as intended", "fix: give ArnLike ARNs (arn:partition:service:region:account:resource), or use the operator that fits the value"],
            ["app-policy › policy › statement S: condition NumericLessThan s3:max-keys: \"ten\" is not a number, so the condition never matches as intended", "fix: give NumericLessThan numbers, or use the operator that fits the value"],
            ["app-policy › policy › statement S: condition DateLessThan aws:CurrentTime: \"soon\" is neither an ISO 8601 date nor epoch seconds, so the condition never matches as intended", "fix: give DateLessThan ISO 8601 dates or epoch seconds, or use the operator that fits the value"],
            ["app-policy › policy › statement S: condition IpAddress aws:SourceIp: \"1.2.3.4/40\" is not a valid IPv4 address or CIDR range, so the condition never matches as intended", "fix: give IpAddress IP addresses or CIDR ranges, or use the operator that fits the value"],
            ["app-policy › policy › statement S: condition Null aws:TokenIssueTime: \"maybe\" is not true or false, so the condition never matches as intended", "fix: give Null \"true\" or \"false\", or use the operator that fits the value"],
        ]);
    });
});
