import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { generatePolicyDocumentTypes, kindOf, rejection } from "../../scripts/generate/policy-document-types";
import { policyDocumentTypes } from "../../policypacks/least-privilege/generated/policy-document-types";
import { carriesDocuments, documentsOf } from "../../policypacks/least-privilege/iam/resource-documents";
import { doc, judge, mandatory, of, unknownString } from "./support";

const fieldsOf = (type: string) => (policyDocumentTypes.types[type] ?? []).map((f) => `${f.path}:${f.kind}${f.emptyIsNone ? "" : ":required"}`);

describe("least-privilege pack: the policy-document table is generated from the installed providers", () => {
    it("is not stale: regenerating it from @pulumi/aws and @pulumi/aws-native gives the committed table", function () {
        this.timeout(300_000);
        const fresh = generatePolicyDocumentTypes();
        assert.deepStrictEqual(fresh.providers, policyDocumentTypes.providers, "provider versions changed: run `npm run generate:policy-types`");
        const unread: string[] = [];
        for (const [type, fields] of Object.entries(fresh.types)) {
            for (const f of fields) if (!(policyDocumentTypes.types[type] ?? []).some((c) => c.path === f.path && c.kind === f.kind && c.emptyIsNone === f.emptyIsNone)) unread.push(`${type} ${f.path}`);
        }
        assert.deepStrictEqual(unread, [], "the providers have policy-carrying inputs the committed table does not read: run `npm run generate:policy-types`");
        assert.deepStrictEqual(fresh, policyDocumentTypes, "the committed table differs from the providers: run `npm run generate:policy-types`");
    });

    it("holds the resource policies the issue names, each with its kind, and nested documents by path", () => {
        const expected: Record<string, string[]> = {
            "aws:kms/key:Key": ["policy:resource"],
            "aws:kms/keyPolicy:KeyPolicy": ["policy:resource:required"],
            "aws:sqs/queue:Queue": ["policy:resource"],
            "aws:sns/topicPolicy:TopicPolicy": ["policy:resource:required"],
            "aws:secretsmanager/secret:Secret": ["policy:resource"],
            "aws:ecr/registryPolicy:RegistryPolicy": ["policy:resource:required"],
            "aws:ecr/repositoryPolicy:RepositoryPolicy": ["policy:resource:required"],
            "aws:efs/fileSystemPolicy:FileSystemPolicy": ["policy:resource:required"],
            "aws:opensearch/domain:Domain": ["accessPolicies:resource"],
            "aws:elasticsearch/domainPolicy:DomainPolicy": ["accessPolicies:resource:required"],
            "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": ["policyDocument:resource:required"],
            "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy": ["accessPolicy:resource:required"],
            "aws:apigateway/restApi:RestApi": ["policy:resource"],
            "aws:glacier/vault:Vault": ["accessPolicy:resource"],
            "aws:backup/vaultPolicy:VaultPolicy": ["policy:resource:required"],
            "aws:s3control/accessPointPolicy:AccessPointPolicy": ["policy:resource:required"],
            "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy": ["details.policy:resource:required"],
            "aws:dynamodb/resourcePolicy:ResourcePolicy": ["policy:resource:required"],
            "aws:kinesis/resourcePolicy:ResourcePolicy": ["policy:resource:required"],
            "aws:glue/resourcePolicy:ResourcePolicy": ["policy:resource:required"],
            "aws:cloudwatch/eventBusPolicy:EventBusPolicy": ["policy:resource:required"],
            "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy": ["policyDocument:resource:required"],
            "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": ["inlinePolicy:identity:required"],
            "aws:iam/role:Role": ["assumeRolePolicy:trust:required", "inlinePolicies[].policy:identity"],
            "aws:transfer/user:User": ["policy:identity"],
            "aws-native:iam:Role": ["assumeRolePolicyDocument:trust:required", "policies[].policyDocument:identity"],
            "aws-native:iam:ManagedPolicy": ["policyDocument:identity:required"],
            "aws-native:kms:Key": ["keyPolicy:resource"],
            "aws-native:s3:BucketPolicy": ["policyDocument:resource:required"],
            "aws-native:sqs:QueueInlinePolicy": ["policyDocument:resource:required"],
            "aws-native:ecr:Repository": ["repositoryPolicyText:resource"],
            "aws-native:efs:FileSystem": ["fileSystemPolicy:resource"],
            "aws-native:sso:PermissionSet": ["inlinePolicy:identity"],
            "aws-native:dynamodb:GlobalTable": ["replicas[].replicaStreamSpecification.resourcePolicy.policyDocument:resource", "replicas[].resourcePolicy.policyDocument:resource"],
        };
        for (const [type, fields] of Object.entries(expected)) assert.deepStrictEqual(fieldsOf(type), fields, type);
    });

    it("leaves out documents of other languages and settings named like policies, each for a stated reason", () => {
        for (const [type, path] of [["aws:ecr/lifecyclePolicy:LifecyclePolicy", "policy"], ["aws:iot/policy:Policy", "policy"], ["aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy", "policy"]]) {
            assert.strictEqual(policyDocumentTypes.types[type], undefined, type);
            assert.match(rejection(type, { path, name: path, document: false, textual: true, json: false, doc: "" }) ?? "", /not IAM|IoT/);
        }
        assert.deepStrictEqual(fieldsOf("aws:sns/topic:Topic"), ["policy:resource"], "deliveryPolicy is not an IAM document");
        assert.deepStrictEqual(fieldsOf("aws:sqs/queue:Queue"), ["policy:resource"], "redrivePolicy is not an IAM document");
        assert.match(rejection("aws:cloudfront/distribution:Distribution", { path: "defaultCacheBehavior.viewerProtocolPolicy", name: "viewerProtocolPolicy", document: false, textual: true, json: false, doc: "" }) ?? "", /setting/);
        assert.match(rejection("aws:iam/policy:Policy", { path: "policyArn", name: "policyArn", document: true, textual: false, json: true, doc: "" }) ?? "x", /x/, "a PolicyDocument type is always a document");
    });

    it("fails closed on a new input: anything named like a policy, typed as one, or described as a policy document is read", () => {
        const leaf = (name: string, extra: Partial<{ document: boolean; json: boolean; doc: string }> = {}) => ({ path: name, name, document: false, textual: true, json: false, doc: "", ...extra });
        assert.strictEqual(rejection("aws:new/thing:Thing", leaf("accessPolicy")), undefined);
        assert.strictEqual(rejection("aws:new/thing:Thing", leaf("grantsPolicyText")), undefined);
        assert.strictEqual(rejection("aws:new/thing:Thing", leaf("permissions", { json: true, doc: "The resource-based policy document of the thing." })), undefined);
        assert.strictEqual(rejection("aws:new/thing:Thing", leaf("spec", { document: true })), undefined);
        assert.match(rejection("aws:new/thing:Thing", leaf("policyName")) ?? "", /identifier/);
        assert.strictEqual(kindOf("aws:new/thing:Thing", "assumeRolePolicy"), "trust");
        assert.strictEqual(kindOf("aws-native:rolesanywhere:Profile", "sessionPolicy"), "identity");
        assert.strictEqual(kindOf("aws:new/thing:Thing", "accessPolicy"), "resource");
    });

    it("derives type tokens as the engine sends them: each resource class's own __pulumiType", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        assert.strictEqual(require("@pulumi/aws-native/iam/role").Role.__pulumiType, "aws-native:iam:Role");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        assert.strictEqual(require("@pulumi/aws/kms/key").Key.__pulumiType, "aws:kms/key:Key");
        for (const type of ["aws-native:iam:Role", "aws:kms/key:Key", "aws:lambda/permission:Permission", "aws-native:lambda:Permission", "aws:cloudformation/stack:Stack"]) assert.ok(carriesDocuments(type), type);
        assert.ok(!carriesDocuments("aws:s3/bucketObject:BucketObject"));
    });
});

const star = (service: string) => doc({ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: `${service}:*`, Resource: "*" });

describe("least-privilege pack: resource policies of every provider type are judged (issue 14)", () => {
    it("a KMS key policy open to \"*\" is blocked in prod and advisory in dev, as a string and as an aws-native object", async () => {
        const resources = [
            { type: "aws:kms/key:Key", name: "open-key", props: { policy: JSON.stringify(star("kms")) } },
            { type: "aws-native:kms:Key", name: "open-native-key", props: { keyPolicy: star("kms") } },
        ];
        const prod = await judge("prod", resources);
        for (const name of ["open-key › policy", "open-native-key › keyPolicy"]) {
            const found = of(prod, "no-public-principal").find((v) => v.message.includes(`${name} › statement Everyone`));
            assert.ok(found, name);
            assert.strictEqual(found.level, "mandatory");
            assert.match(found.message, /lets any principal \("\*"\) in without a narrowing condition/);
        }
        assert.deepStrictEqual(of(prod, "no-wildcard-action").map((v) => v.message.split("\n")[1]), ["open-key › policy › statement Everyone: action \"kms:*\" grants every kms action (56 in the IAM data, including future ones); among them kms:PutKeyPolicy, kms:CreateGrant, kms:RetireGrant", "open-native-key › keyPolicy › statement Everyone: action \"kms:*\" grants every kms action (56 in the IAM data, including future ones); among them kms:PutKeyPolicy, kms:CreateGrant, kms:RetireGrant"]);
        const dev = await judge("dev", resources);
        assert.deepStrictEqual([...new Set(of(dev, "no-public-principal").map((v) => v.level))], ["advisory"]);
        assert.strictEqual(of(dev, "no-public-principal").length, 2);
    });

    it("AWS's default key policy (the account root, kms:* on \"*\") lets no one else in: no public-principal, grammar or readability finding", async () => {
        const defaultKeyPolicy = doc({ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" });
        const violations = await judge("prod", [{ type: "aws:kms/key:Key", name: "default-key", props: { policy: JSON.stringify(defaultKeyPolicy) } }]);
        for (const policy of ["no-public-principal", "readable-policy-documents", "policy-grammar", "resource-arns-match-actions", "readable-embedded-templates"]) assert.deepStrictEqual(of(violations, policy), [], policy);
    });

    it("an aws-native Role's policies[].policyDocument object granting s3:* on * is blocked; its trust policy is read as trust", async () => {
        const violations = await judge("prod", [{
            type: "aws-native:iam:Role", name: "native-admin",
            props: {
                assumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }),
                policies: [{ policyName: "ok", policyDocument: doc({ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) }, { policyName: "wide", policyDocument: doc({ Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "*" }) }],
            },
        }]);
        const blocked = mandatory(violations).map((v) => [v.policy, v.message.split("\n")[1].split(":")[0]]);
        // s3:* on "*" also includes s3:PutAccountPublicAccessBlock, a guardrail switch.
        assert.deepStrictEqual(blocked, [["no-wildcard-resource", "native-admin › policies[1].policyDocument › statement All"], ["no-wildcard-action", "native-admin › policies[1].policyDocument › statement All"], ["no-guardrail-disabling", "native-admin › policies[1].policyDocument › statement All"]]);
    });

    for (const [type, field] of [["aws-native:iam:ManagedPolicy", "policyDocument"], ["aws-native:iam:RolePolicy", "policyDocument"], ["aws-native:iam:UserPolicy", "policyDocument"], ["aws-native:iam:GroupPolicy", "policyDocument"]] as const) {
        it(`${type} is read as an identity policy: "*" on "*" is blocked`, async () => {
            const violations = await judge("prod", [{ type, name: "p", props: { [field]: doc({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }) } }]);
            assert.match(of(violations, "no-wildcard-action")[0]?.message ?? "", new RegExp(`p › ${field} › statement Admin: action "\\*" grants every action of every service`));
            const [document] = documentsOf(type, { [field]: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) });
            assert.strictEqual(document.kind, "identity");
        });
    }

    for (const [type, props, name] of [
        ["aws-native:s3:BucketPolicy", { bucket: "b", policyDocument: star("s3") }, "policyDocument"],
        ["aws-native:sqs:QueueInlinePolicy", { queue: "q", policyDocument: star("sqs") }, "policyDocument"],
        ["aws-native:sns:TopicPolicy", { topics: ["t"], policyDocument: star("sns") }, "policyDocument"],
        ["aws-native:secretsmanager:ResourcePolicy", { secretId: "s", resourcePolicy: star("secretsmanager") }, "resourcePolicy"],
        ["aws:secretsmanager/secret:Secret", { policy: JSON.stringify(star("secretsmanager")) }, "policy"],
        ["aws:ecr/registryPolicy:RegistryPolicy", { policy: JSON.stringify(star("ecr")) }, "policy"],
        ["aws:opensearch/domain:Domain", { accessPolicies: JSON.stringify(star("es")) }, "accessPolicies"],
        ["aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy", { details: { name: "m", policy: JSON.stringify(star("s3")) } }, "details.policy"],
        ["aws-native:dynamodb:Table", { resourcePolicy: { policyDocument: star("dynamodb") } }, "resourcePolicy.policyDocument"],
    ] as const) {
        it(`${type} ${name}: a resource policy open to "*" is blocked in prod`, async () => {
            const violations = await judge("prod", [{ type, name: "r", props: props as Record<string, unknown> }]);
            const open = of(violations, "no-public-principal");
            assert.strictEqual(open.length, 1, JSON.stringify(violations.map((v) => v.message)));
            assert.strictEqual(open[0].level, "mandatory");
            assert.match(open[0].message, new RegExp(`r › ${name.replace(/[.[\]]/g, "\\$&")} › statement Everyone: lets any principal`));
        });
    }

    it("an SQS queue policy for one SNS topic with aws:SourceArn passes every policy", async () => {
        const policy = doc({
            Sid: "FromOrdersTopic", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage",
            Resource: "arn:aws:sqs:us-east-1:123456789012:orders", Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:orders-topic" } },
        });
        const violations = await judge("prod", [
            { type: "aws:sqs/queuePolicy:QueuePolicy", name: "orders-policy", props: { queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/orders", policy: JSON.stringify(policy) } },
            { type: "aws:sqs/queue:Queue", name: "orders", props: { name: "orders", policy: JSON.stringify(policy) } },
        ]);
        assert.deepStrictEqual(violations.map((v) => v.message), []);
    });

    it("nested documents unknown at preview are unknown documents, never exceptions, through CrossGuard's proxy", () => {
        const documents = documentsOf("aws-native:iam:Role", unknownCheckingProxy({
            assumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { Service: unknownString }, Action: "sts:AssumeRole" }),
            policies: [{ policyName: "a", policyDocument: unknownString }, { policyName: "b", policyDocument: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: unknownString }) }],
        }));
        assert.deepStrictEqual(documents.map((d) => [d.field, d.unknown]), [
            ["assumeRolePolicyDocument", "assumeRolePolicyDocument.Statement.0.Principal.Service is not known at preview"],
            ["policies[0].policyDocument", "policies[0].policyDocument is not known at preview"],
            ["policies[1].policyDocument", "policies.1.policyDocument.Statement.0.Resource is not known at preview"],
        ]);
        assert.deepStrictEqual(documentsOf("aws-native:iam:Role", unknownCheckingProxy({ assumeRolePolicyDocument: doc(), policies: unknownString })).map((d) => [d.field, d.unknown !== undefined]), [["assumeRolePolicyDocument", false], ["policies", true]]);
    });
});

describe("least-privilege pack: grants spelled as arguments are synthesized (argument-grants.ts)", () => {
    it("an aws-native Lambda permission for \"*\" is blocked; with aws:SourceArn for one API it passes", async () => {
        const open = await judge("prod", [{ type: "aws-native:lambda:Permission", name: "open", props: { action: "lambda:InvokeFunction", functionName: "fn", principal: "*" } }]);
        assert.deepStrictEqual(mandatory(open).map((v) => [v.policy, v.message.split("\n")[1].split(":")[0]]), [["no-public-principal", "open › permission › statement #0"]]);
        const narrow = await judge("prod", [{ type: "aws-native:lambda:Permission", name: "api", props: { action: "lambda:InvokeFunction", functionName: "fn", principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:us-east-1:123456789012:a1/*/POST/predict" } }]);
        assert.deepStrictEqual(narrow.map((v) => v.message), []);
    });

    it("a signing profile shared with everyone is blocked; one account passes", async () => {
        const violations = await judge("prod", [
            { type: "aws:signer/signingProfilePermission:SigningProfilePermission", name: "any-signer", props: { action: "signer:StartSigningJob", principal: "*", profileName: "p", statementId: "Any" } },
            { type: "aws:signer/signingProfilePermission:SigningProfilePermission", name: "one-account", props: { action: "signer:StartSigningJob", principal: "123456789012", profileName: "p", statementId: "One" } },
        ]);
        assert.deepStrictEqual(mandatory(violations).map((v) => [v.policy, v.message.split("\n")[1].split(":")[0]]), [["no-public-principal", "any-signer › permission › statement Any"]]);
    });

    it("a layer version shared with everyone is blocked unless an organization narrows it", async () => {
        const violations = await judge("prod", [
            { type: "aws:lambda/layerVersionPermission:LayerVersionPermission", name: "public-layer", props: { action: "lambda:GetLayerVersion", layerName: "l", principal: "*", statementId: "all", versionNumber: 1 } },
            { type: "aws-native:lambda:LayerVersionPermission", name: "org-layer", props: { action: "lambda:GetLayerVersion", layerVersionArn: "arn:aws:lambda:us-east-1:123456789012:layer:l:1", principal: "*", organizationId: "o-a1b2c3d4e5" } },
        ]);
        assert.deepStrictEqual(mandatory(violations).map((v) => [v.policy, v.message.split("\n")[1].split(":")[0]]), [["no-public-principal", "public-layer › permission › statement all"]]);
    });

    it("an EventBridge bus permission for \"*\" is blocked unless aws:PrincipalOrgID narrows it; aws-native's statement is read as a statement", async () => {
        const violations = await judge("prod", [
            { type: "aws:cloudwatch/eventPermission:EventPermission", name: "any-account", props: { principal: "*", statementId: "Any" } },
            { type: "aws:cloudwatch/eventPermission:EventPermission", name: "org", props: { principal: "*", statementId: "Org", condition: { key: "aws:PrincipalOrgID", type: "StringEquals", value: "o-a1b2c3d4e5" } } },
            { type: "aws-native:events:EventBusPolicy", name: "native", props: { statementId: "S", statement: { Sid: "S", Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: "arn:aws:events:us-east-1:123456789012:event-bus/default" } } },
        ]);
        assert.deepStrictEqual(mandatory(violations).map((v) => [v.policy, v.message.split("\n")[1].split(":")[0]]), [["no-public-principal", "any-account › permission › statement Any"], ["no-public-principal", "native › permission.statement › statement S"]]);
    });
});
