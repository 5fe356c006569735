/**
 * The Pulumi program: read and validate config first (nothing is registered on bad config),
 * then one provider, then each enabled workload. Returns the stack outputs.
 */
import { TextractOcr } from "../components/textract-ocr";
import { readOcrConfig } from "./config/ocr";
import { projectConfig, readBasics } from "./config/stack-config";
import { awsProvider } from "./provider";

export function deployStack(): Record<string, unknown> {
    const root = projectConfig();
    const basics = readBasics(root);
    const ocr = readOcrConfig(root.section("ocr"), basics);

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
    return outputs;
}
