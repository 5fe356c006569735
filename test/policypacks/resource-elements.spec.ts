import * as assert from "assert";
import { resourceTemplates } from "../../policypacks/least-privilege/iam/iam-data";
import { ElementClass, classifyElement, isUnnamed, leavesResourceUnnamed } from "../../policypacks/least-privilege/iam/resource-elements";

/** DESIGN.md's table, one row per class, plus what the rule implies beyond the examples. */
const rows: [ElementClass, string[]][] = [
    ["exact", ["arn:aws:s3:::meddocparser-ocr-temp-prod", "arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0", "arn:aws:glue:us-east-1:123456789012:catalog"]],
    ["path-under-named-parent", [
        "arn:aws:s3:::bucket/*",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*",
        "arn:aws:dynamodb:us-east-1:123456789012:table/db/*",
        "arn:aws:glue:us-east-1:123456789012:table/db/*",
        "arn:aws:sms-voice:us-east-1:123456789012:sender-id/MySender/*",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:engagement/prod/*",
        "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*/POST/predict",
        "arn:aws:ecs:us-east-1:123456789012:task/engagement-cluster/*",
    ]],
    ["naming-prefix", [
        "arn:aws:dynamodb:us-east-1:123456789012:table/engagement-*",
        "arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-3-haiku-*",
        "arn:aws:s3:::meddocparser-ocr-temp-*/*",
        "arn:aws:lambda:us-east-1:123456789012:function:engagement-*",
        "arn:aws:sms-voice:us-east-1:123456789012:configuration-set/aws-eum-x-*",
        "arn:aws:s3:::app*",
        "arn:aws:s3:::${aws:username}*",
        "arn:aws:s3:::a-1*",
    ]],
    ["account-or-region-wildcard", ["arn:aws:dynamodb:us-east-1:*:table/engagement-*", "arn:aws:iam::*:user/${aws:username}", "arn:aws:dynamodb:*:123456789012:table/engagement-cache"]],
    ["whole-id-wildcard", [
        "arn:aws:s3:::*",
        "arn:aws:s3:::*/*",
        "arn:aws:dynamodb:us-east-1:123456789012:table/*",
        "arn:aws:bedrock:us-east-2::foundation-model/*",
        "arn:aws:logs:*:*:*",
        "arn:aws:logs:us-east-1:123456789012:log-group:*",
        "arn:aws:sms-voice:us-east-1:123456789012:phone-number/*",
        "arn:aws:sms-voice:eu-west-2:123456789012:sender-id/*",
        "arn:aws:iam::123456789012:role/*",
        "arn:aws:sns:us-east-1:123456789012:*",
        "arn:aws:dynamodb:us-east-1:123456789012:t*",
        "arn:aws:*:us-east-1:123456789012:*",
        "arn:*:*:*:*:*",
        "arn:aws:iam::*:role/*",
        "arn:aws:s3:::a*",
        "arn:aws:s3:::ab*",
        "arn:aws:s3:::ab*/*",
        "arn:aws:s3:::a?c*",
        "arn:aws:s3:::---*",
        "arn:aws:s3:::${*}${*}${*}*",
        "arn:aws:iam::123456789012:role/A*",
        "arn:aws:iam::123456789012:role/-*",
        "arn:aws:dynamodb:us-east-1:*:table/en*",
    ]],
    ["any", ["*"]],
    ["not-an-arn", ["meddocparser-ocr-temp-prod", "*/*"]],
];

describe("least-privilege pack: resource-elements.ts classifies Resource elements by DESIGN.md's table", () => {
    for (const [expected, elements] of rows) {
        for (const element of elements) {
            it(`${element} -> ${expected}`, () => {
                assert.strictEqual(classifyElement(element).class, expected);
            });
        }
    }

    it("blocks exactly the unnamed classes", () => {
        const blocked = rows.flatMap(([, elements]) => elements).filter((e) => isUnnamed(classifyElement(e)));
        assert.deepStrictEqual(blocked, [...rows.find(([c]) => c === "whole-id-wildcard")![1], "*"]);
    });

    it("says why an id counts as wholly wildcarded", () => {
        assert.strictEqual(classifyElement("arn:aws:logs:*:*:*").reason, "a wildcard stands in for the resource type");
        assert.strictEqual(classifyElement("arn:aws:s3:::*").reason, "the resource id is wildcarded");
        assert.strictEqual(classifyElement("arn:aws:*:us-east-1:123456789012:*").reason, "the service is wildcarded");
    });

    it("says why a prefix names nothing: under 3 characters, or none a letter or digit", () => {
        assert.strictEqual(classifyElement("arn:aws:s3:::ab*").reason, 'the prefix "ab" is too short to name a resource: a prefix needs 3 characters or more before the wildcard, one of them a letter or digit');
        assert.strictEqual(classifyElement("arn:aws:s3:::${*}${*}${*}*").reason, 'the prefix "***" is too short to name a resource: a prefix needs 3 characters or more before the wildcard, one of them a letter or digit');
        // Each of 36 one-character prefixes names nothing, so together they are every bucket.
        const everyBucket = [..."abcdefghijklmnopqrstuvwxyz0123456789"].map((c) => `arn:aws:s3:::${c}*`);
        assert.deepStrictEqual(everyBucket.filter((e) => !isUnnamed(classifyElement(e))), []);
    });

    it("treats ${*} as a literal asterisk, not a wildcard", () => {
        assert.strictEqual(classifyElement("arn:aws:s3:::bucket/${*}").class, "exact");
    });

    it("answers whether an element leaves its resource unnamed as classifying it does (leavesResourceUnnamed)", () => {
        const odd = ["arn:aws:foo:us-east-1:123456789012:thing/*", "arn:aws:foo:us-east-1:123456789012:*", "arn:aws:foo:us-east-1:123456789012:a*", "arn:aws::us-east-1:123456789012:x", "arn:aws::us-east-1:123456789012:*", "arn:aws:s3:::${aws:username}*", "arn:aws:s3:::/*", "arn:aws:s3:::b", "arn:aws:s3", "arn:*", "", "**", "arn:aws:s3*:::bucket/name", "arn:aws:*:::b/x"];
        const generated = ["s3", "dynamodb", "logs", "glue", "iam", "sms-voice", "bedrock", "lambda", "secretsmanager"].flatMap((service) =>
            (resourceTemplates(service) ?? []).flatMap(({ arn }) => {
                const concrete = arn.replace("${Partition}", "aws").replace(/\$\{Region\}/, "us-east-1").replace(/\$\{Account\}/, "123456789012").replace(/\$\{[^}]*\}/g, "name1");
                const resource = concrete.split(":").slice(5).join(":");
                const head = concrete.slice(0, concrete.length - resource.length);
                // A wildcard at every position of the resource part, a `?` at the start, and wildcarded region and account.
                return [...[...resource].map((_, i) => `${head}${resource.slice(0, i)}*`), `${head}?${resource.slice(1)}`, concrete.replace(":us-east-1:", ":*:"), concrete.replace(":123456789012:", ":*:"), concrete.replace(/:(us-east-1)?:(123456789012)?:/, ":*:*:")];
            }));
        const elements = [...rows.flatMap(([, e]) => e), ...odd, ...generated];
        for (const element of elements) assert.strictEqual(leavesResourceUnnamed(element), isUnnamed(classifyElement(element)), element);
        // Answers are kept by the text with the account ID set aside: the same elements in other accounts, or with none, after these.
        for (const account of ["210987654321", "000000000000", "", "2109876543", "*"]) {
            for (const element of elements.map((e) => e.replace(":123456789012:", `:${account}:`))) assert.strictEqual(leavesResourceUnnamed(element), isUnnamed(classifyElement(element)), element);
        }
        const unnamed = elements.filter(leavesResourceUnnamed).length;
        assert.ok(elements.length > 1000 && unnamed > 100 && unnamed < elements.length - 500, `${unnamed} of ${elements.length} unnamed`);
    });
});
