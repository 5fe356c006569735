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
});
