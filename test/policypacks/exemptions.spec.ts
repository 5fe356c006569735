import * as assert from "assert";
import { parseExemptions } from "../../policypacks/least-privilege/config";
import { doc, judge, managedPolicy, of } from "./support";

const widePut = doc({ Sid: "Upload", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: "*" });

describe("least-privilege pack: justified exemptions", () => {
    it("an exempted finding still prints, as advisory, with its reason; the rest stays mandatory", async () => {
        const config = { "no-wildcard-resource": { exemptions: [{ resource: "legacy-uploader", action: "s3:PutObject", resourcePattern: "*", reason: "vendor agent writes to customer-named buckets; ticket SEC-42" }] } };
        const violations = await judge("prod", [managedPolicy("legacy-uploader", widePut)], { config });
        const enforced = of(violations, "no-wildcard-resource");
        assert.strictEqual(enforced.length, 1);
        assert.strictEqual(enforced[0].level, "mandatory");
        assert.match(enforced[0].message, /action: s3:GetObject /);
        assert.doesNotMatch(enforced[0].message, /s3:PutObject/);
        const exempted = of(violations, "exempted-findings");
        assert.strictEqual(exempted.length, 1);
        assert.strictEqual(exempted[0].level, "advisory");
        assert.match(exempted[0].message, /\[no-wildcard-resource\] legacy-uploader › policy › statement Upload: "Resource": "\*"/);
        assert.match(exempted[0].message, /action: s3:PutObject/);
        assert.match(exempted[0].message, /exempted: vendor agent writes to customer-named buckets; ticket SEC-42$/);
    });

    it("applies only to the named resource and matching element", async () => {
        const config = { "no-wildcard-resource": { exemptions: [{ resource: "other-*", reason: "other team" }, { resource: "legacy-uploader", resourcePattern: "arn:aws:s3:::*", reason: "wrong element" }] } };
        const violations = await judge("prod", [managedPolicy("legacy-uploader", widePut)], { config });
        assert.strictEqual(of(violations, "no-wildcard-resource").length, 1);
        assert.strictEqual(of(violations, "no-wildcard-resource")[0].message.includes("s3:PutObject"), true);
        assert.deepStrictEqual(of(violations, "exempted-findings"), []);
    });

    it("works for findings without actions (a public principal), per policy", async () => {
        const bucketPolicy = { type: "aws:s3/bucketPolicy:BucketPolicy", name: "site-policy", props: { bucket: "site", policy: JSON.stringify(doc({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*" })) } };
        const config = { "no-public-principal": { exemptions: [{ resource: "site-policy", reason: "public website assets, reviewed 2026-01" }] } };
        const violations = await judge("prod", [bucketPolicy], { config });
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.level]), [["exempted-findings", "advisory"]]);
        assert.match(violations[0].message, /exempted: public website assets, reviewed 2026-01/);
    });

    it("rejects an exemption without a reason, clearly, and does not apply it", async () => {
        const config = { "no-wildcard-resource": { exemptions: [{ resource: "legacy-uploader", action: "s3:*" }] } };
        const violations = of(await judge("prod", [managedPolicy("legacy-uploader", widePut), managedPolicy("second", widePut)], { config }), "no-wildcard-resource");
        assert.strictEqual(violations.length, 3, "the config problem once, then both findings");
        assert.match(violations[0].message, /pack config for no-wildcard-resource is invalid:\nexemptions\[0\] is ignored: "reason" is required \(say why the finding is acceptable\)/);
        assert.ok(violations.every((v) => v.level === "mandatory"));
    });

    it("parseExemptions names every bad field", () => {
        const { exemptions, errors } = parseExemptions({ exemptions: [{ resource: "", reason: "ok reason" }, "x", { resource: "r", reason: " ", extra: 1 }, { resource: "r", reason: "fine", action: "s3:GetObject" }] });
        assert.deepStrictEqual(exemptions, [{ resource: "r", reason: "fine", action: "s3:GetObject" }]);
        assert.deepStrictEqual(errors, [
            'exemptions[0] is ignored: "resource" must be a non-empty string',
            "exemptions[1] must be an object with resource, reason and optionally action and resourcePattern",
            'exemptions[2] is ignored: unknown field "extra"; "reason" must be a non-empty string',
        ]);
        assert.deepStrictEqual(parseExemptions({ exemptions: "all" }).errors, ['exemptions must be a list, got "all"']);
    });
});
