import * as assert from "assert";
import { judgeManagedPolicies, managedPolicyVersions, oracleReport } from "../../scripts/oracle/judge";
import { managedPolicy } from "../policypacks/support";

describe("the oracle: every version of every AWS managed policy passes the aws-rejects class", function () {
    this.timeout(600000);

    it("judges all of them in prod with the whole pack: no aws-rejects finding but the customer size quota, no crash", async () => {
        const result = await judgeManagedPolicies();
        console.log(`      oracle: ${result.documents} versions of ${result.policies} AWS managed policies in ${(result.elapsedMs / 1000).toFixed(1)} s; findings: ${Object.entries(result.byClass).map(([c, n]) => `${c} ${n}`).join(", ")}`);
        assert.ok(result.documents >= 6000 && result.policies >= 1500, `the corpus is whole (${result.documents} documents)`);
        assert.deepStrictEqual(result.crashes, []);
        assert.deepStrictEqual(result.falseRejects.slice(0, 10), [], `${result.falseRejects.length} aws-rejects findings on documents IAM accepted`);
        assert.ok(result.byClass.security > 0 && result.byClass.lint > 0, "the pack still judges them: AWS's FullAccess policies are security findings");
    });

    it("can fail: a document IAM refuses, slipped into the corpus, is counted as a false reject", async () => {
        const [sample] = managedPolicyVersions();
        const refused = managedPolicy("Refused@v1", { Version: "2012-10-17", Statement: [{ Sid: "", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:amazon:s3:::b/*" }] });
        const result = await judgeManagedPolicies([sample, refused]);
        assert.deepStrictEqual(result.falseRejects.map((r) => r.split("\n")[0]), ["[arn-format] Resource elements are ARNs IAM accepts: six fields, an AWS partition (not a variable), no region in IAM ARNs or S3 bucket and object ARNs."]);
        assert.match(oracleReport(result), /\| aws-rejects \| \d+: \d+ the customer managed-policy size quota \(AWS's own policies are not bound by it\), 1 other \|/);
    });
});
