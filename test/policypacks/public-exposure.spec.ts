import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import * as fs from "fs";
import * as path from "path";
import { exposureRules } from "../../policypacks/least-privilege/iam/exposure-rules";
import { exposureFindings } from "../../policypacks/least-privilege/policies/public-exposure";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { TestResource, Violation, judge, of, policyNamed, unknownString, validateResource } from "./support";

const exposure = (resource: TestResource, environment = "prod") => validateResource(policyNamed(buildPolicies({ environment }), "no-public-exposure"), resource);
const atPreview = (resource: TestResource, environment = "prod") => validateResource(policyNamed(buildPolicies({ environment }), "exposure-known-at-preview"), resource);
/** The message without the policy description the CLI prints first. */
const body = (v: Violation) => v.message.split("\n").slice(1).join("\n");
const r = (type: string, props: Record<string, unknown>, name = "x"): TestResource => ({ type, name, props });

const aclFix = "fix: drop the ACL (use private, or bucket-owner-full-control), keep BucketOwnershipControls at BucketOwnerEnforced and grant access through a bucket policy that names the principals";
const pabFix = "fix: set all four flags (blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets) to true; share through a bucket policy that names the principals or through CloudFront origin access control";
const allUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
const owner = { id: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" };

/** Public in prod: exactly one mandatory finding, the same one advisory in dev. */
async function blocked(resource: TestResource): Promise<string> {
    const prod = await exposure(resource);
    assert.strictEqual(prod.length, 1, `${resource.type} ${JSON.stringify(resource.props)}: ${prod.map(body).join(" / ")}`);
    assert.strictEqual(prod[0].level, "mandatory");
    const dev = await exposure(resource, "dev");
    assert.deepStrictEqual(dev.map((v) => [v.level, v.message]), [["advisory", prod[0].message]]);
    return body(prod[0]);
}

async function passes(resource: TestResource): Promise<void> {
    assert.deepStrictEqual((await exposure(resource)).map(body), [], `${resource.type} ${JSON.stringify(resource.props)}`);
    assert.deepStrictEqual((await atPreview(resource)).map(body), [], `${resource.type} ${JSON.stringify(resource.props)} (at preview)`);
}

describe("least-privilege pack: no-public-exposure", () => {
    describe("S3 ACLs", () => {
        it("a BucketAclV2 with acl public-read: the exact message", async () => {
            assert.strictEqual(await blocked(r("aws:s3/bucketAclV2:BucketAclV2", { bucket: "site", acl: "public-read" }, "site-acl")),
                'site-acl › acl: "public-read" is a canned ACL that grants the AllUsers group (anyone) or the AuthenticatedUsers group (any AWS account) access; ' +
                "public exposure (AWS: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl)\n" + aclFix);
        });

        it("every public canned ACL, however spelled, on buckets, ACL resources, objects and copies", async () => {
            const types = ["aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketAcl:BucketAcl", "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2",
                "aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2", "aws:s3/objectCopy:ObjectCopy"];
            for (const type of types) {
                for (const acl of ["public-read", "public-read-write", "authenticated-read", "PUBLIC-READ", "Public_Read_Write"]) {
                    assert.match(await blocked(r(type, { bucket: "b", key: "k", acl })), new RegExp(`^x › acl: "${acl}" is a canned ACL`));
                }
            }
            assert.match(await blocked(r("aws-native:s3:Bucket", { accessControl: "PublicRead" })), /^x › accessControl: "PublicRead" is a canned ACL.*cfn-s3-bucket-accesscontrol/);
            assert.match(await blocked(r("aws-native:s3:Bucket", { accessControl: "AuthenticatedRead" })), /^x › accessControl: "AuthenticatedRead"/);
        });

        it("a grant to AllUsers or AuthenticatedUsers in an ACL's grant list, with http or https, any case, a trailing slash", async () => {
            const acl = (uri: string) => r("aws:s3/bucketAclV2:BucketAclV2", {
                bucket: "b",
                accessControlPolicy: { owner, grants: [
                    { grantee: { type: "CanonicalUser", id: owner.id }, permission: "FULL_CONTROL" },
                    { grantee: { type: "Group", uri }, permission: "READ" },
                ] },
            });
            assert.strictEqual(await blocked(acl(allUsers)),
                `x › accessControlPolicy.grants[1].grantee.uri: "${allUsers}" is a grant to the AllUsers group (anyone on the internet) or the AuthenticatedUsers group (any AWS account, not only yours); ` +
                "public exposure (AWS: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups)\n" + aclFix);
            for (const uri of ["https://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/allusers/", " HTTP://ACS.AMAZONAWS.COM/groups/global/AuthenticatedUsers"]) {
                assert.match(await blocked(acl(uri)), /grants\[1\]\.grantee\.uri/);
            }
            assert.match(await blocked(r("aws:s3/bucket:Bucket", { grants: [{ type: "Group", uri: allUsers, permissions: ["READ"] }] })), /^x › grants\[0\]\.uri: /);
            assert.match(await blocked(r("aws:s3/objectCopy:ObjectCopy", { bucket: "b", key: "k", source: "s/k", grants: [{ type: "Group", uri: allUsers, permissions: ["READ"] }] })), /^x › grants\[0\]\.uri: /);
        });

        it("private ACLs, the log-delivery group and grants to one canonical user pass", async () => {
            for (const acl of ["private", "bucket-owner-full-control", "bucket-owner-read", "log-delivery-write", "aws-exec-read"]) {
                await passes(r("aws:s3/bucketAclV2:BucketAclV2", { bucket: "b", acl }));
                await passes(r("aws:s3/bucketObjectv2:BucketObjectv2", { bucket: "b", key: "k", acl }));
            }
            await passes(r("aws-native:s3:Bucket", { accessControl: "Private" }));
            await passes(r("aws:s3/bucketAclV2:BucketAclV2", { bucket: "b", accessControlPolicy: { owner, grants: [
                { grantee: { type: "CanonicalUser", id: owner.id }, permission: "FULL_CONTROL" },
                { grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/s3/LogDelivery" }, permission: "WRITE" },
            ] } }));
        });
    });

    describe("grants elsewhere and endpoint services", () => {
        it("server access logs granted to AllUsers; logs granted to one user pass", async () => {
            assert.match(await blocked(r("aws:s3/bucketLoggingV2:BucketLoggingV2", { bucket: "b", targetBucket: "logs", targetPrefix: "b/",
                targetGrants: [{ grantee: { type: "Group", uri: "https://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" }] })),
                /^x › targetGrants\[0\]\.grantee\.uri: .* the server access logs it writes become readable by them/);
            await passes(r("aws:s3/bucketLogging:BucketLogging", { bucket: "b", targetBucket: "logs", targetPrefix: "b/",
                targetGrants: [{ grantee: { type: "CanonicalUser", id: owner.id }, permission: "READ" }] }));
        });

        it("an endpoint service open to * without acceptance; with acceptance, or for one account, it passes", async () => {
            const service = (allowedPrincipals: unknown, acceptanceRequired: unknown) => r("aws:ec2/vpcEndpointService:VpcEndpointService", { networkLoadBalancerArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/n/1"], allowedPrincipals, acceptanceRequired });
            assert.match(await blocked(service(["*"], false)), /^x › allowedPrincipals\[0\]: "\*" lets every AWS account connect/);
            await passes(service(["*"], true));
            await passes(service(["arn:aws:iam::123456789012:root"], false));
            const advisories = await atPreview(service(["*"], unknownString));
            assert.match(body(advisories[0]), /^x › acceptanceRequired: not known at preview/);
            assert.deepStrictEqual(await exposure(service(["*"], unknownString)), []);
        });
    });

    describe("Block Public Access", () => {
        it("a BucketPublicAccessBlock with a flag false and one left out names both", async () => {
            assert.strictEqual(await blocked(r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                { bucket: "b", blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true }, "b-pab")),
                "b-pab › public-access block: blockPublicPolicy false, restrictPublicBuckets absent (AWS takes false): switches off S3 Block Public Access, the guardrail that stops public ACLs and public bucket policies; " +
                "public exposure (AWS: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)\n" + pabFix);
        });

        it("an AccountPublicAccessBlock with everything off, and one with nothing set", async () => {
            assert.match(await blocked(r("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false })),
                /^x › public-access block: blockPublicAcls false, blockPublicPolicy false, ignorePublicAcls false, restrictPublicBuckets false: switches off S3 Block Public Access, the guardrail that stops public ACLs and public bucket policies for every bucket in the account/);
            assert.match(await blocked(r("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", { accountId: "123456789012" })), /blockPublicAcls absent \(AWS takes false\), blockPublicPolicy absent/);
        });

        it("aws-native: a bucket's publicAccessBlockConfiguration and an access point's", async () => {
            assert.match(await blocked(r("aws-native:s3:Bucket", { publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: false } })),
                /^x › publicAccessBlockConfiguration: restrictPublicBuckets false: switches off/);
            assert.match(await blocked(r("aws-native:s3:Bucket", { publicAccessBlockConfiguration: { blockPublicAcls: true } })), /blockPublicPolicy absent \(AWS takes false\), ignorePublicAcls absent/);
            assert.match(await blocked(r("aws-native:s3:AccessPoint", { bucket: "b", publicAccessBlockConfiguration: { blockPublicPolicy: false } })), /^x › publicAccessBlockConfiguration: blockPublicPolicy false: .* on the access point/);
            assert.match(await blocked(r("aws:s3/accessPoint:AccessPoint", { bucket: "b", publicAccessBlockConfiguration: { restrictPublicBuckets: false } })), /restrictPublicBuckets false/);
        });

        it("all four true pass; a bucket or access point that leaves the configuration to S3's defaults passes", async () => {
            const allOn = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
            await passes(r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { bucket: "b", ...allOn }));
            await passes(r("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", allOn));
            await passes(r("aws-native:s3:Bucket", { bucketName: "b", publicAccessBlockConfiguration: allOn }));
            await passes(r("aws-native:s3:Bucket", { bucketName: "b" }));
            await passes(r("aws:s3/accessPoint:AccessPoint", { bucket: "b", publicAccessBlockConfiguration: { blockPublicAcls: true } }));
            await passes(r("aws-native:s3:AccessPoint", { bucket: "b" }));
        });

        it("a flag unknown at preview is reported as advisory, not passed and not a crash", async () => {
            const resource = r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { bucket: unknownString, blockPublicAcls: true, blockPublicPolicy: unknownString, ignorePublicAcls: true, restrictPublicBuckets: true });
            assert.deepStrictEqual(await exposure(resource), []);
            const advisories = await atPreview(resource);
            assert.deepStrictEqual(advisories.map((v) => [v.level, body(v)]), [["advisory",
                "x › blockPublicPolicy: not known at preview, so whether it leaves Block Public Access on cannot be judged until `pulumi up`\n" +
                "fix: set it from config or a literal, not from another resource's outputs (DESIGN.md rule 1)"]]);
            const whole = await atPreview(r("aws-native:s3:Bucket", { publicAccessBlockConfiguration: unknownString }));
            assert.match(body(whole[0]), /^x › publicAccessBlockConfiguration: not known at preview/);
            // A known false next to an unknown is still blocked.
            const mixed = r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { bucket: "b", blockPublicAcls: false, blockPublicPolicy: unknownString, ignorePublicAcls: true, restrictPublicBuckets: true });
            assert.match(body((await exposure(mixed))[0]), /blockPublicAcls false: switches off/);
            // Only true is on.
            const odd = r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { bucket: "b", blockPublicAcls: "TRUE", blockPublicPolicy: "False", ignorePublicAcls: 0, restrictPublicBuckets: true });
            assert.match(body((await exposure(odd))[0]), /^x › public-access block: blockPublicPolicy "False", ignorePublicAcls 0: switches off/);
        });
    });

    describe("Lambda function URLs", () => {
        it("a FunctionUrl with authorizationType NONE, and aws-native's Url with authType NONE", async () => {
            assert.strictEqual(await blocked(r("aws:lambda/functionUrl:FunctionUrl", { functionName: "fn", authorizationType: "NONE" }, "fn-url")),
                'fn-url › authorizationType: "NONE" makes the function URL public: anyone who has the URL can invoke the function, unsigned; public exposure (AWS: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html)\n' +
                "fix: use authorizationType AWS_IAM and grant lambda:InvokeFunctionUrl to the callers' roles (or front the function with API Gateway and an authorizer)");
            assert.match(await blocked(r("aws-native:lambda:Url", { targetFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn", authType: "NONE" })), /^x › authType: "NONE" makes the function URL public/);
        });

        it("a Permission for lambda:InvokeFunctionUrl to * with functionUrlAuthType NONE, however the action is spelled", async () => {
            for (const type of ["aws:lambda/permission:Permission", "aws-native:lambda:Permission"]) {
                for (const action of ["lambda:InvokeFunctionUrl", "lambda:invokefunctionurl", "lambda:*", "lambda:InvokeFunction*"]) {
                    assert.match(await blocked(r(type, { action, function: "fn", functionName: "fn", principal: "*", functionUrlAuthType: "NONE" }, "url-perm")),
                        new RegExp(`^url-perm › permission: action "${action.replace(/\*/g, "\\*")}", principal "\\*", functionUrlAuthType "NONE" lets anyone invoke the function URL without signing`));
                }
            }
        });

        it("AWS_IAM URLs, permissions for one account, and plain invoke permissions pass", async () => {
            await passes(r("aws:lambda/functionUrl:FunctionUrl", { functionName: "fn", authorizationType: "AWS_IAM" }));
            await passes(r("aws-native:lambda:Url", { targetFunctionArn: "fn", authType: "AWS_IAM" }));
            await passes(r("aws:lambda/permission:Permission", { action: "lambda:InvokeFunctionUrl", function: "fn", principal: "123456789012", functionUrlAuthType: "AWS_IAM" }));
            await passes(r("aws:lambda/permission:Permission", { action: "lambda:InvokeFunctionUrl", function: "fn", principal: "123456789012", functionUrlAuthType: "NONE" }));
            // Conditions an unsigned request cannot meet: the grant lets nobody in.
            await passes(r("aws:lambda/permission:Permission", { action: "lambda:InvokeFunctionUrl", function: "fn", principal: "*", functionUrlAuthType: "NONE", principalOrgId: "o-abc123defg" }));
            await passes(r("aws:lambda/permission:Permission", { action: "lambda:InvokeFunctionUrl", function: "fn", principal: "*", functionUrlAuthType: "NONE", sourceAccount: "123456789012" }));
            await passes(r("aws:lambda/permission:Permission", { action: "lambda:InvokeFunction", function: "fn", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::b" }));
        });

        it("an unknown auth type is advisory at preview; an unknown principal with a known AWS_IAM is not judged", async () => {
            const advisories = await atPreview(r("aws:lambda/functionUrl:FunctionUrl", { functionName: "fn", authorizationType: unknownString }));
            assert.deepStrictEqual(advisories.map((v) => v.level), ["advisory"]);
            assert.match(body(advisories[0]), /^x › authorizationType: not known at preview, so whether it makes the resource public cannot be judged/);
            assert.match(body((await atPreview(r("aws:lambda/permission:Permission", { action: "lambda:InvokeFunctionUrl", function: "fn", principal: unknownString, functionUrlAuthType: "NONE" })))[0]), /^x › principal: not known at preview/);
            await passes(r("aws:lambda/permission:Permission", { action: "lambda:InvokeFunctionUrl", function: "fn", principal: unknownString, functionUrlAuthType: "AWS_IAM" }));
        });
    });

    describe("images, snapshots and documents shared with everyone", () => {
        it("an AmiLaunchPermission for the group all; one for an account passes", async () => {
            assert.strictEqual(await blocked(r("aws:ec2/amiLaunchPermission:AmiLaunchPermission", { imageId: "ami-0123456789abcdef0", group: "all" }, "ami-public")),
                'ami-public › group: "all" shares the image or snapshot with every AWS account (the group "all" makes it public); public exposure (AWS: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html)\n' +
                "fix: share with the account IDs (or organization / OU ARNs) that need it");
            await passes(r("aws:ec2/amiLaunchPermission:AmiLaunchPermission", { imageId: "ami-0123456789abcdef0", accountId: "123456789012" }));
            await passes(r("aws:ec2/amiLaunchPermission:AmiLaunchPermission", { imageId: "ami-0123456789abcdef0", organizationArn: "arn:aws:organizations::123456789012:organization/o-abc123defg" }));
        });

        it("EBS and RDS snapshots, Image Builder distributions, and the account-level blocks switched off", async () => {
            assert.match(await blocked(r("aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission", { snapshotId: "snap-1", accountId: "all" })), /^x › accountId: "all" shares/);
            assert.match(await blocked(r("aws:rds/snapshot:Snapshot", { dbInstanceIdentifier: "db", dbSnapshotIdentifier: "s", sharedAccounts: ["123456789012", "all"] })), /^x › sharedAccounts\[1\]: "all" makes the DB snapshot public/);
            assert.match(await blocked(r("aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy", { sharedAccounts: ["ALL"] })), /^x › sharedAccounts\[0\]: "ALL"/);
            assert.match(await blocked(r("aws:imagebuilder/distributionConfiguration:DistributionConfiguration", { distributions: [
                { region: "us-east-1", amiDistributionConfiguration: { launchPermission: { userIds: ["123456789012"] } } },
                { region: "us-west-2", amiDistributionConfiguration: { launchPermission: { userGroups: ["all"] } } },
            ] })), /^x › distributions\[1\]\.amiDistributionConfiguration\.launchPermission\.userGroups\[0\]: "all" makes every AMI the pipeline distributes public/);
            assert.match(await blocked(r("aws-native:imagebuilder:DistributionConfiguration", { distributions: [{ region: "us-east-1", amiDistributionConfiguration: { launchPermissionConfiguration: { userGroups: ["all"] } } }] })), /launchPermissionConfiguration\.userGroups\[0\]/);
            assert.match(await blocked(r("aws:ec2/imageBlockPublicAccess:ImageBlockPublicAccess", { state: "unblocked" })), /^x › state: "unblocked" switches off the account's block on public AMI sharing/);
            assert.match(await blocked(r("aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess", { state: "unblocked" })), /public EBS snapshot sharing/);
            await passes(r("aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission", { snapshotId: "snap-1", accountId: "123456789012" }));
            await passes(r("aws:rds/snapshot:Snapshot", { sharedAccounts: ["123456789012"] }));
            await passes(r("aws:ec2/imageBlockPublicAccess:ImageBlockPublicAccess", { state: "block-new-sharing" }));
            await passes(r("aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess", { state: "block-all-sharing" }));
        });

        it("an SSM document shared with All, however listed; one shared with accounts passes", async () => {
            const document = (accountIds: string) => r("aws:ssm/document:Document", { name: "doc", documentType: "Command", content: "{}", permissions: { type: "Share", accountIds } }, "ssm-doc");
            assert.strictEqual(await blocked(document("All")),
                'ssm-doc › permissions.accountIds: "All" shares the SSM document with every AWS account (accountIds All makes it public); public exposure (AWS: https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html)\n' +
                "fix: list the account IDs to share with (up to 20), or keep the document private");
            assert.match(await blocked(document("123456789012, all")), /"123456789012, all" shares/);
            await passes(document("123456789012"));
            await passes(document("123456789012,210987654321"));
            await passes(r("aws:ssm/document:Document", { name: "doc", documentType: "Command", content: "{}" }));
        });

        it("databases with a public endpoint; private ones pass", async () => {
            assert.match(await blocked(r("aws:rds/instance:Instance", { instanceClass: "db.t3.micro", publiclyAccessible: true })), /^x › publiclyAccessible: true gives the database a public IP address/);
            assert.match(await blocked(r("aws-native:rds:DbInstance", { publiclyAccessible: true })), /publiclyAccessible: true/);
            assert.match(await blocked(r("aws:redshift/cluster:Cluster", { clusterIdentifier: "c", publiclyAccessible: true })), /gives the cluster a public IP address/);
            assert.match(await blocked(r("aws:mq/broker:Broker", { brokerName: "b", publiclyAccessible: true })), /gives the broker a public endpoint/);
            assert.match(await blocked(r("aws:dms/replicationInstance:ReplicationInstance", { publiclyAccessible: true })), /gives the replication instance a public IP address/);
            assert.match(await blocked(r("aws-native:redshiftserverless:Workgroup", { workgroupName: "w", publiclyAccessible: true })), /serverless workgroup a public endpoint/);
            await passes(r("aws:redshiftserverless/workgroup:Workgroup", { workgroupName: "w", publiclyAccessible: false }));
            await passes(r("aws:rds/instance:Instance", { instanceClass: "db.t3.micro", publiclyAccessible: false }));
            await passes(r("aws:rds/instance:Instance", { instanceClass: "db.t3.micro" }));
        });
    });

    it("malformed values never crash: wrong shapes are passed over, unknown lists are advisory", async () => {
        const odd: TestResource[] = [
            r("aws:s3/bucketAclV2:BucketAclV2", { acl: 42, accessControlPolicy: "not an object" }),
            r("aws:s3/bucketAclV2:BucketAclV2", { accessControlPolicy: { grants: [null, 7, { grantee: null }, { grantee: { uri: 5 } }] } }),
            r("aws:s3/bucket:Bucket", { grants: { uri: allUsers } }),
            r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { bucket: "b", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, extra: [] }),
            r("aws:ssm/document:Document", { permissions: null }),
            r("aws:lambda/permission:Permission", { action: 3, principal: ["*"], functionUrlAuthType: "NONE" }),
        ];
        for (const resource of odd) await passes(resource);
        const unknownGrants = await atPreview(r("aws:s3/bucketAclV2:BucketAclV2", { bucket: "b", accessControlPolicy: { owner, grants: unknownString } }));
        assert.match(body(unknownGrants[0]), /^x › accessControlPolicy\.grants: not known at preview/);
    });

    it("every rule names AWS as its source; every @pulumi/aws token and input it reads exists in the installed provider", () => {
        const awsDir = path.dirname(require.resolve("@pulumi/aws/package.json"));
        for (const rule of exposureRules) {
            assert.match(rule.source, /^https:\/\/docs\.aws\.amazon\.com\//);
            const input = rule.kind === "function-url-permission" ? "functionUrlAuthType" : (rule.kind === "flags" && rule.path === "" ? rule.flags[0] : rule.path).split(/[.[]/)[0];
            for (const type of rule.types) {
                assert.match(type, /^(aws:[a-z0-9]+\/[a-zA-Z0-9]+:[A-Z][A-Za-z0-9]*|aws-native:[a-z0-9]+:[A-Z][A-Za-z0-9]*)$/);
                // aws-native is not a dependency of the project: its tokens were read from aws-native 1.79's own files.
                const [, module, file] = /^aws:([a-z0-9]+)\/([a-zA-Z0-9]+):/.exec(type) ?? [];
                if (module === undefined) continue;
                const base = path.join(awsDir, module, file);
                assert.ok(fs.readFileSync(`${base}.js`, "utf8").includes(`__pulumiType = '${type}'`), type);
                const args = /export interface \w+Args \{[\s\S]*?\n\}/.exec(fs.readFileSync(`${base}.d.ts`, "utf8"))?.[0] ?? "";
                assert.match(args, new RegExp(`\\n    ${input}\\??:`), `${type} has no input ${input}`);
            }
        }
        assert.deepStrictEqual(exposureFindings("x", "aws:iam/role:Role", { acl: "public-read" }), []);
    });

    it("an exemption names one resource and a reason: the finding prints as advisory under exempted-findings", async () => {
        const site = r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { bucket: "www", blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: false }, "www-pab");
        const other = r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { bucket: "data", blockPublicPolicy: false }, "data-pab");
        const config = { "no-public-exposure": { exemptions: [{ resource: "www-pab", reason: "public static website behind CloudFront; SEC-7" }] } };
        const violations = await judge("prod", [site, other], { config });
        assert.deepStrictEqual(of(violations, "no-public-exposure").map((v) => [v.level, v.urn?.endsWith("data-pab")]), [["mandatory", true]]);
        const exempted = of(violations, "exempted-findings");
        assert.deepStrictEqual(exempted.map((v) => v.level), ["advisory"]);
        assert.match(exempted[0].message, /\n\[no-public-exposure\] www-pab › public-access block: blockPublicPolicy false, restrictPublicBuckets false: .*\nfix: .*\nexempted: public static website behind CloudFront; SEC-7$/);
        // Narrowed to one input, it does not cover another.
        const acl = r("aws:s3/bucketAclV2:BucketAclV2", { bucket: "www", acl: "public-read", accessControlPolicy: { owner, grants: [{ grantee: { type: "Group", uri: allUsers }, permission: "READ" }] } }, "www-acl");
        const narrow = { "no-public-exposure": { exemptions: [{ resource: "www-acl", resourcePattern: "acl", reason: "legacy website; SEC-8" }] } };
        assert.deepStrictEqual(of(await judge("prod", [acl], { config: narrow }), "no-public-exposure").map((v) => body(v).split(":")[0]), ["www-acl › accessControlPolicy.grants[0].grantee.uri"]);
        const bad = await judge("prod", [acl], { config: { "no-public-exposure": { exemptions: [{ resource: "www-acl" }] } } });
        assert.match(of(bad, "no-public-exposure")[0].message, /pack config for no-public-exposure is invalid:\nexemptions\[0\] is ignored: "reason" is required/);
    });

    it("the whole pack: a public bucket ACL blocks prod and only advises dev", async () => {
        const resource = r("aws:s3/bucketAclV2:BucketAclV2", { bucket: "b", acl: "public-read-write" });
        assert.deepStrictEqual(of(await judge("prod", [resource]), "no-public-exposure").map((v) => v.level), ["mandatory"]);
        assert.deepStrictEqual((await judge("dev", [resource])).filter((v) => v.level === "mandatory"), []);
    });
});

describe("least-privilege pack: public exposure, each rule at its edges", () => {
    /** exposureFindings over props as the analyzer hands them (behind CrossGuard's proxy): path, kind and message. */
    const found = (type: string, props: Record<string, unknown>) => exposureFindings("x", type, unknownCheckingProxy(JSON.parse(JSON.stringify(props)))).map((f) => [f.path, f.kind, f.message.split("\n")[0]]);
    const permission = "aws:lambda/permission:Permission";
    const urlGrant = { action: "lambda:InvokeFunctionUrl", function: "f", principal: "*", functionUrlAuthType: "NONE" };
    const publicUrl = ["functionUrlAuthType", "public", `x › permission: action "lambda:InvokeFunctionUrl", principal "*", functionUrlAuthType "NONE" ${exposureRules.find((rule) => rule.kind === "function-url-permission")?.means}; public exposure (AWS: ${exposureRules.find((rule) => rule.kind === "function-url-permission")?.source})`];

    it("prints each policy's description above its findings", async () => {
        const [open] = await exposure(r("aws:s3/bucketAclV2:BucketAclV2", { bucket: "b", acl: "public-read" }));
        assert.strictEqual(open.message.split("\n")[0], "No public S3 ACLs or grants, Block Public Access on, no unauthenticated function URLs, no AMIs, snapshots or SSM documents shared with everyone, no public endpoints.");
        const [later] = await atPreview(r("aws:s3/bucketAclV2:BucketAclV2", { bucket: "b", acl: unknownString }));
        assert.strictEqual(later.message.split("\n")[0], "The inputs that decide public exposure (ACLs, public-access flags, auth types, sharing) are known at preview.");
    });

    it("an SSM document's account list, as a list or as comma-separated text, is public when it names All", () => {
        for (const accountIds of [["123456789012", "All"], "123456789012, all"]) {
            assert.deepStrictEqual(found("aws:ssm/document:Document", { name: "d", content: "{}", documentType: "Command", permissions: { type: "Share", accountIds } }).map(([where, kind]) => [where, kind]), [["permissions.accountIds", "public"]], JSON.stringify(accountIds));
        }
        assert.deepStrictEqual(found("aws:ssm/document:Document", { name: "d", content: "{}", documentType: "Command", permissions: { type: "Share", accountIds: ["123456789012"] } }), []);
    });

    it("a grantee URI is read without its scheme and every trailing slash", () => {
        for (const uri of ["HTTP://acs.amazonaws.com/groups/global/AllUsers//", "acs.amazonaws.com/groups/global/AllUsers"]) {
            assert.deepStrictEqual(found("aws:s3/bucketAclV2:BucketAclV2", { bucket: "b", accessControlPolicy: { owner, grants: [{ grantee: { type: "Group", uri }, permission: "READ" }] } }).map(([where, kind]) => [where, kind]), [["accessControlPolicy.grants[0].grantee.uri", "public"]], uri);
        }
    });

    it("an endpoint service open to * is public unless acceptance is required; an unknown acceptance is reported as unknown", () => {
        const service = (acceptanceRequired?: unknown) => found("aws:ec2/vpcEndpointService:VpcEndpointService", { allowedPrincipals: ["*"], ...(acceptanceRequired === undefined ? {} : { acceptanceRequired }) });
        assert.deepStrictEqual(service(true), []);
        assert.deepStrictEqual(service("TRUE"), []);
        assert.deepStrictEqual(service().map(([where, kind]) => [where, kind]), [["allowedPrincipals[0]", "public"]]);
        assert.deepStrictEqual(service(unknownString), [["acceptanceRequired", "unknown", "x › acceptanceRequired: not known at preview, so whether it makes the resource public cannot be judged until `pulumi up`"]]);
    });

    it("Block Public Access flags: only true is on (any case, spaces trimmed); null counts as absent; an unknown flag or object is reported by its path", () => {
        const native = (configuration: unknown) => found("aws-native:s3:Bucket", { publicAccessBlockConfiguration: configuration });
        const on = { blockPublicAcls: true, blockPublicPolicy: " TRUE ", ignorePublicAcls: "true", restrictPublicBuckets: true };
        assert.deepStrictEqual(native(on), []);
        assert.deepStrictEqual(native(null), [], "no configuration: S3's defaults, which block");
        assert.deepStrictEqual(native({ ...on, blockPublicAcls: unknownString }), [["publicAccessBlockConfiguration.blockPublicAcls", "unknown", "x › publicAccessBlockConfiguration.blockPublicAcls: not known at preview, so whether it leaves Block Public Access on cannot be judged until `pulumi up`"]]);
        assert.deepStrictEqual(native(unknownString), [["publicAccessBlockConfiguration", "unknown", "x › publicAccessBlockConfiguration: not known at preview, so whether it leaves Block Public Access on cannot be judged until `pulumi up`"]]);
        assert.deepStrictEqual(found("aws:s3/accessPoint:AccessPoint", { bucket: "b", publicAccessBlockConfiguration: { ...on, blockPublicAcls: null } }), [], "an access point's absent flag is on");
        assert.deepStrictEqual(native({ ...on, blockPublicAcls: null }).map(([where, , message]) => [where, message.split(": ")[1]]), [["publicAccessBlockConfiguration", "blockPublicAcls absent (AWS takes false)"]]);
    });

    it("a function URL permission: the action and principal are read trimmed; a source or organization condition lets nobody in; anything known that rules it out settles it", () => {
        const grant = (props: Record<string, unknown>) => found(permission, { ...urlGrant, ...props });
        assert.deepStrictEqual(grant({ action: " lambda:InvokeFunctionUrl ", principal: " * " }), [publicUrl.map((x, i) => (i === 2 ? x.replace('action "lambda:InvokeFunctionUrl"', 'action " lambda:InvokeFunctionUrl "') : x))]);
        assert.deepStrictEqual(grant({ sourceArn: "  " }), [publicUrl]);
        for (const props of [{ action: "lambda:InvokeFunction" }, { functionUrlAuthType: "AWS_IAM" }, { functionUrlAuthType: undefined }, { functionUrlAuthType: null }, { principal: "123456789012" },
            { sourceArn: "arn:aws:execute-api:us-east-1:123456789012:a1/*" }, { sourceAccount: "123456789012" }, { principalOrgId: "o-abc123" }, { action: undefined }, { principal: undefined }]) {
            assert.deepStrictEqual(grant(props), [], JSON.stringify(props));
        }
        assert.deepStrictEqual(grant({ action: "lambda:InvokeFunction", functionUrlAuthType: unknownString }), [], "a known action that is not the URL's settles it");
    });

    it("a function URL permission with an unknown action, auth type or principal is reported as unknown", () => {
        for (const field of ["action", "functionUrlAuthType", "principal"]) {
            assert.deepStrictEqual(found(permission, { ...urlGrant, [field]: unknownString }), [[field, "unknown", `x › ${field}: not known at preview, so whether it lets anyone invoke the function URL cannot be judged until \`pulumi up\``]], field);
        }
    });

    it("a shape no rule foresaw (a getter that throws) is reported on the rule's input, never a crash", () => {
        const throwing = new Proxy({}, { get: () => { throw new RangeError("odd shape"); } }) as Record<string, unknown>;
        const could = (where: string) => [where, "unknown", "x: could not read the inputs that decide public exposure (odd shape), so they cannot be judged"];
        assert.deepStrictEqual(exposureFindings("x", "aws:s3/bucketAclV2:BucketAclV2", throwing).map((f) => [f.path, f.kind, f.message.split("\n")[0]]), [could("acl"), could("accessControlPolicy.grants[].grantee.uri")]);
        assert.deepStrictEqual(exposureFindings("x", permission, throwing).map((f) => [f.path, f.kind, f.message.split("\n")[0]]), [could("permission")]);
    });
});
