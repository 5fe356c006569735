/**
 * The Pulumi program: read and validate config first (nothing is registered on bad config),
 * then one provider, then each enabled workload. Returns the stack outputs.
 */
import { TextractOcr } from "../components/textract-ocr";
import { BedrockModelAccess } from "../components/bedrock-model-access";
import { SmsSender } from "../components/sms-sender";
import { readBedrockConfig } from "./config/bedrock";
import { readSmsConfig } from "./config/sms";
import { EngagementPlatform } from "../components/engagement/engagement-platform";
import { readEngagementConfig } from "./config/engagement";
import { readOcrConfig } from "./config/ocr";
import { projectConfig, readBasics } from "./config/stack-config";
import { awsProvider } from "./provider";

export function deployStack(): Record<string, unknown> {
    const root = projectConfig();
    const basics = readBasics(root);
    const ocr = readOcrConfig(root.section("ocr"), basics);
    const bedrock = readBedrockConfig(root.section("bedrock"), basics);
    const sms = readSmsConfig(root.section("sms"), basics);
    const engagement = readEngagementConfig(root.section("engagement"), basics);

    const provider = awsProvider(basics);
    const opts = { providers: [provider] };
    const outputs: Record<string, unknown> = { environment: basics.environment, accountId: basics.accountId, region: basics.region };

    if (ocr.enabled) {
        const workload = new TextractOcr("meddocparser-ocr", ocr.args, opts);
        outputs.ocr = {
            bucketName: workload.bucket.bucketName,
            bucketArn: workload.bucket.bucketArn,
            principalArn: workload.principal.arn,
            policyArn: workload.policy.arn,
            policyJson: workload.policyJson,
            appSettings: workload.appSettings,
            accessKeyId: workload.accessKeyId,
            secretAccessKey: workload.secretAccessKey,
        };
    }
    if (engagement.enabled) {
        const platform = new EngagementPlatform("engagement", engagement.args, opts);
        outputs.engagement = {
            roleArns: platform.roleArns,
            policies: platform.policies,
            bucketNames: platform.names.buckets,
            functionNames: platform.names.functions,
            athenaWorkgroup: platform.names.athenaWorkgroup,
            glueDatabase: platform.names.glueDatabase,
            predictionTable: platform.names.predictionTable,
            repositories: platform.names.repositories,
            stateMachine: platform.names.stateMachine,
            secretsPath: platform.names.secretsPath,
            invokePermissions: platform.invokePermissions.map((p) => ({ function: p.functionName, principal: p.principal, sourceArn: p.sourceArn })),
            trailArn: platform.hardening.trailArn,
            analyzerName: platform.hardening.analyzerName,
        };
    }
    if (bedrock.enabled) {
        const access = new BedrockModelAccess("wealth-management-bedrock", bedrock.args, opts);
        outputs.bedrock = {
            principalArn: access.principal.arn,
            policyName: access.policyName,
            policyArn: access.policyArn,
            policyJson: access.policyJson,
            modelArn: access.modelArn,
            budgetName: access.budgetName,
            accessKeyId: access.accessKeyId,
            secretAccessKey: access.secretAccessKey,
        };
    }
    if (sms.enabled) {
        const sender = new SmsSender("aws-eum-x", sms.args, opts);
        outputs.sms = {
            principalArn: sender.principal.arn,
            policyArn: sender.policy.arn,
            policyJson: sender.policyJson,
            regions: sender.regions,
            trustPolicy: sender.trustPolicy,
            budgetName: sender.budgetName,
            accessKeyId: sender.accessKeyId,
            secretAccessKey: sender.secretAccessKey,
        };
    }
    return outputs;
}
