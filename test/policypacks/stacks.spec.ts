/**
 * Every stack of the program runs under the offline mocks, as a first preview and as an update,
 * and every registration goes, as the engine marshals it, to the pack started in its own process
 * as the Pulumi CLI starts it; the pack detects the environment itself. Prod has zero mandatory
 * violations on either run; prod configs widened on purpose are blocked, and the message names
 * the statement. (The in-process harness in ./support stays for the single-policy specs.)
 */
import * as assert from "assert";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { carriesDocuments } from "../../policypacks/least-privilege/iam/resource-documents";
import { StackRun, runStack } from "../../stacks/offline/run-stack";
import { StackFile, availableStacks, readStackFile } from "../../stacks/offline/stack-file";
import { environmentOf, judgeRun, packStackOf } from "../../scripts/check/evaluate";
import { ensurePackBuilt } from "../../stacks/offline/pack-build";
import { TestResource, Violation, mandatory, of, runPack } from "./support";

const asTestResources = (run: StackRun): TestResource[] => run.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs }));


/** Both runs through the real pack; violations of the two runs together, each message under its policy's name as the CLI prints it. */
async function previewWithPack(file: StackFile): Promise<{ run: StackRun; violations: Violation[] }> {
    const preview = await runStack(file, { preview: true });
    const previewViolations = await judgeRun(packStackOf(file, true), preview.resources);
    const run = await runStack(file);
    const updateViolations = await judgeRun(packStackOf(file, false), run.resources);
    const violations = [...updateViolations, ...previewViolations.filter((p) => !updateViolations.some((u) => u.policy === p.policy && u.message === p.message))];
    return { run, violations: violations.map((v) => ({ policy: v.policy, level: v.level, message: `${v.policy}\n${v.message}` })) };
}

/** Prod's stack file with some `aws-workloads:<key>` sections replaced. */
function prodWith(changes: Record<string, unknown>): StackFile {
    const file = readStackFile("prod");
    const config = { ...file.config };
    for (const [key, value] of Object.entries(changes)) config[`aws-workloads:${key}`] = JSON.stringify(value);
    return { ...file, config };
}

const section = (key: string): Record<string, unknown> => JSON.parse(readStackFile("prod").config[`aws-workloads:${key}`] ?? "{}");
const documentMentions = (run: StackRun, text: string) => run.resources.some((r) => carriesDocuments(r.type) && JSON.stringify(r.inputs).includes(text));
const blockingLines = (violations: Violation[]) => mandatory(violations).map((v) => `${v.policy}: ${v.message.split("\n").slice(1).join(" | ")}`);

describe("least-privilege pack: every stack through every policy", function () {
    this.timeout(300000);
    before(() => ensurePackBuilt());

    for (const stack of availableStacks()) {
        it(`${stack}: every resource is judged by the pack for its own environment`, async () => {
            const file = readStackFile(stack);
            const { run, violations } = await previewWithPack(file);
            assert.ok(run.resources.some((r) => carriesDocuments(r.type)), "the stack registers policy documents");
            const environment = environmentOf(file);
            assert.strictEqual(environment, String(file.config["aws-workloads:environment"]));
            if (environment === "prod") {
                assert.deepStrictEqual(blockingLines(violations), [], "prod has zero mandatory violations");
            } else {
                assert.deepStrictEqual(mandatory(violations), [], `${stack} (${environment}) only hears advisories`);
            }
            assert.deepStrictEqual(of(violations, "readable-policy-documents"), [], "every document the program renders is well-formed");
            assert.deepStrictEqual(of(violations, "known-actions"), [], "every action the program grants exists in the IAM data");
        });
    }

    it("prod with the OCR user's view-own-permissions policy is blocked on its NavigateInConsole statement", async () => {
        const { violations } = await previewWithPack(prodWith({ ocr: { ...section("ocr"), principal: "user", trustedServices: undefined, viewOwnPermissions: true } }));
        const blocking = mandatory(violations);
        assert.deepStrictEqual(blocking.map((v) => v.policy), ["no-wildcard-resource"], blockingLines(violations).join("\n"));
        assert.match(blocking[0].message, /› policy › statement NavigateInConsole: "Resource": "\*" for actions that can be scoped/);
    });

    it("prod with the OCR policy widened to every bucket is blocked, naming the statement and the fix", async () => {
        const run = await runStack(readStackFile("prod"));
        const resources = asTestResources(run).map((r) => {
            if (r.type !== "aws:iam/policy:Policy" || !String(r.props.policy).includes("S3OCRBucketObjectAccess")) return r;
            const document = JSON.parse(String(r.props.policy));
            for (const s of document.Statement) if (s.Sid === "S3OCRBucketObjectAccess") s.Resource = "arn:aws:s3:::*";
            return { ...r, props: { ...r.props, policy: JSON.stringify(document) } };
        });
        const blocking = mandatory(await runPack(buildPolicies({ environment: "prod" }), resources));
        assert.strictEqual(blocking.length, 1, blocking.map((v) => v.message).join("\n"));
        assert.match(blocking[0].message, /statement S3OCRBucketObjectAccess: "arn:aws:s3:::\*" wildcards the whole resource id/);
        assert.match(blocking[0].message, /fix: name the resource: scope to arn:aws:s3:::<BucketName>\/\*/);
    });

    it("prod with the OCR adapter group widened to every adapter, without the tag condition, is blocked on that statement", async () => {
        const run = await runStack(readStackFile("prod"));
        let widened = 0;
        const resources = asTestResources(run).map((r) => {
            if (r.type !== "aws:iam/policy:Policy" || !String(r.props.policy).includes("DenyTextractInferenceOutsideAdapterGroup")) return r;
            const document = JSON.parse(String(r.props.policy));
            document.Statement = document.Statement.map((s: any) => s.Sid !== "DenyTextractInferenceOutsideAdapterGroup" ? s : (widened++, {
                Sid: "TextractAdapterInference", Effect: "Allow", Action: s.Action, Resource: "arn:aws:textract:us-east-1:123456789012:/adapters/*",
            }));
            return { ...r, props: { ...r.props, policy: JSON.stringify(document) } };
        });
        assert.strictEqual(widened, 1, "prod's OCR policy carries seed 002's adapter group statement");
        const blocking = mandatory(await runPack(buildPolicies({ environment: "prod" }), resources)).filter((v) => v.policy === "no-wildcard-resource");
        assert.strictEqual(blocking.length, 1, blocking.map((v) => v.message).join("\n"));
        assert.match(blocking[0].message, /› statement TextractAdapterInference: "arn:aws:textract:us-east-1:123456789012:\/adapters\/\*" wildcards the whole resource id/);
    });

    it("prod without the OCR bucket's TLS-only policy is blocked by bucket-hardening", async () => {
        const run = await runStack(readStackFile("prod"));
        const resources = asTestResources(run).filter((r) => !(r.type === "aws:s3/bucketPolicy:BucketPolicy" && r.props.bucket === "meddocparser-ocr-temp-prod"));
        assert.ok(resources.length < run.resources.length, "the OCR bucket's policy was there");
        const blocking = mandatory(await runPack(buildPolicies({ environment: "prod" }), resources));
        assert.deepStrictEqual(blocking.map((v) => v.policy), ["bucket-hardening"]);
        assert.match(blocking[0].message, /bucket .*\(meddocparser-ocr-temp-prod\) lacks a TLS-only bucket policy/);
    });

    it("prod with Bedrock scope `all` is blocked on the statement granting foundation-model/* (needs the Bedrock workload in the program)", async function () {
        const { run, violations } = await previewWithPack(prodWith({ bedrock: { ...section("bedrock"), scope: "all", modelId: undefined } }));
        if (!documentMentions(run, "bedrock:InvokeModel")) {
            console.warn("    pending: the program registers no Bedrock policy yet (aws-workloads:bedrock is not wired into stacks/program.ts)");
            this.skip();
        }
        const blocking = mandatory(violations);
        assert.strictEqual(blocking.length, 1, blockingLines(violations).join("\n"));
        assert.match(blocking[0].message, /› statement [A-Za-z]\w*: "arn:aws:bedrock:[a-z0-9-]+::foundation-model\/\*" wildcards the whole resource id/);
    });

    it("prod with the SMS policy on \"*\" (no origination identities) is blocked on its statement (needs the SMS workload in the program)", async function () {
        const { run, violations } = await previewWithPack(prodWith({ sms: { ...section("sms"), phoneNumberIds: [], senderIds: [] } }));
        if (!documentMentions(run, "sms-voice:SendTextMessage")) {
            console.warn("    pending: the program registers no SMS policy yet (aws-workloads:sms is not wired into stacks/program.ts)");
            this.skip();
        }
        const blocking = mandatory(violations);
        assert.strictEqual(blocking.length, 1, blockingLines(violations).join("\n"));
        assert.match(blocking[0].message, /› statement [A-Za-z]\w*: "Resource": "\*" for action/);
        assert.match(blocking[0].message, /sms-voice:SendTextMessage/);
    });
});
