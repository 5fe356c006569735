import * as assert from "assert";
import { iamNameProblem, iamPathProblem, lambdaFunctionNameProblem, logGroupNameProblem } from "../../policypacks/least-privilege/iam/naming";
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
});
