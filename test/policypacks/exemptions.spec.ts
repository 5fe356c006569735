import * as assert from "assert";
import Ajv from "ajv";
import { exemptionsConfigSchema, findExemption, hasExpired, parseExemptions } from "../../policypacks/least-privilege/config";
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
        const config = { "no-wildcard-resource": { exemptions: [{ resource: "other-uploader", reason: "other team" }, { resource: "legacy-uploader", resourcePattern: "arn:aws:s3:::*", reason: "wrong element" }, { resource: "legacy-uploader2", reason: "a longer name" }] } };
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

    it("names one concrete resource: a * or ? in resource is a config error naming the entry, and exempts nothing", async () => {
        for (const resource of ["*", "legacy-*", "legacy-uploade?"]) {
            const config = { "no-wildcard-resource": { exemptions: [{ resource, reason: "everything is fine" }] } };
            const violations = await judge("prod", [managedPolicy("legacy-uploader", widePut)], { config });
            const blocking = of(violations, "no-wildcard-resource");
            assert.deepStrictEqual(blocking.map((v) => v.level), ["mandatory", "mandatory"], resource);
            assert.match(blocking[0].message, new RegExp(`exemptions\\[0\\] is ignored: "resource" must name one concrete resource \\(no \\* or \\?\\), got ${JSON.stringify(resource).replace(/[*?]/g, "\\$&")}`));
            assert.deepStrictEqual(of(violations, "exempted-findings"), [], resource);
        }
    });

    it("expires: applies through its day, then the finding is enforced and says the exemption expired, naming the date", async () => {
        const exemption = (expires: string) => ({ "no-wildcard-resource": { exemptions: [{ resource: "legacy-uploader", reason: "migration to per-bucket grants, SEC-7", expires }] } });
        const live = await judge("prod", [managedPolicy("legacy-uploader", widePut)], { config: exemption("2999-12-31") });
        assert.deepStrictEqual(live.map((v) => [v.policy, v.level]), [["exempted-findings", "advisory"]]);
        const lapsed = await judge("prod", [managedPolicy("legacy-uploader", widePut)], { config: exemption("2020-01-31") });
        assert.deepStrictEqual(lapsed.map((v) => [v.policy, v.level]), [["no-wildcard-resource", "mandatory"]]);
        assert.match(lapsed[0].message, /\nexemption expired on 2020-01-31 \(it no longer applies\): migration to per-bucket grants, SEC-7$/);
        const x = { resource: "r", reason: "why", expires: "2026-03-01" };
        assert.deepStrictEqual([hasExpired(x, new Date("2026-03-01T23:59:59Z")), hasExpired(x, new Date("2026-03-02T00:00:00Z"))], [false, true]);
        assert.strictEqual(findExemption([x], "r", undefined, undefined, new Date("2026-03-02T00:00:00Z")), undefined);
        assert.strictEqual(findExemption([x], "r", undefined, undefined, new Date("2026-02-01T00:00:00Z")), x);
    });

    it("expires must be a real date written YYYY-MM-DD", () => {
        const { exemptions, errors } = parseExemptions({ exemptions: ["2026-02-30", "next week", "2026-1-5", "2026-12-31"].map((expires) => ({ resource: "r", reason: "why", expires })) });
        assert.deepStrictEqual(exemptions, [{ resource: "r", reason: "why", expires: "2026-12-31" }]);
        assert.deepStrictEqual(errors, [
            'exemptions[0] is ignored: "expires" must be a date written YYYY-MM-DD, got "2026-02-30"',
            'exemptions[1] is ignored: "expires" must be a date written YYYY-MM-DD, got "next week"',
            'exemptions[2] is ignored: "expires" must be a date written YYYY-MM-DD, got "2026-1-5"',
        ]);
    });

    it("the config schema the CLI validates --policy-pack-config with refuses wildcard resources and malformed dates", () => {
        const validate = new Ajv().compile({ type: "object", ...exemptionsConfigSchema });
        const entry = (extra: Record<string, unknown>) => ({ exemptions: [{ resource: "legacy-uploader", reason: "why", ...extra }] });
        assert.deepStrictEqual([entry({}), entry({ expires: "2026-12-31" }), entry({ resource: "legacy-*" }), entry({ resource: "*" }), entry({ resource: "a?" }), entry({ expires: "31/12/2026" })].map((c) => validate(c)), [true, true, false, false, false, false]);
    });
});
