/**
 * Each seed's documented policies through the whole pack, with the verdict the seeds and
 * DESIGN.md's table imply: what blocks prod (mandatory) and what dev only hears about (advisory).
 */
import * as assert from "assert";
import { TestResource, Violation, judge, managedPolicy, mandatory } from "./support";
import { bedrockSeed, ocrSeed, smsSeed, textractSeed } from "./seed-documents";

const userPolicy = (name: string, document: unknown): TestResource => ({ type: "aws:iam/userPolicy:UserPolicy", name, props: { user: "wealth-management-app-user", name: "BedrockClaudeHaikuAccess", policy: JSON.stringify(document) } });
const summary = (violations: readonly Violation[]) => violations.map((v) => `${v.level} ${v.policy}: ${v.message.split("\n")[1]}`);

async function verdicts(resource: TestResource): Promise<{ prod: Violation[]; dev: Violation[] }> {
    return { prod: await judge("prod", [resource]), dev: await judge("dev", [resource]) };
}

async function passesEverywhere(resource: TestResource): Promise<void> {
    const { prod, dev } = await verdicts(resource);
    assert.deepStrictEqual(summary(prod), []);
    assert.deepStrictEqual(summary(dev), []);
}

/** Blocked in prod by exactly these statements of `policy`; the same findings advisory in dev. */
async function blockedInProd(resource: TestResource, expected: { policy: string; statement: string }[]): Promise<Violation[]> {
    const { prod, dev } = await verdicts(resource);
    const blocking = mandatory(prod);
    assert.deepStrictEqual(blocking.map((v) => [v.policy, /statement ([^:]+):/.exec(v.message)?.[1]]), expected.map((e) => [e.policy, e.statement]), summary(prod).join("\n"));
    assert.strictEqual(prod.length, blocking.length, "nothing else is reported");
    assert.deepStrictEqual(dev.map((v) => v.level), prod.map(() => "advisory"));
    assert.deepStrictEqual(dev.map((v) => v.message), prod.map((v) => v.message));
    return blocking;
}

describe("least-privilege pack: the seeds' documented policies", () => {
    describe("seed 000, MeddocparserTextractOCRPolicy", () => {
        it("the base policy passes: Textract's actions have no resource types, the bucket pattern is a naming convention", async () => {
            await passesEverywhere(managedPolicy("MeddocparserTextractOCRPolicy", ocrSeed.base()));
        });
        it("the per-environment Development and Production policies pass", async () => {
            await passesEverywhere(managedPolicy("dev-policy", ocrSeed.dev()));
            await passesEverywhere(managedPolicy("prod-policy", ocrSeed.prod()));
        });
        it("widening its S3 statement to every bucket is blocked", async () => {
            const widened = ocrSeed.prod();
            widened.Statement[1].Resource = "arn:aws:s3:::*/*";
            const [violation] = await blockedInProd(managedPolicy("prod-policy", widened), [{ policy: "no-wildcard-resource", statement: "S3OCRBucketObjectAccess" }]);
            assert.match(violation.message, /fix: name the resource: scope to arn:aws:s3:::<BucketName>\/\*/);
        });
    });

    describe("seed 001, Bedrock model access", () => {
        it("option 1 (exact model) passes", async () => {
            await passesEverywhere(userPolicy("bedrock", bedrockSeed.option(1)));
        });
        it("option 2 (Claude 3 Haiku, any version) passes: a naming-convention prefix", async () => {
            await passesEverywhere(userPolicy("bedrock", bedrockSeed.option(2)));
        });
        it("option 3 (all Claude models) passes the wildcard table too: it still names a model family", async () => {
            await passesEverywhere(userPolicy("bedrock", bedrockSeed.option(3)));
        });
        it("option 4 (all models, \"NOT recommended for production\") is blocked in prod, advisory in dev", async () => {
            const [violation] = await blockedInProd(userPolicy("bedrock", bedrockSeed.option(4)), [{ policy: "no-wildcard-resource", statement: "AllowAllBedrockModels" }]);
            assert.match(violation.message, /"arn:aws:bedrock:us-east-2::foundation-model\/\*" wildcards the whole resource id/);
            assert.match(violation.message, /bedrock:InvokeModel \(required resource type: /);
            assert.match(violation.message, /fix: name the resource: scope to arn:aws:bedrock:us-east-2::foundation-model\/<ResourceId>/);
        });
        it("the recommended policy, with its aws:RequestedRegion condition, passes", async () => {
            await passesEverywhere(userPolicy("bedrock", bedrockSeed.recommended()));
        });
    });

    describe("seed 002, the Textract IAM reference", () => {
        it("the synchronous and asynchronous examples pass: every action has no resource types", async () => {
            await passesEverywhere(managedPolicy("textract-sync", textractSeed.sync()));
            await passesEverywhere(managedPolicy("textract-async", textractSeed.async()));
        });
        it("view-own-permissions: ViewOwnUserInfo passes, NavigateInConsole's scopable IAM reads on \"*\" are blocked in prod", async () => {
            const [violation] = await blockedInProd(managedPolicy("view-own", textractSeed.viewOwnPermissions()), [{ policy: "no-wildcard-resource", statement: "NavigateInConsole" }]);
            assert.match(violation.message, /iam:GetPolicy \(required resource type: policy\)/);
            assert.doesNotMatch(violation.message, /iam:ListPolicies|iam:ListUsers/, "those have no resource types");
        });
    });

    describe("seed 003, the engagement platform's scoping tiers", () => {
        const statement = (Resource: unknown) => ({ Version: "2012-10-17", Statement: [{ Sid: "PredictCache", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], Resource }] });
        it("good (specific ARNs) and acceptable (naming convention, any account) pass", async () => {
            await passesEverywhere(managedPolicy("s3-good", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::engagement-raw-data-dev", "arn:aws:s3:::engagement-raw-data-dev/*"] }] }));
            await passesEverywhere(managedPolicy("dynamo-acceptable", statement("arn:aws:dynamodb:us-east-1:*:table/engagement-*")));
        });
        it("avoid (\"*\", POC only) is blocked in prod", async () => {
            await blockedInProd(managedPolicy("dynamo-avoid", statement("*")), [{ policy: "no-wildcard-resource", statement: "PredictCache" }]);
        });
    });

    describe("seed 004, AWS EUM X SMS", () => {
        it("the minimal policy on \"*\" is blocked in prod for SendTextMessage only; the Describe calls are justified overrides", async () => {
            const [violation] = await blockedInProd(managedPolicy("AWSEUMXMinimalPolicy", smsSeed.minimal()), [{ policy: "no-wildcard-resource", statement: "AWSEUMXSendSms" }]);
            assert.match(violation.message, /action: sms-voice:SendTextMessage \(optional resource types only: /);
            assert.doesNotMatch(violation.message, /Describe/);
        });
        it("the seed's production scoping (phone-number/*, sender-id/*) still wildcards every number and sender ID, so prod blocks it", async () => {
            const blocking = await blockedInProd(managedPolicy("AWSEUMXMinimalPolicy", smsSeed.productionScoped()), [
                { policy: "no-wildcard-resource", statement: "SendFromOwnNumbers" },
                { policy: "no-wildcard-resource", statement: "SendFromOwnNumbers" },
            ]);
            assert.match(blocking[0].message, /"arn:aws:sms-voice:us-east-1:123456789012:phone-number\/\*" wildcards the whole resource id/);
            assert.match(blocking[1].message, /"arn:aws:sms-voice:eu-west-2:123456789012:sender-id\/\*" wildcards the whole resource id/);
        });
        it("naming the phone number and the sender ID passes", async () => {
            const named = smsSeed.productionScoped();
            named.Statement[0].Resource = ["arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0123456789abcdef", "arn:aws:sms-voice:eu-west-2:123456789012:sender-id/AWSEUMX/*"];
            await passesEverywhere(managedPolicy("AWSEUMXMinimalPolicy", named));
        });
    });
});
