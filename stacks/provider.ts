/**
 * The stack's one AWS provider: the configured region, and `allowedAccountIds` from config so
 * that `pulumi up` refuses any other account. Standard `aws:` keys that point the provider
 * elsewhere (LocalStack endpoints, dummy keys, skip flags) pass through from stack config.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackBasics } from "./config/stack-config";

export function awsProvider(basics: StackBasics): aws.Provider {
    const cfg = new pulumi.Config("aws");
    return new aws.Provider("aws", {
        region: basics.region as aws.Region,
        allowedAccountIds: [basics.accountId],
        accessKey: cfg.get("accessKey"),
        secretKey: cfg.getSecret("secretKey"),
        endpoints: cfg.getObject<aws.types.input.ProviderEndpoint[]>("endpoints"),
        s3UsePathStyle: cfg.getBoolean("s3UsePathStyle"),
        skipCredentialsValidation: cfg.getBoolean("skipCredentialsValidation"),
        skipMetadataApiCheck: cfg.getBoolean("skipMetadataApiCheck"),
        skipRequestingAccountId: cfg.getBoolean("skipRequestingAccountId"),
        skipRegionValidation: cfg.getBoolean("skipRegionValidation"),
    });
}
