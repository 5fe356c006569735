import { strict as assert } from "assert";
import { normalize, seedJson } from "../support/seeds";
import { one, ofType, runWith } from "../support/stacks";
import { mismatches } from "../support/simulate";

const ocrPolicyOf = (run: Awaited<ReturnType<typeof runWith>>) =>
    JSON.parse(one(run, "aws:iam/policy:Policy", (r) => r.inputs.name === "MeddocparserTextractOCRPolicy").inputs.policy);

/** Seed 002's "only a specific group of adapters, or no adapters", as the stacks' `adapters: { tag }` renders it. */
const adapterGroupDeny = (env: string) => ({
    Sid: "DenyTextractInferenceOutsideAdapterGroup",
    Effect: "Deny",
    Action: ["textract:AnalyzeDocument", "textract:StartDocumentAnalysis"],
    Resource: "arn:aws:textract:*:*:/adapters/*",
    Condition: { StringNotEquals: { "aws:ResourceTag/env": env } },
});

describe("stacks: MedDocParser OCR (seed 000)", () => {
    // dev and prod select adapters by the tag env=<environment> (seed 002); staging uses none.
    const adapterStatements: Record<string, object[]> = { dev: [adapterGroupDeny("dev")], staging: [], prod: [adapterGroupDeny("prod")] };
    for (const env of ["dev", "staging", "prod"]) {
        it(`${env}: the rendered policy is the seed's restrictive policy for meddocparser-ocr-temp-${env}, statement by statement, then its adapter option`, async () => {
            const [seedDev] = seedJson("000_", "Development Policy (Restrictive)");
            const expected = JSON.parse(JSON.stringify(seedDev).replace(/meddocparser-ocr-temp-dev/g, `meddocparser-ocr-temp-${env}`));
            const rendered = ocrPolicyOf(await runWith(env));
            assert.equal(rendered.Statement.length, expected.Statement.length + adapterStatements[env].length);
            expected.Statement.forEach((s: any, i: number) => assert.deepEqual(rendered.Statement[i], s, `statement ${s.Sid}`));
            assert.deepEqual(rendered.Statement.slice(expected.Statement.length), adapterStatements[env]);
        });
    }

    it("prod's policy is exactly the seed's Production Policy (Restrictive) plus seed 002's adapter group for env=prod", async () => {
        const [seedProd] = seedJson("000_", "Production Policy (Restrictive)");
        assert.deepEqual(normalize(ocrPolicyOf(await runWith("prod"))), normalize({ ...seedProd, Statement: [...seedProd.Statement, adapterGroupDeny("prod")] }));
    });

    it("prod attaches the policy to an EC2/ECS role with an instance profile, and creates no IAM user or access key", async () => {
        const run = await runWith("prod");
        assert.equal(ofType(run, "aws:iam/user:User").length, 0);
        assert.equal(ofType(run, "aws:iam/accessKey:AccessKey").length, 0);
        const role = one(run, "aws:iam/role:Role", (r) => r.inputs.name === "meddocparser-ocr-prod");
        const trust = JSON.parse(role.inputs.assumeRolePolicy);
        const services = trust.Statement.flatMap((s: any) => [s.Principal.Service].flat());
        assert.deepEqual(services.sort(), ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"]);
        one(run, "aws:iam/instanceProfile:InstanceProfile", (r) => r.inputs.name === "meddocparser-ocr-prod");
        const attach = one(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", (r) => r.name === "meddocparser-ocr-attach");
        assert.equal(attach.inputs.role, "meddocparser-ocr-prod");
        assert.equal(attach.inputs.policyArn, "arn:aws:iam::123456789012:policy/MeddocparserTextractOCRPolicy");
    });

    it("the ECS task trust carries the confused-deputy account condition; EC2's statement cannot", async () => {
        const trust = JSON.parse(one(await runWith("prod"), "aws:iam/role:Role", (r) => r.inputs.name === "meddocparser-ocr-prod").inputs.assumeRolePolicy);
        const ecs = trust.Statement.find((s: any) => [s.Principal.Service].flat().includes("ecs-tasks.amazonaws.com"));
        assert.deepEqual(ecs.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
    });

    it("dev uses the IAM user meddocparser-dev-textract, with an access key only because dev's config asks, its secret a secret output", async () => {
        const run = await runWith("dev");
        one(run, "aws:iam/user:User", (r) => r.inputs.name === "meddocparser-dev-textract");
        one(run, "aws:iam/accessKey:AccessKey", (r) => r.inputs.user === "meddocparser-dev-textract");
        const ocr = run.outputs.ocr as Record<string, unknown>;
        assert.ok(typeof ocr.accessKeyId === "string" && ocr.accessKeyId.startsWith("AKIA"));
        const withoutKey = await runWith("dev", { "aws-workloads:ocr": { principal: "user" } });
        assert.equal(ofType(withoutKey, "aws:iam/accessKey:AccessKey").filter((r) => r.inputs.user === "meddocparser-dev-textract").length, 0);
    });

    it("outputs the settings the app reads: OCR_S3_BUCKET, AWS_DEFAULT_REGION and the 5 MB sync/async threshold", async () => {
        const ocr = (await runWith("staging")).outputs.ocr as any;
        assert.deepEqual(ocr.appSettings, { OCR_S3_BUCKET: "meddocparser-ocr-temp-staging", AWS_DEFAULT_REGION: "us-east-1", OCR_SYNC_MAX_BYTES: 5242880 });
        assert.equal(ocr.bucketArn, "arn:aws:s3:::meddocparser-ocr-temp-staging");
        assert.equal(ocr.principalArn, "arn:aws:iam::123456789012:role/meddocparser-ocr-staging");
    });

    it("the temp bucket is hardened: SSE, four public-access blocks, BucketOwnerEnforced, TLS-only policy, 1-day expiry, aborted uploads", async () => {
        const run = await runWith("prod");
        const mine = (r: { inputs: any }) => r.inputs.bucket === "meddocparser-ocr-temp-prod";
        const sse = one(run, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", mine);
        assert.equal(sse.inputs.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
        const pab = one(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", mine).inputs;
        assert.deepEqual([pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets], [true, true, true, true]);
        assert.equal(one(run, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", mine).inputs.rule.objectOwnership, "BucketOwnerEnforced");
        const policy = JSON.parse(one(run, "aws:s3/bucketPolicy:BucketPolicy", mine).inputs.policy);
        assert.deepEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
        assert.equal(policy.Statement[0].Effect, "Deny");
        const rules = one(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", mine).inputs.rules;
        assert.deepEqual(rules.map((r: any) => [r.expiration?.days, r.abortIncompleteMultipartUpload?.daysAfterInitiation]), [[undefined, 1], [1, undefined]]);
        assert.equal(ofType(run, "aws:s3/bucketVersioning:BucketVersioning").filter(mine).length, 0);
    });

    it("an SNS notification channel adds a Textract role and PassRole of that role only, only to Textract (seed 002)", async () => {
        const run = await runWith("prod", { "aws-workloads:ocr": { notificationTopicName: "meddocparser-ocr-jobs-prod" } });
        const policy = ocrPolicyOf(run);
        const pass = policy.Statement.find((s: any) => s.Sid === "PassTextractNotificationRole");
        assert.deepEqual(pass.Resource, "arn:aws:iam::123456789012:role/meddocparser-textract-sns-prod");
        const caller = { arn: "arn:aws:iam::123456789012:role/meddocparser-ocr-prod", policies: [policy] };
        const role = "arn:aws:iam::123456789012:role/meddocparser-textract-sns-prod";
        assert.deepEqual(await mismatches(caller, "Allowed", [{ action: "iam:PassRole", resource: role, context: { "iam:PassedToService": "textract.amazonaws.com" } }]), []);
        assert.deepEqual(await mismatches(caller, "Denied", [
            { action: "iam:PassRole", resource: role, context: { "iam:PassedToService": "ec2.amazonaws.com" } },
            { action: "iam:PassRole", resource: "arn:aws:iam::123456789012:role/admin", context: { "iam:PassedToService": "textract.amazonaws.com" } },
        ]), []);
        const publish = JSON.parse(one(run, "aws:iam/rolePolicy:RolePolicy", (r) => r.inputs.role === "meddocparser-textract-sns-prod").inputs.policy);
        assert.deepEqual(publish.Statement[0].Resource, "arn:aws:sns:us-east-1:123456789012:meddocparser-ocr-jobs-prod");
        const trust = JSON.parse(one(run, "aws:iam/role:Role", (r) => r.inputs.name === "meddocparser-textract-sns-prod").inputs.assumeRolePolicy);
        assert.deepEqual(trust.Statement[0].Condition.StringEquals, { "aws:SourceAccount": "123456789012" });
    });
});
