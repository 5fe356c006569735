/**
 * `aws-workloads:ocr` adapter options (seed 002) through the program: what each stack renders, the
 * access it gives, and every bad value or combination refused at program start by key.
 */
import { strict as assert } from "assert";
import { recordedResources } from "../../stacks/offline/mocks";
import { one, ofType, runWith, sectionOf } from "../support/stacks";
import { mismatches } from "../support/simulate";

const policyNamed = (run: Awaited<ReturnType<typeof runWith>>, name: string) =>
    JSON.parse(one(run, "aws:iam/policy:Policy", (r) => r.inputs.name === name).inputs.policy);
const adapterArn = (id: string) => `arn:aws:textract:us-east-1:123456789012:/adapters/${id}`;
const withAdapter = (action: string, resource: string, tags: Record<string, string> = {}) => ({
    action, resource,
    context: Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v])),
    beyondData: "Textract guide, How Amazon Textract Works with IAM: AnalyzeDocument takes adapter and adapter version ARNs",
});

describe("stacks: OCR adapter options (seed 002)", () => {
    it("prod: analysis may use adapters tagged env=prod or none; untagged and env=dev adapters are denied", async () => {
        const principal = { arn: "arn:aws:iam::123456789012:role/meddocparser-ocr-prod", policies: [policyNamed(await runWith("prod"), "MeddocparserTextractOCRPolicy")] };
        assert.deepEqual(await mismatches(principal, "Allowed", [
            { action: "textract:AnalyzeDocument" },
            { action: "textract:StartDocumentAnalysis" },
            withAdapter("textract:AnalyzeDocument", adapterArn("a1b2c3d4e5f6"), { env: "prod" }),
            withAdapter("textract:StartDocumentAnalysis", `${adapterArn("a1b2c3d4e5f6")}/versions/1`, { env: "prod" }),
        ]), []);
        assert.deepEqual(await mismatches(principal, "ExplicitlyDenied", [
            withAdapter("textract:AnalyzeDocument", adapterArn("ffffeeeedddd")),
            withAdapter("textract:AnalyzeDocument", adapterArn("ffffeeeedddd"), { env: "dev" }),
            withAdapter("textract:StartDocumentAnalysis", `${adapterArn("ffffeeeedddd")}/versions/1`, { env: "staging" }),
        ]), []);
        assert.equal(ofType(await runWith("prod"), "aws:iam/policy:Policy").filter((r) => String(r.inputs.name).endsWith("AdapterManagement")).length, 0,
            "prod's OCR role does not manage adapters");
    });

    it("prod with adapters: deny denies analysis with any adapter; with ids, only those adapters", async () => {
        const ocr = sectionOf("prod", "aws-workloads:ocr");
        const denied = { arn: "arn:aws:iam::123456789012:role/meddocparser-ocr-prod", policies: [policyNamed(await runWith("prod", { "aws-workloads:ocr": { ...ocr, adapters: "deny" } }), "MeddocparserTextractOCRPolicy")] };
        assert.deepEqual(await mismatches(denied, "Allowed", [{ action: "textract:AnalyzeDocument" }]), []);
        assert.deepEqual(await mismatches(denied, "ExplicitlyDenied", [withAdapter("textract:AnalyzeDocument", adapterArn("a1b2c3d4e5f6"), { env: "prod" })]), []);
        const named = { arn: denied.arn, policies: [policyNamed(await runWith("prod", { "aws-workloads:ocr": { ...ocr, adapters: { ids: ["a1b2c3d4e5f6"] } } }), "MeddocparserTextractOCRPolicy")] };
        assert.deepEqual(await mismatches(named, "Allowed", [withAdapter("textract:AnalyzeDocument", `${adapterArn("a1b2c3d4e5f6")}/versions/2`)]), []);
        assert.deepEqual(await mismatches(named, "ExplicitlyDenied", [withAdapter("textract:AnalyzeDocument", adapterArn("ffffeeeedddd"), { env: "prod" })]), []);
    });

    it("dev: the dev user also gets MeddocparserTextractOCRPolicyAdapterManagement for env=dev adapters and the training bucket", async () => {
        const run = await runWith("dev");
        const manage = policyNamed(run, "MeddocparserTextractOCRPolicyAdapterManagement");
        assert.deepEqual(manage.Statement.map((s: any) => s.Sid), [
            "TextractAdapterList", "TextractAdapterCreate", "TextractAdapterManagement", "TextractAdapterVersionCreate",
            "TextractTrainingDataRead", "TextractAdapterOutputWrite",
        ]);
        assert.deepEqual(manage.Statement[4].Resource, "arn:aws:s3:::meddocparser-textract-training-dev/*");
        assert.deepEqual(manage.Statement[2].Condition, { StringEquals: { "aws:ResourceTag/env": "dev" } });
        const attach = one(run, "aws:iam/userPolicyAttachment:UserPolicyAttachment", (r) => r.name === "meddocparser-ocr-adapters");
        assert.equal(attach.inputs.user, "meddocparser-dev-textract");
        assert.equal(attach.inputs.policyArn, "arn:aws:iam::123456789012:policy/MeddocparserTextractOCRPolicyAdapterManagement");
    });

    it("a KMS key for the training data adds its grant, by key ARN", async () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef";
        const run = await runWith("dev", { "aws-workloads:ocr": { ...sectionOf("dev", "aws-workloads:ocr"), trainingDataKmsKeyArn: key, trainingOutputPrefix: "textract/out/" } });
        const manage = policyNamed(run, "MeddocparserTextractOCRPolicyAdapterManagement");
        assert.deepEqual(manage.Statement.slice(-2), [
            { Sid: "TextractAdapterOutputWrite", Effect: "Allow", Action: ["s3:PutObject"], Resource: "arn:aws:s3:::meddocparser-textract-training-dev/textract/out/*" },
            { Sid: "TextractTrainingDataKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: key },
        ]);
    });
});

/** Runs prod with its OCR section changed, expects rejection before any resource, returns the message. */
async function rejection(change: Record<string, unknown>): Promise<string> {
    const section = { ...sectionOf("prod", "aws-workloads:ocr"), ...change };
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete section[k];
    const error = await runWith("prod", { "aws-workloads:ocr": section }).then(() => undefined, (e: Error) => e);
    assert.ok(error, "the stack ran despite invalid config");
    assert.equal(recordedResources().length, 0, "resources were registered before the config was validated");
    return error.message;
}

const managing = { adapters: { ids: ["a1b2c3d4e5f6"] }, adapterManagement: true, trainingDataBucket: "meddocparser-textract-training-prod" };
const prefix = "Invalid stack config aws-workloads:ocr.";
/** How ConfigError shows a long value: its JSON cut to 77 characters. */
const cut = (value: string) => `${JSON.stringify(value).slice(0, 77)}...`;

describe("stacks: OCR adapter config is refused by key, value and what was expected", () => {
    const cases: [string, Record<string, unknown>, string][] = [
        ["an unknown adapters word", { adapters: "all" },
            'adapters: "all" must be "none", "deny", { ids: [<adapter ID>, ...] } or { tag: { key, value } }'],
        ["adapters as a list", { adapters: ["a1b2c3d4e5f6"] },
            'adapters: ["a1b2c3d4e5f6"] must be "none", "deny", { ids: [<adapter ID>, ...] } or { tag: { key, value } }'],
        ["an empty adapters object", { adapters: {} },
            'adapters: {} must be "none", "deny", { ids: [<adapter ID>, ...] } or { tag: { key, value } }'],
        ["an unknown adapters key", { adapters: { id: ["a1b2c3d4e5f6"] } },
            'adapters.id: ["a1b2c3d4e5f6"] is not a known setting; expected one of: ids, tag; did you mean ids?'],
        ["ids and tag together", { adapters: { ids: ["a1b2c3d4e5f6"], tag: { key: "env", value: "prod" } } },
            'adapters: {"ids":["a1b2c3d4e5f6"],"tag":{"key":"env","value":"prod"}} sets both ids and tag; choose one: ids names the adapters, tag selects them by a tag'],
        ["no ids", { adapters: { ids: [] } }, "adapters.ids: [] must list at least one value"],
        ["a wildcard adapter ID", { adapters: { ids: ["*"] } }, 'adapters.ids[0]: "*" is 1 characters long; Textract adapter IDs are 12 to 1011 characters'],
        ["an adapter ID with a wildcard", { adapters: { ids: ["a1b2c3d4e5f6*"] } },
            'adapters.ids[0]: "a1b2c3d4e5f6*" is not a Textract adapter ID (letters, digits, hyphens and underscores, as CreateAdapter returns; no wildcards)'],
        ["an adapter ARN for an ID", { adapters: { ids: ["arn:aws:textract:us-east-1:123456789012:/adapters/a1b2c3d4e5f6"] } },
            'adapters.ids[0]: "arn:aws:textract:us-east-1:123456789012:/adapters/a1b2c3d4e5f6" is not a Textract adapter ID (letters, digits, hyphens and underscores, as CreateAdapter returns; no wildcards)'],
        ["a short adapter ID", { adapters: { ids: ["a1b2c3"] } }, 'adapters.ids[0]: "a1b2c3" is 6 characters long; Textract adapter IDs are 12 to 1011 characters'],
        ["a repeated adapter ID", { adapters: { ids: ["a1b2c3d4e5f6", "a1b2c3d4e5f6"] } }, 'adapters.ids: ["a1b2c3d4e5f6","a1b2c3d4e5f6"] lists a1b2c3d4e5f6 twice'],
        ["a tag without a value", { adapters: { tag: { key: "env" } } }, "adapters.tag.value: is missing; must be a string (a tag value, 0 to 256 characters)"],
        ["a tag without a key", { adapters: { tag: { value: "prod" } } }, "adapters.tag.key: is missing; it is required"],
        ["an aws: tag key", { adapters: { tag: { key: "aws:cloudformation:stack-name", value: "x" } } },
            'adapters.tag.key: "aws:cloudformation:stack-name" must not start with "aws:", which AWS reserves for its own tags'],
        ["a tag key of 129 characters", { adapters: { tag: { key: "k".repeat(129), value: "prod" } } },
            `adapters.tag.key: ${cut("k".repeat(129))} is 129 characters long; tag keys are 1 to 128 characters`],
        ["a tag value of 257 characters", { adapters: { tag: { key: "env", value: "v".repeat(257) } } },
            `adapters.tag.value: ${cut("v".repeat(257))} is 257 characters long; tag values are 0 to 256 characters`],
        ["a tag value with a policy variable", { adapters: { tag: { key: "env", value: "${aws:username}" } } },
            'adapters.tag.value: "${aws:username}" may only contain letters, digits, spaces and _ . : / = + - @'],
        ["a tag value with a wildcard", { adapters: { tag: { key: "env", value: "pro*" } } },
            'adapters.tag.value: "pro*" may only contain letters, digits, spaces and _ . : / = + - @'],
        ["an unknown tag setting", { adapters: { tag: { key: "env", value: "prod", operator: "like" } } },
            'adapters.tag.operator: "like" is not a known setting; expected one of: key, value'],
        ["adapterManagement without named adapters", { adapterManagement: true, adapters: "deny", trainingDataBucket: "meddocparser-textract-training-prod" },
            'adapterManagement: true needs adapters with ids or a tag: the adapters it manages must be named (adapters is "deny")'],
        ["adapterManagement without a training bucket", { ...managing, trainingDataBucket: undefined },
            "trainingDataBucket: is missing; it is required with adapterManagement: true (CreateAdapterVersion reads the training data there)"],
        ["a training bucket without adapterManagement", { trainingDataBucket: "meddocparser-textract-training-prod" },
            'trainingDataBucket: "meddocparser-textract-training-prod" is only used with adapterManagement: true'],
        ["a KMS key without adapterManagement", { trainingDataKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
            'trainingDataKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" is only used with adapterManagement: true'],
        ["a training bucket that is not a bucket name", { ...managing, trainingDataBucket: "s3://training" }, 'trainingDataBucket: "s3://training" may only contain lowercase letters, digits, dots and hyphens'],
        ["a training bucket wildcard", { ...managing, trainingDataBucket: "training-*" }, 'trainingDataBucket: "training-*" may only contain lowercase letters, digits, dots and hyphens'],
        ["a KMS key ID for an ARN", { ...managing, trainingDataKmsKeyArn: "1234abcd-12ab-34cd-56ef-1234567890ab" },
            'trainingDataKmsKeyArn: "1234abcd-12ab-34cd-56ef-1234567890ab" is not a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key id>)'],
        ["a KMS alias ARN", { ...managing, trainingDataKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/training" },
            'trainingDataKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/training" is an alias ARN; IAM authorizes key use by the key\'s ARN: give arn:...:key/<key id>'],
        ["a KMS key wildcard", { ...managing, trainingDataKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/*" },
            'trainingDataKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/*" has a key ID that is neither a key UUID nor a multi-Region mrk- ID'],
        ["a KMS key in another partition", { ...managing, trainingDataKmsKeyArn: "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
            `trainingDataKmsKeyArn: ${cut("arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")} is in partition aws-cn; the stack's partition is aws`],
        ["a KMS key in an unknown region", { ...managing, trainingDataKmsKeyArn: "arn:aws:kms:us-middle-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
            'trainingDataKmsKeyArn: "arn:aws:kms:us-middle-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" names region us-middle-1, which is not an AWS region'],
        ["an output prefix with a wildcard", { ...managing, trainingOutputPrefix: "out/*" }, 'trainingOutputPrefix: "out/*" must not contain * ? or ${ (it becomes part of a resource ARN)'],
        ["an output prefix that is not a folder", { ...managing, trainingOutputPrefix: "out" }, 'trainingOutputPrefix: "out" must be a folder such as "adapter-output/" (no leading "/", a trailing "/")'],
        ["adapterManagement that is not a flag", { ...managing, adapterManagement: "yes" }, 'adapterManagement: "yes" must be true or false'],
        ["a policy name too long for its adapter management policy", { ...managing, policyName: "P".repeat(120) },
            `policyName: ${cut("P".repeat(120))} is too long for the adapter management policy {policyName}AdapterManagement (IAM policy names are 1 to 128 characters)`],
    ];
    for (const [what, change, message] of cases) {
        it(what, async () => assert.equal(await rejection(change), prefix + message));
    }

    it("accepts adapters none, deny, ids, a tag with an empty value, and management with ids", async () => {
        const ocr = sectionOf("prod", "aws-workloads:ocr");
        for (const adapters of ["none", "deny", { ids: ["a1b2c3d4e5f6", "0123456789ab_x-y"] }, { tag: { key: "team:ocr", value: "" } }]) {
            const run = await runWith("prod", { "aws-workloads:ocr": { ...ocr, adapters } });
            one(run, "aws:iam/policy:Policy", (r) => r.inputs.name === "MeddocparserTextractOCRPolicy");
        }
        const run = await runWith("prod", { "aws-workloads:ocr": { ...ocr, ...managing, trainingDataKmsKeyArn: "arn:aws:kms:eu-west-2:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab" } });
        one(run, "aws:iam/policy:Policy", (r) => r.inputs.name === "MeddocparserTextractOCRPolicyAdapterManagement");
    });
});
