/**
 * Federated and service principals (principal-rules.ts) through no-public-principal: a federated
 * trust narrows only with its provider's subject and audience keys; a service principal needs a
 * source key (the confused deputy), except in the trust policy of a service that sends none.
 * AWS's and the providers' own documented trust policies must pass.
 */
import * as assert from "assert";
import { TestResource, doc, judge, of, violationsOf } from "./support";

const role = (statement: Record<string, unknown>): TestResource => ({ type: "aws:iam/role:Role", name: "deploy-role", props: { name: "deploy", assumeRolePolicy: JSON.stringify(doc(statement)) } });
const topicPolicy = (statement: Record<string, unknown>): TestResource => ({ type: "aws:sns/topicPolicy:TopicPolicy", name: "uploads-topic-policy", props: { arn: "arn:aws:sns:us-east-1:123456789012:uploads", policy: JSON.stringify(doc(statement)) } });
const permission = (props: Record<string, unknown>): TestResource => ({ type: "aws:lambda/permission:Permission", name: "predict-invoke", props: { action: "lambda:InvokeFunction", function: "predict", ...props } });

async function findings(environment: string, resource: TestResource): Promise<{ level: string; line: string; fix: string }[]> {
    return of(await judge(environment, [resource]), "no-public-principal").map((v) => {
        const lines = v.message.split("\n");
        return { level: v.level, line: lines[1], fix: lines[lines.length - 1] };
    });
}

const github = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const webIdentity = (Federated: string, Condition?: Record<string, unknown>) => ({ Sid: "GitHubDeploy", Effect: "Allow", Principal: { Federated }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) });
const gitHubCondition = (sub: unknown, operator = "StringLike"): Record<string, Record<string, unknown>> => {
    const condition: Record<string, Record<string, unknown>> = { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } };
    condition[operator] = { ...(condition[operator] ?? {}), "token.actions.githubusercontent.com:sub": sub };
    return condition;
};
const gitHubWhy = "(a provider such as token.actions.githubusercontent.com, gitlab.com or app.terraform.io issues tokens to every one of its users: the subject claim must name your repository, project or workspace, and the audience must be yours)";

describe("least-privilege pack: federated principals", () => {
    it("passes GitHub's documented trust: sub naming a repository and branch, aud sts.amazonaws.com (ARN and bare host forms)", async () => {
        for (const provider of [github, "token.actions.githubusercontent.com"]) {
            assert.deepStrictEqual(await findings("prod", role(webIdentity(provider, gitHubCondition("repo:octo-org/app:ref:refs/heads/main", "StringEquals")))), [], provider);
        }
        assert.deepStrictEqual(await findings("prod", role(webIdentity(github, gitHubCondition(["repo:octo-org/app:*", "repo:octo-org/infra:environment:prod"])))), []);
        assert.deepStrictEqual(await findings("prod", role(webIdentity(github, gitHubCondition("repo:octo-org/*")))), [], "an owner-wide subject names the owner");
        assert.deepStrictEqual(await findings("prod", role(webIdentity(github, gitHubCondition("repo:octo-org/app-*")))), [], "repositories of a named owner by prefix");
    });

    it("blocks a GitHub trust with aud but no sub: any repository on GitHub could assume the role", async () => {
        const [finding, ...rest] = await findings("prod", role(webIdentity(github, { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } })));
        assert.strictEqual(rest.length, 0);
        assert.deepStrictEqual(finding, {
            level: "mandatory",
            line: `deploy-role › assumeRolePolicy › statement GitHubDeploy: trusts the OIDC provider token.actions.githubusercontent.com without conditions that narrow who: no condition on token.actions.githubusercontent.com:sub ${gitHubWhy}`,
            fix: "fix: add \"Condition\": {\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}, \"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:<owner>/<repo>:ref:refs/heads/<branch>\"}}",
        });
    });

    it("blocks subjects that name no repository owner, and says why", async () => {
        const cases: [unknown, string][] = [
            ["repo:*", "StringLike token.actions.githubusercontent.com:sub \"repo:*\" leaves the subject open: it matches every repository, project or identity the provider issues tokens for"],
            ["repo:*/*", "StringLike token.actions.githubusercontent.com:sub \"repo:*/*\" leaves the subject open: it matches every repository, project or identity the provider issues tokens for"],
            ["*", "StringLike token.actions.githubusercontent.com:sub \"*\" leaves the subject open: it matches every repository, project or identity the provider issues tokens for"],
            ["repo:octo*", "StringLike token.actions.githubusercontent.com:sub \"repo:octo*\" leaves the owner open after \"repo:octo\": an owner, group or organization named anything that starts with it matches"],
            [["repo:octo-org/app:*", "repo:*"], "StringLike token.actions.githubusercontent.com:sub \"repo:*\" leaves the subject open: it matches every repository, project or identity the provider issues tokens for"],
        ];
        for (const [sub, why] of cases) {
            const [finding] = await findings("prod", role(webIdentity(github, gitHubCondition(sub))));
            assert.strictEqual(finding?.line, `deploy-role › assumeRolePolicy › statement GitHubDeploy: trusts the OIDC provider token.actions.githubusercontent.com without conditions that narrow who: ${why} ${gitHubWhy}`, JSON.stringify(sub));
        }
        const [ifExists] = await findings("prod", role(webIdentity(github, gitHubCondition("repo:octo-org/app:*", "StringLikeIfExists"))));
        assert.match(ifExists.line, /StringLikeIfExists token\.actions\.githubusercontent\.com:sub also matches requests that carry no token\.actions\.githubusercontent\.com:sub \(IfExists\)/);
    });

    it("blocks a GitHub trust without aud, or with a wildcard audience", async () => {
        const [noAud] = await findings("prod", role(webIdentity(github, { StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/app:*" } })));
        assert.match(noAud.line, /without conditions that narrow who: no condition on token\.actions\.githubusercontent\.com:aud \(/);
        const [wildAud] = await findings("prod", role(webIdentity(github, { StringLike: { "token.actions.githubusercontent.com:aud": "*", "token.actions.githubusercontent.com:sub": "repo:octo-org/app:*" } })));
        assert.match(wildAud.line, /StringLike token\.actions\.githubusercontent\.com:aud "\*" leaves the audience open/);
    });

    it("judges other OIDC providers by <provider>:sub and <provider>:aud: EKS, GitLab, Terraform Cloud", async () => {
        const eks = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
        const host = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
        assert.deepStrictEqual(await findings("prod", role(webIdentity(eks, { StringEquals: { [`${host}:sub`]: "system:serviceaccount:default:my-service-account", [`${host}:aud`]: "sts.amazonaws.com" } }))), []);
        const [eksNoAud] = await findings("prod", role(webIdentity(eks, { StringEquals: { [`${host}:sub`]: "system:serviceaccount:default:my-service-account" } })));
        assert.match(eksNoAud.line, new RegExp(`trusts the OIDC provider ${host.replace(/\./g, "\\.")} without conditions that narrow who: no condition on ${host.replace(/\./g, "\\.")}:aud`));
        assert.deepStrictEqual(await findings("prod", role(webIdentity("arn:aws:iam::123456789012:oidc-provider/gitlab.com", { StringEquals: { "gitlab.com:aud": "https://gitlab.com" }, StringLike: { "gitlab.com:sub": "project_path:mygroup/myproject:ref_type:branch:ref:main" } }))), []);
        assert.deepStrictEqual(await findings("prod", role(webIdentity("arn:aws:iam::123456789012:oidc-provider/app.terraform.io", { StringEquals: { "app.terraform.io:aud": "aws.workload.identity" }, StringLike: { "app.terraform.io:sub": "organization:my-org:project:*:workspace:*:run_phase:*" } }))), []);
        const [anyOrg] = await findings("prod", role(webIdentity("arn:aws:iam::123456789012:oidc-provider/app.terraform.io", { StringEquals: { "app.terraform.io:aud": "aws.workload.identity" }, StringLike: { "app.terraform.io:sub": "organization:*" } })));
        assert.match(anyOrg.line, /StringLike app\.terraform\.io:sub "organization:\*" leaves the subject open/);
    });

    it("Cognito needs cognito-identity.amazonaws.com:aud naming one identity pool", async () => {
        const cognito = (Condition?: Record<string, unknown>) => role({ Sid: "Cognito", Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) });
        const [none] = await findings("prod", cognito({ "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } }));
        assert.strictEqual(none.line, "deploy-role › assumeRolePolicy › statement Cognito: trusts the web identity provider cognito-identity.amazonaws.com without conditions that narrow who: no condition on cognito-identity.amazonaws.com:aud (the audience is the identity pool ID: without it, identities of every Cognito identity pool (any customer's) can assume the role; cognito-identity.amazonaws.com:amr is recommended on top)");
        const [anyPool] = await findings("prod", cognito({ StringLike: { "cognito-identity.amazonaws.com:aud": "us-east-1:*" } }));
        assert.match(anyPool.line, /StringLike cognito-identity\.amazonaws\.com:aud "us-east-1:\*" leaves the audience open/);
        assert.deepStrictEqual(await findings("prod", cognito({ StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012" }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } })), []);
    });

    it("SAML needs SAML:aud; Google needs accounts.google.com:aud", async () => {
        const saml = (Condition?: Record<string, unknown>) => role({ Sid: "Saml", Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:saml-provider/CorpIdP" }, Action: "sts:AssumeRoleWithSAML", ...(Condition ? { Condition } : {}) });
        const [none] = await findings("prod", saml());
        assert.strictEqual(none.line, "deploy-role › assumeRolePolicy › statement Saml: trusts the SAML provider CorpIdP without conditions that narrow who: no condition on SAML:aud (SAML:aud makes the role accept only assertions addressed to AWS sign-in (https://signin.aws.amazon.com/saml))");
        assert.deepStrictEqual(await findings("prod", saml({ StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } })), []);
        const google = (Condition?: Record<string, unknown>) => role({ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) });
        assert.strictEqual((await findings("prod", google())).length, 1);
        assert.deepStrictEqual(await findings("prod", google({ StringEquals: { "accounts.google.com:aud": "66677788899.apps.googleusercontent.com" } })), []);
    });

    it("is advisory in dev", async () => {
        assert.deepStrictEqual((await findings("dev", role(webIdentity(github)))).map((f) => f.level), ["advisory"]);
    });
});

describe("least-privilege pack: service principals (the confused deputy)", () => {
    const s3ToSns = (Condition?: Record<string, unknown>) => topicPolicy({ Sid: "S3Publish", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "SNS:Publish", Resource: "arn:aws:sns:us-east-1:123456789012:uploads", ...(Condition ? { Condition } : {}) });

    it("passes an SNS topic policy for s3.amazonaws.com with aws:SourceArn of one bucket and aws:SourceAccount", async () => {
        assert.deepStrictEqual(await findings("prod", s3ToSns({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::meddocparser-ocr-temp-prod" }, StringEquals: { "aws:SourceAccount": "123456789012" } })), []);
        assert.deepStrictEqual(await findings("prod", s3ToSns({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::meddocparser-ocr-temp-prod" } })), [], "a named bucket alone narrows");
        assert.deepStrictEqual(await findings("prod", s3ToSns({ StringEquals: { "aws:SourceOrgID": "o-abc123def4" } })), [], "the organization's resources");
    });

    it("blocks it without a source condition, or with one that names nothing", async () => {
        const [none] = await findings("prod", s3ToSns());
        assert.deepStrictEqual(none, {
            level: "mandatory",
            line: "uploads-topic-policy › policy › statement S3Publish: lets the service principal s3.amazonaws.com in without aws:SourceArn or aws:SourceAccount naming your account or resource, so any AWS customer's use of the service can reach it (the confused deputy)",
            fix: "fix: add \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"<your account ID>\"}, \"ArnLike\": {\"aws:SourceArn\": \"<the calling resource's ARN>\"}}",
        });
        const [anyBucket] = await findings("prod", s3ToSns({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } }));
        assert.strictEqual(anyBucket.line, "uploads-topic-policy › policy › statement S3Publish: lets the service principal s3.amazonaws.com in without aws:SourceArn or aws:SourceAccount naming your account or resource: ArnLike aws:SourceArn \"arn:aws:s3:::*\" has no account and leaves the resource name open: anyone can create a resource of a matching name, so any AWS customer's use of the service can reach it (the confused deputy)");
        const [anyAccount] = await findings("prod", s3ToSns({ StringLike: { "aws:SourceAccount": "*" }, ArnLike: { "aws:SourceArn": "arn:aws:s3:::meddocparser-*" } }));
        assert.match(anyAccount.line, /StringLike aws:SourceAccount "\*" matches every account; ArnLike aws:SourceArn "arn:aws:s3:::meddocparser-\*" has no account and leaves the resource name open/);
        const [orgOnly] = await findings("prod", s3ToSns({ StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } }));
        assert.match(orgOnly.line, /without aws:SourceArn or aws:SourceAccount naming your account or resource, so/, "a service principal belongs to no organization: aws:PrincipalOrgID is not a source key");
    });

    it("trust policies: ecs-tasks needs a source condition; ec2 and lambda send none and pass without", async () => {
        const trust = (services: string[], Condition?: Record<string, unknown>) => role({ Sid: "Services", Effect: "Allow", Principal: { Service: services }, Action: "sts:AssumeRole", ...(Condition ? { Condition } : {}) });
        const [ecs] = await findings("prod", trust(["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"]));
        assert.strictEqual(ecs.line, "deploy-role › assumeRolePolicy › statement Services: lets the service principal ecs-tasks.amazonaws.com in without aws:SourceArn or aws:SourceAccount naming your account or resource, so any AWS customer's use of the service can reach it (the confused deputy)");
        assert.deepStrictEqual(await findings("prod", trust(["ecs-tasks.amazonaws.com"], { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*" } })), []);
        assert.deepStrictEqual(await findings("prod", trust(["ec2.amazonaws.com", "lambda.amazonaws.com", "ec2.amazonaws.com.cn"])), []);
        assert.deepStrictEqual((await findings("dev", trust(["states.amazonaws.com"]))).map((f) => f.level), ["advisory"]);
    });

    it("a KMS key policy for CloudWatch Logs is narrowed by the log-group ARN the service sets in the encryption context (not for \"*\")", async () => {
        const logs = (Principal: unknown, arn: string) => doc({ Sid: "Logs", Effect: "Allow", Principal, Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"], Resource: "*", Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": arn } } });
        assert.deepStrictEqual(await violationsOf("no-public-principal", "prod", logs({ Service: "logs.us-east-1.amazonaws.com" }, "arn:aws:logs:us-east-1:123456789012:log-group:*")), []);
        const [anyAccount] = await violationsOf("no-public-principal", "prod", logs({ Service: "logs.us-east-1.amazonaws.com" }, "arn:aws:logs:*:*:*"));
        assert.strictEqual(anyAccount.message.split("\n")[1], "app-policy › policy › statement Logs: lets the service principal logs.us-east-1.amazonaws.com in without aws:SourceArn or aws:SourceAccount naming your account or resource: ArnLike kms:EncryptionContext:aws:logs:arn \"arn:aws:logs:*:*:*\" leaves the account open (\"*\"): it matches principals and resources in every account, so any AWS customer's use of the service can reach it (the confused deputy)");
        const [everyone] = await violationsOf("no-public-principal", "prod", logs("*", "arn:aws:logs:us-east-1:123456789012:log-group:*"));
        assert.match(everyone.message, /lets any principal \("\*"\) in without a narrowing condition: ArnLike kms:EncryptionContext:aws:logs:arn does not narrow who/, "a direct caller chooses its own encryption context");
    });

    it("Lambda permissions: a service principal without sourceArn or sourceAccount is reported, with one it passes", async () => {
        const [open] = await findings("prod", permission({ principal: "apigateway.amazonaws.com" }));
        assert.strictEqual(open.line, "predict-invoke › permission › statement #0: lets the service principal apigateway.amazonaws.com in without aws:SourceArn or aws:SourceAccount naming your account or resource, so any AWS customer's use of the service can reach it (the confused deputy)");
        assert.deepStrictEqual(await findings("prod", permission({ principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*/POST/predict" })), []);
        assert.deepStrictEqual(await findings("prod", permission({ principal: "events.amazonaws.com", sourceAccount: "123456789012" })), []);
        const [anyApi] = await findings("prod", permission({ principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:*:*:*" }));
        assert.match(anyApi.line, /ArnLike AWS:SourceArn "arn:aws:execute-api:\*:\*:\*" leaves the account open/);
    });
});
