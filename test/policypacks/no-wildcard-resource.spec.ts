import * as assert from "assert";
import { dataVersion, expandAction } from "../../policypacks/least-privilege/iam-data";
import { doc, judge, violationsOf } from "./support";

const policy = "no-wildcard-resource";
const allow = (Resource: unknown, Action: unknown = "s3:GetObject", Sid = "Grant") => ({ Sid, Effect: "Allow", Action, Resource });
const inProd = (document: unknown) => violationsOf(policy, "prod", document);

describe("least-privilege pack: no-wildcard-resource", () => {
    describe("DESIGN.md's table, in prod", () => {
        const passes: [string, string, string][] = [
            ["exact ARN", "arn:aws:s3:::meddocparser-ocr-temp-prod", "s3:ListBucket"],
            ["paths under one named parent (bucket)", "arn:aws:s3:::bucket/*", "s3:GetObject"],
            ["paths under one named parent (log group)", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*", "logs:PutLogEvents"],
            ["paths under one named parent (Glue database)", "arn:aws:glue:us-east-1:123456789012:table/db/*", "glue:GetTable"],
            ["naming-convention prefix (table)", "arn:aws:dynamodb:us-east-1:123456789012:table/engagement-*", "dynamodb:GetItem"],
            ["naming-convention prefix (model family)", "arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-3-haiku-*", "bedrock:InvokeModel"],
            ["account or region wildcarded, resource named", "arn:aws:dynamodb:us-east-1:*:table/engagement-*", "dynamodb:Query"],
            ["`*` for an action without resource types", "*", "textract:AnalyzeDocument"],
        ];
        for (const [row, element, action] of passes) {
            it(`passes: ${row}`, async () => {
                assert.deepStrictEqual(await inProd(doc(allow(element, action))), []);
            });
        }

        const blocked: [string, string, string][] = [
            ["whole resource id wildcarded: every bucket", "arn:aws:s3:::*", "s3:ListBucket"],
            ["whole resource id wildcarded: every table", "arn:aws:dynamodb:us-east-1:123456789012:table/*", "dynamodb:GetItem"],
            ["whole resource id wildcarded: every model", "arn:aws:bedrock:us-east-2::foundation-model/*", "bedrock:InvokeModel"],
            ["whole resource id wildcarded: every log resource", "arn:aws:logs:*:*:*", "logs:CreateLogGroup"],
            ["whole resource id wildcarded: every phone number", "arn:aws:sms-voice:us-east-1:123456789012:phone-number/*", "sms-voice:SendTextMessage"],
            ["`*` for an action with a required resource type", "*", "bedrock:InvokeModel"],
            ["`*` for an action with only optional resource types", "*", "s3:PutObject"],
        ];
        for (const [row, element, action] of blocked) {
            it(`blocks: ${row}`, async () => {
                const violations = await inProd(doc(allow(element, action)));
                assert.strictEqual(violations.length, 1);
                assert.strictEqual(violations[0].level, "mandatory");
                assert.ok(violations[0].message.includes(`resource: ${JSON.stringify(element)}`), violations[0].message);
                assert.ok(violations[0].message.includes(action), violations[0].message);
            });
        }
    });

    it("names the resource, statement, action, element, tier, data version and fix", async () => {
        const [violation] = await inProd(doc(allow("*", ["s3:PutObject"], "UploadAnywhere")));
        const lines = violation.message.split("\n").slice(1);
        assert.deepStrictEqual(lines, [
            'app-policy › policy › statement UploadAnywhere: "Resource": "*" for action that can be scoped to named resources',
            `action: s3:PutObject (optional resource types only: accesspointobject, object); resource: "*"; IAM data ${dataVersion()}`,
            'fix: scope to arn:aws:s3:::<BucketName>/*; keep "*" only for actions without resource types in their own statement',
        ]);
    });

    it("labels a statement without Sid by its index", async () => {
        const [violation] = await inProd(doc(allow("arn:aws:s3:::bucket/*"), { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::*" }));
        assert.match(violation.message, /statement #1: "arn:aws:s3:::\*" wildcards the whole resource id/);
        assert.match(violation.message, /fix: name the resource: scope to arn:aws:s3:::<BucketName>/);
    });

    it("expands action wildcards before judging: s3:Put* on \"*\" is blocked, with every expanded action", async () => {
        const [violation] = await inProd(doc(allow("*", "s3:Put*")));
        const expanded = expandAction("s3:Put*");
        const count = expanded.kind === "actions" ? expanded.actions.filter((a) => a.tier !== "unscopable").length : 0;
        assert.ok(count > 30);
        assert.match(violation.message, /actions: s3:PutAccelerateConfiguration \(required resource type: bucket\)/);
        assert.ok(violation.message.includes(`+${count - 6} more`), violation.message);
    });

    it("passes \"*\" only when every action needs it: seed 000's Textract statement", async () => {
        assert.deepStrictEqual(await inProd(doc(allow("*", ["textract:AnalyzeDocument", "textract:StartDocumentAnalysis", "textract:GetDocumentAnalysis"]))), []);
    });

    it("blocks a statement mixing unscopable and scopable actions on \"*\", naming only the scopable ones", async () => {
        const [violation] = await inProd(doc(allow("*", ["xray:PutTraceSegments", "ecr:GetAuthorizationToken", "ecr:BatchGetImage"])));
        assert.match(violation.message, /action: ecr:BatchGetImage \(required resource type: repository\)/);
        assert.doesNotMatch(violation.message, /xray:PutTraceSegments|GetAuthorizationToken/);
        assert.match(violation.message, /fix: scope to arn:aws:ecr:<region>:<account>:repository\/<RepositoryName>/);
    });

    it("passes overridden actions on \"*\": the SMS Describe calls, and cloudwatch:PutMetricData narrowed to a namespace", async () => {
        assert.deepStrictEqual(await inProd(doc(allow("*", ["sms-voice:DescribePhoneNumbers", "sms-voice:DescribeSenderIds"]))), []);
        const namespaced = { ...allow("*", "cloudwatch:PutMetricData"), Condition: { StringEquals: { "cloudwatch:namespace": "Engagement/Prod" } } };
        assert.deepStrictEqual(await inProd(doc(namespaced)), []);
        assert.deepStrictEqual(await inProd(doc({ ...namespaced, Condition: { StringLike: { "CloudWatch:Namespace": ["Engagement/*"] } } })), [], "keys are case-insensitive; a named prefix narrows");
    });

    it("blocks cloudwatch:PutMetricData on \"*\" when no condition narrows its namespace: the override holds only with one", async () => {
        const bare = allow("*", "cloudwatch:PutMetricData", "Metrics");
        const notNarrowing = [undefined, { StringNotEquals: { "cloudwatch:namespace": "AWS/EC2" } }, { StringLike: { "cloudwatch:namespace": "*" } }, { Null: { "cloudwatch:namespace": "false" } }, { StringEquals: { "aws:RequestedRegion": "us-east-1" } }];
        for (const Condition of notNarrowing) {
            const [violation, ...rest] = await inProd(doc(Condition ? { ...bare, Condition } : bare));
            assert.strictEqual(rest.length, 0, JSON.stringify(Condition));
            assert.strictEqual(violation?.level, "mandatory", JSON.stringify(Condition));
            assert.deepStrictEqual(violation.message.split("\n").slice(1), [
                'app-policy › policy › statement Metrics: "Resource": "*" for cloudwatch:PutMetricData without the cloudwatch:namespace condition that scopes it',
                `action: cloudwatch:PutMetricData ("*" only with a cloudwatch:namespace condition); resource: "*"; IAM data ${dataVersion()}`,
                'fix: add "Condition": {"StringEquals": {"cloudwatch:namespace": "<value>"}} naming the values the workload uses',
            ]);
        }
        const [mixed] = await inProd(doc(allow("*", ["cloudwatch:PutMetricData", "s3:GetObject"])));
        assert.match(mixed.message, /action(s)?: s3:GetObject \(.*\), cloudwatch:PutMetricData \("\*" only with a cloudwatch:namespace condition\)/);
        assert.match(mixed.message, /; and narrow cloudwatch:PutMetricData with "Condition": \{"StringEquals": \{"cloudwatch:namespace": "<value>"\}\}/);
    });

    it("blocks `*` actions and unknown actions on \"*\": nothing proves they need it", async () => {
        const [all] = await inProd(doc(allow("*", "*")));
        assert.match(all.message, /action: \* \(every action of every service\)/);
        const [typo] = await inProd(doc(allow("*", "textract:AnalyseDocument")));
        assert.match(typo.message, /textract:AnalyseDocument \(not in the IAM data/);
    });

    it("never flags Deny statements for their wildcards", async () => {
        assert.deepStrictEqual(await inProd(doc({ Effect: "Deny", Action: "s3:*", Resource: ["arn:aws:s3:::*", "*"] })), []);
    });

    it("ignores trust policies' absent Resource", async () => {
        assert.deepStrictEqual(await inProd(doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })), []);
    });

    it("leaves a Resource in a trust policy to policy-grammar, which reports it once with the right fix", async () => {
        const trust = doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" });
        const violations = await judge("prod", [{ type: "aws:iam/role:Role", name: "r", props: { name: "r", assumeRolePolicy: JSON.stringify(trust) } }]);
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.message.split("\n")[1]]), [
            ["policy-grammar", "r › assumeRolePolicy › statement #0: a trust policy must not name a Resource (the resource is the role itself; AWS rejects it)"],
        ]);
    });

    it("reports one violation per offending element", async () => {
        const violations = await inProd(doc(allow(["arn:aws:s3:::*", "arn:aws:s3:::ok/*", "*"], "s3:GetObject")));
        assert.deepStrictEqual(violations.map((v) => /resource: ("[^"]*")/.exec(v.message)?.[1]), ['"arn:aws:s3:::*"', '"*"']);
    });

    it("reports the same findings as advisory in dev and staging", async () => {
        for (const env of ["dev", "staging"]) {
            const violations = await violationsOf(policy, env, doc(allow("*", "s3:PutObject")));
            assert.deepStrictEqual(violations.map((v) => v.level), ["advisory"], env);
        }
    });
});
