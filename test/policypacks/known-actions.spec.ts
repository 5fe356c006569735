import * as assert from "assert";
import { dataVersion } from "../../policypacks/least-privilege/iam-data";
import { doc, violationsOf } from "./support";

const policy = "known-actions";

describe("least-privilege pack: known-actions", () => {
    it("reports a typo with a suggestion, the statement and the data version", async () => {
        const [violation, ...rest] = await violationsOf(policy, "prod", doc({ Sid: "Ocr", Effect: "Allow", Action: ["textract:AnalyseDocument", "textract:GetDocumentAnalysis"], Resource: "*" }));
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "advisory", "a lint finding, even in prod");
        assert.match(violation.message, /statement Ocr: "textract:AnalyseDocument" is not an action in the IAM data \(a typo, or retired\)/);
        assert.ok(violation.message.includes(`IAM data ${dataVersion()}`));
        assert.match(violation.message, /fix: did you mean textract:AnalyzeDocument\?/);
    });

    it("reports an unknown service prefix and a bare action name", async () => {
        const violations = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["pinpoint-sms-voice-v2:SendTextMessage", "SendTextMessage"], Resource: "*" }));
        assert.strictEqual(violations.length, 2);
        assert.match(violations[0].message, /service prefix "pinpoint-sms-voice-v2" .* is not in the IAM data/);
        assert.match(violations[1].message, /"SendTextMessage" is not of the form service:Action/);
    });

    it("reports a pattern that matches nothing", async () => {
        const [violation] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "s3:Fetch*", Resource: "*" }));
        assert.match(violation.message, /pattern "s3:Fetch\*" matches no action in the IAM data/);
    });

    it("checks Deny statements and NotAction too: a misspelled Deny denies nothing", async () => {
        const violations = await violationsOf(policy, "prod", doc({ Effect: "Deny", Action: "s3:DeleteObjects", Resource: "*" }, { Effect: "Deny", NotAction: "iam:ChangePasword", Resource: "*" }));
        assert.strictEqual(violations.length, 2);
        assert.match(violations[1].message, /did you mean iam:ChangePassword\?/);
    });

    it("accepts real actions in any case, and wildcards that match", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["S3:getobject", "sms-voice:Describe*", "*", "*:List*"], Resource: "*" })), []);
    });
});
