import * as assert from "assert";
import { checkStack } from "../../scripts/check/evaluate";
import { readStackFile } from "../../stacks/offline/stack-file";

/** npm run check judges production as the pack's analyzer does: the stack name, its config and the pack's variables. */
describe("npm run check: which stacks are production, as the pack decides it", function () {
    this.timeout(300000);
    const levels = (violations: readonly { policy: string; level: string }[], policy?: string) =>
        violations.filter((v) => policy === undefined || v.policy === policy).map((v) => `${v.policy}/${v.level}`);

    it("dev is advisory with the defaults, and mandatory once LEAST_PRIVILEGE_NON_PRODUCTION_ENVIRONMENTS drops dev", async () => {
        const dev = readStackFile("dev");
        const defaults = await checkStack(dev, {});
        assert.ok(defaults.violations.length > 0 && defaults.violations.every((v) => v.level === "advisory"), levels(defaults.violations).join(", "));
        const replaced = await checkStack(dev, { env: { LEAST_PRIVILEGE_NON_PRODUCTION_ENVIRONMENTS: "qa" } });
        assert.deepStrictEqual(levels(replaced.violations).filter((l) => !l.startsWith("environment-consistent")), levels(defaults.violations).map((l) => l.replace("/advisory", "/mandatory")));
    });

    it("a stack named prod whose config says dev is production, and says why", async () => {
        const dev = readStackFile("dev");
        const check = await checkStack({ ...dev, stack: "prod" }, {});
        assert.deepStrictEqual(levels(check.violations, "environment-consistent"), ["environment-consistent/mandatory"]);
        assert.match(check.violations.find((v) => v.policy === "environment-consistent")!.message, /stack: the stack name is "prod" but aws-workloads:environment is "dev"/);
        assert.ok(check.violations.filter((v) => v.policy !== "environment-consistent").every((v) => v.level === "mandatory"));
    });

    it("the old production variable cannot weaken prod", async () => {
        const check = await checkStack(readStackFile("prod"), { env: { LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS: "live" } });
        assert.deepStrictEqual(check.violations, []);
        const widened = await checkStack(readStackFile("dev"), { env: { LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS: "live", LEAST_PRIVILEGE_NON_PRODUCTION_ENVIRONMENTS: "dev,prod" } });
        assert.deepStrictEqual(levels(widened.violations, "environment-consistent"), ["environment-consistent/advisory"], "the refused entry is reported; dev stays non-production");
    });

    it("a stack in a production account is production whatever it is called (LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS), and the name mismatch is reported", async () => {
        const dev = readStackFile("dev");
        const defaults = await checkStack(dev, {});
        const inProd = await checkStack(dev, { env: { LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS: "210987654321, 123456789012" } });
        const consistent = inProd.violations.find((v) => v.policy === "environment-consistent");
        assert.strictEqual(consistent?.level, "mandatory");
        assert.match(consistent!.message, /the stack name is "dev" and aws-workloads:environment is "dev", but it deploys to the production account 123456789012, so the stack is judged as production[^\n]*\nfix: deploy non-production stacks to a non-production account, or take the account out of LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS if it is not production$/);
        assert.deepStrictEqual(levels(inProd.violations).filter((l) => !l.startsWith("environment-consistent")), levels(defaults.violations).map((l) => l.replace("/advisory", "/mandatory")));
        const elsewhere = await checkStack(dev, { env: { LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS: "210987654321" } });
        assert.deepStrictEqual(levels(elsewhere.violations), levels(defaults.violations), "another account's stacks only");
        const refused = await checkStack(dev, { env: { LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS: "prod-account" } });
        assert.match(refused.violations.find((v) => v.policy === "environment-consistent")?.message ?? "", /LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS\) must hold 12-digit account IDs; refused: "prod-account"/);
    });
});
