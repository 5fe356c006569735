import * as assert from "assert";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { TestResource, doc, policyNamed, validateResource, violationsOf } from "./support";

const policy = "no-guardrail-disabling";
const trail = "arn:aws:cloudtrail:us-east-1:123456789012:trail/engagement-trail-prod";

describe("least-privilege pack: no-guardrail-disabling", () => {
    it("blocks cloudtrail:StopLogging on \"*\" in prod, with the whole message; advisory in dev", async () => {
        const document = doc({ Sid: "Ops", Effect: "Allow", Action: "cloudtrail:StopLogging", Resource: "*" });
        const [violation, ...rest] = await violationsOf(policy, "prod", document);
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "mandatory");
        assert.strictEqual(violation.message.split("\n").slice(1).join("\n"),
            "app-policy › policy › statement Ops: cloudtrail:StopLogging stops a trail recording API calls, on \"*\": whoever holds it can disable the account's detective and preventive controls\n" +
            "action: cloudtrail:StopLogging; resource: \"*\"\n" +
            "fix: remove the action; guardrails are changed by the security account's pipeline, and protected with a Deny (an SCP) on these actions");
        assert.deepStrictEqual((await violationsOf(policy, "dev", document)).map((v) => v.level), ["advisory"]);
    });

    it("blocks the actions without resource types that pass no-wildcard-resource on \"*\"", async () => {
        for (const action of ["s3:PutAccountPublicAccessBlock", "ec2:DisableEbsEncryptionByDefault", "organizations:LeaveOrganization", "guardduty:DisassociateFromMasterAccount", "macie2:DisableMacie", "inspector2:Disable", "iam:DeleteAccountPasswordPolicy", "config:DeleteDeliveryChannel"]) {
            const [violation] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: action, Resource: "*" }));
            assert.ok(violation?.message.includes(`${action} `), action);
            assert.strictEqual(violation.level, "mandatory");
        }
    });

    it("sees them through patterns, * and NotAction, and lists every one granted", async () => {
        const [patterned] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["cloudtrail:Stop*", "GuardDuty:delete*"], Resource: "*" }));
        assert.match(patterned.message, /these actions switch off guardrails \(cloudtrail:StopLogging stops a trail recording API calls\), on "\*"/);
        assert.match(patterned.message, /actions: cloudtrail:StopLogging, guardduty:DeleteDetector; resource: "\*"/);
        const [all] = await violationsOf(policy, "prod", doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }));
        assert.match(all.message, /s3:PutAccountPublicAccessBlock, s3:PutBucketPublicAccessBlock, ec2:DisableEbsEncryptionByDefault, cloudtrail:StopLogging, cloudtrail:DeleteTrail, cloudtrail:PutEventSelectors, \+\d+ more/);
    });

    it("blocks a wholly wildcarded resource of the service; passes a named trail, key or log group", async () => {
        for (const Resource of ["arn:aws:cloudtrail:*:*:trail/*", "arn:aws:cloudtrail:us-east-1:123456789012:*"]) {
            assert.strictEqual((await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["cloudtrail:DeleteTrail"], Resource }))).length, 1, Resource);
        }
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["cloudtrail:StopLogging", "cloudtrail:UpdateTrail"], Resource: trail })), []);
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "kms:ScheduleKeyDeletion", Resource: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" })), []);
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "logs:DeleteLogGroup", Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/engagement-api:*" })), []);
        assert.strictEqual((await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "logs:DeleteLogGroup", Resource: "arn:aws:logs:*:*:*" }))).length, 1);
        // An action without resource types authorizes against "*": on an ARN it grants nothing.
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "s3:PutAccountPublicAccessBlock", Resource: "arn:aws:s3:::bucket" })), []);
    });

    it("never counts Deny statements (how SCPs protect guardrails), nor resource policies", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Deny", Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], Resource: "*" })), []);
        const bucketPolicy: TestResource = { type: "aws:s3/bucketPolicy:BucketPolicy", name: "bp", props: { bucket: "b", policy: JSON.stringify(doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/admin" }, Action: "s3:PutBucketPublicAccessBlock", Resource: "arn:aws:s3:::b" })) } };
        assert.deepStrictEqual(await validateResource(policyNamed(buildPolicies({ environment: "prod" }), policy), bucketPolicy), []);
    });
    it("an action without resource types is granted by any element that matches \"*\" (\"?\" too), and by no ARN", async () => {
        const [violation, ...rest] = await violationsOf(policy, "prod", doc({ Sid: "S", Effect: "Allow", Action: "s3:PutAccountPublicAccessBlock", Resource: "?" }));
        assert.strictEqual(rest.length, 0);
        assert.deepStrictEqual(violation.message.split("\n").slice(1, 3), [
            "app-policy › policy › statement S: s3:PutAccountPublicAccessBlock turns off the account-wide S3 Block Public Access, on \"?\": whoever holds it can disable the account's detective and preventive controls",
            "action: s3:PutAccountPublicAccessBlock; resource: \"?\"",
        ]);
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "s3:PutAccountPublicAccessBlock", Resource: "arn:aws:s3:::*" })), []);
    });

    it("a wholly wildcarded resource of another service grants a trail action nothing", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "cloudtrail:DeleteTrail", Resource: "arn:aws:s3:::*" })), []);
    });

    it("NotResource grants every resource but the named ones: reported on the NotResource list", async () => {
        const [violation, ...rest] = await violationsOf(policy, "prod", doc({ Sid: "S", Effect: "Allow", Action: "cloudtrail:StopLogging", NotResource: "arn:aws:cloudtrail:us-east-1:123456789012:trail/other" }));
        assert.strictEqual(rest.length, 0);
        assert.deepStrictEqual(violation.message.split("\n").slice(1, 3), [
            "app-policy › policy › statement S: cloudtrail:StopLogging stops a trail recording API calls, on NotResource [\"arn:aws:cloudtrail:us-east-1:123456789012:trail/other\"]: whoever holds it can disable the account's detective and preventive controls",
            "action: cloudtrail:StopLogging; resource: \"NotResource [\\\"arn:aws:cloudtrail:us-east-1:123456789012:trail/other\\\"]\"",
        ]);
    });

    it("does not read a key policy, where \"Resource\": \"*\" is the key itself (AWS's default key policy lets key administrators schedule deletion)", async () => {
        const key: TestResource = { type: "aws:kms/key:Key", name: "k", props: { policy: JSON.stringify(doc({ Sid: "Admins", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/key-admin" }, Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"], Resource: "*" })) } };
        assert.deepStrictEqual(await validateResource(policyNamed(buildPolicies({ environment: "prod" }), policy), key), []);
    });
});
