import { strict as assert } from "assert";
import { recordedResources } from "../../stacks/offline/mocks";
import { runWith, sectionOf } from "../support/stacks";

/** Runs prod with one workload section changed; returns the rejection message. */
async function rejection(section: string, change: Record<string, unknown>): Promise<string> {
    const key = `aws-workloads:${section}`;
    const error = await runWith("prod", { [key]: { ...sectionOf("prod", key), ...change } }).then(() => undefined, (e: Error) => e);
    assert.ok(error, "the stack ran despite an IAM name AWS rejects");
    assert.equal(recordedResources().length, 0, "resources were registered before the config was validated");
    return error.message;
}

describe("IAM names in stack config follow AWS's rules (policypacks/least-privilege/naming.ts), before any resource", () => {
    it("a 65-character role name", async () => {
        const roleName = "r".repeat(65);
        assert.equal(await rejection("bedrock", { roleName }), `Invalid stack config aws-workloads:bedrock.roleName: "${roleName}" is 65 characters long; IAM role names are 1 to 64 characters`);
    });

    it("a user name with a space, and a 129-character policy name", async () => {
        assert.equal(await rejection("ocr", { principal: "user", trustedServices: undefined, userName: "ocr user" }), 'Invalid stack config aws-workloads:ocr.userName: "ocr user" may only contain letters, digits and + = , . @ _ -');
        const policyName = "P".repeat(129);
        // ConfigError shortens long values; the key and the rule are what matter.
        assert.match(await rejection("sms", { policyName }), /^Invalid stack config aws-workloads:sms\.policyName: "P+\.\.\. is 129 characters long; IAM policy names are 1 to 128 characters$/);
    });
});
