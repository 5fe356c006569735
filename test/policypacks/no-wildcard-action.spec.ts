import * as assert from "assert";
import { actionsOf } from "../../policypacks/least-privilege/iam-data";
import { doc, violationsOf } from "./support";

const policy = "no-wildcard-action";

describe("least-privilege pack: no-wildcard-action", () => {
    it("blocks \"*\" in prod, naming the statement", async () => {
        const [violation, ...rest] = await violationsOf(policy, "prod", doc({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }));
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "mandatory");
        assert.match(violation.message, /app-policy › policy › statement Admin: action "\*" grants every action of every service/);
    });

    it("blocks service:* with the number of actions it grants", async () => {
        const [violation] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["s3:GetObject", "bedrock:*"], Resource: "arn:aws:s3:::b/*" }));
        assert.ok(violation.message.includes(`action "bedrock:*" grants every bedrock action (${actionsOf("bedrock").length} in the IAM data`), violation.message);
    });

    it("blocks a wildcarded service prefix", async () => {
        const [violation] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "*:Get*", Resource: "*" }));
        assert.match(violation.message, /"\*:Get\*" grants actions of any service/);
    });

    it("lets bounded patterns through (no-wildcard-resource judges their scope)", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["s3:Get*", "textract:*Document*"], Resource: "arn:aws:s3:::b/*" })), []);
    });

    it("never flags Deny statements", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Deny", Action: ["*", "s3:*"], Resource: "*" })), []);
    });

    it("is advisory in dev", async () => {
        const violations = await violationsOf(policy, "dev", doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }));
        assert.deepStrictEqual(violations.map((v) => v.level), ["advisory"]);
    });
});
