/**
 * The optional API Gateway CloudWatch Logs role (seed 003, "API Gateway" 2): the scoped
 * equivalent of AmazonAPIGatewayPushToCloudWatchLogs for this API's execution logs and the
 * project's access log group. API Gateway's own metrics (request count, latency) are published
 * by the service and need no permission. API Gateway uses one such role per account and region
 * (`aws.apigateway.Account`, an account-wide setting this program does not change): point the
 * account at this role only where this API is the account's only REST API with logging.
 */
import { Arns } from "../iam/arn";
import { PolicyDocument, allow, anyResource, policy } from "../iam/document";
import { TrustArgs } from "../iam/trust";
import { EngagementNames } from "./names";

/** API Gateway names execution log groups `API-Gateway-Execution-Logs_<apiId>/<stage>` and creates them itself. */
export function executionLogGroups(apiId: string): string {
    return `API-Gateway-Execution-Logs_${apiId}/*`;
}

export function apiGatewayLogsPolicy(arns: Arns, names: EngagementNames, apiId: string): PolicyDocument {
    const groups = [executionLogGroups(apiId), names.apiAccessLogGroup];
    return policy(
        allow("ApiLogGroups", ["logs:CreateLogGroup", "logs:DescribeLogStreams"], groups.map((g) => arns.logGroup(g))),
        allow("WriteApiLogStreams", ["logs:CreateLogStream", "logs:PutLogEvents"], groups.map((g) => arns.logStreams(g))),
        // DescribeLogGroups has no resource type in the IAM data: only `*` works.
        allow("FindLogGroups", ["logs:DescribeLogGroups"], anyResource),
    );
}

/** API Gateway assumes the role for this account only (confused-deputy guard). */
export function apiGatewayTrust(arns: Arns): TrustArgs {
    return { services: ["apigateway.amazonaws.com"], accountId: arns.scope.accountId };
}
