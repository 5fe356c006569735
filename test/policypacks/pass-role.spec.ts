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
    // The finding as the message shows it, without the policy's description (line 0).
    const shown = async (statement: Record<string, unknown>) => (await violationsOf(policy, "prod", doc({ Sid: "S", Effect: "Allow", Action: "iam:PassRole", ...statement }))).map((v) => v.message.split("\n").slice(1));
    const anyService = (why: string) => [
        `app-policy › policy › statement S: iam:PassRole without an iam:PassedToService condition that names a service lets the role go to any service${why}`,
        "action: iam:PassRole",
        "fix: add \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"<service>.amazonaws.com\"}}",
    ];

    it("words both findings in full: the element, the action, the fix, and no reasons when there is no condition", async () => {
        assert.deepStrictEqual(await shown({ Resource: "*" }), [
            [
                "app-policy › policy › statement S: iam:PassRole on \"*\" lets the holder pass any role, including more privileged ones",
                "action: iam:PassRole; resource: \"*\"",
                "fix: name the role: arn:aws:iam::<account>:role/<RoleName>",
            ],
            anyService(""),
        ]);
    });

    it("says why each iam:PassedToService condition does not narrow", async () => {
        assert.deepStrictEqual(await shown({ Resource: role, Condition: { StringLike: { "iam:PassedToService": "*" }, StringNotEquals: { "iam:PassedToService": "ec2.amazonaws.com" } } }), [
            anyService(" (StringLike iam:PassedToService \"*\" matches every service; StringNotEquals iam:PassedToService is negated: it shuts out the values it names and lets every other caller in)"),
        ]);
    });

    it("ignores resources that are not ARNs (no role has such a name), but still judges a NotResource statement's condition", async () => {
        assert.deepStrictEqual(await shown({ Resource: "role/app" }), []);
        assert.deepStrictEqual(await shown({ NotResource: "arn:aws:iam::123456789012:role/admin" }), [anyService("")]);
    });
});
