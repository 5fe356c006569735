/** The TLS-only bucket policy every hardened bucket carries, plus any service grants. */
import { Arns } from "../iam/arn";
import { PolicyDocument, Statement, policy } from "../iam/document";
import { insecureTransport } from "../iam/conditions";

/** Denies every S3 action on the bucket and its objects to any request sent without TLS. */
export function denyInsecureTransport(arns: Arns, bucket: string): Statement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: [arns.s3Bucket(bucket), arns.s3Objects(bucket)],
        Condition: insecureTransport(),
    };
}

/** The TLS-only statement first, then grants such as CloudTrail's log delivery. */
export function bucketPolicy(arns: Arns, bucket: string, grants: readonly Statement[] = []): PolicyDocument {
    return policy(denyInsecureTransport(arns, bucket), ...grants);
}
