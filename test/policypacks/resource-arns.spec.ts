import * as assert from "assert";
import { accountFree, arnProblem, fitsHead, headFields, wellFormedHead } from "../../policypacks/least-privilege/iam/arn-format";
import { anyTemplateMatcher, canMatch } from "../../policypacks/least-privilege/iam/arn-match";
import { dataVersion, resourceTemplates } from "../../policypacks/least-privilege/iam/iam-data";
import { doc, violationsOf } from "./support";

const policy = "resource-arns-match-actions";
const objectTemplate = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
const bucketTemplate = "arn:${Partition}:s3:::${BucketName}";

describe("least-privilege pack: resource-arns-match-actions", () => {
    it("matches elements against ARN templates, wildcards on both sides", () => {
        assert.strictEqual(canMatch("arn:aws:s3:::b/*", objectTemplate), true);
        assert.strictEqual(canMatch("arn:aws:s3:::b", objectTemplate), false, "a bucket ARN is no object");
        assert.strictEqual(canMatch("arn:aws:s3:::b/*", bucketTemplate), false, "bucket names have no /");
        assert.strictEqual(canMatch("arn:aws:s3:::*", bucketTemplate), true);
        assert.strictEqual(canMatch("arn:aws:s3:::*", objectTemplate), true);
        assert.strictEqual(canMatch("arn:aws:s3:::b-?", bucketTemplate), true);
        assert.strictEqual(canMatch("arn:aws:s3:::home/${aws:username}/*", objectTemplate), true);
        const table = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}";
        assert.strictEqual(canMatch("arn:aws:dynamodb:us-east-1:*:table/engagement-*", table), true);
        assert.strictEqual(canMatch("arn:aws:dynamodb:us-east-1:123456789012:table/db/index/i", table), false);
        assert.strictEqual(canMatch("arn:aws:lambda:us-east-1:123456789012:function:fn:*", "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"), true, "qualified function ARNs");
        assert.strictEqual(canMatch("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*", "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}"), true);
    });

    it("never lets a variable of the first five fields take a colon, whatever its name", () => {
        const recoveryPoint = "arn:${Partition}:${Vendor}:${Region}:*:${ResourceType}:${RecoveryPointId}";
        assert.strictEqual(canMatch("arn:aws:ec2:us-east-1:*:snapshot:snap-1", recoveryPoint), true);
        for (const element of ["arn:aws:bedrock:us-east-1:123456789012:agent/*", "arn:aws:bedrock:us-east-1:123456789012:agent/a1"]) {
            assert.strictEqual(canMatch(element, recoveryPoint), false, `${element}: \${Vendor} would have to swallow "bedrock:us-east-1"`);
        }
    });

    it("agrees with itself across its three paths: widening a concrete ARN never loses a template it matched", () => {
        // Concrete ARNs take the compiled pattern, a wildcard in the resource part the split walk,
        // a wildcard in the account field the whole walk; all three must answer alike.
        let checked = 0;
        for (const service of ["s3", "dynamodb", "lambda", "logs", "bedrock", "sms-voice", "states", "ecs", "glue", "athena"]) {
            const templates = (resourceTemplates(service) ?? []).map((t) => t.arn);
            assert.ok(templates.length > 0, service);
            for (const template of templates) {
                const arn = template.replace(/\$\{Partition\}/g, "aws").replace(/\$\{Region\}/g, "us-east-1").replace(/\$\{Account\}/g, "123456789012").replace(/\$\{[^}]*\}/g, "name1");
                const widened = [arn.replace(/.$/, "?"), arn.replace(/[^:/]+$/, "*"), arn.replace(/:123456789012:/, ":12345678901?:")];
                for (const other of templates) {
                    if (!canMatch(arn, other)) continue;
                    checked++;
                    for (const w of widened) assert.strictEqual(canMatch(w, other), true, `${arn} matches ${other}, so ${w} must`);
                }
                assert.strictEqual(canMatch(arn, template), true, `${arn} is an instance of ${template}`);
            }
        }
        assert.ok(checked > 100, `only ${checked} pairs checked`);
    });

    it("matches a set of templates as it matches each one (the combined expression and the per-resource-part cache)", () => {
        let checked = 0;
        for (const service of ["s3", "dynamodb", "lambda", "logs", "bedrock", "glue", "states", "backup"]) {
            const templates = (resourceTemplates(service) ?? []).map((t) => t.arn);
            const { matches } = anyTemplateMatcher(templates);
            const elements = templates.flatMap((template) => {
                const arn = template.replace(/\$\{Partition\}/g, "aws").replace(/\$\{Region\}/g, "us-east-1").replace(/\$\{Account\}/g, "123456789012").replace(/\$\{[^}]*\}/g, "name1");
                // Cut at every position of the resource part: an element whose only wildcard is its last character.
                const cuts = Array.from({ length: arn.length - arn.split(":", 5).join(":").length }, (_, i) => `${arn.slice(0, arn.length - i)}*`);
                return [arn, arn.replace(/[^:/]+$/, "*"), arn.replace(/:123456789012:/, ":*:"), arn.replace(/[^:]+$/, "*"), arn.replace("s3", "s4"), `${arn}/extra`, ...cuts];
            });
            // Twice: the second round answers from the cache.
            for (const round of [1, 2]) {
                for (const element of elements) {
                    assert.strictEqual(matches(element), templates.some((t) => canMatch(element, t)), `${service}, round ${round}: ${element}`);
                    checked++;
                }
            }
            for (const half of [templates.slice(0, 1), templates.slice(1)]) {
                const some = anyTemplateMatcher(half).matches;
                for (const element of elements) assert.strictEqual(some(element), half.some((t) => canMatch(element, t)), element);
            }
        }
        assert.strictEqual(anyTemplateMatcher([]).matches("arn:aws:s3:::b"), false, "no templates, no match");
        assert.ok(checked > 500, `only ${checked} elements checked`);
    });

    it("settles an element with one expression exactly when it is well-formed and matches (matchesWellFormed)", () => {
        let settled = 0;
        let checked = 0;
        for (const service of ["s3", "dynamodb", "lambda", "logs", "bedrock", "glue", "iam", "chime", "sms-voice", "states", "secretsmanager"]) {
            // Templates of the service's own usual head; others are never settled by the expression.
            const templates = (resourceTemplates(service) ?? []).map((t) => t.arn).filter((arn) => /^arn:\$\{Partition\}:([a-z0-9-]+):(\$\{\w+\})?:(\$\{\w+\})?:./.exec(arn)?.[1] === service);
            assert.ok(templates.length > 0, service);
            const matcher = anyTemplateMatcher(templates);
            const elements = templates.flatMap((template) => {
                const arn = template.replace("${Partition}", "aws").replace(/^(arn:aws:[^:]+:)\$\{\w+\}:/, "$1us-east-1:").replace(/^(arn:aws:[^:]+:[^:]*:)\$\{\w+\}:/, "$1123456789012:").replace(/\$\{[^}]*\}/g, "name1");
                return [
                    arn, arn.replace(/[^:/]+$/, "*"), arn.replace(/[^:]+$/, "*"), `${arn}/extra`, `${arn.slice(0, -3)}*`, `${arn.slice(0, -1)}?`, `${arn}-*`,
                    arn.replace(/[^:/]+$/, "${aws:username}"), arn.replace(/[^:/]+$/, "${*}"), `${arn}\${?}`,
                    arn.replace(":us-east-1:", ":us-east-9:"), arn.replace(":us-east-1:", "::"), arn.replace(/^arn:aws:([^:]+)::/, "arn:aws:$1:eu-west-2:"),
                    arn.replace("arn:aws:", "arn:aws-cn:"), arn.replace("arn:aws:", "arn:awz:"), arn.replace(/:123456789012:/, ":aws:"), arn.replace(/:123456789012:/, ":12345:"),
                    arn.replace(/:123456789012:/, "::"), arn.replace(/^(arn:aws:[^:]+:[^:]*)::/, "$1:123456789012:"), arn.replace(`:${service}:`, `:${service.toUpperCase()}:`),
                ];
            });
            for (const element of elements) {
                const expected = arnProblem(element) === undefined && matcher.matches(element);
                assert.strictEqual(matcher.matchesWellFormed(element), expected, `${service}: ${element}`);
                if (expected) settled++;
                checked++;
            }
        }
        assert.ok(checked > 500 && settled > 200, `${settled} of ${checked} settled`);
        // `${*}` stands for one literal `*`: the text "x${*}" fits this template, the element it writes ("x*") does not.
        const braced = anyTemplateMatcher(["arn:${Partition}:s3:::${BucketName}}"]);
        assert.deepStrictEqual(["arn:aws:s3:::x}", "arn:aws:s3:::x${*}"].map((e) => [braced.matchesWellFormed(e), braced.matches(e)]), [[true, true], [false, false]]);
    });

    it("gives the well-formed head of a template only where arnProblem would accept its fields", () => {
        const head = (template: string) => {
            const fields = wellFormedHead(template);
            return fields === undefined ? undefined : { test: (text: string) => { const read = headFields(text); return read !== undefined && read.resource === "" && fitsHead(fields, read); } };
        };
        const role = head("arn:${Partition}:iam::${Account}:role/${RoleName}")!;
        assert.deepStrictEqual(["arn:aws:iam::123456789012:", "arn:aws-us-gov:iam::aws:", "arn:aws:iam:us-east-1:123456789012:", "arn:aws:iam::12345:", "arn:awz:iam::123456789012:", "arn:aws:iam::1234567890123:", "arn:aws:s3::123456789012:"].map((h) => role.test(h)), [true, true, false, false, false, false, false]);
        const table = head("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}")!;
        assert.deepStrictEqual(["arn:aws:dynamodb:eu-west-1:123456789012:", "arn:aws:dynamodb:mars-1:123456789012:", "arn:aws:dynamodb::123456789012:", "arn:aws:dynamodb:eu-west-1::"].map((h) => table.test(h)), [true, false, false, false]);
        assert.strictEqual(head("arn:${Partition}:iam:${Region}:${Account}:role/${RoleName}"), undefined, "IAM ARNs have no region");
        assert.strictEqual(head("arn:${Partition}:dynamodb:${Region}::table/${TableName}"), undefined, "DynamoDB ARNs always have an account");
        assert.strictEqual(head("arn:${Partition}:${Vendor}:${Region}:*:recovery-point:${RecoveryPointId}"), undefined, "not the usual head");
    });

    it("reports a bucket ARN given to s3:GetObject and an object ARN given to s3:ListBucket, naming the expected format", async () => {
        const violations = await violationsOf(policy, "prod", doc(
            { Sid: "ReadObjects", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::meddocparser-ocr-temp-prod" },
            { Sid: "ListBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::meddocparser-ocr-temp-prod/*" },
        ));
        assert.strictEqual(violations.length, 2);
        assert.strictEqual(violations[0].level, "advisory", "lint: the data is known to be incomplete");
        assert.deepStrictEqual(violations[0].message.split("\n").slice(1), [
            `app-policy › policy › statement ReadObjects: the IAM data (${dataVersion()}) does not list a resource type of these actions that this ARN matches, so it may grant nothing`,
            `action: s3:GetObject (resource types: accesspointobject, object); resource: "arn:aws:s3:::meddocparser-ocr-temp-prod"`,
            "fix: use an ARN of the form arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName} or arn:${Partition}:s3:::${BucketName}/${ObjectName}, or split the statement by resource type",
        ]);
        assert.match(violations[1].message, /statement ListBucket: the IAM data \(.*\) does not list a resource type of these actions that this ARN matches, so it may grant nothing\naction: s3:ListBucket \(resource types: accesspoint, bucket\); resource: "arn:aws:s3:::meddocparser-ocr-temp-prod\/\*"/);
        assert.match(violations[1].message, /fix: use an ARN of the form .* or arn:\$\{Partition\}:s3:::\$\{BucketName\}, or split/);
    });

    it("reports a specific ARN given to actions that only work on \"*\"", async () => {
        const [violation, ...rest] = await violationsOf(policy, "prod", doc({ Sid: "Ocr", Effect: "Allow", Action: ["textract:AnalyzeDocument", "textract:DetectDocumentText"], Resource: "arn:aws:textract:us-east-1:123456789012:document/x" }));
        assert.strictEqual(rest.length, 0);
        assert.match(violation.message, /statement Ocr: the IAM data \(.*\) does not list any resource type for these actions, so they are probably authorized on "Resource": "\*" only and this ARN may grant nothing\naction(s)?: textract:AnalyzeDocument \(no resource types listed\), textract:DetectDocumentText/);
        assert.strictEqual(violation.level, "advisory");
        assert.match(violation.message, /fix: move these actions to a statement with "Resource": "\*"/);
    });

    it("judges each account's copy of a statement alike, and remembers only what passed", async () => {
        assert.deepStrictEqual(
            ["arn:aws:sqs:us-east-1:123456789012:q", "arn:aws:sqs:us-east-1:12345678901:q", "arn:aws:sqs:us-east-1:*:q", "arn:aws:s3:::b", "arn:aws:iam::aws:policy/P", "*", "arn:aws:sqs"].map(accountFree),
            ["arn:aws:sqs:us-east-1:000000000000:q", "arn:aws:sqs:us-east-1:12345678901:q", "arn:aws:sqs:us-east-1:*:q", "arn:aws:s3:::b", "arn:aws:iam::aws:policy/P", "*", "arn:aws:sqs"],
        );
        // Elements found fine are kept by their text with the account ID set aside: the same
        // statement in another account passes, and nothing else does.
        const table = (account: string) => `arn:aws:dynamodb:us-east-1:${account}:table/engagement-features`;
        const read = (account: string) => doc({ Sid: "Read", Effect: "Allow", Action: "dynamodb:GetItem", Resource: table(account) });
        assert.deepStrictEqual(await violationsOf(policy, "prod", read("111111111111")), []);
        assert.deepStrictEqual(await violationsOf(policy, "prod", read("222222222222")), []);
        const [short, ...none] = await violationsOf(policy, "prod", read("22222222222"));
        assert.deepStrictEqual(none, []);
        assert.match(short.message, /statement Read: this ARN probably matches nothing: account "22222222222" is not a 12-digit account ID/);
        // Fine for one action list is not fine for another: the same table ARN given to s3:GetObject.
        const [other] = await violationsOf(policy, "prod", doc({ Sid: "Wrong", Effect: "Allow", Action: "s3:GetObject", Resource: table("111111111111") }));
        assert.match(other.message, /statement Wrong: the IAM data \(.*\) does not list a resource type of these actions that this ARN matches/);
        // A global service in a region, after the same ARN passed in its own form.
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: "iam:GetRole", Resource: "arn:aws:iam::111111111111:role/app" })), []);
        const [regional] = await violationsOf(policy, "prod", doc({ Sid: "Regional", Effect: "Deny", Action: "iam:GetRole", Resource: "arn:aws:sns:us-east-1:111111111111:topic-a" }));
        assert.strictEqual(regional, undefined, "a Deny on a well-formed SNS ARN is fine");
        const [unknownRegion] = await violationsOf(policy, "prod", doc({ Sid: "Nowhere", Effect: "Deny", Action: "sns:Publish", Resource: "arn:aws:sns:moon-east-1:111111111111:topic-a" }));
        assert.match(unknownRegion.message, /statement Nowhere: this ARN probably matches nothing: region "moon-east-1" is not an AWS region/);
    });

    it("does not judge the elements of a statement whose actions the data cannot list (\"*\", an unknown service, NotAction)", async () => {
        for (const grant of [{ Action: ["s3:GetObject", "*"] }, { Action: ["s3:GetObject", "nosuchservice:Get"] }, { NotAction: "s3:GetObject" }]) {
            assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", ...grant, Resource: "arn:aws:s3:::bucket" })), [], JSON.stringify(grant));
        }
    });

    it("a mismatch of a statement where some actions have resource types names theirs, up to three formats", async () => {
        const fixOf = async (Action: string[]) => (await violationsOf(policy, "prod", doc({ Sid: "S", Effect: "Allow", Action, Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/t" }))).map((v) => v.message.split("\n").slice(1));
        const getObject = "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName} or " + objectTemplate;
        const problem = `app-policy › policy › statement S: the IAM data (${dataVersion()}) does not list a resource type of these actions that this ARN matches, so it may grant nothing`;
        assert.deepStrictEqual(await fixOf(["s3:ListAllMyBuckets", "s3:GetObject"]), [[
            problem,
            'actions: s3:ListAllMyBuckets (no resource types listed), s3:GetObject (resource types: accesspointobject, object); resource: "arn:aws:dynamodb:us-east-1:123456789012:table/t"',
            `fix: use an ARN of the form ${getObject}, or split the statement by resource type`,
        ]]);
        assert.deepStrictEqual((await fixOf(["s3:GetObject", "sqs:SendMessage"]))[0][2], `fix: use an ARN of the form ${getObject} or arn:\${Partition}:sqs:\${Region}:\${Account}:\${QueueName}, or split the statement by resource type`);
        assert.deepStrictEqual((await fixOf(["s3:GetObject", "s3:ListBucket"]))[0][2], `fix: use an ARN of the form ${getObject} or arn:\${Partition}:s3:\${Region}:\${Account}:accesspoint/\${AccessPointName} (or another of the actions' types), or split the statement by resource type`);
    });

    it("judges NotResource elements for unlikely ARNs only, leaving \"*\" and non-ARNs alone", async () => {
        const violations = await violationsOf(policy, "prod", doc({ Sid: "S", Effect: "Allow", Action: "s3:GetObject", NotResource: ["*", "not-an-arn", "arn:aws:sqs:mars-1:123456789012:q"] }));
        assert.deepStrictEqual(violations.map((v) => v.message.split("\n").slice(1)), [[
            `app-policy › policy › statement S: this ARN probably matches nothing: region "mars-1" is not an AWS region (by the IAM data ${dataVersion()}; IAM accepts the document)`,
            'resource: "arn:aws:sqs:mars-1:123456789012:q"',
            "fix: write it as arn:<partition>:<service>:<region>:<account>:<resource> in the service's own format (build it with components/iam/arn.ts)",
        ]]);
    });

    it("passes when one action of the statement can use each element (seed 003's good tier)", async () => {
        assert.deepStrictEqual(await violationsOf(policy, "prod", doc({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::engagement-raw-data-dev", "arn:aws:s3:::engagement-raw-data-dev/*"] })), []);
    });

    it("arn-format (aws-rejects) reports what IAM refuses in any statement: a partition that is none or a variable, fewer than six fields, a region in an IAM ARN", async () => {
        const document = doc(
            { Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:amazon:s3:::b/*" },
            { Sid: "B", Effect: "Deny", Action: "s3:GetObject", NotResource: "arn:aws:s3" },
            { Sid: "C", Effect: "Allow", Action: "iam:GetRole", Resource: "arn:aws:iam:us-east-1:123456789012:role/r" },
            { Sid: "D", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3::123456789012:b" },
            { Sid: "E", Effect: "Allow", Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:us-east-1:1234:table/t" },
            { Sid: "F", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:${ARN_PARTITION}:s3:::b/*" },
            { Sid: "G", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:us-west-2:123456789012:test/athena" },
            { Sid: "H", Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:us-west-2:123456789012:accesspoint/ap/object/*", "arn:aws:s3:*:123456789012:b/*"] },
        );
        const rejected = await violationsOf("arn-format", "dev", document);
        assert.deepStrictEqual(rejected.map((v) => v.message.split("\n")[1]), [
            'app-policy › policy › statement A: IAM rejects this ARN (MalformedPolicyDocument): partition "amazon" is not an AWS partition (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc)',
            "app-policy › policy › statement B: IAM rejects this ARN (MalformedPolicyDocument): has 3 colon-separated fields; an ARN has six: arn:partition:service:region:account:resource",
            'app-policy › policy › statement C: IAM rejects this ARN (MalformedPolicyDocument): IAM ARNs have no region, and IAM refuses one with region "us-east-1"',
            'app-policy › policy › statement F: IAM rejects this ARN (MalformedPolicyDocument): partition "${ARN_PARTITION}" is a policy variable; IAM reads the partition before any variable and refuses it',
            'app-policy › policy › statement G: IAM rejects this ARN (MalformedPolicyDocument): S3 bucket and object ARNs have no region, and IAM refuses one with region "us-west-2" (only access points, jobs, Storage Lens and Access Grants are regional)',
        ]);
        assert.ok(rejected.every((v) => v.level === "mandatory"), "what AWS rejects blocks in dev too");
        // What IAM accepts but the data says matches nothing is lint, never twice for one element.
        const hints = await violationsOf(policy, "prod", document);
        assert.deepStrictEqual(hints.map((v) => v.message.split("\n")[1]), [
            // S3 access points have accounts, so this one is caught by matching the action's types instead.
            `app-policy › policy › statement D: the IAM data (${dataVersion()}) does not list a resource type of these actions that this ARN matches, so it may grant nothing`,
            `app-policy › policy › statement E: this ARN probably matches nothing: account "1234" is not a 12-digit account ID (by the IAM data ${dataVersion()}; IAM accepts the document)`,
        ]);
        assert.ok(hints.every((v) => v.level === "advisory"), "lint is advisory, in prod too");
    });

    it("passes what AWS's own managed policies do: an empty account (AWS-owned), region fields IAM does not check, s3:ListAllMyBuckets on arn:aws:s3:::*", async () => {
        const accepted = doc(
            { Sid: "View", Effect: "Allow", Action: "resource-explorer-2:Search", Resource: "arn:aws:resource-explorer-2:*::view/AWSServiceViewForApplicationSignals/service-view" },
            { Sid: "Owned", Effect: "Allow", Action: "iam:GetPolicy", Resource: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
            { Sid: "Buckets", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::*" },
            { Sid: "Groups", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "arn:aws:logs:*:*:log-group:*" },
            { Sid: "Sessions", Effect: "Allow", Action: "ssmmessages:OpenDataChannel", Resource: "arn:aws:ssm:*:*:session/*" },
            { Sid: "Hooks", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "arn:aws:lambda:region:*:function:CodeDeployHook_*" },
            { Sid: "Org", Effect: "Allow", Action: "organizations:DescribeOrganization", Resource: "arn:aws:organizations::*:" },
        );
        assert.deepStrictEqual(await violationsOf("arn-format", "prod", accepted), []);
        assert.deepStrictEqual((await violationsOf(policy, "prod", accepted)).filter((v) => v.level === "mandatory"), []);
        assert.deepStrictEqual((await violationsOf(policy, "prod", accepted)).filter((v) => /statement (View|Owned):/.test(v.message)), [], "AWS-owned resources match their types");
    });

    it("reads every field of an ARN: partitions, accounts of 12 digits or the aws literal, regions", () => {
        for (const ok of ["arn:aws-cn:s3:::b", "arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/t", "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:dynamodb:eu-west-2:000000000000:table/t"]) {
            assert.strictEqual(arnProblem(ok), undefined, ok);
        }
        const problems: [string, string][] = [
            ["arn:awsx:s3:::b", 'partition "awsx" is not an AWS partition'],
            ["arn:aws:dynamodb:us-east-1:1234567890123:table/t", 'account "1234567890123" is not a 12-digit account ID'],
            ["arn:aws:dynamodb:us-east-1:12345678901a:table/t", 'account "12345678901a" is not a 12-digit account ID'],
            ["arn:aws:dynamodb:us-east-9:123456789012:table/t", 'region "us-east-9" is not an AWS region'],
            ["arn:aws:dynamodb:us-east-1:123456789012:", "has no resource part after the fifth colon"],
            ["arn:aws::us-east-1:123456789012:table/t", "has no service field"],
            ["arn:aws:lambda::123456789012:function:f", "lambda ARNs need a region; the region field is empty"],
            ["arn:aws:lambda:us-east-1::function:f", "lambda ARNs need an account; the account field is empty"],
        ];
        for (const [element, problem] of problems) assert.ok(arnProblem(element)?.startsWith(problem), `${element}: ${arnProblem(element)}`);
    });

    it("judges formats, not wildcards: wildcarded fields and policy variables are well-formed", () => {
        for (const ok of ["arn:aws:logs:*:*:*", "arn:*:s3:::b", "arn:aws:s3:::b/${aws:username}/*", "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:sms-voice:us-east-1:123456789012:phone-number/*"]) {
            assert.strictEqual(arnProblem(ok), undefined, ok);
        }
    });
});
