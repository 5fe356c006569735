/**
 * Seed 002's adapter options, rendered and simulated: the statements each option adds to seed 000's
 * OCR policy, the adapter management policy, and requests that must be allowed or denied.
 */
import { strict as assert } from "assert";
import { Arns, scopeFor } from "../../components/iam/arn";
import { policy, render } from "../../components/iam/document";
import { TextractOcr, ocrPolicy } from "../../components/textract-ocr";
import { AdapterAccess, adapterInference, adapterManagement } from "../../components/textract/adapters";
import { AccessRequest, mismatches } from "../support/simulate";

const arns = new Arns(scopeFor("123456789012", "us-east-1"));
const adapterArn = (id: string, region = "us-east-1", account = "123456789012") => `arn:aws:textract:${region}:${account}:/adapters/${id}`;
const chosen = "a1b2c3d4e5f6";
const other = "ffffeeeedddd";
const inference = ["textract:AnalyzeDocument", "textract:StartDocumentAnalysis"];

/** The OCR policy of prod with one adapter option, as JSON. */
const ocrWith = (access: AdapterAccess) =>
    JSON.parse(render(policy(...ocrPolicy(arns, "meddocparser-ocr-temp-prod").Statement, ...adapterInference(arns, access))));
const principalWith = (access: AdapterAccess) => ({ arn: "arn:aws:iam::123456789012:role/meddocparser-ocr-prod", policies: [ocrWith(access)] });

/** Analysis with an adapter: authorized on the adapter (version) ARN, which the IAM data does not list for these actions. */
const withAdapter = (action: string, resource: string, tags: Record<string, string> = {}): AccessRequest => ({
    action, resource,
    context: Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v])),
    beyondData: "Textract guide, How Amazon Textract Works with IAM: AnalyzeDocument takes adapter and adapter version ARNs",
});
const withoutAdapter = inference.map((action) => ({ action }));

describe("seed 002 adapters: the statements each option adds to the OCR policy", () => {
    it("none (the default) adds nothing: the policy is seed 000's", () => {
        assert.deepEqual(adapterInference(arns, "none"), []);
        assert.deepEqual(ocrWith("none"), JSON.parse(render(ocrPolicy(arns, "meddocparser-ocr-temp-prod"))));
    });

    it("deny: \"Disallow user to use adapters in inference operations\", a Deny of both adapter-taking actions on every adapter", () => {
        assert.deepEqual(ocrWith("deny").Statement.slice(3), [{
            Sid: "DenyTextractAdapterInference",
            Effect: "Deny",
            Action: inference,
            Resource: "arn:aws:textract:*:*:/adapters/*",
        }]);
    });

    it("ids: \"Giving access to specific adapters\", a Deny on everything but those adapters and their versions", () => {
        assert.deepEqual(ocrWith({ ids: [chosen, "0123456789ab"] }).Statement.slice(3), [{
            Sid: "DenyTextractInferenceOutsideNamedAdapters",
            Effect: "Deny",
            Action: inference,
            NotResource: [
                adapterArn(chosen), `${adapterArn(chosen)}/versions/*`,
                adapterArn("0123456789ab"), `${adapterArn("0123456789ab")}/versions/*`,
            ],
        }]);
    });

    it("tag: \"only a specific group of adapters ..., or no adapters\", a Deny on adapters whose tag is not the group's", () => {
        assert.deepEqual(ocrWith({ tag: { key: "env", value: "prod" } }).Statement.slice(3), [{
            Sid: "DenyTextractInferenceOutsideAdapterGroup",
            Effect: "Deny",
            Action: inference,
            Resource: "arn:aws:textract:*:*:/adapters/*",
            Condition: { StringNotEquals: { "aws:ResourceTag/env": "prod" } },
        }]);
    });

    it("renders in the stack's partition and the OCR's region", () => {
        const gov = new Arns(scopeFor("123456789012", "us-gov-west-1"));
        assert.deepEqual(adapterInference(gov, "deny")[0].Resource, "arn:aws-us-gov:textract:*:*:/adapters/*");
        assert.deepEqual(adapterInference(gov, { ids: [chosen] })[0].NotResource,
            [`arn:aws-us-gov:textract:us-gov-west-1:123456789012:/adapters/${chosen}`, `arn:aws-us-gov:textract:us-gov-west-1:123456789012:/adapters/${chosen}/versions/*`]);
    });
});

describe("seed 002 adapters, offline: which analysis requests each option allows", () => {
    it("none: analysis with or without any adapter, as seed 000's \"*\" grant has always allowed", async () => {
        assert.deepEqual(await mismatches(principalWith("none"), "Allowed", [
            ...withoutAdapter,
            withAdapter("textract:AnalyzeDocument", adapterArn(other)),
            withAdapter("textract:StartDocumentAnalysis", `${adapterArn(other)}/versions/1`),
        ]), []);
    });

    it("deny: analysis without an adapter still works; with any adapter, any version, any account, it is explicitly denied", async () => {
        const principal = principalWith("deny");
        assert.deepEqual(await mismatches(principal, "Allowed", [...withoutAdapter, { action: "textract:GetDocumentAnalysis" }]), []);
        assert.deepEqual(await mismatches(principal, "ExplicitlyDenied", [
            withAdapter("textract:AnalyzeDocument", adapterArn(chosen)),
            withAdapter("textract:AnalyzeDocument", `${adapterArn(chosen)}/versions/3`),
            withAdapter("textract:StartDocumentAnalysis", adapterArn(other, "eu-west-2", "210987654321")),
        ]), []);
    });

    it("ids: the named adapter and its versions are allowed; another adapter, another region's, and no adapter are denied", async () => {
        const principal = principalWith({ ids: [chosen] });
        assert.deepEqual(await mismatches(principal, "Allowed", [
            withAdapter("textract:AnalyzeDocument", adapterArn(chosen)),
            withAdapter("textract:AnalyzeDocument", `${adapterArn(chosen)}/versions/1`),
            withAdapter("textract:StartDocumentAnalysis", `${adapterArn(chosen)}/versions/12`),
            { action: "textract:GetDocumentAnalysis" },
        ]), []);
        assert.deepEqual(await mismatches(principal, "ExplicitlyDenied", [
            withAdapter("textract:AnalyzeDocument", adapterArn(other)),
            withAdapter("textract:StartDocumentAnalysis", `${adapterArn(other)}/versions/1`),
            withAdapter("textract:AnalyzeDocument", adapterArn(`${chosen}0`)),
            withAdapter("textract:AnalyzeDocument", adapterArn(chosen, "eu-west-2")),
            ...withoutAdapter,
        ]), []);
    });

    it("tag: adapters tagged env=prod and no adapter are allowed; untagged adapters and other env values are denied", async () => {
        const principal = principalWith({ tag: { key: "env", value: "prod" } });
        assert.deepEqual(await mismatches(principal, "Allowed", [
            ...withoutAdapter,
            withAdapter("textract:AnalyzeDocument", adapterArn(chosen), { env: "prod" }),
            withAdapter("textract:StartDocumentAnalysis", `${adapterArn(chosen)}/versions/2`, { env: "prod" }),
        ]), []);
        assert.deepEqual(await mismatches(principal, "ExplicitlyDenied", [
            withAdapter("textract:AnalyzeDocument", adapterArn(other)),
            withAdapter("textract:AnalyzeDocument", adapterArn(other), { env: "dev" }),
            withAdapter("textract:AnalyzeDocument", adapterArn(other), { env: "Prod" }),
            withAdapter("textract:StartDocumentAnalysis", adapterArn(other), { team: "prod" }),
        ]), []);
    });
});

const kmsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const training = { bucket: "meddocparser-textract-training-prod", outputPrefix: "adapter-output/", kmsKeyArn: kmsKey };
const trainingStatements = [
    { Sid: "TextractTrainingDataRead", Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::meddocparser-textract-training-prod/*" },
    { Sid: "TextractAdapterOutputWrite", Effect: "Allow", Action: ["s3:PutObject"], Resource: "arn:aws:s3:::meddocparser-textract-training-prod/adapter-output/*" },
    { Sid: "TextractTrainingDataKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: kmsKey },
];
const list = { Sid: "TextractAdapterList", Effect: "Allow", Action: ["textract:ListAdapters", "textract:ListAdapterVersions"], Resource: "*" };

describe("seed 002 \"Allow user to manage adapter and versions\" and \"Permissions needed for CreateAdapterVersion\"", () => {
    it("with ids: list and create on \"*\" (no resource types), the rest on the named adapters and their versions, training data named", () => {
        assert.deepEqual(JSON.parse(render(adapterManagement(arns, { ids: [chosen] }, training))).Statement, [
            list,
            { Sid: "TextractAdapterCreate", Effect: "Allow", Action: ["textract:CreateAdapter"], Resource: "*" },
            {
                Sid: "TextractAdapterManagement", Effect: "Allow",
                Action: ["textract:GetAdapter", "textract:UpdateAdapter", "textract:DeleteAdapter", "textract:CreateAdapterVersion",
                    "textract:TagResource", "textract:UntagResource", "textract:ListTagsForResource"],
                Resource: [adapterArn(chosen)],
            },
            {
                Sid: "TextractAdapterVersionManagement", Effect: "Allow",
                Action: ["textract:GetAdapterVersion", "textract:DeleteAdapterVersion", "textract:TagResource", "textract:UntagResource", "textract:ListTagsForResource"],
                Resource: [`${adapterArn(chosen)}/versions/*`],
            },
            ...trainingStatements,
        ]);
    });

    it("with a tag: adapters and versions carrying it, and new ones must be created with it (ABAC)", () => {
        const rendered = JSON.parse(render(adapterManagement(arns, { tag: { key: "env", value: "prod" } }, { ...training, kmsKeyArn: undefined }))).Statement;
        assert.deepEqual(rendered, [
            list,
            { Sid: "TextractAdapterCreate", Effect: "Allow", Action: ["textract:CreateAdapter"], Resource: "*", Condition: { StringEquals: { "aws:RequestTag/env": "prod" } } },
            {
                Sid: "TextractAdapterManagement", Effect: "Allow",
                Action: ["textract:GetAdapter", "textract:UpdateAdapter", "textract:DeleteAdapter", "textract:GetAdapterVersion", "textract:DeleteAdapterVersion",
                    "textract:TagResource", "textract:UntagResource", "textract:ListTagsForResource"],
                Resource: "*",
                Condition: { StringEquals: { "aws:ResourceTag/env": "prod" } },
            },
            {
                Sid: "TextractAdapterVersionCreate", Effect: "Allow", Action: ["textract:CreateAdapterVersion"], Resource: "*",
                Condition: { StringEquals: { "aws:ResourceTag/env": "prod", "aws:RequestTag/env": "prod" } },
            },
            ...trainingStatements.slice(0, 2),
        ]);
    });

    describe("offline: what the adapter manager may do", () => {
        const managerByIds = { arn: "arn:aws:iam::123456789012:user/meddocparser-dev-textract", policies: [render(adapterManagement(arns, { ids: [chosen] }, training))] };
        const manager = managerByIds;
        const byTag = { arn: manager.arn, policies: [render(adapterManagement(arns, { tag: { key: "env", value: "dev" } }, training))] };
        const bucket = "arn:aws:s3:::meddocparser-textract-training-prod";

        it("manages the named adapter and its versions, lists and creates adapters", async () => {
            assert.deepEqual(await mismatches(manager, "Allowed", [
                { action: "textract:ListAdapters" },
                { action: "textract:ListAdapterVersions" },
                { action: "textract:CreateAdapter" },
                ...["GetAdapter", "UpdateAdapter", "DeleteAdapter", "CreateAdapterVersion", "TagResource"].map((a) => ({ action: `textract:${a}`, resource: adapterArn(chosen) })),
                ...["GetAdapterVersion", "DeleteAdapterVersion", "ListTagsForResource"].map((a) => ({ action: `textract:${a}`, resource: `${adapterArn(chosen)}/versions/1` })),
            ]), []);
        });

        it("may not manage another adapter or its versions", async () => {
            assert.deepEqual(await mismatches(manager, "Denied", [
                ...["GetAdapter", "UpdateAdapter", "DeleteAdapter", "CreateAdapterVersion", "TagResource"].map((a) => ({ action: `textract:${a}`, resource: adapterArn(other) })),
                { action: "textract:DeleteAdapterVersion", resource: `${adapterArn(other)}/versions/1` },
                { action: "textract:DeleteAdapter", resource: adapterArn(chosen, "eu-west-2") },
            ]), []);
        });

        it("CreateAdapterVersion's training data: reads the training bucket's objects, writes output under its prefix, not another bucket", async () => {
            assert.deepEqual(await mismatches(manager, "Allowed", [
                { action: "s3:GetObject", resource: `${bucket}/manifests/queries.manifest` },
                { action: "s3:GetObject", resource: `${bucket}/images/claim-0001.png` },
                { action: "s3:PutObject", resource: `${bucket}/adapter-output/a1b2c3d4e5f6/1/output.json` },
            ]), []);
            assert.deepEqual(await mismatches(manager, "Denied", [
                { action: "s3:GetObject", resource: "arn:aws:s3:::meddocparser-ocr-temp-prod/upload/scan.pdf" },
                { action: "s3:GetObject", resource: "arn:aws:s3:::other-training-data/manifests/queries.manifest" },
                { action: "s3:PutObject", resource: `${bucket}/manifests/queries.manifest` },
                { action: "s3:DeleteObject", resource: `${bucket}/images/claim-0001.png` },
                { action: "s3:PutBucketPolicy", resource: bucket },
            ]), []);
        });

        it("uses the training data's KMS key and no other key, for decrypt and data keys only", async () => {
            // KMS honours identity policies only where the key policy delegates to the account: its default key policy.
            const defaultKeyPolicy = { Version: "2012-10-17", Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" }] };
            const manager = { ...managerByIds, resourcePolicy: defaultKeyPolicy };
            assert.deepEqual(await mismatches(manager, "Allowed", [
                { action: "kms:Decrypt", resource: kmsKey },
                { action: "kms:GenerateDataKey", resource: kmsKey },
            ]), []);
            assert.deepEqual(await mismatches(manager, "Denied", [
                { action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:123456789012:key/0000abcd-12ab-34cd-56ef-1234567890ab" },
                { action: "kms:GenerateDataKey", resource: "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
                { action: "kms:ScheduleKeyDeletion", resource: kmsKey },
                { action: "kms:PutKeyPolicy", resource: kmsKey },
            ]), []);
        });

        it("by tag: manages adapters tagged env=dev, not untagged or differently tagged ones; creates only tagged adapters and versions", async () => {
            assert.deepEqual(await mismatches(byTag, "Allowed", [
                { action: "textract:GetAdapter", resource: adapterArn(chosen), context: { "aws:ResourceTag/env": "dev" } },
                { action: "textract:DeleteAdapterVersion", resource: `${adapterArn(chosen)}/versions/1`, context: { "aws:ResourceTag/env": "dev" } },
                { action: "textract:CreateAdapter", context: { "aws:RequestTag/env": "dev", "aws:TagKeys": ["env"] } },
                { action: "textract:CreateAdapterVersion", resource: adapterArn(chosen), context: { "aws:ResourceTag/env": "dev", "aws:RequestTag/env": "dev", "aws:TagKeys": ["env"] } },
            ]), []);
            assert.deepEqual(await mismatches(byTag, "Denied", [
                { action: "textract:GetAdapter", resource: adapterArn(other) },
                { action: "textract:DeleteAdapter", resource: adapterArn(other), context: { "aws:ResourceTag/env": "prod" } },
                { action: "textract:CreateAdapter" },
                { action: "textract:CreateAdapter", context: { "aws:RequestTag/env": "prod", "aws:TagKeys": ["env"] } },
                { action: "textract:CreateAdapterVersion", resource: adapterArn(chosen), context: { "aws:ResourceTag/env": "dev" } },
            ]), []);
        });
    });
});

describe("TextractOcr refuses adapter management it cannot scope", () => {
    it("without adapters named by ids or a tag, or without a training bucket", () => {
        assert.throws(() => new TextractOcr("ocr-deny", { environment: "prod", arns, adapters: "deny", adapterManagement: true, trainingDataBucket: "meddocparser-textract-training-prod" }),
            /TextractOcr ocr-deny: adapterManagement needs adapters with ids or a tag to name the adapters it manages/);
        assert.throws(() => new TextractOcr("ocr-nobucket", { environment: "prod", arns, adapters: { ids: [chosen] }, adapterManagement: true }),
            /TextractOcr ocr-nobucket: adapterManagement needs trainingDataBucket/);
    });
});
