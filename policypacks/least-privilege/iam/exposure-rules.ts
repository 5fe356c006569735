/**
 * Public exposure that is not an IAM document: the resource inputs of `@pulumi/aws` 7 and
 * `@pulumi/aws-native` 1.x whose value makes data, code or compute reachable by anyone (ACLs,
 * public-access blocks switched off, unauthenticated function URLs, images and snapshots shared
 * with every account, SSM documents shared with `All`, databases with a public endpoint).
 * Each rule names the type token, the input path (`[]` = every list item), the public values,
 * why they are public and the AWS page that says so. `public-exposure.ts` reads them.
 */

/**
 * How a value is compared with a rule's public values:
 * - `token`: lower-cased with `-`, `_` and spaces removed, so `public-read`, `PublicRead` and
 *   `PUBLIC_READ` are one value (AWS and the providers spell canned ACLs both ways);
 * - `uri`: an S3 group URI, lower-cased, without its `http://` or `https://` and trailing `/`;
 * - `list`: a comma-separated list (SSM `accountIds`), each item as a `token`.
 */
export type Normalization = "token" | "uri" | "list";

export interface ValueRule {
    readonly kind: "value";
    readonly types: readonly string[];
    /** Dotted input path; `[]` after a name walks every item of that list. */
    readonly path: string;
    readonly normalize: Normalization;
    /** Public values, already normalized. */
    readonly publicValues: readonly string[];
    /** What the value does, for the message: "grants read to anyone on the internet". */
    readonly means: string;
    readonly fix: string;
    readonly source: string;
    /** A top-level input that, with one of these (normalized) values, makes the value harmless. */
    readonly unless?: { readonly path: string; readonly values: readonly string[] };
}

export interface FlagsRule {
    readonly kind: "flags";
    readonly types: readonly string[];
    /** The object holding the flags; `""` for the resource's own inputs. */
    readonly path: string;
    readonly flags: readonly string[];
    /** What AWS (or the provider) takes for a flag left out when the object is given. */
    readonly absentFlag: "off" | "on";
    /** Whether leaving the whole object out is judged (`off`: it is as if every flag were false). */
    readonly absentObject: "off" | "pass";
    readonly means: string;
    readonly fix: string;
    readonly source: string;
}

/** A Lambda permission that lets anyone call the function URL without signing. */
export interface FunctionUrlPermissionRule {
    readonly kind: "function-url-permission";
    readonly types: readonly string[];
    readonly means: string;
    readonly fix: string;
    readonly source: string;
}

export type ExposureRule = ValueRule | FlagsRule | FunctionUrlPermissionRule;

const cannedPublic = ["publicread", "publicreadwrite", "authenticatedread"];
const publicGroups = ["acs.amazonaws.com/groups/global/allusers", "acs.amazonaws.com/groups/global/authenticatedusers"];
const aclMeans = "is a canned ACL that grants the AllUsers group (anyone) or the AuthenticatedUsers group (any AWS account) access";
const aclFix = "drop the ACL (use private, or bucket-owner-full-control), keep BucketOwnershipControls at BucketOwnerEnforced and grant access through a bucket policy that names the principals";
const aclSource = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl";
const grantMeans = "is a grant to the AllUsers group (anyone on the internet) or the AuthenticatedUsers group (any AWS account, not only yours)";
const grantSource = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups";
const pabFlags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
const pabMeans = "switches off S3 Block Public Access, the guardrail that stops public ACLs and public bucket policies";
const pabFix = "set all four flags (blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets) to true; share through a bucket policy that names the principals or through CloudFront origin access control";
const pabSource = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html";
const shareAllMeans = "shares the image or snapshot with every AWS account (the group \"all\" makes it public)";
const shareFix = "share with the account IDs (or organization / OU ARNs) that need it";

export const exposureRules: readonly ExposureRule[] = [
    // S3 ACLs: canned ACLs and explicit grants, on buckets, bucket ACL resources and objects.
    {
        kind: "value", path: "acl", normalize: "token", publicValues: cannedPublic, means: aclMeans, fix: aclFix, source: aclSource,
        types: ["aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketAcl:BucketAcl", "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2",
            "aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2", "aws:s3/objectCopy:ObjectCopy"],
    },
    {
        kind: "value", path: "accessControl", normalize: "token", publicValues: cannedPublic, means: aclMeans, fix: aclFix,
        source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html#cfn-s3-bucket-accesscontrol",
        types: ["aws-native:s3:Bucket"],
    },
    {
        kind: "value", path: "accessControlPolicy.grants[].grantee.uri", normalize: "uri", publicValues: publicGroups, means: grantMeans, fix: aclFix, source: grantSource,
        types: ["aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketAcl:BucketAcl"],
    },
    {
        kind: "value", path: "grants[].uri", normalize: "uri", publicValues: publicGroups, means: grantMeans, fix: aclFix, source: grantSource,
        types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:s3/objectCopy:ObjectCopy"],
    },
    {
        kind: "value", path: "targetGrants[].grantee.uri", normalize: "uri", publicValues: publicGroups,
        means: `${grantMeans}: the server access logs it writes become readable by them`, fix: "grant the log objects to named canonical users or leave targetGrants out (the bucket owner reads them)", source: grantSource,
        types: ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
    },
    // S3 Block Public Access. The provider sends absent flags as false (PutPublicAccessBlock's default);
    // an access point's flags default to true in the provider and in AWS.
    {
        kind: "flags", path: "", flags: pabFlags, absentFlag: "off", absentObject: "off", means: pabMeans, fix: pabFix, source: pabSource,
        types: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    },
    {
        kind: "flags", path: "", flags: pabFlags, absentFlag: "off", absentObject: "off", means: `${pabMeans} for every bucket in the account`, fix: pabFix,
        source: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html",
        types: ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"],
    },
    {
        // Left out, the bucket keeps S3's default for new buckets (all four on since April 2023).
        kind: "flags", path: "publicAccessBlockConfiguration", flags: pabFlags, absentFlag: "off", absentObject: "pass", means: pabMeans, fix: pabFix,
        source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-publicaccessblockconfiguration.html",
        types: ["aws-native:s3:Bucket"],
    },
    {
        kind: "flags", path: "publicAccessBlockConfiguration", flags: pabFlags, absentFlag: "on", absentObject: "pass", means: `${pabMeans} on the access point`, fix: pabFix,
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-bpa-settings.html",
        types: ["aws:s3/accessPoint:AccessPoint", "aws-native:s3:AccessPoint"],
    },
    // Lambda function URLs without authentication.
    {
        kind: "value", path: "authorizationType", normalize: "token", publicValues: ["none"],
        means: "makes the function URL public: anyone who has the URL can invoke the function, unsigned",
        fix: "use authorizationType AWS_IAM and grant lambda:InvokeFunctionUrl to the callers' roles (or front the function with API Gateway and an authorizer)",
        source: "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
        types: ["aws:lambda/functionUrl:FunctionUrl"],
    },
    {
        kind: "value", path: "authType", normalize: "token", publicValues: ["none"],
        means: "makes the function URL public: anyone who has the URL can invoke the function, unsigned",
        fix: "use authType AWS_IAM and grant lambda:InvokeFunctionUrl to the callers' roles (or front the function with API Gateway and an authorizer)",
        source: "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
        types: ["aws-native:lambda:Url"],
    },
    {
        kind: "function-url-permission",
        means: "lets anyone invoke the function URL without signing (principal \"*\", functionUrlAuthType NONE)",
        fix: "use functionUrlAuthType AWS_IAM with the caller's account or role as principal",
        source: "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html#urls-auth-none",
        types: ["aws:lambda/permission:Permission", "aws-native:lambda:Permission"],
    },
    // Images and snapshots shared with every account.
    {
        kind: "value", path: "group", normalize: "token", publicValues: ["all"], means: shareAllMeans, fix: shareFix,
        source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html",
        types: ["aws:ec2/amiLaunchPermission:AmiLaunchPermission"],
    },
    {
        // The EC2 API spells a public snapshot as the group "all"; an account ID of "all" is never an account.
        kind: "value", path: "accountId", normalize: "token", publicValues: ["all"], means: shareAllMeans, fix: shareFix,
        source: "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html",
        types: ["aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission"],
    },
    {
        kind: "value", path: "sharedAccounts[]", normalize: "token", publicValues: ["all"],
        means: "makes the DB snapshot public: any AWS account can restore it", fix: shareFix,
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/share-snapshot.html#USER_ShareSnapshot.Public",
        types: ["aws:rds/snapshot:Snapshot", "aws:rds/clusterSnapshot:ClusterSnapshot", "aws:rds/snapshotCopy:SnapshotCopy", "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy"],
    },
    {
        kind: "value", path: "distributions[].amiDistributionConfiguration.launchPermission.userGroups[]", normalize: "token", publicValues: ["all"],
        means: "makes every AMI the pipeline distributes public", fix: "list userIds, organizationArns or organizationalUnitArns instead of userGroups [\"all\"]",
        source: "https://docs.aws.amazon.com/imagebuilder/latest/APIReference/API_LaunchPermissionConfiguration.html",
        types: ["aws:imagebuilder/distributionConfiguration:DistributionConfiguration"],
    },
    {
        kind: "value", path: "distributions[].amiDistributionConfiguration.launchPermissionConfiguration.userGroups[]", normalize: "token", publicValues: ["all"],
        means: "makes every AMI the pipeline distributes public", fix: "list userIds, organizationArns or organizationalUnitArns instead of userGroups [\"all\"]",
        source: "https://docs.aws.amazon.com/imagebuilder/latest/APIReference/API_LaunchPermissionConfiguration.html",
        types: ["aws-native:imagebuilder:DistributionConfiguration"],
    },
    {
        kind: "value", path: "state", normalize: "token", publicValues: ["unblocked"],
        means: "switches off the account's block on public AMI sharing", fix: "use state block-new-sharing",
        source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html",
        types: ["aws:ec2/imageBlockPublicAccess:ImageBlockPublicAccess"],
    },
    {
        kind: "value", path: "state", normalize: "token", publicValues: ["unblocked"],
        means: "switches off the account's block on public EBS snapshot sharing", fix: "use state block-all-sharing",
        source: "https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html",
        types: ["aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess", "aws-native:ec2:SnapshotBlockPublicAccess"],
    },
    // SSM documents shared with every account.
    {
        kind: "value", path: "permissions.accountIds", normalize: "list", publicValues: ["all"],
        means: "shares the SSM document with every AWS account (accountIds All makes it public)",
        fix: "list the account IDs to share with (up to 20), or keep the document private",
        source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html",
        types: ["aws:ssm/document:Document"],
    },
    // An endpoint service any account may connect to without the owner accepting.
    {
        kind: "value", path: "allowedPrincipals[]", normalize: "token", publicValues: ["*"],
        unless: { path: "acceptanceRequired", values: ["true"] },
        means: "lets every AWS account connect a VPC endpoint to the service, and acceptanceRequired is off, so connections are accepted unseen",
        fix: "list the consumers' account or role ARNs, or set acceptanceRequired to true",
        source: "https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#add-remove-permissions",
        types: ["aws:ec2/vpcEndpointService:VpcEndpointService"],
    },
    // Databases with an endpoint that resolves to a public IP address.
    {
        kind: "value", path: "publiclyAccessible", normalize: "token", publicValues: ["true"],
        means: "gives the database a public IP address reachable from the internet (only its security group stands in the way)",
        fix: "set publiclyAccessible to false and reach the database from inside the VPC",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
        types: ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance", "aws:rds/shardGroup:ShardGroup",
            "aws-native:rds:DbInstance", "aws-native:rds:DbCluster", "aws-native:rds:DbShardGroup"],
    },
    {
        kind: "value", path: "publiclyAccessible", normalize: "token", publicValues: ["true"],
        means: "gives the cluster a public IP address reachable from the internet (only its security group stands in the way)",
        fix: "set publiclyAccessible to false and reach the cluster from inside the VPC",
        source: "https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-1",
        types: ["aws:redshift/cluster:Cluster", "aws-native:redshift:Cluster"],
    },
    {
        kind: "value", path: "publiclyAccessible", normalize: "token", publicValues: ["true"],
        means: "gives the serverless workgroup a public endpoint reachable from the internet (only its security group stands in the way)",
        fix: "set publiclyAccessible to false and reach the workgroup from inside the VPC",
        source: "https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-connecting.html",
        types: ["aws:redshiftserverless/workgroup:Workgroup", "aws-native:redshiftserverless:Workgroup"],
    },
    {
        kind: "value", path: "publiclyAccessible", normalize: "token", publicValues: ["true"],
        means: "gives the broker a public endpoint reachable from the internet",
        fix: "set publiclyAccessible to false and reach the broker from inside the VPC",
        source: "https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html",
        types: ["aws:mq/broker:Broker", "aws-native:amazonmq:Broker"],
    },
    {
        kind: "value", path: "publiclyAccessible", normalize: "token", publicValues: ["true"],
        means: "puts the Lightsail database in public mode, reachable from the internet",
        fix: "set publiclyAccessible to false; reach the database from the Lightsail resources in its Region",
        source: "https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-configuring-database-public-mode.html",
        types: ["aws:lightsail/database:Database", "aws-native:lightsail:Database"],
    },
    {
        kind: "value", path: "publiclyAccessible", normalize: "token", publicValues: ["true"],
        means: "gives the replication instance a public IP address, reachable from the internet, next to the credentials of the source and target databases",
        fix: "set publiclyAccessible to false and run replication inside the VPC",
        source: "https://docs.aws.amazon.com/securityhub/latest/userguide/dms-controls.html#dms-1",
        types: ["aws:dms/replicationInstance:ReplicationInstance", "aws-native:dms:InstanceProfile"],
    },
];
