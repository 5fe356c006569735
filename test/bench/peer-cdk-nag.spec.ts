// The cdk-nag peer of the benchmark really runs cdk-nag's rules. Skipped when the peer is not
// installed (`npm run bench` installs it; this spec never does).
import { strict as assert } from "assert";
import { CdkNagFlavour, CdkNagMeasurement, cdkNagInstalled, cdkNagPeer, managedPolicyDocuments, peerFolder, peerVersions } from "../../scripts/bench/peer-cdk-nag";

const { names, documents: managed } = managedPolicyDocuments();
const policy = (name: string) => {
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`no managed policy ${name}`);
    return managed[index] as { Statement: unknown };
};

/** Hand-written documents with their AwsSolutions-IAM5 counts (one per distinct wildcard action or resource of an Allow). */
const handWritten: readonly { readonly document: object; readonly iam5: number }[] = [
    { document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key" }] }, iam5: 0 },
    { document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }, iam5: 2 },
    { document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*" }] }, iam5: 1 },
    { document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["ec2:Describe*", "s3:List*"], Resource: ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/*"] }] }, iam5: 3 },
    // Denies are not reported.
    { document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }, iam5: 0 },
];

const wellFormed = [
    "AdministratorAccess",
    "AmazonS3ReadOnlyAccess",
    "AmazonEC2FullAccess",
    "AWSDenyAll",
    "AmazonDynamoDBReadOnlyAccess",
    "AWSCloudTrail_ReadOnlyAccess",
    "CloudWatchLogsReadOnlyAccess",
    "AmazonSQSFullAccess",
    "AmazonSNSReadOnlyAccess",
    "AWSKeyManagementServicePowerUser",
    "IAMReadOnlyAccess",
    "AmazonRoute53ReadOnlyAccess",
];
/** cdk-nag's IAM5 cannot read these: `"Statement": {...}` (one object) and `NotAction`. */
const unreadable = ["AWSCertificateManagerReadOnly", "PowerUserAccess"];

/** The IAM5 count by the rule's definition, for a document whose Statement is a list of Action/Resource statements. */
function wildcardElements(document: { Statement: unknown }): number {
    const list = (value: unknown) => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
    const found = new Set<string>();
    for (const statement of document.Statement as { Effect: string; Action: unknown; Resource: unknown }[]) {
        if (statement.Effect !== "Allow") continue;
        for (const action of list(statement.Action)) if (action.includes("*")) found.add(`Action::${action}`);
        for (const resource of list(statement.Resource)) if (resource.includes("*")) found.add(`Resource::${resource}`);
    }
    return found.size;
}

describe("bench peer: cdk-nag", function () {
    before(function () {
        if (!cdkNagInstalled()) {
            console.log(`      skipped: cdk-nag is not installed in ${peerFolder} (\`npm run bench\` installs it on demand; npm ci does not)`);
            this.skip();
        }
    });

    const documents = [...handWritten.map((h) => h.document), ...wellFormed.map(policy), ...unreadable.map(policy)];

    for (const flavour of ["v2", "v3"] as CdkNagFlavour[]) {
        describe(`cdk-nag ${flavour}`, () => {
            let result: CdkNagMeasurement;
            before(function () {
                this.timeout(120000);
                const measured = cdkNagPeer(documents, { install: false, perDocument: true, flavour });
                if (!measured.ok) throw new Error(`cdk-nag peer failed: ${measured.why}`);
                result = measured;
            });

            it("runs the pinned versions with the registration of its major version", () => {
                const pinned = flavour === "v2" ? peerVersions["cdk-nag-v2"].replace("npm:cdk-nag@", "") : peerVersions["cdk-nag"];
                assert.equal(result.versions["cdk-nag"], pinned);
                assert.equal(result.versions["aws-cdk-lib"], peerVersions["aws-cdk-lib"]);
                assert.equal(result.api, flavour === "v2" ? "Aspects.of(app).add" : "Validations.of(app).addPlugins");
            });

            it("counts each hand-written document's IAM5 findings exactly", () => {
                handWritten.forEach((h, i) => {
                    assert.equal(result.perDocument![i].findings["AwsSolutions-IAM5"] ?? 0, h.iam5, JSON.stringify(h.document));
                    assert.deepEqual(result.perDocument![i].failedRules, []);
                });
            });

            it("flags the wildcard managed policies as the rule defines, and none of a Deny-only one", () => {
                wellFormed.forEach((name, j) => {
                    const own = result.perDocument![handWritten.length + j];
                    assert.equal(own.findings["AwsSolutions-IAM5"] ?? 0, wildcardElements(policy(name)), name);
                    assert.deepEqual(own.failedRules, [], name);
                });
                assert.deepEqual(result.perDocument![handWritten.length + wellFormed.indexOf("AdministratorAccess")].findings, { "AwsSolutions-IAM5": 2 });
                assert.deepEqual(result.perDocument![handWritten.length + wellFormed.indexOf("AWSDenyAll")].findings, {});
            });

            it("reports a rule that throws as a failure, not as a finding", () => {
                unreadable.forEach((name, k) => {
                    const own = result.perDocument![handWritten.length + wellFormed.length + k];
                    assert.deepEqual(own, { findings: {}, failedRules: ["AwsSolutions-IAM5"] }, name);
                });
                assert.equal(result.findings.ruleFailures, unreadable.length);
            });

            it("totals the findings of both passes and times them", () => {
                const sum = result.perDocument!.reduce((total, own) => total + Object.values(own.findings).reduce((a, b) => a + b, 0), 0);
                assert.ok(result.findings.total > 0, `findings: ${result.findings.total}`);
                assert.equal(result.findings.total, sum);
                assert.deepEqual(result.findings.byRule, { "AwsSolutions-IAM5": sum });
                assert.equal(result.warmFindings, result.findings.total);
                assert.equal(result.documents, documents.length);
                for (const ms of [result.startMs, result.readyMs, result.passes.firstMs, result.passes.warmMs]) assert.ok(ms > 0 && ms < 120000, `${ms} ms`);
                assert.ok(result.readyMs > result.startMs, `ready ${result.readyMs} ms, start ${result.startMs} ms`);
                assert.ok(Math.abs(result.documentsPerSecond - (documents.length / result.passes.firstMs) * 1000) < 1e-6);
                assert.ok(result.peakRssMb > 50, `${result.peakRssMb} MB`);
            });
        });
    }

    it("says why instead of throwing when cdk-nag cannot build a document", function () {
        this.timeout(60000);
        const result = cdkNagPeer([null as unknown as object], { install: false });
        assert.equal(result.ok, false);
        if (!result.ok) assert.match(result.why, /cdk-nag runner failed \(1\): .*missing required property: policyDocument/);
    });

    it("installs into a scratch folder under node_modules, not the project", () => {
        assert.match(peerFolder, /node_modules\/\.cache\/bench-peers\/cdk-nag$/);
    });
});
