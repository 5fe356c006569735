import { strict as assert } from "assert";
import { render } from "../../../components/iam/document";
import { serviceTrustPolicy } from "../../../components/iam/trust";
import { bucketPolicy } from "../../../components/storage/bucket-policy";
import {
    cloudTrailBucketGrants, cloudTrailLogsPolicy, cloudTrailLogsTrust,
} from "../../../components/engagement/hardening";
import { mismatches } from "../../support/simulate";
import { arns, prod, role, seedSection } from "./fixtures";

const bucket = prod.buckets.cloudTrail;
const trailArn = arns.cloudtrailTrail(prod.trail);
const onBucket = { arn: "arn:aws:iam::123456789012:role/unused-identity", policies: [], resourcePolicy: render(bucketPolicy(arns, bucket, cloudTrailBucketGrants(arns, bucket, prod.trail))) };
const delivery = (sourceArn: string, acl = "bucket-owner-full-control") => ({ "aws:SourceArn": sourceArn, "s3:x-amz-acl": acl, "aws:SecureTransport": "true" });

describe("seed 003 production hardening: CloudTrail", () => {
    it("is the seed's hardening list", () => {
        const section = seedSection("Production Hardening");
        for (const step of ["Enable CloudTrail", "Log all IAM API calls", "Monitor for unauthorized access attempts", "Use IAM Access Analyzer", "Tag all resources"]) {
            assert.match(section, new RegExp(step), step);
        }
    });

    it("lets this trail, and only this trail, check the bucket ACL and deliver under AWSLogs/<account>/", async () => {
        const key = arns.s3Objects(bucket, "AWSLogs/123456789012/CloudTrail/us-east-1/2025/10/21/log.json.gz");
        assert.deepEqual(await mismatches(onBucket, "Allowed", [
            { action: "s3:GetBucketAcl", resource: arns.s3Bucket(bucket), principal: "cloudtrail.amazonaws.com", context: { "aws:SourceArn": trailArn, "aws:SecureTransport": "true" } },
            { action: "s3:PutObject", resource: key, principal: "cloudtrail.amazonaws.com", context: delivery(trailArn) },
        ]), []);
        assert.deepEqual(await mismatches(onBucket, "Denied", [
            { action: "s3:PutObject", resource: key, principal: "cloudtrail.amazonaws.com", context: delivery(arns.cloudtrailTrail("another-trail")) },
            { action: "s3:PutObject", resource: key, principal: "cloudtrail.amazonaws.com", context: delivery(trailArn, "private") },
            { action: "s3:PutObject", resource: arns.s3Objects(bucket, "AWSLogs/210987654321/x"), principal: "cloudtrail.amazonaws.com", context: delivery(trailArn) },
            { action: "s3:PutObject", resource: key, principal: "cloudtrail.amazonaws.com", context: { ...delivery(trailArn), "aws:SecureTransport": "false" } },
            { action: "s3:GetObject", resource: key, principal: "cloudtrail.amazonaws.com", context: delivery(trailArn) },
            { action: "s3:PutObject", resource: key, principal: "config.amazonaws.com", context: delivery(trailArn) },
        ]), []);
    });

    it("lets CloudTrail write the trail's log group only, for this trail only", async () => {
        const logsRole = role(prod.roles.cloudTrailLogs, cloudTrailLogsPolicy(arns, prod));
        const stream = `${arns.logGroup(prod.trailLogGroup)}:log-stream:123456789012_CloudTrail_us-east-1`;
        assert.deepEqual(await mismatches(logsRole, "Allowed", [{ action: "logs:CreateLogStream", resource: stream }, { action: "logs:PutLogEvents", resource: stream }]), []);
        assert.deepEqual(await mismatches(logsRole, "Denied", [
            { action: "logs:PutLogEvents", resource: `${arns.logGroup(prod.functionLogGroups.predict)}:log-stream:x` },
            { action: "logs:DeleteLogGroup", resource: arns.logGroup(prod.trailLogGroup) },
        ]), []);
        const roleArn = arns.iamRole(prod.roles.cloudTrailLogs);
        const trust = { arn: roleArn, policies: [], resourcePolicy: render(serviceTrustPolicy(cloudTrailLogsTrust(arns, prod))) };
        const ours = { "aws:SourceAccount": "123456789012", "aws:SourceArn": trailArn };
        assert.deepEqual(await mismatches(trust, "Allowed", [{ action: "sts:AssumeRole", resource: roleArn, principal: "cloudtrail.amazonaws.com", context: ours }]), []);
        assert.deepEqual(await mismatches(trust, "Denied", [
            { action: "sts:AssumeRole", resource: roleArn, principal: "cloudtrail.amazonaws.com", context: { ...ours, "aws:SourceArn": arns.cloudtrailTrail("another-trail") } },
        ]), []);
    });
});
