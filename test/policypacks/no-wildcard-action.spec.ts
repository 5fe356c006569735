import * as assert from "assert";
import { actionCount, actionsOf, dataVersion } from "../../policypacks/least-privilege/iam/iam-data";
import { doc, judge, of, violationsOf } from "./support";

const policy = "no-wildcard-action";

describe("least-privilege pack: no-wildcard-action", () => {
    it("blocks \"*\" in prod, naming the statement", async () => {
        const [violation, ...rest] = await violationsOf(policy, "prod", doc({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }));
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(violation.level, "mandatory");
        assert.match(violation.message, /app-policy › policy › statement Admin: action "\*" grants every action of every service/);
    });

    it("blocks service:* with the number of actions it grants", async () => {
        const [violation] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["s3:GetObject", "bedrock:*"], Resource: "arn:aws:s3:::b/*" }));
        assert.ok(violation.message.includes(`action "bedrock:*" grants every bedrock action (${actionsOf("bedrock").length} in the IAM data`), violation.message);
    });

    it("blocks a wildcarded service prefix", async () => {
        const [violation] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "*:Get*", Resource: "*" }));
        assert.match(violation.message, /"\*:Get\*" grants actions of any service/);
    });

    it("lets bounded patterns through (no-wildcard-resource judges their scope)", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["s3:Get*", "textract:*Document*"], Resource: "arn:aws:s3:::b/*" })), []);
    });

    it("never flags Deny statements", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Deny", Action: ["*", "s3:*"], Resource: "*" })), []);
    });

    it("is advisory in dev", async () => {
        const violations = await violationsOf(policy, "dev", doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }));
        assert.deepStrictEqual(violations.map((v) => v.level), ["advisory"]);
    });

    describe("judges what the patterns match, not how they are spelled", () => {
        const onObjects = (Action: unknown) => doc({ Sid: "Grant", Effect: "Allow", Action, Resource: "arn:aws:s3:::bucket/*" });
        const lines = async (Action: unknown) => {
            const violations = await violationsOf(policy, "prod", onObjects(Action));
            assert.ok(violations.every((v) => v.level === "mandatory"), JSON.stringify(violations));
            return violations.map((v) => v.message.split("\n").slice(1));
        };

        it("reports every other spelling of a whole service as a service-wide grant, with dangerous actions, data version and fix", async () => {
            for (const [pattern, service] of [["s3:*?", "s3"], ["iam:?*", "iam"], ["dynamodb:*?*", "dynamodb"], ["S3:?*", "s3"], ["sts:*?*?", "sts"]]) {
                const [message, ...rest] = await lines(pattern);
                assert.strictEqual(rest.length, 0, pattern);
                assert.match(message[0], new RegExp(`^app-policy › policy › statement Grant: action ${JSON.stringify(pattern).replace(/[*?]/g, "\\$&")} grants every ${service} action \\(${actionsOf(service).length} in the IAM data\\): as good as "${service}:\\*"`), pattern);
                assert.deepStrictEqual(message.slice(1), [`action: ${pattern}; IAM data ${dataVersion()}`, `fix: list the ${service} actions the workload calls, each by name`], pattern);
            }
            const [s3] = await lines("s3:*?");
            assert.strictEqual(s3[0], `app-policy › policy › statement Grant: action "s3:*?" grants every s3 action (${actionsOf("s3").length} in the IAM data): as good as "s3:*"; among them s3:PutBucketPolicy, s3:PutAccessPointPolicy, s3:PutMultiRegionAccessPointPolicy`);
        });

        it("takes a statement's patterns of one service together: 26 letter prefixes are every ec2 action", async () => {
            const letters = [..."abcdefghijklmnopqrstuvwxyz"].map((c) => `ec2:${c}*`);
            const [message, ...rest] = await lines(letters);
            assert.strictEqual(rest.length, 0);
            assert.match(message[0], new RegExp(`actions "ec2:a\\*", "ec2:b\\*", .*, "ec2:z\\*" together grant every ec2 action \\(${actionsOf("ec2").length} in the IAM data\\): as good as "ec2:\\*"; among them `));
            assert.strictEqual(message[1], `actions: ec2:a*, ec2:b*, ec2:c*, ec2:d*, ec2:e*, ec2:f*, +20 more; IAM data ${dataVersion()}`);
            // One letter short of the alphabet is still all but a few: nearly all counts.
            const [nearly] = await lines(letters.filter((p) => p !== "ec2:u*"));
            assert.match(nearly[0], / together grant \d+ of the \d+ ec2 actions in the IAM data: as good as "ec2:\*"/);
        });

        it("counts a list that leaves out no more than 10% of a service as the service, and one that leaves out more as a list", async () => {
            // Read-only wildcards reach no permissions-management action; the rest written out by name.
            const s3 = actionsOf("s3").map((a) => a.action);
            const reads = s3.filter((a) => /^s3:Get/.test(a));
            const others = s3.filter((a) => !/^s3:Get/.test(a));
            const withAllBut = (missing: number) => ["s3:Get*", ...others.slice(missing)];
            const tenth = Math.floor(s3.length * 0.1);
            const [nearly] = await lines(withAllBut(tenth));
            assert.match(nearly[0], new RegExp(`grant ${s3.length - tenth} of the ${s3.length} s3 actions in the IAM data: as good as "s3:\\*"`));
            assert.ok(reads.length > 0 && others.length > tenth + 1);
            assert.deepStrictEqual(await lines(withAllBut(tenth + 1)), []);
        });

        it("reports a wildcard that reaches permissions-management actions, naming them: s3:*Bucket* with s3:*Object*, s3:Put*, kms:Create*", async () => {
            const [both, ...rest] = await lines(["s3:*Bucket*", "s3:*Object*"]);
            assert.strictEqual(rest.length, 0);
            assert.deepStrictEqual(both, [
                'app-policy › policy › statement Grant: actions "s3:*Bucket*", "s3:*Object*" reach s3 permissions-management actions, which change who has access: s3:PutBucketPolicy, s3:PutAccessPointPolicyForObjectLambda, s3:DeleteBucketPolicy, s3:DeleteAccessPointPolicyForObjectLambda, +6 more',
                `actions: s3:*Bucket*, s3:*Object*; IAM data ${dataVersion()}`,
                "fix: list the actions the workload calls; grant a permissions-management action (s3:PutBucketPolicy) by its exact name, and only where the workload manages access",
            ]);
            const [put] = await lines("s3:Put*");
            assert.match(put[0], /action "s3:Put\*" reaches s3 permissions-management actions, which change who has access: .*s3:PutBucketPolicy/);
            const [grant] = await lines(["kms:Decrypt", "kms:Create*"]);
            assert.match(grant[0], /action "kms:Create\*" reaches kms permissions-management actions, which change who has access: kms:CreateGrant$/);
            assert.strictEqual(grant[1], `action: kms:Create*; IAM data ${dataVersion()}`, "the exact action is not named as offending");
            const [acl] = await lines("s3:PutObject*");
            assert.match(acl[0], /: s3:PutObjectAcl, s3:PutObjectVersionAcl$/);
        });

        it("lets narrow neighbours through: read-only wildcards, CDK-style grants, exact permissions-management actions", async () => {
            const narrow: unknown[] = [
                "s3:Get*",
                ["s3:Get*", "s3:List*"],
                ["ec2:Describe*", "ec2:Get*", "ec2:List*"],
                "glue:Get*", // the data files glue:GetStage and others as permissions management; reading calls change nothing
                ["s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:PutObjectTagging", "s3:PutObjectVersionTagging", "s3:Abort*"],
                ["kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
                ["s3:PutBucketPolicy", "s3:GetBucketPolicy"],
                ["textract:*Document*", "sqs:*Message*", "lambda:*Function*"],
            ];
            for (const Action of narrow) assert.deepStrictEqual(await lines(Action), [], JSON.stringify(Action));
        });

        it("with \"*\" in the statement, reports the spellings as before but not what the other patterns match", async () => {
            const violations = await violationsOf(policy, "prod", onObjects(["*", "s3:Put*", "iam:*"]));
            assert.deepStrictEqual(violations.map((v) => /: (action "[^"]*")/.exec(v.message.split("\n")[1])?.[1]), ['action "*"', 'action "iam:*"']);
        });

        it("never flags Deny statements, however spelled", async () => {
            assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Deny", Action: ["s3:*?", "s3:*Bucket*", "iam:Put*"], Resource: "*" })), []);
        });

        it("is advisory in dev for the new classes too", async () => {
            const violations = await violationsOf(policy, "dev", onObjects(["s3:*?", "iam:Put*"]));
            assert.deepStrictEqual(violations.map((v) => v.level), ["advisory", "advisory"]);
        });
    });

    describe("resource policies: AWS's default key policy", () => {
        const defaultKeyPolicy = {
            Version: "2012-10-17",
            Id: "key-default-1",
            Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" }],
        };
        const key = (policyDocument: unknown, type = "aws:kms/key:Key") => [{ type, name: "key", props: { policy: JSON.stringify(policyDocument) } }];
        const wildcardFindings = async (resources: { type: string; name: string; props: Record<string, unknown> }[]) => {
            const violations = await judge("prod", resources);
            return [...of(violations, policy), ...of(violations, "no-wildcard-resource")].map((v) => v.message.split("\n")[1]);
        };

        it("passes the default key policy (kms:* to the account root on \"*\") on a key and as a KeyPolicy", async () => {
            assert.deepStrictEqual(await wildcardFindings(key(defaultKeyPolicy)), []);
            assert.deepStrictEqual(await wildcardFindings(key(defaultKeyPolicy, "aws:kms/keyPolicy:KeyPolicy")), []);
            const bareAccount = { ...defaultKeyPolicy, Statement: [{ ...defaultKeyPolicy.Statement[0], Principal: { AWS: "123456789012" } }] };
            assert.deepStrictEqual(await wildcardFindings(key(bareAccount)), []);
        });

        it("reads full control for one account's root as the default key policy, but not for the roots of two accounts", async () => {
            const twoAccounts = { ...defaultKeyPolicy, Statement: [{ ...defaultKeyPolicy.Statement[0], Principal: { AWS: ["arn:aws:iam::123456789012:root", "arn:aws:iam::999999999999:root"] } }] };
            assert.deepStrictEqual(await wildcardFindings(key(twoAccounts)), [`key › policy › statement Enable IAM User Permissions: action "kms:*" grants every kms action (${actionsOf("kms").length} in the IAM data, including future ones); among them kms:PutKeyPolicy, kms:CreateGrant, kms:RetireGrant`]);
            const sameAccountTwice = { ...defaultKeyPolicy, Statement: [{ ...defaultKeyPolicy.Statement[0], Principal: { AWS: ["arn:aws:iam::123456789012:root", "123456789012"] } }] };
            assert.deepStrictEqual(await wildcardFindings(key(sameAccountTwice)), []);
        });

        it("judges both statements when kms:* goes to two accounts' roots in two statements: one of them is another account", async () => {
            const root = defaultKeyPolicy.Statement[0];
            const split = { ...defaultKeyPolicy, Statement: [root, { ...root, Sid: "Second", Principal: { AWS: "arn:aws:iam::999999999999:root" } }] };
            const every = `grants every kms action (${actionsOf("kms").length} in the IAM data, including future ones); among them kms:PutKeyPolicy, kms:CreateGrant, kms:RetireGrant`;
            assert.deepStrictEqual(await wildcardFindings(key(split)), [`key › policy › statement Enable IAM User Permissions: action "kms:*" ${every}`, `key › policy › statement Second: action "kms:*" ${every}`]);
            const sameAccount = { ...defaultKeyPolicy, Statement: [root, { ...root, Sid: "Again", Principal: { AWS: "123456789012" } }] };
            assert.deepStrictEqual(await wildcardFindings(key(sameAccount)), [], "two statements for the same account");
            const denied = { ...defaultKeyPolicy, Statement: [root, { ...root, Sid: "Deny", Effect: "Deny", Principal: { AWS: "arn:aws:iam::999999999999:root" } }] };
            assert.deepStrictEqual(await wildcardFindings(key(denied)), [], "a Deny to another account hands it nothing");
        });

        it("still reports kms:* in a key policy to anyone but account roots, and kms:* in an identity policy", async () => {
            const toRole = { ...defaultKeyPolicy, Statement: [{ ...defaultKeyPolicy.Statement[0], Principal: { AWS: ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:role/app"] } }] };
            assert.deepStrictEqual(await wildcardFindings(key(toRole)), [`key › policy › statement Enable IAM User Permissions: action "kms:*" grants every kms action (${actionsOf("kms").length} in the IAM data, including future ones); among them kms:PutKeyPolicy, kms:CreateGrant, kms:RetireGrant`]);
            const [identity] = await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "kms:*", Resource: "*" }));
            assert.match(identity.message, /action "kms:\*" grants every kms action/);
        });

        it("with the stack's accounts known from its config, holds only for their roots: kms:* to another account's root hands that account the key", async () => {
            const { buildPolicies } = await import("../../policypacks/least-privilege/registry");
            const { runPack } = await import("./support");
            const { stackAccounts } = await import("../../policypacks/least-privilege/stack-accounts");
            const accounts = stackAccounts({ PULUMI_CONFIG: JSON.stringify({ "aws-workloads:accountId": "123456789012", "aws-workloads:environment": "prod" }) });
            assert.deepStrictEqual(accounts, ["123456789012"]);
            const judged = async (document: unknown) => (await runPack(buildPolicies({ environment: "prod", accounts }), key(document))).filter((v) => v.policy === policy).map((v) => `${v.level} ${v.message.split("\n")[1]}`);
            assert.deepStrictEqual(await judged(defaultKeyPolicy), []);
            const other = { ...defaultKeyPolicy, Statement: [{ ...defaultKeyPolicy.Statement[0], Principal: { AWS: "arn:aws:iam::210987654321:root" } }] };
            assert.deepStrictEqual(await judged(other), [`mandatory key › policy › statement Enable IAM User Permissions: action "kms:*" grants every kms action (${actionsOf("kms").length} in the IAM data, including future ones); among them kms:PutKeyPolicy, kms:CreateGrant, kms:RetireGrant`]);
            assert.deepStrictEqual(await wildcardFindings(key(other)), [], "without the accounts the pack cannot tell another account from the stack's own");
        });

        it("reads the stack's account from aws-workloads:accountId, else from aws:allowedAccountIds naming one account, and nothing else", async () => {
            const { stackAccounts } = await import("../../policypacks/least-privilege/stack-accounts");
            const from = (config: unknown) => stackAccounts({ PULUMI_CONFIG: typeof config === "string" ? config : JSON.stringify(config) });
            assert.deepStrictEqual(from({ "aws:allowedAccountIds": JSON.stringify([" 210987654321 "]) }), ["210987654321"]);
            assert.deepStrictEqual(from({ "aws:allowedAccountIds": "[\"123456789012\",\"999999999999\"]", "aws-workloads:accountId": "123456789012" }), ["123456789012"], "the project's own account wins");
            assert.strictEqual(from({ "aws:allowedAccountIds": JSON.stringify(["123456789012", "999999999999"]) }), undefined, "several allowed accounts do not say which one holds the key");
            assert.deepStrictEqual(from({ "other:accountId": "123456789012" }), undefined);
            assert.deepStrictEqual(from({ "aws-workloads:config:accountId": " 123456789012 " }), ["123456789012"]);
            assert.deepStrictEqual(from({ "aws:config:allowedAccountIds": ["123456789012", 123456789012, "abc", null] }), ["123456789012"], "a list as an object, only its account IDs");
            assert.strictEqual(from({ "aws-workloads:accountId": "123456789012", "aws-workloads:config:accountId": "999999999999" }), undefined, "two own accounts: unknown");
            for (const notAnId of ["x123456789012", "1234567890123", "12345678901 2"]) assert.strictEqual(from({ "aws-workloads:accountId": notAnId }), undefined, notAnId);
            for (const bad of [{ "aws-workloads:accountId": "1234" }, { "aws:allowedAccountIds": "[not json" }, { "aws:allowedAccountIds": "*" }, "not json", "null", {}]) {
                assert.strictEqual(from(bad), undefined, JSON.stringify(bad));
            }
            assert.strictEqual(stackAccounts({}), undefined);
        });

        it("delegates only KMS: s3:* to the account root in a bucket policy is still a service-wide grant", async () => {
            const bucketPolicy = doc({ Sid: "Owner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:*", Resource: ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"] });
            const [line, ...rest] = await wildcardFindings([{ type: "aws:s3/bucketPolicy:BucketPolicy", name: "bp", props: { bucket: "bucket", policy: JSON.stringify(bucketPolicy) } }]);
            assert.strictEqual(rest.length, 0);
            assert.match(line, /^bp › policy › statement Owner: action "s3:\*" grants every s3 action/);
        });
    });
    describe("each finding in full", () => {
        const shown = async (...Action: string[]) => (await violationsOf(policy, "prod", doc({ Sid: "S", Effect: "Allow", Action, Resource: "*" }))).map((v) => v.message.split("\n").slice(1));
        const where = "app-policy › policy › statement S";
        const listFix = "fix: list the actions the workload calls (for example s3:GetObject, s3:PutObject)";
        const s3Among = "among them s3:PutBucketPolicy, s3:PutAccessPointPolicy, s3:PutMultiRegionAccessPointPolicy";

        it("service:* and any run of stars: every action, counted, the most dangerous named, the data version, the service's fix in lowercase", async () => {
            for (const pattern of ["s3:*", "s3:**", "S3:*"]) {
                const service = pattern.split(":")[0];
                assert.deepStrictEqual(await shown(pattern), [[
                    `${where}: action "${pattern}" grants every ${service} action (${actionCount("s3")} in the IAM data, including future ones); ${s3Among}`,
                    `action: ${pattern}; IAM data ${dataVersion()}`,
                    "fix: list the s3 actions the workload calls, each by name",
                ]], pattern);
            }
        });

        it("service:* of a service that only reads names no dangerous actions; of an unknown service, no count", async () => {
            assert.deepStrictEqual(await shown("geo-maps:*"), [[
                `${where}: action "geo-maps:*" grants every geo-maps action (${actionCount("geo-maps")} in the IAM data, including future ones)`,
                `action: geo-maps:*; IAM data ${dataVersion()}`,
                "fix: list the geo-maps actions the workload calls, each by name",
            ]]);
            assert.deepStrictEqual(await shown("nosuchservice:*"), [[
                `${where}: action "nosuchservice:*" grants every nosuchservice action`,
                `action: nosuchservice:*; IAM data ${dataVersion()}`,
                listFix,
            ]]);
        });

        it("a wildcard in the service, \"?\" alone too, or no service at all grants actions of any service, without data", async () => {
            for (const pattern of ["*:Get*", "?3:GetObject", "Get*"]) {
                assert.deepStrictEqual(await shown(pattern), [[`${where}: action "${pattern}" grants actions of any service`, `action: ${pattern}`, listFix]], pattern);
            }
        });

        it("a spelling that matches every action is as good as service:*, said once", async () => {
            assert.deepStrictEqual(await shown("s3:?*"), [[
                `${where}: action "s3:?*" grants every s3 action (${actionCount("s3")} in the IAM data): as good as "s3:*"; ${s3Among}`,
                `action: s3:?*; IAM data ${dataVersion()}`,
                "fix: list the s3 actions the workload calls, each by name",
            ]]);
        });

        it("9 of a 10-action service is 90%: as good as the service, naming only the actions that write", async () => {
            assert.strictEqual(actionCount("polly"), 10, "the data's polly has 10 actions");
            assert.deepStrictEqual(await shown("polly:D*", "polly:G*", "polly:L*", "polly:S*"), [[
                `${where}: actions "polly:D*", "polly:G*", "polly:L*", "polly:S*" together grant 9 of the 10 polly actions in the IAM data: as good as "polly:*"; among them polly:DeleteLexicon, polly:StartSpeechSynthesisTask`,
                `actions: polly:D*, polly:G*, polly:L*, polly:S*; IAM data ${dataVersion()}`,
                "fix: list the polly actions the workload calls, each by name",
            ]]);
        });

        it("a wildcard reaching exactly four permissions-management actions lists all four and no \"more\"; its read-only neighbour is not named", async () => {
            assert.deepStrictEqual(await shown("s3:Get*", "s3:PutBucket*"), [[
                `${where}: action "s3:PutBucket*" reaches s3 permissions-management actions, which change who has access: s3:PutBucketPolicy, s3:PutBucketAcl, s3:PutBucketOwnershipControls, s3:PutBucketPublicAccessBlock`,
                `action: s3:PutBucket*; IAM data ${dataVersion()}`,
                "fix: list the actions the workload calls; grant a permissions-management action (s3:PutBucketPolicy) by its exact name, and only where the workload manages access",
            ]]);
        });

        it("a service reported by its spelling is not reported again for what its other patterns reach", async () => {
            assert.deepStrictEqual((await shown("s3:*", "s3:Put*")).map((lines) => lines[0]), [
                `${where}: action "s3:*" grants every s3 action (${actionCount("s3")} in the IAM data, including future ones); ${s3Among}`,
            ]);
        });

        it("exact names are never this policy's concern: every action of a service by name, a permissions-management action by name, an unknown service's pattern", async () => {
            assert.deepStrictEqual(await shown("geo-maps:GetStaticMap", "geo-maps:GetTile"), []);
            assert.deepStrictEqual(await shown("s3:PutBucketPolicy"), []);
            assert.deepStrictEqual(await shown("nosuchservice:Get*"), []);
        });

        it("kms:* to the account root is AWS's default key policy only in a resource policy: an identity document with that Principal is still reported", async () => {
            const violations = await violationsOf(policy, "prod", doc({ Sid: "S", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" }));
            assert.deepStrictEqual(violations.map((v) => v.message.split("\n")[1]), [
                `${where}: action "kms:*" grants every kms action (${actionCount("kms")} in the IAM data, including future ones); among them kms:PutKeyPolicy, kms:CreateGrant, kms:RetireGrant`,
            ]);
        });
    });
});
