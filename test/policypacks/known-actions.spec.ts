import * as assert from "assert";
import { dataVersion } from "../../policypacks/least-privilege/iam/iam-data";
import { doc, violationsOf } from "./support";

const policy = "known-actions";

describe("least-privilege pack: known-actions", () => {
    it("reports a typo with a suggestion, the statement and the data version", async () => {
        const [violation, ...rest] = await violationsOf(policy, "prod", doc({ Sid: "Ocr", Effect: "Allow", Action: ["textract:AnalyseDocument", "textract:GetDocumentAnalysis"], Resource: "*" }));
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "advisory", "a lint finding, even in prod");
        assert.match(violation.message, /statement Ocr: the IAM data \(.*\) does not list "textract:AnalyseDocument": a typo, a retired action, or one newer than the data/);
        assert.ok(violation.message.includes(`IAM data (${dataVersion()})`));
        assert.match(violation.message, /fix: did you mean textract:AnalyzeDocument\?/);
    });

    it("reports an unknown service prefix; a bare action name is policy-grammar's (IAM rejects it)", async () => {
        const document = doc({ Effect: "Allow", Action: ["pinpoint-sms-voice-v2:SendTextMessage", "SendTextMessage"], Resource: "*" });
        const violations = await violationsOf(policy, "prod", document);
        assert.strictEqual(violations.length, 1);
        assert.match(violations[0].message, /the IAM data \(.*\) does not list service prefix "pinpoint-sms-voice-v2" \(of "pinpoint-sms-voice-v2:SendTextMessage"\)/);
        const rejected = await violationsOf("policy-grammar", "dev", document);
        assert.deepStrictEqual(rejected.map((v) => [v.level, v.message.split("\n")[1]]), [["mandatory", 'app-policy › policy › statement #0: action "SendTextMessage" has no service prefix (IAM rejects it: actions must be written service:Action)']]);
    });

    it("never blocks: an action newer than the data (qapps:ImportDocumentToQApp in AWS's own QBusiness policies) is advisory at most", async () => {
        const violations = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["qapps:ImportDocumentToQAppX"], Resource: "*" }));
        assert.deepStrictEqual(violations.map((v) => v.level), ["advisory"]);
    });

    it("reports a pattern that matches nothing", async () => {
        const [violation] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "s3:Fetch*", Resource: "*" }));
        assert.match(violation.message, /the IAM data \(.*\) lists no action that pattern "s3:Fetch\*" matches/);
    });

    it("checks Deny statements and NotAction too: a misspelled Deny denies nothing", async () => {
        const violations = await violationsOf(policy, "prod", doc({ Effect: "Deny", Action: "s3:DeleteObjects", Resource: "*" }, { Effect: "Deny", NotAction: "iam:ChangePasword", Resource: "*" }));
        assert.strictEqual(violations.length, 2);
        assert.match(violations[1].message, /did you mean iam:ChangePassword\?/);
    });

    it("accepts real actions in any case, and wildcards that match", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["S3:getobject", "sms-voice:Describe*", "*", "*:List*"], Resource: "*" })), []);
    });
    it("words each finding in full: the problem, the action and the fix, for a near typo, a far one, an unknown service and a pattern", async () => {
        const data = `the IAM data (${dataVersion()})`;
        const finding = async (sid: string, action: string) => (await violationsOf(policy, "prod", doc({ Sid: sid, Effect: "Allow", Action: action, Resource: "*" }))).map((v) => [v.level, v.message.split("\n").slice(1).join("\n")]);
        assert.deepStrictEqual(await finding("Typo", "s3:GetObjt"), [["advisory",
            `app-policy › policy › statement Typo: ${data} does not list "s3:GetObjt": a typo, a retired action, or one newer than the data\naction: s3:GetObjt\nfix: did you mean s3:GetObject?`]]);
        assert.deepStrictEqual(await finding("Far", "s3:Zzzzzzzzzz"), [["advisory",
            `app-policy › policy › statement Far: ${data} does not list "s3:Zzzzzzzzzz": a typo, a retired action, or one newer than the data\naction: s3:Zzzzzzzzzz\nfix: use an action listed in the Service Authorization Reference`]]);
        assert.deepStrictEqual(await finding("Svc", "pinpoint-sms-voice-v2:SendTextMessage"), [["advisory",
            `app-policy › policy › statement Svc: ${data} does not list service prefix "pinpoint-sms-voice-v2" (of "pinpoint-sms-voice-v2:SendTextMessage"): a typo, a retired service, or one newer than the data\naction: pinpoint-sms-voice-v2:SendTextMessage\nfix: use the service prefix from the Service Authorization Reference (e.g. sms-voice, not pinpoint-sms-voice-v2)`]]);
        assert.deepStrictEqual(await finding("Pat", "s3:Fetch*"), [["advisory",
            `app-policy › policy › statement Pat: ${data} lists no action that pattern "s3:Fetch*" matches\naction: s3:Fetch*\nfix: correct the pattern or list the actions`]]);
    });

    it("NotAction is read as written: wildcards of every kind and real actions there are no finding", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Deny", NotAction: ["*", "*:*", "s3:*", "s3:Get*", "s3:GetObject"], Resource: "*" })), []);
    });
    it("words the finding for a pattern that matches nothing in full", async () => {
        const violations = await violationsOf(policy, "prod", doc({ Sid: "S", Effect: "Allow", Action: "s3:Zzz*", Resource: "*" }));
        assert.deepStrictEqual(violations.map((v) => v.message.split("\n").slice(1)), [[
            `app-policy › policy › statement S: the IAM data (${dataVersion()}) lists no action that pattern "s3:Zzz*" matches`,
            "action: s3:Zzz*",
            "fix: correct the pattern or list the actions",
        ]]);
    });
});
