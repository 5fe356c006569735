/**
 * The stack file as YAML reads it (issue 19): top-level keys other than Pulumi's are refused with
 * the one meant, and where YAML's reading changes a value (an unquoted number losing digits, a
 * `secure:` value the offline run cannot decrypt) the config error says so.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readStackFile, withReading } from "../../stacks/offline/stack-file";

describe("stack files: what YAML read", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-file-"));
    const write = (stack: string, text: string) => fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("a misspelt config: block is named, not reported as a missing environment", () => {
        write("confg", "confg:\n  aws-workloads:environment: prod\n");
        assert.throws(() => readStackFile("confg", dir), {
            message: `${path.join(dir, "Pulumi.confg.yaml")}: the file has no config: block but has confg:, so none of its settings would be read; rename it to config:`,
        });
    });

    it("another unknown top-level key lists Pulumi's stack file keys", () => {
        write("extra", "config: {}\nsecretprovider: passphrase\n");
        assert.throws(() => readStackFile("extra", dir), /secretprovider: is not a stack file key \(expected config, secretsprovider, encryptedkey, encryptionsalt, environment\); did you mean secretsprovider:\?$/);
    });

    it("an unquoted account ID is the number YAML made of it, and the error says so", () => {
        write("number", "config:\n  aws-workloads:accountId: 012345678901\n  aws-workloads:sms:\n    regions: [us-east-1, 1e3]\n    phoneNumberIds: []\n");
        const file = readStackFile("number", dir);
        assert.equal(file.config["aws-workloads:accountId"], "12345678901");
        assert.equal(withReading('Invalid stack config aws-workloads:accountId: "12345678901" must be exactly 12 digits', "aws-workloads:accountId", file),
            'Invalid stack config aws-workloads:accountId: "12345678901" must be exactly 12 digits (the stack file writes 012345678901 unquoted, which YAML reads as the number 12345678901; quote it ("012345678901") to keep it as written)');
        assert.match(withReading("m", "aws-workloads:sms.regions", file), /writes 1e3 unquoted, which YAML reads as the number 1000/);
        assert.equal(withReading("m", "aws-workloads:sms.phoneNumberIds", file), "m", "nothing is added where YAML read what was written");
    });

    it("a quoted account ID has no reading to explain", () => {
        write("quoted", 'config:\n  aws-workloads:accountId: "012345678901"\n  aws-workloads:ocr:\n    expireAfterDays: 3\n');
        const file = readStackFile("quoted", dir);
        assert.deepEqual(file.readings, {});
        assert.equal(file.config["aws-workloads:accountId"], "012345678901");
    });

    it("a secure: value is one the offline check cannot decrypt", () => {
        write("secure", "config:\n  aws-workloads:accountId:\n    secure: AAABAC==\n");
        const file = readStackFile("secure", dir);
        assert.deepEqual(file.secretKeys, ["aws-workloads:accountId"]);
        assert.match(withReading("Invalid stack config aws-workloads:accountId: \"offline-placeholder-for-a-secret\" must be exactly 12 digits", "aws-workloads:accountId", file),
            /must be exactly 12 digits \(it is a secure: \(encrypted\) value, which the offline check cannot decrypt/);
    });
});
