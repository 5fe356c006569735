import * as assert from "assert";
import { StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { bucketReport, isTlsOnlyStatement } from "../../policypacks/least-privilege/policies/bucket-hardening";
import { readDocument } from "../../policypacks/least-privilege/iam/documents";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { TestResource, policyNamed, unknownString, validateStack } from "./support";

const unknowns = (environment = "prod") => policyNamed<StackValidationPolicy>(buildPolicies({ environment }), "stack-values-known-at-preview");
/** The engine's sentinels for an unknown object and list. */
const unknownObject = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";

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

    it("judges every public-access block of a bucket: an all-false second block is a finding, and so is the second writer", async () => {
        const resources = [...hardened("temp", "t"), { type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name: "temp-open", props: { bucket: "t", blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false } }];
        const [violation, ...rest] = await validateStack(policy(), resources);
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "mandatory");
        assert.strictEqual(violation.message.split("\n").slice(1).join("\n"),
            "bucket temp (t) lacks public-access blocks blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets set to true in temp-open\n" +
            "bucket temp (t) has 2 BucketPublicAccessBlocks (temp-public-access, temp-open): S3 keeps one per bucket and the last one written replaces the others\n" +
            "fix: use components/storage HardenedBucket, which adds each of them once");
    });

    it("judges every policy of a bucket: a second BucketPolicy without the TLS statement replaces the TLS-only one", async () => {
        const allowRead = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::t/*" }] });
        const resources = [...hardened("temp", "t"), { type: "aws:s3/bucketPolicy:BucketPolicy", name: "temp-read", props: { bucket: "t", policy: allowRead } }];
        const [violation] = await validateStack(policy(), resources);
        assert.match(violation.message, /bucket temp \(t\) lacks a TLS-only bucket policy \(Deny s3:\* on the bucket and bucket\/\* when aws:SecureTransport is false\) in temp-read\n/);
        assert.match(violation.message, /bucket temp \(t\) has 2 bucket policies \(temp-policy, temp-read\): S3 keeps one policy per bucket and the last one written replaces the others/);
        // Two TLS-only policies still race: the duplicate alone is reported.
        const [twice] = await validateStack(policy(), [...hardened("temp", "t"), { type: "aws:s3/bucketPolicy:BucketPolicy", name: "temp-again", props: { bucket: "t", policy: tlsOnly("t") } }]);
        assert.deepStrictEqual(twice.message.split("\n").slice(1, -1), ["bucket temp (t) has 2 bucket policies (temp-policy, temp-again): S3 keeps one policy per bucket and the last one written replaces the others"]);
        // The Bucket's own policy argument is a writer too.
        const inline = hardened("temp", "t").map((r) => (r.type === "aws:s3/bucket:Bucket" ? { ...r, props: { ...r.props, policy: tlsOnly("t") } } : r));
        assert.match((await validateStack(policy(), inline))[0].message, /has 2 bucket policies \(temp\.policy, temp-policy\)/);
    });

    it("never throws on unknowns nested anywhere: the unknown part is reported as advisory and the rest is still judged", async () => {
        const resources = hardened("temp", "t", {
            pab: { blockPublicAcls: unknownString, ignorePublicAcls: false },
            sse: { rules: [{ applyServerSideEncryptionByDefault: unknownObject }] },
            policy: { policy: { Version: "2012-10-17", Statement: [unknownObject] } },
        });
        const [violation, ...rest] = await validateStack(policy(), resources);
        assert.strictEqual(rest.length, 0, "no 'can't run policy' advisory: the policy ran");
        assert.strictEqual(violation.level, "mandatory");
        assert.strictEqual(violation.message.split("\n")[1], "bucket temp (t) lacks public-access blocks ignorePublicAcls set to true");
        const parts = await validateStack(unknowns(), resources);
        assert.deepStrictEqual(parts.map((v) => [v.level, v.message.split("\n")[1]]), [
            ["advisory", "[bucket-hardening] temp-public-access: blockPublicAcls is not known at preview, so bucket temp (t)'s public-access blocks are judged on the rest"],
            ["advisory", "[bucket-hardening] temp-encryption: its rules are not known at preview, so bucket temp (t)'s default encryption is not judged"],
            ["advisory", "[bucket-hardening] temp-policy: its policy is not known at preview, so it is not checked for bucket temp (t)'s TLS-only statement"],
        ]);
    });

    it("a bucket whose name is unknown at preview is not blocked for its TLS-only policy; that is reported instead", async () => {
        const resources = hardened("temp", "t").map((r) => ({ ...r, props: { ...r.props, bucket: unknownString }, ...(r.type === "aws:s3/bucket:Bucket" ? {} : { propertyDependencies: { bucket: ["urn:pulumi:test::aws-workloads::aws:s3/bucket:Bucket::temp"] } }) }));
        assert.deepStrictEqual(await validateStack(policy(), resources), []);
        const [part] = await validateStack(unknowns(), resources);
        assert.match(part.message, /\[bucket-hardening\] bucket temp: its name is not known at preview, so its policies cannot be checked for a TLS-only statement on it/);
    });
});

describe("least-privilege pack: bucket-hardening's TLS-only statement", () => {
    const deny = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::t", "arn:aws:s3:::t/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } };
    const judged = (statement: Record<string, unknown>) => isTlsOnlyStatement(readDocument({ Version: "2012-10-17", Statement: [statement] }).statements[0], "t");

    it("is a Deny to everyone", () => {
        assert.strictEqual(judged(deny), true);
        assert.strictEqual(judged({ ...deny, Effect: "Allow" }), false);
        assert.strictEqual(judged({ ...deny, Principal: { AWS: "arn:aws:iam::123456789012:root" } }), false);
        const { Principal: _, ...noPrincipal } = deny;
        assert.strictEqual(judged(noPrincipal), false);
    });

    it("denies every S3 action: \"*\" or s3:* in any case, among other actions; a narrower action or NotAction is not enough", () => {
        assert.strictEqual(judged({ ...deny, Action: "*" }), true);
        assert.strictEqual(judged({ ...deny, Action: ["s3:GetObject", "S3:*"] }), true);
        assert.strictEqual(judged({ ...deny, Action: "s3:GetObject" }), false);
        const { Action: _, ...noAction } = deny;
        assert.strictEqual(judged({ ...noAction, NotAction: "s3:GetObject" }), false);
    });

    it("applies when aws:SecureTransport is false under Bool or BoolIfExists, whatever other conditions say", () => {
        assert.strictEqual(judged({ ...deny, Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }), true);
        assert.strictEqual(judged({ ...deny, Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:SecureTransport": "true" } } }), true);
        for (const Condition of [{ Bool: { "aws:SecureTransport": "true" } }, { StringEquals: { "aws:SecureTransport": "false" } }, undefined]) {
            assert.strictEqual(judged({ ...deny, Condition }), false, JSON.stringify(Condition));
        }
    });

    it("covers the bucket and its objects, in the element's own partition", () => {
        assert.strictEqual(judged({ ...deny, Resource: ["arn:aws-cn:s3:::t", "arn:aws-cn:s3:::t/*"] }), true);
        assert.strictEqual(judged({ ...deny, Resource: "arn:aws:s3:::t" }), false);
        assert.strictEqual(judged({ ...deny, Resource: "arn:aws:s3:::t/*" }), false);
        const { Resource: _, ...noResource } = deny;
        assert.strictEqual(judged({ ...noResource, NotResource: "arn:aws:s3:::other" }), false);
    });
});

describe("least-privilege pack: bucket-hardening's report in detail", () => {
    const urnOf = (type: string, name: string) => `urn:pulumi:test::aws-workloads::${type}::${name}`;
    const bucketType = "aws:s3/bucket:Bucket";
    /** The resources as the analyzer hands them to a stack policy: props behind CrossGuard's proxy, no property dependencies unless given. */
    const report = (resources: (TestResource & { propertyDependencies?: Record<string, string[]> })[]) => bucketReport(resources.map((r) => ({
        type: r.type, name: r.name ?? "resource", urn: urnOf(r.type, r.name ?? "resource"), props: unknownCheckingProxy(JSON.parse(JSON.stringify(r.props))),
        ...(r.propertyDependencies ? { propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map((urn) => ({ urn }))])) as never } : {}),
    })));
    const lines = (resources: TestResource[]) => report(resources).findings.map((f) => f.message.split("\n").slice(0, -1));
    const encryption = (rules: unknown): TestResource => ({ type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", name: "temp-encryption", props: { bucket: "t", rules } });
    const noSse = "default encryption (BucketServerSideEncryptionConfiguration with AES256 or aws:kms)";

    it("prints the policy's description above the finding", async () => {
        const [violation] = await validateStack(policy(), [{ type: bucketType, name: "bare", props: { bucket: "bare" } }]);
        assert.strictEqual(violation.message.split("\n")[0], "Every S3 bucket has all four public-access blocks, default encryption and a TLS-only bucket policy, each written once.");
    });

    it("counts default encryption only for a rule with AES256 or aws:kms; other shapes are no encryption, unknown ones are set aside", () => {
        const withRules = (rules: unknown) => lines(hardened("temp", "t", { sse: null }).concat(encryption(rules)));
        for (const rules of [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }, [null, "x", { applyServerSideEncryptionByDefault: null }, { applyServerSideEncryptionByDefault: { sseAlgorithm: "DES" } }]]) {
            assert.deepStrictEqual(withRules(rules), [[`bucket temp (t) lacks ${noSse}`]], JSON.stringify(rules));
        }
        assert.deepStrictEqual(withRules([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "DES" } }, { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }]), []);
        for (const rules of [unknownString, [unknownObject], [{ applyServerSideEncryptionByDefault: { sseAlgorithm: unknownString } }]]) {
            const { findings, unknowns } = report(hardened("temp", "t", { sse: null }).concat(encryption(rules)));
            assert.deepStrictEqual(findings, [], JSON.stringify(rules));
            assert.deepStrictEqual(unknowns.map((u) => u.message), ["temp-encryption: its rules are not known at preview, so bucket temp (t)'s default encryption is not judged"], JSON.stringify(rules));
        }
        // A known rule that encrypts wins over an unknown one.
        assert.deepStrictEqual(withRules([{ applyServerSideEncryptionByDefault: { sseAlgorithm: unknownString } }, { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]), []);
    });

    it("reads the older Bucket's inline encryption (rule or rules) and policy; an empty or null inline policy is none", () => {
        const inline = (props: Record<string, unknown>) => lines(hardened("temp", "t", { sse: null }).map((r) => (r.type === bucketType ? { ...r, props: { ...r.props, ...props } } : r)));
        const aes = { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } };
        assert.deepStrictEqual(inline({ serverSideEncryptionConfiguration: { rule: aes } }), []);
        assert.deepStrictEqual(inline({ serverSideEncryptionConfiguration: { rules: [aes] } }), []);
        assert.deepStrictEqual(inline({ serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "none" } } } }), [[`bucket temp (t) lacks ${noSse}`]]);
        assert.deepStrictEqual(inline({ serverSideEncryptionConfiguration: "AES256" }), [[`bucket temp (t) lacks ${noSse}`]]);
        assert.deepStrictEqual(inline({ serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: unknownObject } } }), []);
        assert.deepStrictEqual(inline({ serverSideEncryptionConfiguration: unknownObject }), []);
        assert.deepStrictEqual(inline({ serverSideEncryptionConfiguration: { rule: aes }, policy: "" }), []);
        assert.deepStrictEqual(inline({ serverSideEncryptionConfiguration: { rule: aes }, policy: null }), []);
    });

    it("ties companions to a bucket by its id too, and names a bucket without a name by its resource alone", () => {
        const byId = hardened("temp", "t").map((r) => (r.type === bucketType ? { ...r, props: { bucket: "t", id: "t-id" } } : { ...r, props: { ...r.props, bucket: "t-id" } }));
        assert.deepStrictEqual(lines(byId), []);
        assert.deepStrictEqual(lines([{ type: bucketType, name: "temp", props: { bucket: "" } }]).map((l) => l[0].split(" lacks ")[0]), ["bucket temp"]);
    });

    it("sets aside a companion whose bucket is unknown and no dependency names, and a bucket whose name is unknown", () => {
        const later: TestResource = { type: "aws:s3/bucketPolicy:BucketPolicy", name: "later-policy", props: { bucket: unknownString, policy: "{}" } };
        const { unknowns } = report([...hardened("temp", "t"), later]);
        assert.deepStrictEqual(unknowns.map((u) => [u.urn, u.message]), [[urnOf("aws:s3/bucketPolicy:BucketPolicy", "later-policy"), "later-policy: its bucket is not known at preview and no property dependency names it, so it counts for no bucket"]]);
        assert.deepStrictEqual(report([{ type: bucketType, name: "temp", props: {} }]).unknowns, [], "an absent name is no unknown");
    });

    it("says which public-access flags are unknown, one or several", () => {
        const { findings, unknowns } = report(hardened("temp", "t", { pab: { blockPublicAcls: unknownString, blockPublicPolicy: unknownString } }));
        assert.deepStrictEqual(findings, []);
        assert.deepStrictEqual(unknowns.map((u) => u.message), ["temp-public-access: blockPublicAcls, blockPublicPolicy are not known at preview, so bucket temp (t)'s public-access blocks are judged on the rest"]);
    });

    it("names each policy that lacks the TLS-only statement when there are several, and skips unknown ones", () => {
        const allowRead = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::t/*" }] });
        const policyOf = (name: string, document: unknown): TestResource => ({ type: "aws:s3/bucketPolicy:BucketPolicy", name, props: { bucket: "t", policy: document } });
        assert.deepStrictEqual(lines([...hardened("temp", "t", { policy: null }), policyOf("read-a", allowRead), policyOf("read-b", allowRead), policyOf("later", unknownString)]), [[
            "bucket temp (t) lacks a TLS-only bucket policy (Deny s3:* on the bucket and bucket/* when aws:SecureTransport is false) in read-a, read-b",
            "bucket temp (t) has 3 bucket policies (read-a, read-b, later): S3 keeps one policy per bucket and the last one written replaces the others",
        ]]);
        assert.deepStrictEqual(lines([...hardened("temp", "t", { policy: null }), policyOf("later", unknownString)]), []);
        assert.deepStrictEqual(lines([...hardened("temp", "t", { policy: null }), policyOf("read", allowRead)]), [[
            "bucket temp (t) lacks a TLS-only bucket policy (Deny s3:* on the bucket and bucket/* when aws:SecureTransport is false)",
        ]]);
    });
});
