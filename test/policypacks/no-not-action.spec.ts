import * as assert from "assert";
import { doc, violationsOf } from "./support";

const policy = "no-not-action";

describe("least-privilege pack: no-not-action", () => {
    it("blocks Allow with NotAction", async () => {
        const [violation, ...rest] = await violationsOf(policy, "prod", doc({ Sid: "AllButIam", Effect: "Allow", NotAction: "iam:*", Resource: "*" }));
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "mandatory");
        assert.match(violation.message, /statement AllButIam: Allow with NotAction grants every action except the listed ones/);
        assert.match(violation.message, /action: iam:\*/);
    });

    it("blocks Allow with NotResource, naming the element", async () => {
        const [violation] = await violationsOf(policy, "prod", doc({ Sid: "AllButOne", Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" }));
        assert.match(violation.message, /statement AllButOne: Allow with NotResource grants the actions on every resource except the listed one/);
        assert.match(violation.message, /resource: "arn:aws:s3:::secret\/\*"/);
    });

    it("allows NotAction and NotResource in Deny statements, where they narrow", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Deny", NotAction: ["iam:ChangePassword"], NotResource: "arn:aws:iam::1:user/me", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } })), []);
    });

    it("is advisory in staging", async () => {
        const violations = await violationsOf(policy, "staging", doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }));
        assert.deepStrictEqual(violations.map((v) => v.level), ["advisory"]);
    });
    it("words both findings in full: where, the actions, the element, the fix", async () => {
        const violations = await violationsOf(policy, "prod", doc(
            { Sid: "AllButOne", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], NotResource: "arn:aws:s3:::secret/*" },
            { Sid: "Everything", Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:iam::123456789012:role/admin" },
        ));
        assert.deepStrictEqual(violations.map((v) => v.message.split("\n").slice(1)), [
            [
                "app-policy › policy › statement AllButOne: Allow with NotResource grants the actions on every resource except the listed one",
                "actions: s3:GetObject, s3:PutObject; resource: \"arn:aws:s3:::secret/*\"",
                "fix: replace NotResource with a Resource list naming what the workload uses",
            ],
            [
                "app-policy › policy › statement Everything: Allow with NotAction grants every action except the listed ones, including actions AWS adds later",
                "action: iam:*",
                "fix: replace NotAction with an Action list of what the workload calls (NotAction belongs in Deny statements)",
            ],
            [
                "app-policy › policy › statement Everything: Allow with NotResource grants the actions on every resource except the listed one",
                "resource: \"arn:aws:iam::123456789012:role/admin\"",
                "fix: replace NotResource with a Resource list naming what the workload uses",
            ],
        ]);
    });
});
