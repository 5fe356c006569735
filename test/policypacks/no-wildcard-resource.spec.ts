import * as assert from "assert";
import { dataVersion, expandAction } from "../../policypacks/least-privilege/iam/iam-data";
import { doc, judge, managedPolicy, of, violationsOf } from "./support";

const policy = "no-wildcard-resource";
const allow = (Resource: unknown, Action: unknown = "s3:GetObject", Sid = "Grant") => ({ Sid, Effect: "Allow", Action, Resource });
const inProd = (document: unknown) => violationsOf(policy, "prod", document);

describe("least-privilege pack: no-wildcard-resource", () => {
    describe("DESIGN.md's table, in prod", () => {
        const passes: [string, string, string][] = [
            ["exact ARN", "arn:aws:s3:::meddocparser-ocr-temp-prod", "s3:ListBucket"],
            ["paths under one named parent (bucket)", "arn:aws:s3:::bucket/*", "s3:GetObject"],
            ["paths under one named parent (log group)", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*", "logs:PutLogEvents"],
            ["paths under one named parent (Glue database)", "arn:aws:glue:us-east-1:123456789012:table/db/*", "glue:GetTable"],
            ["naming-convention prefix (table)", "arn:aws:dynamodb:us-east-1:123456789012:table/engagement-*", "dynamodb:GetItem"],
            ["naming-convention prefix (model family)", "arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-3-haiku-*", "bedrock:InvokeModel"],
            ["account or region wildcarded, resource named", "arn:aws:dynamodb:us-east-1:*:table/engagement-*", "dynamodb:Query"],
            ["`*` for an action without resource types", "*", "textract:AnalyzeDocument"],
        ];
        for (const [row, element, action] of passes) {
            it(`passes: ${row}`, async () => {
                assert.deepStrictEqual(await inProd(doc(allow(element, action))), []);
            });
        }

        const blocked: [string, string, string][] = [
            ["whole resource id wildcarded: every bucket", "arn:aws:s3:::*", "s3:ListBucket"],
            ["whole resource id wildcarded: every table", "arn:aws:dynamodb:us-east-1:123456789012:table/*", "dynamodb:GetItem"],
            ["whole resource id wildcarded: every model", "arn:aws:bedrock:us-east-2::foundation-model/*", "bedrock:InvokeModel"],
            ["whole resource id wildcarded: every log resource", "arn:aws:logs:*:*:*", "logs:CreateLogGroup"],
            ["whole resource id wildcarded: every phone number", "arn:aws:sms-voice:us-east-1:123456789012:phone-number/*", "sms-voice:SendTextMessage"],
            ["`*` for an action with a required resource type", "*", "bedrock:InvokeModel"],
            ["`*` for an action with only optional resource types", "*", "s3:PutObject"],
        ];
        for (const [row, element, action] of blocked) {
            it(`blocks: ${row}`, async () => {
                const violations = await inProd(doc(allow(element, action)));
                assert.strictEqual(violations.length, 1);
                assert.strictEqual(violations[0].level, "mandatory");
                assert.ok(violations[0].message.includes(`resource: ${JSON.stringify(element)}`), violations[0].message);
                assert.ok(violations[0].message.includes(action), violations[0].message);
            });
        }
    });

    it("names the resource, statement, action, element, tier, data version and fix", async () => {
        const [violation] = await inProd(doc(allow("*", ["s3:PutObject"], "UploadAnywhere")));
        const lines = violation.message.split("\n").slice(1);
        assert.deepStrictEqual(lines, [
            'app-policy › policy › statement UploadAnywhere: "Resource": "*" for action that can be scoped to named resources',
            `action: s3:PutObject (optional resource types only: accesspointobject, object); resource: "*"; IAM data ${dataVersion()}`,
            'fix: scope to arn:aws:s3:::<BucketName>/*; keep "*" only for actions without resource types in their own statement',
        ]);
    });

    it("labels a statement without Sid by its index", async () => {
        const [violation] = await inProd(doc(allow("arn:aws:s3:::bucket/*"), { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::*" }));
        assert.match(violation.message, /statement #1: "arn:aws:s3:::\*" wildcards the whole resource id/);
        assert.match(violation.message, /fix: name the resource: scope to arn:aws:s3:::<BucketName>/);
    });

    it("expands action wildcards before judging: s3:Put* on \"*\" is blocked, with every expanded action", async () => {
        const [violation] = await inProd(doc(allow("*", "s3:Put*")));
        const expanded = expandAction("s3:Put*");
        const count = expanded.kind === "actions" ? expanded.actions.filter((a) => a.tier !== "unscopable").length : 0;
        assert.ok(count > 30);
        assert.match(violation.message, /actions: s3:PutAccelerateConfiguration \(required resource type: bucket\)/);
        assert.ok(violation.message.includes(`+${count - 6} more`), violation.message);
    });

    it("passes \"*\" only when every action needs it: seed 000's Textract statement", async () => {
        assert.deepStrictEqual(await inProd(doc(allow("*", ["textract:AnalyzeDocument", "textract:StartDocumentAnalysis", "textract:GetDocumentAnalysis"]))), []);
    });

    it("blocks a statement mixing unscopable and scopable actions on \"*\", naming only the scopable ones", async () => {
        const [violation] = await inProd(doc(allow("*", ["xray:PutTraceSegments", "ecr:GetAuthorizationToken", "ecr:BatchGetImage"])));
        assert.match(violation.message, /action: ecr:BatchGetImage \(required resource type: repository\)/);
        assert.doesNotMatch(violation.message, /xray:PutTraceSegments|GetAuthorizationToken/);
        assert.match(violation.message, /fix: scope to arn:aws:ecr:<region>:<account>:repository\/<RepositoryName>/);
    });

    it("passes overridden actions on \"*\": the SMS Describe calls, and cloudwatch:PutMetricData narrowed to a namespace", async () => {
        assert.deepStrictEqual(await inProd(doc(allow("*", ["sms-voice:DescribePhoneNumbers", "sms-voice:DescribeSenderIds"]))), []);
        const namespaced = { ...allow("*", "cloudwatch:PutMetricData"), Condition: { StringEquals: { "cloudwatch:namespace": "Engagement/Prod" } } };
        assert.deepStrictEqual(await inProd(doc(namespaced)), []);
        assert.deepStrictEqual(await inProd(doc({ ...namespaced, Condition: { StringLike: { "CloudWatch:Namespace": ["Engagement/*"] } } })), [], "keys are case-insensitive; a named prefix narrows");
    });

    it("blocks cloudwatch:PutMetricData on \"*\" when no condition narrows its namespace: the override holds only with one", async () => {
        const bare = allow("*", "cloudwatch:PutMetricData", "Metrics");
        const notNarrowing = [undefined, { StringNotEquals: { "cloudwatch:namespace": "AWS/EC2" } }, { StringLike: { "cloudwatch:namespace": "*" } }, { Null: { "cloudwatch:namespace": "false" } }, { StringEquals: { "aws:RequestedRegion": "us-east-1" } }];
        for (const Condition of notNarrowing) {
            const [violation, ...rest] = await inProd(doc(Condition ? { ...bare, Condition } : bare));
            assert.strictEqual(rest.length, 0, JSON.stringify(Condition));
            assert.strictEqual(violation?.level, "mandatory", JSON.stringify(Condition));
            assert.deepStrictEqual(violation.message.split("\n").slice(1), [
                'app-policy › policy › statement Metrics: "Resource": "*" for cloudwatch:PutMetricData without the cloudwatch:namespace condition that scopes it',
                `action: cloudwatch:PutMetricData ("*" only with a cloudwatch:namespace condition); resource: "*"; IAM data ${dataVersion()}`,
                'fix: add "Condition": {"StringEquals": {"cloudwatch:namespace": "<value>"}} naming the values the workload uses',
            ]);
        }
        const [mixed] = await inProd(doc(allow("*", ["cloudwatch:PutMetricData", "s3:GetObject"])));
        assert.match(mixed.message, /action(s)?: s3:GetObject \(.*\), cloudwatch:PutMetricData \("\*" only with a cloudwatch:namespace condition\)/);
        assert.match(mixed.message, /; and narrow cloudwatch:PutMetricData with "Condition": \{"StringEquals": \{"cloudwatch:namespace": "<value>"\}\}/);
    });

    it("blocks `*` actions and unknown actions on \"*\": nothing proves they need it", async () => {
        const [all] = await inProd(doc(allow("*", "*")));
        assert.match(all.message, /action: \* \(every action of every service\)/);
        const [typo] = await inProd(doc(allow("*", "textract:AnalyseDocument")));
        assert.match(typo.message, /textract:AnalyseDocument \(not in the IAM data/);
    });

    it("never flags Deny statements for their wildcards", async () => {
        assert.deepStrictEqual(await inProd(doc({ Effect: "Deny", Action: "s3:*", Resource: ["arn:aws:s3:::*", "*"] })), []);
    });

    it("ignores trust policies' absent Resource", async () => {
        assert.deepStrictEqual(await inProd(doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })), []);
    });

    it("leaves a Resource in a trust policy to policy-grammar, which reports it once with the right fix", async () => {
        const trust = doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" });
        const violations = await judge("prod", [{ type: "aws:iam/role:Role", name: "r", props: { name: "r", assumeRolePolicy: JSON.stringify(trust) } }]);
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.message.split("\n")[1]]), [
            ["policy-grammar", "r › assumeRolePolicy › statement #0: a trust policy must not name a Resource (the resource is the role itself; AWS rejects it)"],
        ]);
    });

    it("reports one violation per offending element", async () => {
        const violations = await inProd(doc(allow(["arn:aws:s3:::*", "arn:aws:s3:::ok/*", "*"], "s3:GetObject")));
        assert.deepStrictEqual(violations.map((v) => /resource: ("[^"]*")/.exec(v.message)?.[1]), ['"arn:aws:s3:::*"', '"*"']);
    });

    it("reports the same findings as advisory in dev and staging", async () => {
        for (const env of ["dev", "staging"]) {
            const violations = await violationsOf(policy, env, doc(allow("*", "s3:PutObject")));
            assert.deepStrictEqual(violations.map((v) => v.level), ["advisory"], env);
        }
    });

    describe("a list of elements judged together: prefixes too short to name anything", () => {
        it("blocks 36 one-character bucket prefixes, each as a whole-id wildcard (together they are every bucket)", async () => {
            const everyBucket = [..."abcdefghijklmnopqrstuvwxyz0123456789"].map((c) => `arn:aws:s3:::${c}*`);
            const violations = await inProd(doc(allow(everyBucket, "s3:ListBucket", "EveryBucket")));
            assert.strictEqual(violations.length, 36);
            assert.ok(violations.every((v) => v.level === "mandatory"));
            assert.deepStrictEqual(violations[0].message.split("\n").slice(1), [
                'app-policy › policy › statement EveryBucket: "arn:aws:s3:::a*" wildcards the whole resource id (the prefix "a" is too short to name a resource: a prefix needs 3 characters or more before the wildcard, one of them a letter or digit)',
                `action: s3:ListBucket (optional resource types only: accesspoint, bucket); resource: "arn:aws:s3:::a*"; IAM data ${dataVersion()}`,
                "fix: name the resource: scope to arn:aws:s3:::<BucketName>",
            ]);
        });

        it("blocks role/A* ... role/-* for iam:GetRole, and two-character, punctuation-only and ${*} prefixes", async () => {
            const roles = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ-_+=,.@"].map((c) => `arn:aws:iam::123456789012:role/${c}*`);
            assert.strictEqual((await inProd(doc(allow(roles, "iam:GetRole")))).length, roles.length);
            for (const element of ["arn:aws:s3:::ab*", "arn:aws:s3:::---*", "arn:aws:s3:::${*}${*}${*}*", "arn:aws:s3:::ab*/*"]) {
                const [violation, ...rest] = await inProd(doc(allow(element, "s3:GetObject")));
                assert.strictEqual(rest.length, 0, element);
                assert.match(violation.message, /wildcards the whole resource id \(the prefix "[^"]*" is too short to name a resource/, element);
            }
        });

        it("blocks the other whole-wildcard spellings: arn:aws:s3:::*/*, arn:*:*:*:*:*, arn:aws:iam::*:role/*", async () => {
            for (const [element, action] of [["arn:aws:s3:::*/*", "s3:GetObject"], ["arn:*:*:*:*:*", "s3:GetObject"], ["arn:aws:iam::*:role/*", "iam:GetRole"]]) {
                const violations = await inProd(doc(allow(element, action)));
                assert.deepStrictEqual(violations.map((v) => [v.level, /resource: ("[^"]*")/.exec(v.message)?.[1]]), [["mandatory", JSON.stringify(element)]], element);
            }
        });

        it("passes the seeds' naming conventions and other prefixes of 3 characters or more, and policy variables", async () => {
            const narrow: [string, string][] = [
                ["arn:aws:s3:::meddocparser-*", "s3:ListBucket"],
                ["arn:aws:s3:::meddocparser-*/*", "s3:GetObject"],
                ["arn:aws:dynamodb:us-east-1:123456789012:table/engagement-*", "dynamodb:GetItem"],
                ["arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-3-haiku-*", "bedrock:InvokeModel"],
                ["arn:aws:sms-voice:us-east-1:123456789012:configuration-set/aws-eum-x-*", "sms-voice:SendTextMessage"],
                ["arn:aws:s3:::app*", "s3:ListBucket"],
                ["arn:aws:s3:::bucket/*", "s3:GetObject"],
                ["arn:aws:s3:::home-bucket/${aws:username}/*", "s3:GetObject"],
                ["arn:aws:iam::123456789012:user/${aws:username}", "iam:GetUser"],
            ];
            for (const [element, action] of narrow) assert.deepStrictEqual(await inProd(doc(allow(element, action))), [], element);
            assert.deepStrictEqual(await inProd(doc(allow("arn:aws:s3:::bucket/*", "s3:Get*"))), [], "s3:Get* on one bucket's objects");
        });
    });

    describe("a wildcarded account for actions that act across accounts means every account", () => {
        it("blocks sts:AssumeRole on arn:aws:iam::*:role/OrganizationAccountAccessRole, with the fix", async () => {
            const [violation, ...rest] = await inProd(doc(allow("arn:aws:iam::*:role/OrganizationAccountAccessRole", "sts:AssumeRole", "AdminEverywhere")));
            assert.strictEqual(rest.length, 0);
            assert.strictEqual(violation.level, "mandatory");
            assert.deepStrictEqual(violation.message.split("\n").slice(1), [
                'app-policy › policy › statement AdminEverywhere: "arn:aws:iam::*:role/OrganizationAccountAccessRole" wildcards the account, and sts:AssumeRole acts across accounts: there "*" in the account field means every account',
                `action: sts:AssumeRole (assumes roles in whatever account the ARN names); resource: "arn:aws:iam::*:role/OrganizationAccountAccessRole"; IAM data ${dataVersion()}`,
                "fix: name the account: arn:aws:iam::<account>:role/OrganizationAccountAccessRole, once per account the workload needs",
            ]);
        });

        it("blocks the other cross-account actions: role-session STS actions, iam:PassRole, KMS key use, access-changing actions, and sts:* / *", async () => {
            const cases: [string, unknown, string][] = [
                ["arn:aws:iam::12345678901?:role/deploy", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithWebIdentity"],
                ["arn:aws:iam::*:role/cdk-*", ["sts:AssumeRole", "sts:TagSession"], "sts:AssumeRole, sts:TagSession"],
                ["arn:aws:iam::*:role/app-role", "iam:PassRole", "iam:PassRole"],
                ["arn:aws:kms:us-east-1:*:key/1234abcd-12ab-34cd-56ef-1234567890ab", "kms:Decrypt", "kms:Decrypt"],
                ["arn:aws:dynamodb:us-east-1:*:table/engagement-*", "dynamodb:PutResourcePolicy", "dynamodb:PutResourcePolicy"],
                ["arn:aws:iam::*:role/OrganizationAccountAccessRole", "*", "*"],
            ];
            for (const [element, Action, named] of cases) {
                const violations = await inProd(doc(allow(element, Action)));
                assert.strictEqual(violations.length, 1, `${element}: ${violations.map((v) => v.message).join("\n")}`);
                assert.match(violations[0].message, /wildcards the account, and (these actions act|\S+ acts) across accounts/, element);
                assert.ok(violations[0].message.split("\n")[2].startsWith(`action${named.includes(",") ? "s" : ""}: ${named.split(", ")[0]}`), violations[0].message);
            }
        });

        it("passes 003's acceptable tier for data-plane actions, named accounts, wildcarded regions, and actions that do not apply to the element", async () => {
            const narrow: [unknown, unknown][] = [
                ["dynamodb:Query", "arn:aws:dynamodb:us-east-1:*:table/engagement-*"],
                [["dynamodb:GetItem", "dynamodb:PutItem"], "arn:aws:dynamodb:*:*:table/engagement-cache"],
                ["sts:AssumeRole", "arn:aws:iam::123456789012:role/OrganizationAccountAccessRole"],
                ["kms:Decrypt", "arn:aws:kms:*:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
                [["dynamodb:GetItem", "kms:Decrypt"], ["arn:aws:dynamodb:us-east-1:*:table/engagement-*", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]],
            ];
            for (const [Action, Resource] of narrow) assert.deepStrictEqual(await inProd(doc(allow(Resource, Action))), [], JSON.stringify([Action, Resource]));
        });

        it("passes a wildcarded account narrowed to named accounts or an organization, and not to a negated or wildcard-only value", async () => {
            const assume = (Condition: unknown) => doc({ ...allow("arn:aws:iam::*:role/OrganizationAccountAccessRole", "sts:AssumeRole", "Org"), Condition });
            for (const Condition of [{ StringEquals: { "aws:ResourceOrgID": "o-a1b2c3d4e5" } }, { StringEquals: { "aws:ResourceAccount": ["111122223333", "444455556666"] } }, { "ForAnyValue:StringLike": { "aws:ResourceOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" } }]) {
                assert.deepStrictEqual(await inProd(assume(Condition)), [], JSON.stringify(Condition));
            }
            for (const Condition of [{ StringNotEquals: { "aws:ResourceAccount": "111122223333" } }, { StringLike: { "aws:ResourceAccount": "*" } }, { StringEquals: { "aws:PrincipalAccount": "111122223333" } }]) {
                const violations = await inProd(assume(Condition));
                assert.deepStrictEqual(violations.map((v) => v.level), ["mandatory"], JSON.stringify(Condition));
                assert.match(violations[0].message, /wildcards the account, and sts:AssumeRole acts across accounts/);
            }
        });
    });

    describe("ABAC: a resource-tag condition with named values scopes \"*\" for the actions whose requests carry the tag", () => {
        const tagged = (Action: unknown, Condition: unknown, Resource: unknown = "*") => doc({ Sid: "Tagged", Effect: "Allow", Action, Resource, Condition });
        const team = { StringEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/team}" } };

        it("passes when every action supports the key: aws:ResourceTag with a policy variable or a literal, the service's own key, StringLike with a name", async () => {
            const scoped: [unknown, unknown][] = [
                [["ec2:StartInstances", "ec2:StopInstances"], team],
                [["ec2:StartInstances", "ec2:RebootInstances"], { StringEquals: { "ec2:ResourceTag/Environment": "prod" } }],
                ["secretsmanager:GetSecretValue", { StringEquals: { "secretsmanager:ResourceTag/app": "engagement" } }],
                [["ssm:StartSession"], { StringLike: { "ssm:resourceTag/team": ["blue-*"] } }],
                [["ec2:StartInstances", "ec2:DescribeInstances"], { StringEqualsIgnoreCase: { "AWS:ResourceTag/team": "Blue" } }],
            ];
            for (const [Action, Condition] of scoped) assert.deepStrictEqual(await inProd(tagged(Action, Condition)), [], JSON.stringify([Action, Condition]));
            assert.deepStrictEqual(await inProd(tagged("ec2:StartInstances", team, "arn:aws:ec2:*:*:instance/*")), [], "a whole-id wildcard narrowed by tags");
        });

        it("still blocks conditions that match untagged or every resource: IfExists, Null, negated, ForAllValues, whole-wildcard values, the key's own variable, aws:ResourceAccount, aws:RequestTag", async () => {
            const notScoping = [
                { StringEqualsIfExists: { "aws:ResourceTag/team": "blue" } },
                { Null: { "aws:ResourceTag/team": "false" } },
                { StringNotEquals: { "aws:ResourceTag/team": "red" } },
                { "ForAllValues:StringEquals": { "aws:ResourceTag/team": ["blue"] } },
                { StringLike: { "aws:ResourceTag/team": ["*"] } },
                { StringLike: { "aws:ResourceTag/team": ["?*"] } },
                { StringEquals: { "aws:ResourceAccount": "123456789012" } },
                { StringEquals: { "aws:RequestTag/team": "blue" } },
                { StringEquals: { "aws:ResourceTag/team": "${aws:ResourceTag/team}" } },
                { StringEquals: { "aws:ResourceTag/team": ["blue", "${AWS:ResourceTag/team, 'none'}"] } },
                { StringEquals: { "ec2:ResourceTag/team": "${aws:ResourceTag/team}" } },
                { StringEquals: { "aws:ResourceTag/team": "${ec2:ResourceTag/team}" } },
            ];
            for (const Condition of notScoping) {
                const violations = await inProd(tagged("ec2:StartInstances", Condition));
                assert.deepStrictEqual(violations.map((v) => [v.level, v.message.split("\n")[1]]), [["mandatory", 'app-policy › policy › statement Tagged: "Resource": "*" for action that can be scoped to named resources']], JSON.stringify(Condition));
            }
        });

        it("names the actions the tag does not scope: the data lists no tag key for them, or they act across accounts", async () => {
            const [violation, ...rest] = await inProd(tagged(["ec2:StartInstances", "lambda:GetLayerVersion", "iam:AddUserToGroup"], team));
            assert.strictEqual(rest.length, 0);
            assert.strictEqual(violation.level, "mandatory");
            assert.deepStrictEqual(violation.message.split("\n").slice(1), [
                'app-policy › policy › statement Tagged: "Resource": "*" is narrowed by aws:ResourceTag/team, but the tag is not known to scope 2 of the actions: for them the resource stays unnamed',
                `actions: lambda:GetLayerVersion (the IAM data lists no aws:ResourceTag/team for it), iam:AddUserToGroup (the IAM data lists no aws:ResourceTag/team for it); resource: "*"; IAM data ${dataVersion()}`,
                "fix: move lambda:GetLayerVersion, iam:AddUserToGroup to a statement that names their resources; keep the tag-scoped statement for actions the IAM data lists the tag key for",
            ]);
            const [assume] = await inProd(tagged("sts:AssumeRole", { StringEquals: { "aws:ResourceTag/team": "blue" } }));
            assert.match(assume.message, /the tag is not known to scope sts:AssumeRole: for it the resource stays unnamed\naction: sts:AssumeRole \(assumes roles in whatever account the ARN names: another account's tags are that account's to set\)/);
            const [all] = await inProd(tagged("*", team));
            assert.match(all.message, /action: \* \(every action of every service\)/);
        });
    });

    describe("resource policies: \"*\" is the resource the policy is attached to", () => {
        const onResource = (type: string, document: unknown, props: Record<string, unknown> = {}) => judge("prod", [{ type, name: "attached", props: { ...props, policy: JSON.stringify(document) } }]);
        const resourceFindings = async (type: string, document: unknown, props?: Record<string, unknown>) => of(await onResource(type, document, props), policy).map((v) => v.message.split("\n")[1]);

        it("does not report \"*\" or a wildcarded id in bucket, topic, queue, secret and key policies", async () => {
            const statement = (Action: string, Resource: unknown) => doc({ Sid: "Reader", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/reader" }, Action, Resource });
            const cases: [string, unknown, Record<string, unknown>?][] = [
                ["aws:s3/bucketPolicy:BucketPolicy", statement("s3:GetObject", "*"), { bucket: "bucket" }],
                ["aws:s3/bucketPolicy:BucketPolicy", statement("s3:GetObject", "arn:aws:s3:::bucket/*"), { bucket: "bucket" }],
                ["aws:sns/topicPolicy:TopicPolicy", statement("sns:Publish", "*"), { arn: "arn:aws:sns:us-east-1:123456789012:topic" }],
                ["aws:sqs/queuePolicy:QueuePolicy", statement("sqs:SendMessage", "*"), { queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/queue" }],
                ["aws:secretsmanager/secretPolicy:SecretPolicy", statement("secretsmanager:GetSecretValue", "*"), { secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:s" }],
                ["aws:kms/key:Key", statement("kms:Decrypt", "*")],
            ];
            for (const [type, document, props] of cases) assert.deepStrictEqual(await resourceFindings(type, document, props), [], type);
        });

        it("still reports \"*\" in an identity policy with the same statement", async () => {
            const [violation] = await inProd(doc(allow("*", "sns:Publish")));
            assert.match(violation.message, /"Resource": "\*" for action that can be scoped/);
        });
    });

    it("judges a short ARN ending in a wildcard as the six-field ARN it stands for: arn:aws:s3:* and arn:aws:iam::* name nothing", async () => {
        // IAM accepts these (arn-format does not report them), and the wildcard runs over the fields they leave out.
        const [short, ...rest] = await inProd(doc(allow("arn:aws:s3:*", "s3:GetObject", "Short")));
        assert.deepStrictEqual(rest, []);
        assert.deepStrictEqual(short.message.split("\n").slice(1), [
            'app-policy › policy › statement Short: "arn:aws:s3:*" wildcards the whole resource id (the resource id is wildcarded: a short ARN ending in a wildcard covers the fields it leaves out)',
            `action: s3:GetObject (optional resource types only: accesspointobject, object); resource: "arn:aws:s3:*"; IAM data ${dataVersion()}`,
            "fix: name the resource: scope to arn:aws:s3:::<BucketName>/*",
        ]);
        const mandatoryIn = async (action: string, resource: string, condition?: Record<string, unknown>) =>
            (await judge("prod", [managedPolicy("p", doc({ Effect: "Allow", Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) }))])).filter((v) => v.level === "mandatory").map((v) => v.policy).sort();
        assert.deepStrictEqual(await mandatoryIn("s3:GetObject", "arn:*"), ["no-wildcard-resource"]);
        assert.deepStrictEqual(await mandatoryIn("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:*"), ["no-wildcard-resource"]);
        assert.deepStrictEqual(await mandatoryIn("iam:PutRolePolicy", "arn:aws:iam:*"), ["no-privilege-escalation", "no-wildcard-resource"]);
        assert.deepStrictEqual(await mandatoryIn("iam:CreateAccessKey", "arn:aws:iam::*"), ["no-privilege-escalation", "no-wildcard-resource"]);
        assert.deepStrictEqual(await mandatoryIn("cloudtrail:StopLogging", "arn:aws:cloudtrail:*"), ["no-guardrail-disabling", "no-wildcard-resource"]);
        assert.deepStrictEqual(await mandatoryIn("iam:PassRole", "arn:aws:iam::*", { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } }), ["no-wildcard-resource", "pass-role-scoped"]);
        assert.deepStrictEqual(await mandatoryIn("s3:GetObject", "arn:aws:s3"), ["arn-format"], "no wildcard at its end: IAM rejects it");
        assert.deepStrictEqual(await mandatoryIn("s3:GetObject", "arn:aws:s3:::engagement-raw-data-prod/*"), []);
        assert.strictEqual((await violationsOf(policy, "dev", doc(allow("arn:aws:s3:*"))))[0].level, "advisory");
    });

    describe("each finding in full", () => {
        const shown = async (statement: Record<string, unknown>) => (await inProd(doc({ Sid: "S", Effect: "Allow", ...statement }))).map((v) => v.message.split("\n").slice(1));
        const where = "app-policy › policy › statement S";
        const keepStar = 'keep "*" only for actions without resource types in their own statement';
        const blue = { StringEquals: { "aws:ResourceTag/team": "blue" } };

        it("a required-tier action names only its required types, and the fix its simplest required ARN", async () => {
            assert.deepStrictEqual(await shown({ Action: "ec2:RunInstances", Resource: "*" }), [[
                `${where}: "Resource": "*" for action that can be scoped to named resources`,
                `action: ec2:RunInstances (required resource type: image, instance, network-interface, security-group, subnet); resource: "*"; IAM data ${dataVersion()}`,
                `fix: scope to arn:aws:ec2:<region>::image/<ImageId>; ${keepStar}`,
            ]]);
        });

        it("suggests at most two ARN shapes for several actions on \"*\"", async () => {
            assert.deepStrictEqual(await shown({ Action: ["s3:GetObject", "sqs:SendMessage", "sns:Publish"], Resource: "*" }), [[
                `${where}: "Resource": "*" for actions that can be scoped to named resources`,
                `actions: s3:GetObject (optional resource types only: accesspointobject, object), sqs:SendMessage (required resource type: queue), sns:Publish (required resource type: topic); resource: "*"; IAM data ${dataVersion()}`,
                `fix: scope to arn:aws:s3:::<BucketName>/* or arn:aws:sqs:<region>:<account>:<QueueName>; ${keepStar}`,
            ]]);
        });

        it("an action the data does not know is not known to need \"*\": the fix lists actions instead", async () => {
            assert.deepStrictEqual(await shown({ Action: "nosuchservice:Get", Resource: "*" }), [[
                `${where}: "Resource": "*" for action that can be scoped to named resources`,
                `action: nosuchservice:Get (not in the IAM data, so not known to need "*"); resource: "*"; IAM data ${dataVersion()}`,
                'fix: list the actions the workload calls; only actions without resource types may use "*"',
            ]]);
        });

        it("an override that needs its condition, alone or beside a scopable action", async () => {
            const namespace = '"Condition": {"StringEquals": {"cloudwatch:namespace": "<value>"}}';
            assert.deepStrictEqual(await shown({ Action: "cloudwatch:PutMetricData", Resource: "*" }), [[
                `${where}: "Resource": "*" for cloudwatch:PutMetricData without the cloudwatch:namespace condition that scopes it`,
                `action: cloudwatch:PutMetricData ("*" only with a cloudwatch:namespace condition); resource: "*"; IAM data ${dataVersion()}`,
                `fix: add ${namespace} naming the values the workload uses`,
            ]]);
            assert.deepStrictEqual(await shown({ Action: ["cloudwatch:PutMetricData", "logs:PutMetricFilter"], Resource: "*" }), [[
                `${where}: "Resource": "*" for action that can be scoped to named resources`,
                `actions: logs:PutMetricFilter (required resource type: log-group), cloudwatch:PutMetricData ("*" only with a cloudwatch:namespace condition); resource: "*"; IAM data ${dataVersion()}`,
                `fix: scope to arn:aws:logs:<region>:<account>:log-group:<LogGroupName>; ${keepStar}; and narrow cloudwatch:PutMetricData with ${namespace}`,
            ]]);
        });

        it("a whole-id wildcard names every action with its tier, unknown ones too, and suggests the element's own service first, in any case", async () => {
            assert.deepStrictEqual(await shown({ Action: ["s3:GetObject", "nosuchservice:Get"], Resource: "arn:aws:S3:::*" }), [[
                `${where}: "arn:aws:S3:::*" wildcards the whole resource id (the resource id is wildcarded)`,
                `actions: nosuchservice:Get (not in the IAM data), s3:GetObject (optional resource types only: accesspointobject, object); resource: "arn:aws:S3:::*"; IAM data ${dataVersion()}`,
                "fix: name the resource: scope to arn:aws:s3:::<BucketName>/*",
            ]]);
            assert.deepStrictEqual((await shown({ Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:*" }))[0][2], "fix: name the resource: scope to arn:aws:sqs:us-east-1:123456789012:<QueueName>");
            assert.deepStrictEqual((await shown({ Action: ["iam:GetRole", "s3:GetObject"], Resource: "arn:aws:iam::123456789012:role/*" }))[0][2], "fix: name the resource: scope to arn:aws:iam::123456789012:role/<RoleNameWithPath> or arn:aws:s3:::<BucketName>/*");
        });

        it("a tag-scoped \"*\" names up to three escaping actions in the fix, then \"...\"", async () => {
            assert.deepStrictEqual(await shown({ Action: ["lambda:GetLayerVersion", "iam:AddUserToGroup", "iam:AttachUserPolicy", "iam:AttachRolePolicy"], Resource: "*", Condition: blue }), [[
                `${where}: "Resource": "*" is narrowed by aws:ResourceTag/team, but the tag is not known to scope 4 of the actions: for them the resource stays unnamed`,
                `actions: lambda:GetLayerVersion (the IAM data lists no aws:ResourceTag/team for it), iam:AddUserToGroup (the IAM data lists no aws:ResourceTag/team for it), iam:AttachUserPolicy (changes who has access: another account's tags are that account's to set), iam:AttachRolePolicy (changes who has access: another account's tags are that account's to set); resource: "*"; IAM data ${dataVersion()}`,
                "fix: move lambda:GetLayerVersion, iam:AddUserToGroup, iam:AttachUserPolicy, ... to a statement that names their resources; keep the tag-scoped statement for actions the IAM data lists the tag key for",
            ]]);
        });

        it("a tag-scoped whole-id wildcard: only a cross-account action on every account escapes, and actions without resource types never do", async () => {
            assert.deepStrictEqual(await shown({ Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/*", Condition: blue }), [[
                `${where}: "arn:aws:iam::*:role/*" is narrowed by aws:ResourceTag/team, but the tag is not known to scope sts:AssumeRole: for it the resource stays unnamed`,
                `action: sts:AssumeRole (assumes roles in whatever account the ARN names: another account's tags are that account's to set); resource: "arn:aws:iam::*:role/*"; IAM data ${dataVersion()}`,
                "fix: move sts:AssumeRole to a statement that names its resources; keep the tag-scoped statement for actions the IAM data lists the tag key for",
            ]]);
            assert.deepStrictEqual(await shown({ Action: "sts:AssumeRole", Resource: "arn:aws:iam::123456789012:role/*", Condition: blue }), []);
            assert.deepStrictEqual(await shown({ Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/*", Condition: { StringEquals: { ...blue.StringEquals, "aws:ResourceAccount": "123456789012" } } }), []);
            assert.deepStrictEqual((await shown({ Action: ["ec2:DescribeInstances", "lambda:GetLayerVersion"], Resource: "arn:aws:ec2:*:*:*", Condition: blue }))[0][1],
                `action: lambda:GetLayerVersion (the IAM data lists no aws:ResourceTag/team for it); resource: "arn:aws:ec2:*:*:*"; IAM data ${dataVersion()}`);
            assert.deepStrictEqual(await shown({ Action: ["ec2:DescribeInstances", "ec2:StartInstances"], Resource: "*", Condition: blue }), []);
        });
    });

    it("counts a policy variable the request itself carries (aws:RequestTag/, aws:TagKeys, aws:Referer, aws:UserAgent) as a wildcard in a resource id, and the principal's own variables as names", async () => {
        const [tagged, ...rest] = await inProd(doc(allow("arn:aws:s3:::${aws:RequestTag/bucket}/*", "s3:GetObject", "Tagged")));
        assert.deepStrictEqual(rest, []);
        assert.match(tagged.message, /statement Tagged: "arn:aws:s3:::\$\{aws:RequestTag\/bucket\}\/\*" wildcards the whole resource id \(the resource id is wildcarded: the caller writes the value of a policy variable in it into the request \(aws:RequestTag\/, aws:TagKeys, aws:Referer, aws:UserAgent\)\)/);
        const [agent] = await inProd(doc(allow("arn:aws:s3:::b-${aws:UserAgent}", "s3:ListBucket", "Agent")));
        assert.match(agent.message, /statement Agent: "arn:aws:s3:::b-\$\{aws:UserAgent\}" wildcards the whole resource id \(the prefix "b-" is too short to name a resource/);
        assert.strictEqual((await inProd(doc(allow("arn:aws:s3:::*-logs-${aws:Referer}", "s3:ListBucket", "Star"))))[0].message.includes("the caller writes"), false, "unnamed as written: the variable is not the reason");
        for (const named of ["arn:aws:s3:::engagement-raw-data-prod/${aws:RequestTag/project}/*", "arn:aws:s3:::bucket/home/${aws:username}/*", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*", "arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*", "arn:aws:s3:::${aws:username}-home", "arn:aws:mgn:us-east-1:123456789012:source-server/${aws:SourceIdentity}"]) {
            assert.deepStrictEqual(await inProd(doc(allow(named))), [], named);
        }
    });

    it("scopes KMS keys by alias as by tag (kms:ResourceAliases, AWS's alias-based access control): a named alias in the account passes, alias/* and every account do not", async () => {
        const byAlias = (resource: string, alias: string, extra: Record<string, unknown> = {}) =>
            doc({ Sid: "Keys", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: resource, Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": alias }, ...extra } });
        assert.deepStrictEqual(await inProd(byAlias("arn:aws:kms:us-east-1:123456789012:key/*", "alias/engagement-data")), []);
        assert.deepStrictEqual(await inProd(byAlias("*", "alias/engagement-data", { StringEquals: { "aws:ResourceAccount": "123456789012" } })), []);
        const [everyAccount] = await inProd(byAlias("arn:aws:kms:us-east-1:*:key/*", "alias/engagement-data"));
        assert.match(everyAccount.message, /statement Keys: "arn:aws:kms:us-east-1:\*:key\/\*" is narrowed by kms:ResourceAliases, but the condition is not known to scope 2 of the actions: for them the resource stays unnamed/);
        for (const open of ["alias/*", "alias/ab*"]) {
            const [violation] = await inProd(byAlias("arn:aws:kms:us-east-1:123456789012:key/*", open));
            assert.match(violation.message, /statement Keys: "arn:aws:kms:us-east-1:123456789012:key\/\*" wildcards the whole resource id/, open);
        }
    });
    describe("creating a resource whose id the service assigns (assigned-ids.ts)", () => {
        const ec2 = (type: string, id = "*") => `arn:aws:ec2:us-east-1:123456789012:${type}/${id}`;
        const named = [ec2("subnet", "subnet-0abc1234"), ec2("security-group", "sg-0abc1234")];

        it("passes the narrowest grant for a new id: CreateNetworkInterface on network-interface/* in a named subnet and group (Lambda in a VPC)", async () => {
            assert.deepStrictEqual(await inProd(doc(allow([ec2("network-interface"), ...named], "ec2:CreateNetworkInterface"))), []);
        });

        it("passes RunInstances on instance/*, volume/* and network-interface/* beside a named image, subnet and group (AWS's example), and CreateImage's new snapshots", async () => {
            const resources = [ec2("instance"), ec2("volume"), ec2("network-interface"), ...named, "arn:aws:ec2:us-east-1::image/ami-0abcdef1234567890"];
            assert.deepStrictEqual(await inProd(doc(allow(resources, "ec2:RunInstances"))), []);
            assert.deepStrictEqual(await inProd(doc(allow([ec2("image"), "arn:aws:ec2:us-east-1::snapshot/*", ec2("instance", "i-0abc1234")], "ec2:CreateImage"))), []);
            const [violation, ...rest] = await inProd(doc(allow([...resources, ec2("key-pair")], "ec2:RunInstances", "Launch")));
            assert.deepStrictEqual(rest, []);
            assert.match(violation.message, /statement Launch: "arn:aws:ec2:us-east-1:123456789012:key-pair\/\*" wildcards the whole resource id/);
        });

        it("passes the sourced exceptions outside EC2: route53:GetChange on change/* and iam:CreateVirtualMFADevice on mfa/*, not their neighbours", async () => {
            assert.deepStrictEqual(await inProd(doc(allow("arn:aws:route53:::change/*", "route53:GetChange"))), []);
            assert.deepStrictEqual(await inProd(doc(allow("arn:aws:iam::*:mfa/*", "iam:CreateVirtualMFADevice"))), [], "AWS's self-manage MFA example");
            for (const [action, element] of [["iam:DeleteVirtualMFADevice", "arn:aws:iam::*:mfa/*"], ["route53:ChangeResourceRecordSets", "arn:aws:route53:::hostedzone/*"], ["route53:GetChange", "arn:aws:route53:::hostedzone/*"]]) {
                const [violation, ...rest] = await inProd(doc(allow(element, action, "Near")));
                assert.deepStrictEqual(rest, [], `${action} on ${element}`);
                assert.ok(violation.message.includes(`action: ${action} (`), violation.message);
            }
        });

        it("passes tagging on create: ec2:CreateTags on instance/* only inside the named creating call (ec2:CreateAction)", async () => {
            const tagOnLaunch = { Sid: "Tag", Effect: "Allow", Action: "ec2:CreateTags", Resource: ec2("instance"), Condition: { StringEquals: { "ec2:CreateAction": "RunInstances" } } };
            assert.deepStrictEqual(await inProd(doc(tagOnLaunch)), []);
            assert.deepStrictEqual(await inProd(doc({ ...tagOnLaunch, Resource: "arn:aws:ec2:us-east-1:123456789012:*/*" })), [], "AWS's tag-on-create example");
            const [deleteTags] = await inProd(doc({ ...tagOnLaunch, Action: "ec2:DeleteTags" }));
            assert.match(deleteTags.message, /action: ec2:DeleteTags \(/, "ec2:CreateAction scopes only CreateTags");
            for (const open of [{}, { StringLike: { "ec2:CreateAction": "*" } }, { StringNotEquals: { "ec2:CreateAction": "RunInstances" } }]) {
                const [violation, ...rest] = await inProd(doc({ ...tagOnLaunch, Condition: open }));
                assert.deepStrictEqual(rest, [], JSON.stringify(open));
                assert.match(violation.message, /statement Tag: "arn:aws:ec2:us-east-1:123456789012:instance\/\*" wildcards the whole resource id/, JSON.stringify(open));
            }
        });

        it("still blocks every other action on the wildcarded id, and names only those: DeleteNetworkInterface beside CreateNetworkInterface", async () => {
            const [violation, ...rest] = await inProd(doc(allow([ec2("network-interface"), ...named], ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"], "Eni")));
            assert.deepStrictEqual(rest, []);
            assert.strictEqual(violation.level, "mandatory");
            const lines = violation.message.split("\n");
            assert.match(lines[1], /statement Eni: "arn:aws:ec2:us-east-1:123456789012:network-interface\/\*" wildcards the whole resource id/);
            assert.match(lines[2], /^action: ec2:DeleteNetworkInterface \(/);
            assert.ok(!violation.message.includes("ec2:CreateNetworkInterface"), violation.message);
        });

        it("blocks a wildcard over the existing resources the call needs, over a caller-chosen name, and over another type", async () => {
            const cases: [string, string, string][] = [
                ["ec2:CreateNetworkInterface", ec2("subnet"), "existing subnets"],
                ["ec2:RunInstances", ec2("security-group"), "existing security groups"],
                ["ec2:RunInstances", ec2("*"), "every EC2 type"],
                ["ec2:CreateNetworkInterface", "arn:aws:ec2:us-east-1:123456789012:*", "the type prefix wildcarded"],
                ["dynamodb:CreateTable", "arn:aws:dynamodb:us-east-1:123456789012:table/*", "a name the caller chooses"],
                ["logs:CreateLogGroup", "arn:aws:logs:us-east-1:123456789012:log-group:*", "a name the caller chooses"],
                ["secretsmanager:CreateSecret", "arn:aws:secretsmanager:us-east-1:123456789012:secret:*", "the data calls it SecretId, but it is the caller's name"],
                ["ec2:CreateTags", ec2("instance"), "tagging every instance, without ec2:CreateAction"],
                ["ec2:AttachNetworkInterface", ec2("network-interface"), "acting on existing interfaces"],
                ["elasticache:CreateUser", "arn:aws:elasticache:us-east-1:123456789012:user:*", "outside EC2 a ${<Type>Id} may be the caller's name (UserId)"],
                ["iot:CreateJob", "arn:aws:iot:us-east-1:123456789012:job/*", "the caller's jobId"],
                ["ec2:DeleteTags", ec2("instance"), "without a condition"],
            ];
            for (const [action, element, why] of cases) {
                const violations = await inProd(doc(allow(element, action)));
                assert.strictEqual(violations.length, 1, `${action} on ${element}: ${why}`);
                assert.ok(violations[0].message.includes(`action: ${action} (`), violations[0].message);
            }
        });

        it("is judged from the IAM data for EC2: ec2:Create<Type> with a <Type>Id template counts; other create actions and other services do not", async () => {
            const { assignedIdPrefixes } = await import("../../policypacks/least-privilege/iam/assigned-ids");
            const { lookupAction } = await import("../../policypacks/least-privilege/iam/iam-data");
            const prefixes = (action: string) => assignedIdPrefixes(lookupAction(action)!);
            assert.deepStrictEqual(prefixes("ec2:CreateNetworkInterface"), ["network-interface/"]);
            assert.deepStrictEqual(prefixes("ec2:CreateVolume"), ["volume/"]);
            assert.deepStrictEqual(prefixes("ec2:RunInstances"), ["instance/", "volume/", "network-interface/"]);
            // Actions no other spec looks up first (the answers are kept per action): only the created type, only an id.
            assert.deepStrictEqual(prefixes("ec2:CreateSecurityGroup"), ["security-group/"], "not the vpc it is created in");
            assert.deepStrictEqual(prefixes("ec2:CreateSubnet"), ["subnet/"]);
            for (const named of ["ec2:CreateKeyPair", "ec2:CreatePlacementGroup", "ec2:CreateLaunchTemplateVersion", "ec2:CreateTags"]) assert.deepStrictEqual(prefixes(named), [], named);
            for (const none of ["dynamodb:CreateTable", "logs:CreateLogGroup", "s3:CreateBucket", "secretsmanager:CreateSecret", "glue:CreateSession", "elasticache:CreateUser", "sagemaker:CreateDomain", "ec2:DeleteNetworkInterface", "ec2:CreateTags", "iam:CreateRole"]) {
                assert.deepStrictEqual(prefixes(none), [], none);
            }
        });
    });
});
