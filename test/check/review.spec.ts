/**
 * The reviewer's sections of the report (issue 19 items 3-4): trust in words, credentials,
 * statements on "*" with their reason from the IAM data or an override, access by resource by
 * the IAM data's access levels, the config key a finding points to, wrapping, and the picture.
 */
import * as assert from "assert";
import { mermaidDiagram } from "../../scripts/check/diagram";
import { configKeyFor } from "../../scripts/check/fix-keys";
import { principalTables } from "../../scripts/check/principals";
import { StackReport } from "../../scripts/check/report";
import { accessLevelOf, conditionInWords, reviewOf, whyAnyResource } from "../../scripts/check/review";
import { countsLine, terminalWidth, wrap } from "../../scripts/check/text";
import { workloadIndex } from "../../scripts/check/workloads";
import { RecordedResource } from "../../stacks/offline/mocks";

const placement = { accountId: "123456789012", region: "us-east-1" };
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const ocrUrn = "urn:pulumi:prod::aws-workloads::aws-workloads:ocr:TextractOcr::ocr";
const resource = (type: string, name: string, inputs: Record<string, unknown>, parent = ocrUrn): RecordedResource => ({
    type, name, urn: `urn:pulumi:prod::aws-workloads::${type}::${name}`, inputs,
    wire: { urn: `urn:pulumi:prod::aws-workloads::${type}::${name}`, properties: inputs, parent, dependencies: [], propertyDependencies: {} },
});

const resources: RecordedResource[] = [
    resource("aws-workloads:ocr:TextractOcr", "ocr", {}, undefined as unknown as string),
    resource("aws:iam/role:Role", "ocr-role", {
        name: "ocr-prod",
        assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }),
    }),
    resource("aws:iam/rolePolicy:RolePolicy", "ocr-inline", {
        name: "OcrPolicy", role: "ocr-prod",
        policy: doc(
            { Sid: "TextractDocumentAnalysis", Effect: "Allow", Action: ["textract:AnalyzeDocument"], Resource: "*" },
            { Sid: "Metrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "ocr" } } },
            { Sid: "S3OCRBucketObjectAccess", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:PutObjectTagging"], Resource: "arn:aws:s3:::ocr-temp/*" },
            { Sid: "S3OCRBucketListAccess", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::ocr-temp" },
        ),
    }),
    resource("aws:iam/user:User", "dev-user", { name: "dev-user" }),
    resource("aws:iam/accessKey:AccessKey", "dev-key", { user: "dev-user" }),
];

describe("check: the reviewer's sections", () => {
    const tables = principalTables(resources, placement);
    const review = reviewOf(resources, tables);

    it("says who can assume each role, the condition in words", () => {
        assert.deepStrictEqual(review.trust, [{ role: "ocr-prod", workload: "aws-workloads:ocr", who: ["the service ecs-tasks.amazonaws.com may sts:AssumeRole, only when the calling service acts for account 123456789012"] }]);
        assert.strictEqual(conditionInWords("ArnLike aws:SourceArn=arn:aws:ecs:us-east-1:123456789012:*"), "the calling service acts for a resource matching arn:aws:ecs:us-east-1:123456789012:*");
        assert.strictEqual(conditionInWords("StringEquals s3:prefix=home/"), "s3:prefix is home/ (StringEquals)");
    });

    it("lists users with their access keys and console passwords", () => {
        assert.deepStrictEqual(review.credentials, [{ user: "dev-user", workload: "aws-workloads:ocr", accessKeys: 1, loginProfile: false }]);
    });

    it('gives each statement on "*" the reason from the IAM data, or the override with its source', () => {
        assert.deepStrictEqual(review.onAnyResource.map((g) => [g.why, g.actions.map((a) => a.action)]), [["TextractDocumentAnalysis", ["textract:AnalyzeDocument"]], ["Metrics", ["cloudwatch:PutMetricData"]]]);
        assert.deepStrictEqual(whyAnyResource("textract:AnalyzeDocument"), [{ reason: 'textract:AnalyzeDocument: the IAM data lists no resource types, so only "*" can work' }]);
        assert.strictEqual(whyAnyResource("cloudwatch:PutMetricData")[0].source, "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html");
        assert.match(whyAnyResource("s3:GetObject")[0].reason, /^s3:GetObject: has resource types \((accesspointobject, )?object/);
    });

    it("shows each data store's readers, writers and administrators by the IAM data's access levels", () => {
        assert.deepStrictEqual([accessLevelOf("s3:GetObject"), accessLevelOf("s3:ListBucket"), accessLevelOf("s3:PutObject"), accessLevelOf("s3:PutObjectTagging")], ["Read", "List", "Write", "Tagging, Write"]);
        assert.deepStrictEqual(review.byResource, [{ resource: "bucket ocr-temp", kind: "bucket", workload: "aws-workloads:ocr", read: ["role ocr-prod"], write: ["role ocr-prod"], administer: ["role ocr-prod"] }]);
    });

    it("finds each resource's workload through its parents, and the config key a finding names", () => {
        const of = workloadIndex(resources);
        assert.strictEqual(of(resources[2]), "aws-workloads:ocr");
        assert.strictEqual(configKeyFor("aws-workloads:bedrock", "statement AllowAllBedrockModels: bedrock:InvokeModel on foundation-model/*"), "aws-workloads:bedrock.scope (and modelId, region)");
        assert.strictEqual(configKeyFor("aws-workloads:ocr", "statement S3OCRBucketObjectAccess"), "aws-workloads:ocr.bucketName");
        assert.strictEqual(configKeyFor("aws-workloads:engagement", "something else"), "aws-workloads:engagement");
        assert.strictEqual(configKeyFor(undefined, "x"), undefined);
    });

    it("counts by level and class, and wraps lines to the width with a hanging indent", () => {
        assert.strictEqual(countsLine({ mandatory: { security: 2, "aws-rejects": 1 }, advisory: { lint: 4 } }), "3 mandatory (1 aws-rejects, 2 security), 4 advisory (4 lint)");
        assert.strictEqual(countsLine({}), "0 mandatory, 0 advisory");
        assert.deepStrictEqual(wrap("  alpha beta gamma delta", 12), ["  alpha beta", "    gamma", "    delta"]);
        assert.deepStrictEqual(wrap("short", 12), ["short"]);
        assert.strictEqual(terminalWidth({ isTTY: false, columns: 200 }), 100);
        assert.strictEqual(terminalWidth({ isTTY: true, columns: 132 }), 132);
    });

    it("draws principals, trust and data stores in one box per workload", () => {
        const report = { principals: tables, review } as unknown as StackReport;
        const lines = mermaidDiagram(report);
        assert.deepStrictEqual(lines.slice(0, 2), ["```mermaid", "flowchart LR"]);
        assert.ok(lines.includes('  subgraph n2["MedDocParser OCR (seed 000)"]'), lines.join("\n"));
        assert.ok(lines.some((l) => /^ {2}n0\(\["ecs-tasks\.amazonaws\.com"\]\)$/.test(l)), lines.join("\n"));
        assert.ok(lines.includes("  n0 -->|assumes| n1"), lines.join("\n"));
        assert.ok(lines.some((l) => /^ {2}n1 -->\|read, write, administer\| n\d+$/.test(l)), lines.join("\n"));
        assert.ok(lines.some((l) => /-->\|signs in as\|/.test(l)), "an access key is drawn as a way in");
    });
});
