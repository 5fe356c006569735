import { strict as assert } from "assert";
import { recordedResources } from "../../stacks/offline/mocks";
import { runWith, sectionOf } from "../support/stacks";

/** Runs prod with `changes`, expects rejection at program start, returns the message. */
async function rejection(changes: Record<string, unknown>): Promise<string> {
    const error = await runWith("prod", changes).then(() => undefined, (e: Error) => e);
    assert.ok(error, "the stack ran despite invalid config");
    assert.equal(recordedResources().length, 0, "resources were registered before the config was validated");
    return error.message;
}

const ocr = (change: Record<string, unknown>) => ({ "aws-workloads:ocr": { ...sectionOf("prod", "aws-workloads:ocr"), ...change } });

describe("invalid stack config fails at program start, naming the key, the value and what was expected", () => {
    it("missing account ID", async () => {
        assert.equal(await rejection({ "aws-workloads:accountId": undefined }), "Invalid stack config aws-workloads:accountId: is missing; it is required");
    });

    it("account ID that is not 12 digits", async () => {
        assert.equal(await rejection({ "aws-workloads:accountId": "12345" }), 'Invalid stack config aws-workloads:accountId: "12345" must be exactly 12 digits');
    });

    it("unknown environment", async () => {
        assert.equal(await rejection({ "aws-workloads:environment": "qa" }), 'Invalid stack config aws-workloads:environment: "qa" must be one of: dev, staging, prod');
    });

    it("unknown region", async () => {
        assert.match(await rejection({ "aws-workloads:region": "us-middle-1" }), /^Invalid stack config aws-workloads:region: "us-middle-1" is not an AWS region/);
    });

    it("malformed bucket name", async () => {
        assert.equal(await rejection(ocr({ bucketName: "MedDocParser_OCR" })),
            'Invalid stack config aws-workloads:ocr.bucketName: "MedDocParser_OCR" may only contain lowercase letters, digits, dots and hyphens');
    });

    it("bucket name with a reserved suffix", async () => {
        assert.match(await rejection(ocr({ bucketName: "meddocparser-ocr--x-s3" })), /ocr\.bucketName: "meddocparser-ocr--x-s3" must not end with the reserved suffix "--x-s3"/);
    });

    it("wrong type: a word where days are expected", async () => {
        assert.equal(await rejection(ocr({ expireAfterDays: "one" })), 'Invalid stack config aws-workloads:ocr.expireAfterDays: "one" must be a whole number from 1 to 3650');
    });

    it("wrong type: a section that is not an object", async () => {
        assert.equal(await rejection({ "aws-workloads:ocr": "[1,2]" }), "Invalid stack config aws-workloads:ocr: [1,2] must be an object of settings");
    });

    it("unknown principal kind", async () => {
        assert.equal(await rejection(ocr({ principal: "group" })), 'Invalid stack config aws-workloads:ocr.principal: "group" must be one of: role, user');
    });

    it("a typo in a setting's name is refused rather than silently defaulted", async () => {
        assert.match(await rejection(ocr({ bucketname: "meddocparser-ocr-temp-prod" })), /aws-workloads:ocr\.bucketname: "meddocparser-ocr-temp-prod" is not a known setting; expected one of: enabled, bucketName,/);
    });

    it("a typo in a top-level key is refused", async () => {
        assert.match(await rejection({ "aws-workloads:enviroment": "prod" }), /aws-workloads:enviroment: "prod" is not a known setting/);
    });

    describe("an access key in production is refused, naming the key and pointing to the role option", () => {
        const refusal = (key: string) => `Invalid stack config aws-workloads:${key}.createAccessKey: true is refused in a prod stack: production uses roles, ` +
            "no long-lived access keys (seeds 000 and 004); set principal: role with trustedServices (the compute service that runs the app) and remove createAccessKey";
        for (const key of ["ocr", "bedrock", "sms"]) {
            it(`${key}.createAccessKey: true with principal: user`, async () => {
                const section = { ...sectionOf("prod", `aws-workloads:${key}`), principal: "user", createAccessKey: true, trustedServices: undefined };
                assert.equal(await rejection({ [`aws-workloads:${key}`]: section }), refusal(key));
            });
        }

        it("even with principal: role, where the key would not be made: the setting itself is refused", async () => {
            assert.equal(await rejection(ocr({ createAccessKey: true })), refusal("ocr"));
        });

        it("createAccessKey: false and dev's access keys are accepted", async () => {
            await runWith("prod", ocr({ createAccessKey: false }));
            const dev = await runWith("dev");
            assert.ok(dev.resources.filter((r) => r.type === "aws:iam/accessKey:AccessKey").length >= 3, "dev keeps its access keys");
        });
    });

    it("a trusted service that is not a service principal names the list item", async () => {
        assert.equal(await rejection(ocr({ trustedServices: ["ec2"] })),
            'Invalid stack config aws-workloads:ocr.trustedServices[0]: "ec2" is not a service principal such as ecs-tasks.amazonaws.com');
    });
});
