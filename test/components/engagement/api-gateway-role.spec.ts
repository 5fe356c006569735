import { strict as assert } from "assert";
import { render } from "../../../components/iam/document";
import { serviceTrustPolicy } from "../../../components/iam/trust";
import { apiGatewayLogsPolicy, apiGatewayTrust } from "../../../components/engagement/api-gateway-role";
import { mismatches } from "../../support/simulate";
import { arns, prod, role, seedSection } from "./fixtures";

describe("seed 003 API Gateway CloudWatch Logs role", () => {
    const apiId = "prodapi001";
    const logsRole = role(prod.roles.apiGatewayLogs, apiGatewayLogsPolicy(arns, prod, apiId));
    const execution = arns.logGroup(`API-Gateway-Execution-Logs_${apiId}/prod`);

    it("is the seed's API Gateway CloudWatch grant: log streams and events", () => {
        const section = seedSection("API Gateway");
        assert.match(section, /Create log streams/);
        assert.match(section, /Put log events/);
    });

    it("writes this API's execution logs and the project's access log group", async () => {
        assert.deepEqual(await mismatches(logsRole, "Allowed", [
            { action: "logs:CreateLogGroup", resource: execution },
            { action: "logs:CreateLogStream", resource: `${execution}:log-stream:abc` },
            { action: "logs:PutLogEvents", resource: `${execution}:log-stream:abc` },
            { action: "logs:PutLogEvents", resource: `${arns.logGroup(prod.apiAccessLogGroup)}:log-stream:abc` },
            { action: "logs:DescribeLogGroups" },
        ]), []);
    });

    it("writes no other API's or service's logs, and deletes nothing", async () => {
        assert.deepEqual(await mismatches(logsRole, "Denied", [
            { action: "logs:PutLogEvents", resource: `${arns.logGroup("API-Gateway-Execution-Logs_otherapi01/prod")}:log-stream:abc` },
            { action: "logs:PutLogEvents", resource: `${arns.logGroup(prod.functionLogGroups.predict)}:log-stream:abc` },
            { action: "logs:DeleteLogGroup", resource: execution },
            { action: "logs:PutRetentionPolicy", resource: arns.logGroup(prod.apiAccessLogGroup) },
        ]), []);
    });

    it("is assumed by API Gateway for this account only", async () => {
        const roleArn = arns.iamRole(prod.roles.apiGatewayLogs);
        const trust = { arn: roleArn, policies: [], resourcePolicy: render(serviceTrustPolicy(apiGatewayTrust(arns))) };
        assert.deepEqual(await mismatches(trust, "Allowed", [{ action: "sts:AssumeRole", resource: roleArn, principal: "apigateway.amazonaws.com", context: { "aws:SourceAccount": "123456789012" } }]), []);
        assert.deepEqual(await mismatches(trust, "Denied", [
            { action: "sts:AssumeRole", resource: roleArn, principal: "apigateway.amazonaws.com", context: { "aws:SourceAccount": "210987654321" } },
            { action: "sts:AssumeRole", resource: roleArn, principal: "lambda.amazonaws.com", context: { "aws:SourceAccount": "123456789012" } },
        ]), []);
    });
});
