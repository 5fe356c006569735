import * as assert from "assert";
import {
    accountIdProblem, bucketNameProblem, iamNameProblem, iamPathProblem, kmsKeyArnProblem, lambdaFunctionNameProblem, logGroupNameProblem, regionProblem,
    tagKeyProblem, tagValueProblem, textractAdapterIdProblem,
} from "../../policypacks/least-privilege/iam/naming";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { TestResource, policyNamed, unknownString, validateResource } from "./support";

const check = (resource: TestResource, environment = "prod") => validateResource(policyNamed(buildPolicies({ environment }), "aws-name-rules"), resource);

describe("least-privilege pack: aws-name-rules", () => {
    it("catches a 65-character role name and lets 64 through", async () => {
        const name = "r".repeat(65);
        const [violation, ...rest] = await check({ type: "aws:iam/role:Role", name: "long-role", props: { name } });
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "mandatory");
        assert.strictEqual(violation.message.split("\n").slice(1).join("\n"),
            `long-role › name: IAM role name "${name}" is 65 characters long; IAM role names are 1 to 64 characters; AWS rejects it at \`pulumi up\`\n` +
            "fix: rename it to follow the rule (every physical name can be set in stack config)");
        assert.deepStrictEqual(await check({ type: "aws:iam/role:Role", name: "ok", props: { name: "r".repeat(64) } }), []);
    });

    it("checks users, managed and inline policy names, paths, buckets, functions and log groups", async () => {
        const cases: [TestResource, RegExp][] = [
            [{ type: "aws:iam/user:User", name: "u", props: { name: "app user", path: "/apps" } }, /IAM user name "app user" may only contain letters, digits and \+ = , \. @ _ -/],
            [{ type: "aws:iam/policy:Policy", name: "p", props: { name: "P".repeat(129), policy: "{}" } }, /IAM policy name "P{129}" is 129 characters long; IAM policy names are 1 to 128 characters/],
            [{ type: "aws:iam/userPolicy:UserPolicy", name: "i", props: { name: "inline/policy", user: "u", policy: "{}" } }, /inline policy name "inline\/policy" may only contain/],
            [{ type: "aws:s3/bucket:Bucket", name: "b", props: { bucket: "MedDocParser-temp" } }, /S3 bucket name "MedDocParser-temp" may only contain lowercase letters, digits, dots and hyphens/],
            [{ type: "aws:lambda/function:Function", name: "f", props: { name: "engagement.pre-cleanup" } }, /Lambda function name "engagement.pre-cleanup" may only contain letters, digits, hyphens and underscores/],
            [{ type: "aws:cloudwatch/logGroup:LogGroup", name: "l", props: { name: "aws/lambda/fn" } }, /log group name "aws\/lambda\/fn" must not start with "aws\/"/],
        ];
        for (const [resource, pattern] of cases) {
            const violations = await check(resource, "dev");
            assert.ok(violations.length >= 1 && violations.every((v) => v.level === "mandatory"), resource.type);
            assert.match(violations[0].message, pattern);
        }
        const userViolations = await check(cases[0][0]);
        assert.match(userViolations[1].message, /u › path: IAM path "\/apps" must begin and end with "\/"/);
    });

    it("applies each IAM kind's own length limit: 64 for users, 128 for inline policies of roles and users", async () => {
        const tooLong = async (type: string, length: number) => (await check({ type, name: "n", props: { name: "n".repeat(length), role: "r", user: "u", policy: "{}" } })).map((v) => v.message.split("\n")[1]);
        assert.deepStrictEqual(await tooLong("aws:iam/user:User", 65), [`n › name: IAM user name "${"n".repeat(65)}" is 65 characters long; IAM user names are 1 to 64 characters; AWS rejects it at \`pulumi up\``]);
        for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy"]) {
            assert.deepStrictEqual(await tooLong(type, 129), [`n › name: inline policy name "${"n".repeat(129)}" is 129 characters long; IAM inline policy names are 1 to 128 characters; AWS rejects it at \`pulumi up\``], type);
            assert.deepStrictEqual(await tooLong(type, 128), [], type);
        }
    });

    it("prints the policy's description above each finding", async () => {
        const [violation] = await check({ type: "aws:iam/role:Role", name: "r", props: { name: "app role" } });
        assert.strictEqual(violation.message.split("\n")[0], "IAM, S3, Lambda and CloudWatch Logs names follow the rules AWS enforces (naming.ts).");
    });

    it("leaves auto-named and unknown names alone", async () => {
        assert.deepStrictEqual(await check({ type: "aws:iam/role:Role", name: "auto", props: {} }), []);
        assert.deepStrictEqual(await check({ type: "aws:s3/bucket:Bucket", name: "later", props: { bucket: unknownString } }), []);
    });

    it("names the rules in the pack's naming.ts, shared with stack config", () => {
        assert.strictEqual(iamNameProblem("user", "wealth-management-app-user"), undefined);
        assert.strictEqual(iamNameProblem("policy", ""), "is 0 characters long; IAM policy names are 1 to 128 characters");
        assert.strictEqual(iamPathProblem("/"), undefined);
        assert.strictEqual(iamPathProblem("/a//b/"), 'must not contain an empty segment ("//")');
        assert.strictEqual(iamPathProblem(`/${"a".repeat(511)}/`), "is 513 characters long; IAM paths are 1 to 512 characters");
        assert.strictEqual(lambdaFunctionNameProblem("engagement-data_prep-prod"), undefined);
        assert.strictEqual(lambdaFunctionNameProblem("f".repeat(65)), "is 65 characters long; Lambda function names are 1 to 64 characters");
        assert.strictEqual(logGroupNameProblem("/aws/lambda/engagement-data_prep-prod"), undefined);
        assert.strictEqual(logGroupNameProblem("group name"), "may only contain letters, digits and _ - / . #");
    });
    it("each rule at its edges: the last valid length and the first invalid one, each character rule, each reserved prefix and suffix", () => {
        const cases: [string, string, string | undefined][] = [
            ["bucket", "ab", "is 2 characters long; bucket names are 3 to 63 characters"],
            ["bucket", "abc", undefined],
            ["bucket", "a".repeat(63), undefined],
            ["bucket", "a".repeat(64), "is 64 characters long; bucket names are 3 to 63 characters"],
            ["bucket", "_bucket", "may only contain lowercase letters, digits, dots and hyphens"],
            ["bucket", "bucket_", "may only contain lowercase letters, digits, dots and hyphens"],
            ["bucket", "-bucket", "must begin and end with a lowercase letter or digit"],
            ["bucket", "bucket-", "must begin and end with a lowercase letter or digit"],
            ["bucket", "my..bucket", "must not contain two adjacent dots"],
            ["bucket", "my.bucket.1", undefined],
            ["bucket", "192.168.50.40", "must not be formatted as an IP address"],
            ["bucket", "a192.168.50.40", undefined],
            ["bucket", "192.168.50.40a", undefined],
            ["bucket", "xn--bucket", 'must not start with the reserved prefix "xn--"'],
            ["bucket", "sthree-bucket", 'must not start with the reserved prefix "sthree-"'],
            ["bucket", "amzn-s3-demo-bucket", 'must not start with the reserved prefix "amzn-s3-demo-"'],
            ["bucket", "bucket-s3alias", 'must not end with the reserved suffix "-s3alias"'],
            ["bucket", "bucket--ol-s3", 'must not end with the reserved suffix "--ol-s3"'],
            ["bucket", "bucket.mrap", 'must not end with the reserved suffix ".mrap"'],
            ["bucket", "bucket--x-s3", 'must not end with the reserved suffix "--x-s3"'],
            ["bucket", "bucket--table-s3", 'must not end with the reserved suffix "--table-s3"'],
            ["account", "123456789012", undefined],
            ["account", "12345678901", "must be exactly 12 digits"],
            ["account", "x123456789012", "must be exactly 12 digits"],
            ["account", "123456789012x", "must be exactly 12 digits"],
            ["region", "eu-west-2", undefined],
            ["region", "eu-west-9", "is not an AWS region (for example us-east-1, eu-west-2)"],
            ["user", "u".repeat(64), undefined],
            ["user", "u".repeat(65), "is 65 characters long; IAM user names are 1 to 64 characters"],
            ["inline policy", "p".repeat(128), undefined],
            ["inline policy", "p".repeat(129), "is 129 characters long; IAM inline policy names are 1 to 128 characters"],
            ["user", "+=,.@_-Az9", undefined],
            ["user", "a b", "may only contain letters, digits and + = , . @ _ -"],
            ["path", "", "is 0 characters long; IAM paths are 1 to 512 characters"],
            ["path", `/${"a".repeat(510)}/`, undefined],
            ["path", "a/", 'must begin and end with "/" (e.g. "/" or "/division/")'],
            ["path", "/a", 'must begin and end with "/" (e.g. "/" or "/division/")'],
            ["path", "/a b/", "may only contain printable ASCII characters without spaces"],
            ["path", "/!~/", undefined],
            ["lambda", "", "is 0 characters long; Lambda function names are 1 to 64 characters"],
            ["lambda", "f".repeat(64), undefined],
            ["lambda", "a.b", "may only contain letters, digits, hyphens and underscores"],
            ["log group", "", "is 0 characters long; log group names are 1 to 512 characters"],
            ["log group", "l".repeat(512), undefined],
            ["log group", "l".repeat(513), "is 513 characters long; log group names are 1 to 512 characters"],
            ["log group", "a b", "may only contain letters, digits and _ - / . #"],
            ["log group", "aws/x", 'must not start with "aws/" (reserved for AWS services)'],
            ["log group", "x/aws/y#1", undefined],
            ["adapter", "a".repeat(11), "is 11 characters long; Textract adapter IDs are 12 to 1011 characters"],
            ["adapter", "0123456789ab", undefined],
            ["adapter", "a".repeat(1011), undefined],
            ["adapter", "a".repeat(1012), "is 1012 characters long; Textract adapter IDs are 12 to 1011 characters"],
            ["adapter", "0123456789a*", "is not a Textract adapter ID (letters, digits, hyphens and underscores, as CreateAdapter returns; no wildcards)"],
            ["adapter", "*0123456789a", "is not a Textract adapter ID (letters, digits, hyphens and underscores, as CreateAdapter returns; no wildcards)"],
            ["tag key", "", "is 0 characters long; tag keys are 1 to 128 characters"],
            ["tag key", "k".repeat(128), undefined],
            ["tag key", "k".repeat(129), "is 129 characters long; tag keys are 1 to 128 characters"],
            ["tag key", "AWS:Team", 'must not start with "aws:", which AWS reserves for its own tags'],
            ["tag key", "team-aws:x", undefined],
            ["tag key", "Cost Centre_1.:/=+-@", undefined],
            ["tag key", "a*b", "may only contain letters, digits, spaces and _ . : / = + - @"],
            ["tag value", "", undefined],
            ["tag value", "v".repeat(256), undefined],
            ["tag value", "v".repeat(257), "is 257 characters long; tag values are 0 to 256 characters"],
            ["tag value", "*v", "may only contain letters, digits, spaces and _ . : / = + - @"],
            ["tag value", "v*", "may only contain letters, digits, spaces and _ . : / = + - @"],
        ];
        const rules: Record<string, (value: string) => string | undefined> = {
            bucket: bucketNameProblem, account: accountIdProblem, region: regionProblem, path: iamPathProblem, lambda: lambdaFunctionNameProblem,
            "log group": logGroupNameProblem, adapter: textractAdapterIdProblem, "tag key": tagKeyProblem, "tag value": tagValueProblem,
            user: (name) => iamNameProblem("user", name), "inline policy": (name) => iamNameProblem("inline policy", name),
        };
        assert.deepStrictEqual(cases.map(([rule, value]) => [rule, value.slice(0, 20), rules[rule](value)]), cases.map(([rule, value, problem]) => [rule, value.slice(0, 20), problem]));
    });

    it("KMS key ARNs: a key UUID or an mrk- ID in the stack's partition and a real region; aliases and other shapes refused", () => {
        const uuid = "1234abcd-12ab-34cd-56ef-1234567890ab";
        const key = (rest: string) => `arn:aws:kms:us-east-1:123456789012:${rest}`;
        assert.deepStrictEqual([
            kmsKeyArnProblem(key(`key/${uuid}`), "aws"),
            kmsKeyArnProblem(key(`key/mrk-${"0123456789abcdef".repeat(2)}`), "aws"),
            kmsKeyArnProblem(key("alias/app"), "aws"),
            kmsKeyArnProblem(key(`key/${uuid}`), "aws-cn"),
            kmsKeyArnProblem(`arn:aws:kms:us-east-9:123456789012:key/${uuid}`, "aws"),
            kmsKeyArnProblem(key(`key/${uuid}x`), "aws"),
            kmsKeyArnProblem(key(`key/x${uuid}`), "aws"),
            kmsKeyArnProblem(`x${key(`key/${uuid}`)}`, "aws"),
            kmsKeyArnProblem(key("key/*"), "aws"),
        ], [
            undefined,
            undefined,
            "is an alias ARN; IAM authorizes key use by the key's ARN: give arn:...:key/<key id>",
            "is in partition aws; the stack's partition is aws-cn",
            "names region us-east-9, which is not an AWS region",
            "has a key ID that is neither a key UUID nor a multi-Region mrk- ID",
            "has a key ID that is neither a key UUID nor a multi-Region mrk- ID",
            "is not a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key id>)",
            "has a key ID that is neither a key UUID nor a multi-Region mrk- ID",
        ]);
    });
});
