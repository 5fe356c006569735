/**
 * The published one-step IAM privilege-escalation methods and the actions that switch off an
 * account's guardrails, as data for `no-privilege-escalation` and `no-guardrail-disabling`. Each
 * entry carries why it matters and the public page that documents it. Action names are the
 * canonical `service:Action` spellings of the IAM data; matching is case-insensitive and goes
 * through the pack's action expansion (`iam:Put*`, `iam:*Policy*`, `*`, NotAction).
 */

const rhino = "Rhino Security Labs, \"AWS IAM Privilege Escalation – Methods and Mitigation\", https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/";
const bishopFox = "Bishop Fox, iam-vulnerable, https://github.com/BishopFox/iam-vulnerable";
const cloudsplaining = "Salesforce cloudsplaining, privilege-escalation methods, https://github.com/salesforce/cloudsplaining";
const pathfinding = "Datadog, pathfinding.cloud, https://pathfinding.cloud/";
const boundaries = "AWS IAM User Guide, \"Permissions boundaries for IAM entities\", https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html";
const selfManage = "AWS IAM User Guide, \"IAM: Allows IAM users to manage their own credentials\", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html";
const scpExamples = "AWS Organizations User Guide, \"Example service control policies\", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html";
const scpConfig = "AWS Organizations User Guide, \"Example SCPs for AWS Config: Prevent users from disabling AWS Config or changing its rules\", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_config.html";
const scpTrails = "AWS samples, service-control-policy-examples, \"Deny modifications to specific CloudTrail trails\", https://github.com/aws-samples/service-control-policy-examples/blob/main/Deny-changes-to-security-services/Deny-modifications-to-specific-CloudTrail-trails.json";
const stratus = "Datadog Stratus Red Team, AWS defense-evasion techniques, https://stratus-red-team.cloud/attack-techniques/AWS/";
const securityHub = "AWS Security Hub, \"Security Hub controls reference\", https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-controls-reference.html";
const cis = "CIS Amazon Web Services Foundations Benchmark v3.0.0, https://www.cisecurity.org/benchmark/amazon_web_services";

/** What the holder can act on: the ARN shape the action's resource names. */
export type EscalationTarget = "role" | "user" | "group" | "policy" | "function" | "devendpoint";

/** What the holder gains, in the words a finding uses (`{target}` is replaced by "any role", "its own user x"...). */
export const escalationVerbs = {
    "write-permissions": "write or attach permissions policies onto {target}",
    "policy-version": "write a new default version of {target}",
    "boundary": "remove or replace the permissions boundary of {target}",
    "trust": "rewrite the trust policy of {target} to let itself in",
    "credentials": "create passwords or access keys for {target}, and so sign in as them",
    "group-membership": "add users, itself included, to {target}",
    "assume": "assume {target}",
    "existing-compute": "replace the code of {target} and run it with their roles",
} as const;

export type EscalationKind = keyof typeof escalationVerbs;

/** Condition keys that, naming specific policies, make a grant not escalation. */
export type NarrowingKey = "iam:PolicyARN" | "iam:PermissionsBoundary";

export interface EscalationGrant {
    readonly action: string;
    readonly kind: EscalationKind;
    readonly target: EscalationTarget;
    /**
     * Whether granting it on the holder's own role, user, group or policy is escalation. Writing
     * one's own permissions is; making access keys for oneself is the self-service AWS documents.
     */
    readonly own: boolean;
    /** Condition keys that narrow it when they name specific, non-administrator policies. */
    readonly narrowedBy: readonly NarrowingKey[];
    readonly reason: string;
    readonly source: string;
}

export const escalationGrants: readonly EscalationGrant[] = [
    { action: "iam:PutRolePolicy", kind: "write-permissions", target: "role", own: true, narrowedBy: ["iam:PermissionsBoundary"], reason: "writes an inline policy granting anything onto a role the holder is or can become", source: rhino },
    { action: "iam:AttachRolePolicy", kind: "write-permissions", target: "role", own: true, narrowedBy: ["iam:PolicyARN", "iam:PermissionsBoundary"], reason: "attaches AdministratorAccess (or any policy) to a role the holder is or can become", source: rhino },
    { action: "iam:PutUserPolicy", kind: "write-permissions", target: "user", own: true, narrowedBy: ["iam:PermissionsBoundary"], reason: "writes an inline policy granting anything onto a user, the holder itself included", source: rhino },
    { action: "iam:AttachUserPolicy", kind: "write-permissions", target: "user", own: true, narrowedBy: ["iam:PolicyARN", "iam:PermissionsBoundary"], reason: "attaches AdministratorAccess (or any policy) to a user, the holder itself included", source: rhino },
    { action: "iam:PutGroupPolicy", kind: "write-permissions", target: "group", own: true, narrowedBy: [], reason: "writes an inline policy granting anything onto a group the holder belongs to", source: rhino },
    { action: "iam:AttachGroupPolicy", kind: "write-permissions", target: "group", own: true, narrowedBy: ["iam:PolicyARN"], reason: "attaches AdministratorAccess (or any policy) to a group the holder belongs to", source: rhino },
    { action: "iam:CreatePolicyVersion", kind: "policy-version", target: "policy", own: true, narrowedBy: [], reason: "creates a new version of a managed policy attached to the holder, set as default in the same call, granting anything", source: rhino },
    { action: "iam:SetDefaultPolicyVersion", kind: "policy-version", target: "policy", own: true, narrowedBy: [], reason: "switches a managed policy attached to the holder to an older, broader version", source: rhino },
    { action: "iam:DeleteRolePermissionsBoundary", kind: "boundary", target: "role", own: true, narrowedBy: [], reason: "removes the boundary that caps a role's permissions", source: `${boundaries}; ${pathfinding}` },
    { action: "iam:DeleteUserPermissionsBoundary", kind: "boundary", target: "user", own: true, narrowedBy: [], reason: "removes the boundary that caps a user's permissions", source: `${boundaries}; ${pathfinding}` },
    { action: "iam:PutRolePermissionsBoundary", kind: "boundary", target: "role", own: true, narrowedBy: ["iam:PermissionsBoundary"], reason: "replaces a role's boundary with a broader policy", source: `${boundaries}; ${pathfinding}` },
    { action: "iam:PutUserPermissionsBoundary", kind: "boundary", target: "user", own: true, narrowedBy: ["iam:PermissionsBoundary"], reason: "replaces a user's boundary with a broader policy", source: `${boundaries}; ${pathfinding}` },
    { action: "iam:UpdateAssumeRolePolicy", kind: "trust", target: "role", own: false, narrowedBy: ["iam:PermissionsBoundary"], reason: "rewrites a role's trust policy to name the holder, which then assumes it (a same-account trust naming the principal needs no sts:AssumeRole grant)", source: `${rhino}; ${cloudsplaining}` },
    { action: "iam:CreateAccessKey", kind: "credentials", target: "user", own: false, narrowedBy: [], reason: "creates an access key for another user, the holder then acts as that user", source: rhino },
    { action: "iam:CreateLoginProfile", kind: "credentials", target: "user", own: false, narrowedBy: [], reason: "sets a console password on a user that has none, the holder then signs in as that user", source: rhino },
    { action: "iam:UpdateLoginProfile", kind: "credentials", target: "user", own: false, narrowedBy: [], reason: "changes another user's console password, the holder then signs in as that user", source: rhino },
    { action: "iam:AddUserToGroup", kind: "group-membership", target: "group", own: false, narrowedBy: [], reason: "adds the holder to any group, an administrators group included", source: rhino },
    { action: "sts:AssumeRole", kind: "assume", target: "role", own: false, narrowedBy: [], reason: "assumes every role whose trust policy lets the account in (`arn:aws:iam::<account>:root`)", source: `${bishopFox}; ${cloudsplaining}` },
    { action: "lambda:UpdateFunctionCode", kind: "existing-compute", target: "function", own: false, narrowedBy: [], reason: "replaces the code of an existing function, which then runs with the function's (possibly more privileged) role", source: rhino },
    { action: "glue:UpdateDevEndpoint", kind: "existing-compute", target: "devendpoint", own: false, narrowedBy: [], reason: "adds the holder's SSH key to an existing Glue development endpoint and runs code with its role", source: rhino },
];

/**
 * Actions that, with `iam:PassRole` on any role, start or change compute that runs as the passed
 * role: the holder picks the most privileged role in the account. `requires` lists groups of
 * actions; each group needs one action granted somewhere in the document.
 */
export interface PassRoleCombination {
    readonly name: string;
    readonly requires: readonly (readonly string[])[];
    /** The service principal the role is passed to (matched against `iam:PassedToService`). */
    readonly service: string;
    readonly source: string;
}

export const passRoleCombinations: readonly PassRoleCombination[] = [
    { name: "an EC2 instance with the role's instance profile", requires: [["ec2:RunInstances", "ec2:RequestSpotInstances"]], service: "ec2.amazonaws.com", source: rhino },
    { name: "a new Lambda function, then invoked or triggered", requires: [["lambda:CreateFunction"], ["lambda:InvokeFunction", "lambda:CreateEventSourceMapping", "lambda:AddPermission", "lambda:CreateFunctionUrlConfig"]], service: "lambda.amazonaws.com", source: `${rhino}; ${cloudsplaining}` },
    { name: "a change to an existing Lambda function's role", requires: [["lambda:UpdateFunctionConfiguration"]], service: "lambda.amazonaws.com", source: pathfinding },
    { name: "a Glue development endpoint", requires: [["glue:CreateDevEndpoint"]], service: "glue.amazonaws.com", source: rhino },
    { name: "a Glue job, then run", requires: [["glue:CreateJob", "glue:UpdateJob"], ["glue:StartJobRun", "glue:CreateTrigger"]], service: "glue.amazonaws.com", source: pathfinding },
    { name: "a CloudFormation stack that creates anything the role may", requires: [["cloudformation:CreateStack", "cloudformation:UpdateStack", "cloudformation:CreateChangeSet", "cloudformation:CreateStackSet"]], service: "cloudformation.amazonaws.com", source: `${rhino}; ${pathfinding}` },
    { name: "a Data Pipeline that runs commands", requires: [["datapipeline:CreatePipeline"], ["datapipeline:PutPipelineDefinition"]], service: "datapipeline.amazonaws.com", source: rhino },
    { name: "an ECS task whose overrides name the role as task role", requires: [["ecs:RunTask", "ecs:StartTask"]], service: "ecs-tasks.amazonaws.com", source: `${pathfinding}; ${bishopFox}` },
    { name: "an ECS task definition with the role, then run as a service", requires: [["ecs:RegisterTaskDefinition"], ["ecs:CreateService", "ecs:UpdateService"]], service: "ecs-tasks.amazonaws.com", source: `${pathfinding}; ${bishopFox}` },
    { name: "a SageMaker notebook, training or processing job", requires: [["sagemaker:CreateNotebookInstance", "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob"]], service: "sagemaker.amazonaws.com", source: `${bishopFox}; ${pathfinding}` },
    { name: "a CodeBuild project, then built", requires: [["codebuild:CreateProject", "codebuild:UpdateProject"], ["codebuild:StartBuild", "codebuild:StartBuildBatch"]], service: "codebuild.amazonaws.com", source: `${bishopFox}; ${pathfinding}` },
];

/**
 * AWS managed policies whose attachment is itself administrator access (or IAM control): an
 * `iam:PolicyARN` or `iam:PermissionsBoundary` condition naming one of them narrows nothing.
 */
export const administratorPolicies: readonly string[] = [
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/IAMFullAccess",
    "arn:aws:iam::aws:policy/PowerUserAccess",
    "arn:aws:iam::aws:policy/AdministratorAccess-Amplify",
    "arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk",
    "arn:aws:iam::aws:policy/AWSOrganizationsFullAccess",
];

export interface GuardrailAction {
    readonly action: string;
    /** What switching it off loses. */
    readonly reason: string;
    readonly source: string;
}

export const guardrailActions: readonly GuardrailAction[] = [
    { action: "s3:PutAccountPublicAccessBlock", reason: "turns off the account-wide S3 Block Public Access", source: `${securityHub} (S3.1); ${cis} 2.1.4` },
    { action: "s3:PutBucketPublicAccessBlock", reason: "turns off Block Public Access on buckets", source: `${securityHub} (S3.8)` },
    { action: "ec2:DisableEbsEncryptionByDefault", reason: "lets new EBS volumes be created unencrypted", source: `${securityHub} (EC2.7); ${cis} 2.2.1` },
    { action: "cloudtrail:StopLogging", reason: "stops a trail recording API calls", source: `${scpTrails}; ${stratus}` },
    { action: "cloudtrail:DeleteTrail", reason: "deletes a trail", source: `${scpTrails}; ${stratus}` },
    { action: "cloudtrail:PutEventSelectors", reason: "can exclude management events from a trail, so IAM calls go unrecorded", source: `${scpTrails}; ${stratus} (cloudtrail-event-selectors)` },
    { action: "cloudtrail:UpdateTrail", reason: "can point a trail at another bucket or make it single-region", source: scpTrails },
    { action: "guardduty:DeleteDetector", reason: "switches GuardDuty off in the region", source: `${scpExamples} (Prevent users from disabling GuardDuty)` },
    { action: "guardduty:UpdateDetector", reason: "can suspend the detector (Enable: false)", source: `${scpExamples} (Prevent users from disabling GuardDuty)` },
    { action: "guardduty:DisassociateFromMasterAccount", reason: "takes the account out of the organization's GuardDuty administrator", source: `${scpExamples} (Prevent users from disabling GuardDuty)` },
    { action: "guardduty:DisassociateFromAdministratorAccount", reason: "takes the account out of the organization's GuardDuty administrator", source: `${scpExamples} (Prevent users from disabling GuardDuty)` },
    { action: "guardduty:StopMonitoringMembers", reason: "stops GuardDuty monitoring member accounts", source: `${scpExamples} (Prevent users from disabling GuardDuty)` },
    { action: "organizations:LeaveOrganization", reason: "takes the account out of its organization and every SCP with it", source: `${scpExamples} (Prevent member accounts from leaving the organization); ${stratus}` },
    { action: "config:StopConfigurationRecorder", reason: "stops AWS Config recording changes", source: `${scpConfig}; ${cis} 3.3` },
    { action: "config:DeleteConfigurationRecorder", reason: "deletes AWS Config's recorder", source: scpConfig },
    { action: "config:DeleteDeliveryChannel", reason: "deletes where AWS Config delivers its history", source: scpConfig },
    { action: "securityhub:DisableSecurityHub", reason: "switches Security Hub off", source: "AWS Security Hub User Guide, \"Disabling Security Hub\", https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-disable.html" },
    { action: "access-analyzer:DeleteAnalyzer", reason: "deletes IAM Access Analyzer, which reports resources shared outside the account", source: `${cis} 1.20; ${securityHub} (IAM.28)` },
    { action: "macie2:DisableMacie", reason: "switches Macie off and deletes its findings", source: "Amazon Macie User Guide, \"Suspending or disabling Macie\", https://docs.aws.amazon.com/macie/latest/user/macie-suspend-disable.html" },
    { action: "inspector2:Disable", reason: "switches Amazon Inspector scanning off", source: "Amazon Inspector User Guide, \"Deactivating Amazon Inspector\", https://docs.aws.amazon.com/inspector/latest/user/deactivating-best-practices.html" },
    { action: "iam:DeleteAccountPasswordPolicy", reason: "drops the account's password policy to IAM's weak default", source: `${securityHub} (IAM.7); ${cis} 1.8` },
    { action: "kms:ScheduleKeyDeletion", reason: "schedules keys for deletion, making what they encrypt unreadable", source: `${securityHub} (KMS.3)` },
    { action: "kms:DisableKey", reason: "disables keys, making what they encrypt unreadable", source: `${securityHub} (KMS.3)` },
    { action: "logs:DeleteLogGroup", reason: "deletes log groups, a trail's CloudWatch Logs copy included", source: `${securityHub} (CloudTrail.5); ${stratus}` },
    { action: "ec2:DeleteFlowLogs", reason: "deletes VPC flow logs", source: `${stratus} (vpc-remove-flow-logs); ${securityHub} (EC2.6)` },
];

/** Self-service credentials (AWS's own example policy) are `${aws:username}` on `user/`; noted here for the README. */
export const selfServiceSource = selfManage;
