import { strict as assert } from "assert";
import { functionResourcePolicy, invokePermissions } from "../../../components/engagement/invoke-permissions";
import { mismatches } from "../../support/simulate";
import { arns, prod } from "./fixtures";

const route = { apiId: "prodapi001", stage: "prod", method: "POST", path: "predict" };
const permissions = invokePermissions(arns, prod, { api: route, agentId: "AGPROD0001" });
const onFunction = (fn: "predict" | "bedrock_action_handler") => ({
    arn: "arn:aws:iam::123456789012:role/unused-identity",
    policies: [],
    resourcePolicy: functionResourcePolicy(arns, permissions, fn),
});
const predictArn = arns.lambdaFunction(prod.functions.predict);
const handlerArn = arns.lambdaFunction(prod.functions.bedrock_action_handler);
const fromApi = (sourceArn: string) => ({ "aws:SourceArn": sourceArn, "aws:SourceAccount": "123456789012" });

describe("seed 003 resource-based invoke grants", () => {
    it("are two Lambda permissions, on predict and on bedrock_action_handler, by configured function name", () => {
        assert.deepEqual(permissions.map((p) => [p.functionName, p.principal, p.sourceArn]), [
            ["engagement-predict-prod", "apigateway.amazonaws.com", "arn:aws:execute-api:us-east-1:123456789012:prodapi001/prod/POST/predict"],
            ["engagement-bedrock_action_handler-prod", "bedrock.amazonaws.com", "arn:aws:bedrock:us-east-1:123456789012:agent/AGPROD0001"],
        ]);
    });

    it("let API Gateway invoke predict from the configured route only", async () => {
        assert.deepEqual(await mismatches(onFunction("predict"), "Allowed", [
            { action: "lambda:InvokeFunction", resource: predictArn, principal: "apigateway.amazonaws.com", context: fromApi("arn:aws:execute-api:us-east-1:123456789012:prodapi001/prod/POST/predict") },
        ]), []);
        assert.deepEqual(await mismatches(onFunction("predict"), "Denied", [
            { action: "lambda:InvokeFunction", resource: predictArn, principal: "apigateway.amazonaws.com", context: fromApi("arn:aws:execute-api:us-east-1:123456789012:prodapi001/prod/GET/predict") },
            { action: "lambda:InvokeFunction", resource: predictArn, principal: "apigateway.amazonaws.com", context: fromApi("arn:aws:execute-api:us-east-1:123456789012:prodapi001/test/POST/predict") },
            { action: "lambda:InvokeFunction", resource: predictArn, principal: "apigateway.amazonaws.com", context: fromApi("arn:aws:execute-api:us-east-1:210987654321:otherapi01/prod/POST/predict") },
            { action: "lambda:InvokeFunction", resource: predictArn, principal: "apigateway.amazonaws.com" },
            { action: "lambda:InvokeFunction", resource: predictArn, principal: "bedrock.amazonaws.com", context: fromApi("arn:aws:bedrock:us-east-1:123456789012:agent/AGPROD0001") },
        ]), []);
    });

    it("let the configured Bedrock agent invoke the action handler, and nothing else invoke it", async () => {
        const fromAgent = (agentArn: string, account = "123456789012") => ({ "aws:SourceArn": agentArn, "aws:SourceAccount": account });
        assert.deepEqual(await mismatches(onFunction("bedrock_action_handler"), "Allowed", [
            { action: "lambda:InvokeFunction", resource: handlerArn, principal: "bedrock.amazonaws.com", context: fromAgent(arns.bedrockAgent("AGPROD0001")) },
        ]), []);
        assert.deepEqual(await mismatches(onFunction("bedrock_action_handler"), "Denied", [
            { action: "lambda:InvokeFunction", resource: handlerArn, principal: "bedrock.amazonaws.com", context: fromAgent(arns.bedrockAgent("AGOTHER001")) },
            { action: "lambda:InvokeFunction", resource: handlerArn, principal: "bedrock.amazonaws.com", context: fromAgent(arns.bedrockAgent("AGPROD0001"), "210987654321") },
            { action: "lambda:InvokeFunction", resource: handlerArn, principal: "apigateway.amazonaws.com", context: fromApi("arn:aws:execute-api:us-east-1:123456789012:prodapi001/prod/POST/predict") },
        ]), []);
    });

    it("grant nothing until the API and the agent exist", () => {
        assert.deepEqual(invokePermissions(arns, prod, {}), []);
        assert.deepEqual(invokePermissions(arns, prod, { agentId: "AGPROD0001" }).map((p) => p.functionKey), ["bedrock_action_handler"]);
        assert.deepEqual(invokePermissions(arns, prod, { api: { ...route, stage: "*", method: "*" } }).map((p) => p.sourceArn),
            ["arn:aws:execute-api:us-east-1:123456789012:prodapi001/*/*/predict"]);
    });
});
