import { strict as assert } from "assert";
import { mergeGrants, queryResults, readWrite, s3Statements } from "../../../components/engagement/statements";
import { arns } from "./fixtures";

describe("seed 003 shared S3 statements", () => {
    it("adds up capabilities granted twice on one bucket", () => {
        assert.deepEqual(mergeGrants([
            { bucket: "a", can: ["read"] }, { bucket: "b", can: ["write"] }, { bucket: "a", can: queryResults }, { bucket: "b", can: readWrite },
        ]), [{ bucket: "a", can: ["read", "write"] }, { bucket: "b", can: ["read", "write", "delete"] }]);
    });

    it("groups buckets with the same capabilities into one object and one bucket statement", () => {
        const statements = s3Statements(arns, [
            { bucket: "raw", can: ["read"] }, { bucket: "models", can: ["write"] }, { bucket: "processed", can: ["read"] },
        ]);
        assert.deepEqual(statements.map((s) => [s.Sid, s.Action, s.Resource]), [
            ["S3ReadObjects", ["s3:GetObject"], ["arn:aws:s3:::raw/*", "arn:aws:s3:::processed/*"]],
            ["S3ReadBuckets", ["s3:ListBucket", "s3:GetBucketLocation"], ["arn:aws:s3:::raw", "arn:aws:s3:::processed"]],
            ["S3WriteObjects", ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"], ["arn:aws:s3:::models/*"]],
            ["S3WriteBuckets", ["s3:ListBucketMultipartUploads"], ["arn:aws:s3:::models"]],
        ]);
    });

    it("grants delete only with read/write", () => {
        const actions = (can: readonly ("read" | "write" | "delete")[]) => s3Statements(arns, [{ bucket: "x", can }]).flatMap((s) => s.Action);
        assert.ok(actions(readWrite).includes("s3:DeleteObject"));
        assert.ok(!actions(queryResults).includes("s3:DeleteObject"));
        assert.deepEqual(s3Statements(arns, [{ bucket: "x", can: [] }]), []);
    });
});
