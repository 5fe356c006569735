import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { buildPolicies } from "../../policypacks/least-privilege/policies";
import { TestResource, policyNamed, unknownString, validateStack } from "./support";

const policy = (environment = "prod") => policyNamed<StackValidationPolicy>(buildPolicies({ environment }), "bucket-hardening");

const tlsOnly = (bucket: string) => JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: ["s3:*"], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
});

/** What HardenedBucket registers, as the engine would see it after the mocks resolve `bucket.id`. */
function hardened(name: string, bucket: string, overrides: Partial<Record<"pab" | "sse" | "policy", Record<string, unknown> | null>> = {}): TestResource[] {
    const resources: TestResource[] = [{ type: "aws:s3/bucket:Bucket", name, props: { bucket } }];
    const add = (key: "pab" | "sse" | "policy", resource: TestResource) => {
        if (overrides[key] === null) return;
        resources.push({ ...resource, props: { ...resource.props, ...(overrides[key] ?? {}) } });
    };
    add("pab", { type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name: `${name}-public-access`, props: { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true } });
    add("sse", { type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", name: `${name}-encryption`, props: { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] } });
    add("policy", { type: "aws:s3/bucketPolicy:BucketPolicy", name: `${name}-policy`, props: { bucket, policy: tlsOnly(bucket) } });
    return resources;
}

describe("least-privilege pack: bucket-hardening (stack policy)", () => {
    it("passes a bucket with all four blocks, default encryption and a TLS-only policy", async () => {
        assert.deepStrictEqual(await validateStack(policy(), hardened("temp", "meddocparser-ocr-temp-prod")), []);
    });

    it("reports each missing control on the bucket's URN, mandatory in prod", async () => {
        const resources = hardened("temp", "t-prod", { pab: { ignorePublicAcls: false }, sse: null, policy: null });
        const [violation, ...rest] = await validateStack(policy(), resources);
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "mandatory");
        assert.strictEqual(violation.urn, "urn:pulumi:test::aws-workloads::aws:s3/bucket:Bucket::temp");
        assert.match(violation.message, /bucket temp \(t-prod\) lacks public-access blocks ignorePublicAcls set to true; default encryption .*; a TLS-only bucket policy/);
    });

    it("reports a bucket with no companions at all", async () => {
        const [violation] = await validateStack(policy(), [{ type: "aws:s3/bucket:Bucket", name: "bare", props: { bucket: "bare-bucket" } }]);
        assert.match(violation.message, /lacks a BucketPublicAccessBlock with all four blocks; default encryption/);
    });

    it("does not accept a bucket policy that is not TLS-only, or that covers another bucket", async () => {
        const allowOnly = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::t/*" }] });
        for (const document of [allowOnly, tlsOnly("another-bucket")]) {
            const [violation] = await validateStack(policy(), hardened("temp", "t", { policy: { policy: document } }));
            assert.match(violation.message, /lacks a TLS-only bucket policy/);
        }
    });

    it("ties companions to their bucket through the `bucket` property's dependency when the id is unknown at preview", async () => {
        const resources = hardened("temp", "t").map((r) => (r.type === "aws:s3/bucket:Bucket" ? r : { ...r, props: { ...r.props, bucket: unknownString }, propertyDependencies: { bucket: ["urn:pulumi:test::aws-workloads::aws:s3/bucket:Bucket::temp"] } }));
        assert.deepStrictEqual(await validateStack(policy(), resources), []);
    });

    it("judges every bucket of the stack separately, advisory in dev", async () => {
        const violations = await validateStack(policy("dev"), [...hardened("a", "bucket-a"), ...hardened("b", "bucket-b", { sse: null })]);
        assert.deepStrictEqual(violations.map((v) => [v.level, v.urn?.split("::").pop()]), [["advisory", "b"]]);
    });

    it("says nothing for a stack without buckets", async () => {
        assert.deepStrictEqual(await validateStack(policy(), [{ type: "aws:iam/user:User", name: "u", props: { name: "u" } }]), []);
    });
});
