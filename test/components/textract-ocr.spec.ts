import { strict as assert } from "assert";
import { Arns, scopeFor } from "../../components/iam/arn";
import { ocrPolicy } from "../../components/textract-ocr";
import { render } from "../../components/iam/document";
import { normalize, seedJson } from "../support/seeds";
import { mismatches } from "../support/simulate";

const arns = new Arns(scopeFor("123456789012", "us-east-1"));

describe("seed 000: MeddocparserTextractOCRPolicy", () => {
    for (const [env, heading] of [["dev", "Development Policy (Restrictive)"], ["prod", "Production Policy (Restrictive)"]]) {
        it(`renders the seed's ${heading} for meddocparser-ocr-temp-${env}`, () => {
            const [seed] = seedJson("000_", heading);
            assert.deepEqual(JSON.parse(render(ocrPolicy(arns, `meddocparser-ocr-temp-${env}`))), seed);
        });
    }

    it("keeps the seed's statement Sids and Textract actions of the base policy", () => {
        const [base] = seedJson("000_", "IAM Policy Document");
        const rendered = normalize(ocrPolicy(arns, "meddocparser-ocr-temp-staging"));
        assert.deepEqual(rendered.Statement.map((s: any) => s.Sid), normalize(base).Statement.map((s: any) => s.Sid));
        assert.deepEqual(rendered.Statement[0], normalize(base).Statement[0]);
    });

    it("renders in the partition of the configured region", () => {
        const china = new Arns(scopeFor("123456789012", "cn-north-1"));
        assert.match(render(ocrPolicy(china, "b-cn")), /"arn:aws-cn:s3:::b-cn\/\*"/);
    });
});

describe("seed 000 Verification, offline: what the OCR principal may do", () => {
    const principal = { arn: "arn:aws:iam::123456789012:role/meddocparser-ocr-prod", policies: [render(ocrPolicy(arns, "meddocparser-ocr-temp-prod"))] };
    const bucket = "arn:aws:s3:::meddocparser-ocr-temp-prod";

    it("may analyze documents, start and read async jobs, and use its own bucket", async () => {
        assert.deepEqual(await mismatches(principal, "Allowed", [
            { action: "textract:AnalyzeDocument" },
            { action: "textract:StartDocumentAnalysis" },
            { action: "textract:GetDocumentAnalysis" },
            { action: "s3:PutObject", resource: `${bucket}/upload/scan.pdf` },
            { action: "s3:GetObject", resource: `${bucket}/upload/scan.pdf` },
            { action: "s3:DeleteObject", resource: `${bucket}/upload/scan.pdf` },
            { action: "s3:ListBucket", resource: bucket },
        ]), []);
    });

    it("may not touch another environment's bucket, any other bucket, or re-policy or delete its own", async () => {
        assert.deepEqual(await mismatches(principal, "Denied", [
            { action: "s3:GetObject", resource: "arn:aws:s3:::meddocparser-ocr-temp-dev/upload/scan.pdf" },
            { action: "s3:PutObject", resource: "arn:aws:s3:::meddocparser-ocr-temp-staging/x" },
            { action: "s3:ListBucket", resource: "arn:aws:s3:::meddocparser-ocr-temp-dev" },
            { action: "s3:GetObject", resource: "arn:aws:s3:::patient-records/x" },
            { action: "s3:DeleteBucket", resource: bucket },
            { action: "s3:PutBucketPolicy", resource: bucket },
            { action: "s3:DeleteBucketPolicy", resource: bucket },
            { action: "s3:PutLifecycleConfiguration", resource: bucket },
        ]), []);
    });

    it("may not call Textract actions the seed does not grant", async () => {
        assert.deepEqual(await mismatches(principal, "Denied", [
            { action: "textract:DetectDocumentText" },
            { action: "textract:StartDocumentTextDetection" },
            { action: "textract:AnalyzeExpense" },
            { action: "textract:CreateAdapter" },
        ]), []);
    });
});
