import * as assert from "assert";
import { StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { policySize, quotaLimits, sizeOver } from "../../policypacks/least-privilege/iam/quota-limits";
import { quotaReport } from "../../policypacks/least-privilege/policies/iam-quotas";
import { TestResource, policyNamed, unknownString, validateStack } from "./support";

const quotas = (environment = "prod") => policyNamed<StackValidationPolicy>(buildPolicies({ environment }), "iam-quotas");

/** A pretty-printed identity document of exactly `size` characters as IAM counts them (white space excluded). */
function documentOfSize(size: number): string {
    const build = (padding: number) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::b/${"x".repeat(padding)}` }] }, null, 2);
    const padding = size - policySize(build(0));
    if (padding < 0) throw new Error(`a document cannot be as small as ${size}`);
    return build(padding);
}

const userPolicy = (name: string, user: string, size: number): TestResource => ({ type: "aws:iam/userPolicy:UserPolicy", name, props: { name, user, policy: documentOfSize(size) } });
const rolePolicy = (name: string, role: string, size: number): TestResource => ({ type: "aws:iam/rolePolicy:RolePolicy", name, props: { name, role, policy: documentOfSize(size) } });

describe("least-privilege pack: iam-quotas", () => {
    it("counts characters as IAM does, white space excluded", () => {
        assert.strictEqual(policySize('{ "a" : [ "b c" ] }'), 12);
        assert.strictEqual(policySize(documentOfSize(2049)), 2049);
        assert.ok(documentOfSize(2049).length > 2049, "the pretty-printed text is longer than its counted size");
    });

    it("reports a size only over the limit, counting only texts longer than it (sizeOver)", () => {
        assert.strictEqual(sizeOver(documentOfSize(2048), 2048), undefined, "longer than the limit as text, within it as counted");
        assert.strictEqual(sizeOver(documentOfSize(2049), 2048), 2049);
        assert.strictEqual(sizeOver("x".repeat(2048), 2048), undefined);
        assert.strictEqual(sizeOver({ Statement: "x".repeat(2048) }, 2048), 2064, "an object is measured as its JSON: {\"Statement\":\"…\"} is 16 characters around the 2,048");
    });

    it("catches a 2,049-character user inline policy and lets 2,048 through", async () => {
        const [violation, ...rest] = await validateStack(quotas(), [userPolicy("app-inline", "wealth-management-app-user", 2049)]);
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "mandatory");
        assert.strictEqual(violation.message.split("\n").slice(1).join("\n"),
            "user wealth-management-app-user: its inline policies (app-inline) total 2,049 characters (white space excluded), over AWS's limit of 2,048 for a user; the PutUserPolicy call fails with LimitExceeded\n" +
            "fix: move statements into a customer managed policy (6,144 characters each) attached to the user");
        assert.deepStrictEqual(await validateStack(quotas(), [userPolicy("app-inline", "wealth-management-app-user", 2048)]), []);
    });

    it("adds up every inline policy of one principal, and keeps principals apart", async () => {
        const resources = [rolePolicy("a", "ocr-role", 6000), rolePolicy("b", "arn:aws:iam::123456789012:role/ocr-role", 4241), rolePolicy("c", "other-role", 6000), userPolicy("d", "ocr-role", 2000)];
        const violations = await validateStack(quotas("dev"), resources);
        assert.deepStrictEqual(violations.map((v) => [v.level, v.message.split("\n")[1]]), [
            ["mandatory", "role ocr-role: its inline policies (a, b) total 10,241 characters (white space excluded), over AWS's limit of 10,240 for a role; the PutRolePolicy call fails with LimitExceeded"],
        ]);
    });

    it("adds up a group's inline policies (5,120) and counts its attachments", async () => {
        const resources: TestResource[] = [
            { type: "aws:iam/groupPolicy:GroupPolicy", name: "g1", props: { group: "analysts", policy: documentOfSize(3000) } },
            { type: "aws:iam/groupPolicy:GroupPolicy", name: "g2", props: { group: "analysts", policy: documentOfSize(2121) } },
            ...Array.from({ length: 11 }, (_, i): TestResource => ({ type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", name: `ga${i}`, props: { group: "analysts", policyArn: `arn:aws:iam::123456789012:policy/p${i}` } })),
        ];
        assert.deepStrictEqual((await validateStack(quotas(), resources)).map((v) => v.message.split("\n")[1]), [
            "group analysts: its inline policies (g1, g2) total 5,121 characters (white space excluded), over AWS's limit of 5,120 for a group; the PutGroupPolicy call fails with LimitExceeded",
            "group analysts: 11 managed policies attached, over AWS's limit of 10 per group; the attachment beyond it fails with LimitExceeded",
        ]);
    });

    it("catches an oversized managed policy and trust policy", async () => {
        const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": Array.from({ length: 200 }, (_, i) => String(100000000000 + i)) } } }] });
        const violations = await validateStack(quotas(), [
            { type: "aws:iam/policy:Policy", name: "big", props: { name: "big", policy: documentOfSize(quotaLimits.managedPolicySize + 1) } },
            { type: "aws:iam/policy:Policy", name: "fits", props: { name: "fits", policy: documentOfSize(quotaLimits.managedPolicySize) } },
            { type: "aws:iam/role:Role", name: "r", props: { name: "r", assumeRolePolicy: trust } },
        ]);
        assert.deepStrictEqual(violations.map((v) => v.message.split("\n")[1]), [
            "big › policy: the managed policy is 6,145 characters (white space excluded), over AWS's limit of 6,144; CreatePolicy fails with LimitExceeded",
            `r › assumeRolePolicy: the trust policy is ${policySize(trust).toLocaleString("en-US")} characters (white space excluded), over AWS's limit of 2,048; CreateRole fails with LimitExceeded`,
        ]);
        assert.strictEqual(violations[0].urn, "urn:pulumi:test::aws-workloads::aws:iam/policy:Policy::big");
    });

    it("counts managed policies attached per role and per user; a raised quota in pack config is honoured", async () => {
        const attachments: TestResource[] = Array.from({ length: 11 }, (_, i) => ({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: `att${i}`, props: { role: "busy-role", policyArn: `arn:aws:iam::123456789012:policy/p${i}` } }));
        const userAttachments: TestResource[] = Array.from({ length: 10 }, (_, i) => ({ type: "aws:iam/userPolicyAttachment:UserPolicyAttachment", name: `u${i}`, props: { user: "u", policyArn: `arn:aws:iam::123456789012:policy/p${i}` } }));
        const violations = await validateStack(quotas(), [...attachments, ...userAttachments]);
        assert.deepStrictEqual(violations.map((v) => v.message.split("\n")[1]), ["role busy-role: 11 managed policies attached, over AWS's limit of 10 per role; the attachment beyond it fails with LimitExceeded"]);
        assert.deepStrictEqual(await validateStack(quotas(), attachments, { config: { "iam-quotas": { managedPoliciesPerRole: 20 } } }), []);
    });

    it("never throws on unknowns nested anywhere: what cannot be measured is reported as advisory, the rest is still counted", async () => {
        const unknownObject = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";
        const resources: TestResource[] = [
            { type: "aws:iam/role:Role", name: "r", props: { name: "ocr-role", assumeRolePolicy: { Version: "2012-10-17", Statement: [unknownObject] }, inlinePolicies: [{ name: "a", policy: unknownString }, { name: "b", policy: documentOfSize(6000) }], managedPolicyArns: [unknownString] } },
            rolePolicy("c", "ocr-role", 4241),
            { ...rolePolicy("d", "ocr-role", 200), props: { name: "d", role: unknownString, policy: documentOfSize(200) } },
            { type: "aws:iam/policy:Policy", name: "m", props: { name: "m", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: unknownString, Resource: "*" }] } } },
        ];
        const violations = await validateStack(quotas(), resources);
        assert.deepStrictEqual(violations.map((v) => [v.level, v.message.split("\n")[1]]), [
            ["mandatory", "role ocr-role: its inline policies (r.inlinePolicies, c) total 10,241 characters (white space excluded), over AWS's limit of 10,240 for a role; the PutRolePolicy call fails with LimitExceeded"],
        ]);
        const parts = await validateStack(policyNamed<StackValidationPolicy>(buildPolicies({ environment: "prod" }), "stack-values-known-at-preview"), resources);
        // Documents unknown in part are documents-known-at-preview's to report; here, what only the quotas miss.
        assert.deepStrictEqual(parts.map((v) => [v.level, v.message.split("\n")[1]]), [
            ["advisory", "[iam-quotas] r › managedPolicyArns[0]: not known at preview, so it is not counted (the totals are lower bounds)"],
            ["advisory", "[iam-quotas] d › role: not known at preview, so it is not counted (the totals are lower bounds)"],
        ]);
    });
    describe("edges of what is counted", () => {
        const unknownObject = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";
        const unknownArray = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
        const urn = (type: string, name: string) => `urn:pulumi:test::aws-workloads::${type}::${name}`;
        // The props as the analyzer hands them: behind CrossGuard's proxy, which throws on reading an unknown.
        const report = (resources: TestResource[]) => quotaReport(resources.map((r) => ({ type: r.type, name: r.name ?? "resource", urn: urn(r.type, r.name ?? "resource"), props: unknownCheckingProxy(JSON.parse(JSON.stringify(r.props))) })));
        const firstLines = (resources: TestResource[]) => report(resources).findings.map((f) => [f.message.split("\n")[0], f.urn]);
        const attachments = (count: number, arn = (i: number) => `arn:aws:iam::123456789012:policy/p${i}`): TestResource[] =>
            Array.from({ length: count }, (_, i) => ({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: `att${i}`, props: { role: "busy-role", policyArn: arn(i) } }));

        it("prints the policy's description above each finding", async () => {
            const [violation] = await validateStack(quotas(), [userPolicy("u", "app", 2049)]);
            assert.strictEqual(violation.message.split("\n")[0], "IAM documents and attachments fit AWS's quotas: managed policy 6,144, role inline total 10,240, user 2,048, group 5,120, trust policy 2,048 characters (white space excluded); 10 managed policies per role, user or group.");
        });

        it("accepts in pack config only integer raises between AWS's default and its maximum", () => {
            assert.deepStrictEqual(quotas().configSchema, { properties: {
                roleTrustPolicySize: { type: "integer", minimum: 2048, maximum: 4096, description: "raised roleTrustPolicySize quota of this account" },
                managedPoliciesPerRole: { type: "integer", minimum: 10, maximum: 20, description: "raised managedPoliciesPerRole quota of this account" },
                managedPoliciesPerUser: { type: "integer", minimum: 10, maximum: 20, description: "raised managedPoliciesPerUser quota of this account" },
                managedPoliciesPerGroup: { type: "integer", minimum: 10, maximum: 20, description: "raised managedPoliciesPerGroup quota of this account" },
            } });
        });

        it("ignores a configured quota below AWS's default, above its maximum, or not a number", async () => {
            const eleven = attachments(11);
            for (const raised of [5, 25, "20"]) {
                const violations = await validateStack(quotas(), eleven, { config: { "iam-quotas": { managedPoliciesPerRole: raised } } });
                assert.deepStrictEqual(violations.map((v) => v.message.split("\n")[1]), ["role busy-role: 11 managed policies attached, over AWS's limit of 10 per role; the attachment beyond it fails with LimitExceeded"], JSON.stringify(raised));
            }
            assert.deepStrictEqual(await validateStack(quotas(), attachments(6), { config: { "iam-quotas": { managedPoliciesPerRole: 5 } } }), []);
        });

        it("counts one policy attached twice once, and a role's ten managedPolicyArns as ten", () => {
            assert.deepStrictEqual(firstLines(attachments(11, (i) => `arn:aws:iam::123456789012:policy/p${Math.min(i, 9)}`)), []);
            const arns = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::123456789012:policy/p${i}`);
            assert.deepStrictEqual(firstLines([{ type: "aws:iam/role:Role", name: "r", props: { name: "r", managedPolicyArns: arns } }]), []);
        });

        it("reports each principal's finding on the first resource that names it", () => {
            const role = "aws:iam/rolePolicy:RolePolicy";
            assert.deepStrictEqual(firstLines([rolePolicy("a", "ocr-role", 6000), rolePolicy("b", "ocr-role", 4241)]), [[
                "role ocr-role: its inline policies (a, b) total 10,241 characters (white space excluded), over AWS's limit of 10,240 for a role; the PutRolePolicy call fails with LimitExceeded", urn(role, "a"),
            ]]);
            assert.deepStrictEqual(firstLines(attachments(11)).map(([, at]) => at), [urn("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att0")]);
            const big = { type: "aws:iam/role:Role", name: "r", props: { name: "ocr-role", inlinePolicies: [{ policy: documentOfSize(10241) }] } };
            assert.deepStrictEqual(firstLines([big, rolePolicy("c", "ocr-role", 200)]).map(([, at]) => at), [urn("aws:iam/role:Role", "r")]);
        });

        it("leaves out inline policies with no owner, no document, an empty one or one unknown in part; they add nothing to the total", () => {
            const partlyUnknown = { type: "aws:iam/rolePolicy:RolePolicy", name: "partial", props: { role: "ocr-role", policy: { Version: "2012-10-17", Statement: [unknownObject] } } };
            const resources: TestResource[] = [
                rolePolicy("a", "ocr-role", 10241),
                { type: "aws:iam/rolePolicy:RolePolicy", name: "no-owner", props: { role: "", policy: documentOfSize(10241) } },
                { type: "aws:iam/rolePolicy:RolePolicy", name: "no-document", props: { role: "ocr-role" } },
                partlyUnknown,
                { type: "aws:iam/role:Role", name: "r", props: { name: "ocr-role", inlinePolicies: [null, "x", { policy: "" }, { policy: documentOfSize(200) }] } },
            ];
            const { findings, unknowns } = report(resources);
            assert.deepStrictEqual(findings.map((f) => f.message.split("\n")[0]), [
                "role ocr-role: its inline policies (a, r.inlinePolicies) total 10,441 characters (white space excluded), over AWS's limit of 10,240 for a role; the PutRolePolicy call fails with LimitExceeded",
            ]);
            assert.deepStrictEqual(unknowns, [], "nothing here is unknown but the partial document, which documents-known-at-preview reports");
        });

        it("sets aside an unknown owner or managedPolicyArns list as a lower bound, and skips absent or unknown documents", () => {
            const { findings, unknowns } = report([
                { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "later", props: { role: unknownString, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
                { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "orphan", props: { policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
                { type: "aws:iam/rolePolicy:RolePolicy", name: "ownerless", props: { policy: documentOfSize(200) } },
                { type: "aws:iam/role:Role", name: "r", props: { name: "r", managedPolicyArns: unknownArray } },
                { type: "aws:iam/role:Role", name: "no-trust", props: { name: "no-trust" } },
                { type: "aws:iam/policy:Policy", name: "empty", props: { name: "empty" } },
                { type: "aws:iam/policy:Policy", name: "unknown", props: { name: "unknown", policy: unknownString } },
            ]);
            assert.deepStrictEqual(findings, []);
            assert.deepStrictEqual(unknowns.map((u) => u.message), [
                "later › role: not known at preview, so it is not counted (the totals are lower bounds)",
                "r › managedPolicyArns: not known at preview, so it is not counted (the totals are lower bounds)",
            ]);
        });
    });
});

