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
});
