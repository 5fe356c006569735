import * as assert from "assert";
import { doc, violationsOf } from "./support";

const policy = "pass-role-scoped";
const role = "arn:aws:iam::123456789012:role/meddocparser-textract-sns-prod";
const toTextract = { StringEquals: { "iam:PassedToService": "textract.amazonaws.com" } };

describe("least-privilege pack: pass-role-scoped", () => {
    it("passes iam:PassRole on a named role, passed to one service (seed 002, the project's Textract channel)", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Sid: "PassTextractNotificationRole", Effect: "Allow", Action: "iam:PassRole", Resource: role, Condition: toTextract })), []);
    });

    it("blocks iam:PassRole on \"*\" and on every role", async () => {
        for (const element of ["*", "arn:aws:iam::123456789012:role/*"]) {
            const violations = await violationsOf(policy, "prod", doc({ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: element, Condition: toTextract }));
            assert.strictEqual(violations.length, 1, element);
            assert.strictEqual(violations[0].level, "mandatory");
            assert.ok(violations[0].message.includes(`iam:PassRole on ${JSON.stringify(element)} lets the holder pass any role`), violations[0].message);
        }
    });

    it("blocks iam:PassRole without iam:PassedToService, or with a condition that does not narrow", async () => {
        const conditions = [undefined, { StringNotEquals: { "iam:PassedToService": "ec2.amazonaws.com" } }, { StringLike: { "iam:PassedToService": "*" } }, { StringEquals: { "aws:SourceAccount": "1" } }];
        for (const Condition of conditions) {
            const violations = await violationsOf(policy, "prod", doc({ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: role, ...(Condition ? { Condition } : {}) }));
            assert.strictEqual(violations.length, 1, JSON.stringify(Condition));
            assert.match(violations[0].message, /statement Pass: iam:PassRole without an iam:PassedToService condition/);
            assert.match(violations[0].message, /fix: add "Condition": \{"StringEquals": \{"iam:PassedToService"/);
        }
    });

    it("sees PassRole granted through iam:Pass*, iam:*, * and a NotAction that spares it", async () => {
        for (const grant of [{ Action: "iam:Pass*" }, { Action: "IAM:*" }, { Action: "*" }, { NotAction: "s3:*" }]) {
            const violations = await violationsOf(policy, "prod", doc({ Effect: "Allow", ...grant, Resource: "*" }));
            assert.strictEqual(violations.length, 2, JSON.stringify(grant));
        }
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })), []);
    });

    it("ignores statements whose resources cannot be roles, and Deny statements", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::bucket/*" })), []);
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Deny", Action: "iam:PassRole", Resource: "*" })), []);
    });

    it("is advisory in dev", async () => {
        const violations = await violationsOf(policy, "dev", doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }));
        assert.deepStrictEqual(violations.map((v) => v.level), ["advisory", "advisory"]);
    });
});
