/**
 * `no-long-lived-credentials` (security): IAM user credentials that do not expire by themselves.
 * Seeds 000 and 004 say production runs as a role (temporary credentials from STS) with no
 * static credentials; dev stacks legitimately make access keys, so there it is advisory. Each
 * entry says what the credential is and the AWS page that calls it long-term.
 */
import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { ExemptedFindings } from "../document-policy";
import { known, unknownValue } from "../iam/resource-documents";
import { resourceFindingsPolicy } from "../resource-findings-policy";

export interface LongLivedCredential {
    readonly type: string;
    readonly what: string;
    /** The input naming the user, for the message. */
    readonly userField: string;
    /** An input whose presence makes the resource a credential (aws-native's `User.loginProfile`); absent: always. */
    readonly presentField?: string;
    readonly source: string;
}

export const longLivedCredentials: readonly LongLivedCredential[] = [
    { type: "aws:iam/accessKey:AccessKey", what: "an access key (a secret that works until someone deletes it)", userField: "user",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html" },
    { type: "aws:iam/userLoginProfile:UserLoginProfile", what: "a console password for an IAM user", userField: "user",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp" },
    { type: "aws-native:iam:User", what: "a console password for an IAM user (loginProfile)", userField: "userName", presentField: "loginProfile",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp" },
    { type: "aws:iam/serviceSpecificCredential:ServiceSpecificCredential", what: "a service-specific credential (CodeCommit Git password, Keyspaces or Bedrock long-term API key)", userField: "userName",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_service-specific-creds.html" },
    { type: "aws:iam/signingCertificate:SigningCertificate", what: "an X.509 signing certificate for an IAM user", userField: "userName",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html" },
    { type: "aws:iam/sshKey:SshKey", what: "an SSH public key for an IAM user (CodeCommit access that does not expire)", userField: "username",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_ssh-keys.html" },
    // The same made by a CloudFormation template (aws.cloudformation.Stack, Cloud Control): CloudFormation's own types, which aws-native does not offer.
    { type: "AWS::IAM::AccessKey", what: "an access key (a secret that works until someone deletes it)", userField: "UserName",
        source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-accesskey.html" },
    { type: "AWS::IAM::ServiceSpecificCredential", what: "a service-specific credential (CodeCommit Git password, Keyspaces or Bedrock long-term API key)", userField: "UserName",
        source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-servicespecificcredential.html" },
];

const byType = new Map(longLivedCredentials.map((c) => [c.type, c]));
const credentialTypes: ReadonlySet<string> = new Set(byType.keys());

const shown = (value: unknown) => (value === unknownValue ? "(not known at preview)" : typeof value === "string" && value !== "" ? JSON.stringify(value) : "(unnamed)");

/** The finding for one resource, or `undefined` when it makes no long-lived credential. */
export function credentialFinding(resourceName: string, type: string, props: Record<string, unknown>): string | undefined {
    const credential = byType.get(type);
    if (credential === undefined) return undefined;
    if (credential.presentField !== undefined) {
        const present = known(props, credential.presentField);
        if (present === undefined || present === null) return undefined;
    }
    const field = credential.presentField ?? "credential";
    return `${resourceName} › ${field}: ${credential.what} for user ${shown(known(props, credential.userField))} is a long-lived credential; ` +
        `seeds 000 and 004: production runs as a role with temporary credentials, no static credentials (AWS: ${credential.source})\n` +
        "fix: run the application under a role (stack config principal: role with trustedServices) and remove the credential; keep access keys to dev";
}

export function longLivedCredentialsPolicy(enforcementLevel: EnforcementLevel, exempted: ExemptedFindings): ResourceValidationPolicy {
    return resourceFindingsPolicy({
        name: "no-long-lived-credentials",
        description: "No IAM access keys, console passwords, service-specific credentials, signing certificates or SSH keys (production uses roles; seeds 000, 004).",
        enforcementLevel, exempted, types: credentialTypes,
        findings: (resourceName, type, props) => {
            const message = credentialFinding(resourceName, type, props);
            return message === undefined ? [] : [{ path: byType.get(type)?.presentField ?? "credential", message }];
        },
    });
}
