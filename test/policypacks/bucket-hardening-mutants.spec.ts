/** bucket-hardening: the verdicts the mutation run found unspecified (issue 21). */
import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { TestResource, policyNamed, unknownString, validateStack } from "./support";

const policy = () => policyNamed<StackValidationPolicy>(buildPolicies({ environment: "prod" }), "bucket-hardening");
const unknowns = () => policyNamed<StackValidationPolicy>(buildPolicies({ environment: "prod" }), "stack-values-known-at-preview");
const bucketType = "aws:s3/bucket:Bucket";
const bucketUrn = (name: string) => `urn:pulumi:test::aws-workloads::${bucketType}::${name}`;
const tls = "a TLS-only bucket policy (Deny s3:* on the bucket and bucket/* when aws:SecureTransport is false)";
const noSse = "default encryption (BucketServerSideEncryptionConfiguration with AES256 or aws:kms)";

const denyInsecure = (resources: string[], condition: Record<string, unknown> = { Bool: { "aws:SecureTransport": "false" } }) => JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: condition }],
});

/** A bucket `t` with its block and encryption tied by dependency, and the policy given (or none). */
function bucket(props: Record<string, unknown>, policyDocument?: unknown, companionBucket: unknown = "t"): TestResource[] {
    const dependsOnBucket = { bucket: [bucketUrn("temp")] };
    const resources: TestResource[] = [
        { type: bucketType, name: "temp", props },
        { type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name: "temp-public-access", props: { bucket: companionBucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, propertyDependencies: dependsOnBucket },
        { type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", name: "temp-encryption", props: { bucket: companionBucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, propertyDependencies: dependsOnBucket },
    ];
    if (policyDocument !== undefined) resources.push({ type: "aws:s3/bucketPolicy:BucketPolicy", name: "temp-policy", props: { bucket: companionBucket, policy: policyDocument }, propertyDependencies: dependsOnBucket });
    return resources;
}
/** Each finding's lines without the description and the fix. */
const lines = async (resources: TestResource[]) => (await validateStack(policy(), resources)).map((v) => v.message.split("\n").slice(1, -1));

describe("least-privilege pack: bucket-hardening's TLS-only statement, edge cases (mutants)", () => {
    it("only the Bool and BoolIfExists operators count, spelled whole", async () => {
        for (const operator of ["ForAllValues:Bool", "BoolX", "BoolIfExistsToo"]) {
            assert.deepStrictEqual(await lines(bucket({ bucket: "t" }, denyInsecure(["arn:aws:s3:::t", "arn:aws:s3:::t/*"], { [operator]: { "aws:SecureTransport": "false" } }))), [[`bucket temp (t) lacks ${tls}`]], operator);
        }
        assert.deepStrictEqual(await lines(bucket({ bucket: "t" }, denyInsecure(["arn:aws:s3:::t", "arn:aws:s3:::t/*"], { boolifexists: { "aws:SecureTransport": "false" } }))), []);
    });

    it("a wildcarded partition is tried as aws; an empty partition is no partition", async () => {
        assert.deepStrictEqual(await lines(bucket({ bucket: "t" }, denyInsecure(["arn:a*:s3:::t", "arn:a*:s3:::t/*"]))), []);
        assert.deepStrictEqual(await lines(bucket({ bucket: "t" }, denyInsecure(["arn::s3:::t", "arn::s3:::t/*"]))), [[`bucket temp (t) lacks ${tls}`]]);
    });

    it("a bucket without a name (absent or empty) cannot be shown TLS-only, even by a statement on every bucket", async () => {
        const everyBucket = denyInsecure(["arn:aws:s3:::*", "arn:aws:s3:::*/*"]);
        for (const props of [{}, { bucket: "" }]) {
            assert.deepStrictEqual(await lines(bucket({ ...props, policy: everyBucket }, undefined, "unused")), [[`bucket temp lacks ${tls}`]], JSON.stringify(props));
        }
    });
});

describe("least-privilege pack: bucket-hardening, how companions and unknowns are read (mutants)", () => {
    it("a companion whose dependency is no bucket is still tied by its bucket's name", async () => {
        const suffix: TestResource = { type: "random:index/randomPet:RandomPet", name: "suffix", props: {} };
        const viaName = bucket({ bucket: "t" }, denyInsecure(["arn:aws:s3:::t", "arn:aws:s3:::t/*"])).map((r) => (r.type === bucketType ? r : { ...r, propertyDependencies: { bucket: ["urn:pulumi:test::aws-workloads::random:index/randomPet:RandomPet::suffix"] } }));
        assert.deepStrictEqual(await lines([suffix, ...viaName]), []);
    });

    it("a null inline encryption setting is no encryption", async () => {
        assert.deepStrictEqual(await lines(bucket({ bucket: "t", serverSideEncryptionConfiguration: null }, denyInsecure(["arn:aws:s3:::t", "arn:aws:s3:::t/*"])).filter((r) => !r.type.includes("Encryption"))), [[`bucket temp (t) lacks ${noSse}`]]);
    });

    it("an encryption rule unknown at preview sets encryption aside", async () => {
        const resources = bucket({ bucket: "t" }, denyInsecure(["arn:aws:s3:::t", "arn:aws:s3:::t/*"])).map((r) => (r.type.includes("Encryption") ? { ...r, props: { ...r.props, rules: [unknownString] } } : r));
        assert.deepStrictEqual(await lines(resources), []);
    });

    it("a bucket whose name is unknown: no TLS-only finding without any policy, and only its name is reported unknown, not its policy too", async () => {
        assert.deepStrictEqual(await lines(bucket({ bucket: unknownString }, undefined, unknownString)), []);
        const withUnknownPolicy = bucket({ bucket: unknownString }, unknownString, unknownString);
        assert.deepStrictEqual(await lines(withUnknownPolicy), []);
        const parts = await validateStack(unknowns(), withUnknownPolicy);
        assert.deepStrictEqual(parts.map((v) => v.message.split("\n")[1]), ["[bucket-hardening] bucket temp: its name is not known at preview, so its policies cannot be checked for a TLS-only statement on it"]);
    });
});
