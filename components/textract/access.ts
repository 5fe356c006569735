/**
 * Textract access building blocks, from AWS's "Identity and Access Management for Amazon
 * Textract" (seed 002). Textract's analysis actions have no resource types, so they take `*`;
 * S3 input and the SNS channel are where scoping happens.
 */
import { Arns } from "../iam/arn";
import { PolicyDocument, Statement, allow, anyResource, policy } from "../iam/document";
import { passedToService } from "../iam/conditions";

/** The synchronous operations (seed 002, "Giving Access to Synchronous Operations"). */
export const syncActions = ["textract:DetectDocumentText", "textract:AnalyzeDocument"] as const;

/** The asynchronous Start/Get pairs (seed 002, "Giving Access to Asynchronous Operations"). */
export const asyncActions = [
    "textract:StartDocumentTextDetection",
    "textract:StartDocumentAnalysis",
    "textract:GetDocumentTextDetection",
    "textract:GetDocumentAnalysis",
] as const;

/** The Textract service principal, for service roles and `iam:PassedToService`. */
export const textractService = "textract.amazonaws.com";

export function syncOperations(sid = "TextractSyncOperations"): Statement {
    return allow(sid, syncActions, anyResource);
}

export function asyncOperations(sid = "TextractAsyncOperations"): Statement {
    return allow(sid, asyncActions, anyResource);
}

/** Async jobs read their input from S3 with the caller's credentials: read of the input location only. */
export function asyncInputRead(arns: Arns, bucket: string, keyPattern = "*", sid = "TextractAsyncInputRead"): Statement {
    return allow(sid, ["s3:GetObject"], arns.s3Objects(bucket, keyPattern));
}

/** Lets the caller hand Textract the notification role, and only to Textract. */
export function passNotificationRole(roleArn: string, sid = "PassTextractNotificationRole"): Statement {
    return allow(sid, ["iam:PassRole"], roleArn, passedToService(textractService));
}

/** What the Textract service role may do: publish job completion to the one topic. */
export function notificationPublish(topicArn: string): PolicyDocument {
    return policy(allow("PublishTextractJobStatus", ["sns:Publish"], topicArn));
}

/** Seed 002's "Allow Users to View Their Own Permissions", in the configured partition. */
export function viewOwnPermissions(arns: Arns): PolicyDocument {
    return policy(
        allow("ViewOwnUserInfo", [
            "iam:GetUserPolicy",
            "iam:ListGroupsForUser",
            "iam:ListAttachedUserPolicies",
            "iam:ListUserPolicies",
            "iam:GetUser",
        ], [`arn:${arns.scope.partition}:iam::*:user/\${aws:username}`]),
        allow("NavigateInConsole", [
            "iam:GetGroupPolicy",
            "iam:GetPolicyVersion",
            "iam:GetPolicy",
            "iam:ListAttachedGroupPolicies",
            "iam:ListGroupPolicies",
            "iam:ListPolicyVersions",
            "iam:ListPolicies",
            "iam:ListUsers",
        ], anyResource),
    );
}
