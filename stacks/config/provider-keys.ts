/**
 * The config keys outside the project's namespace that the program reads or lets through. Every
 * other key is refused: a key nobody reads is a setting that silently does nothing (`aws:region`
 * would leave every ARN in the project's region while the author thinks otherwise).
 */

/** `aws:` keys `stacks/provider.ts` passes to the stack's one provider (a spec checks the two agree). */
export const providerKeys = [
    "accessKey", "secretKey", "endpoints", "s3UsePathStyle",
    "skipCredentialsValidation", "skipMetadataApiCheck", "skipRequestingAccountId", "skipRegionValidation",
] as const;

/** `aws:` keys whose job the project's own config does: the provider is built from these instead. */
export const providerKeysReadFromProject: Readonly<Record<string, string>> = {
    region: "region",
    allowedAccountIds: "accountId",
    defaultTags: "environment",
};

/**
 * `pulumi:` keys belong to the engine, which reads them itself (`pulumi:disable-default-providers`,
 * `pulumi:tags`, `pulumi:template`); the program neither reads nor refuses them.
 */
export const engineNamespace = "pulumi";
