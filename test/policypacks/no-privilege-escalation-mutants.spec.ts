/**
 * no-privilege-escalation and privilege-escalation-review: the verdicts the mutation run found
 * unspecified (issue 21). Each case names what it pins down; the messages are whole, so a changed
 * word, list or fix fails.
 */
import * as assert from "assert";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { escalationAcrossPolicies } from "../../policypacks/least-privilege/policies/escalation-across-policies";
import { TestResource, doc, policyNamed, validateResource } from "./support";

const iam = "arn:aws:iam::123456789012:";
const blocking = "no-privilege-escalation";
const review = "privilege-escalation-review";
const ownFix = "fix: remove the grant: a principal must not change its own permissions; let the deployment (Pulumi) manage them";
const roleFix = "fix: name the roles it may change (arn:aws:iam::<account>:role/<Name>), never its own, or add \"Condition\": {\"StringEquals\": {\"iam:PermissionsBoundary\": \"<boundary policy ARN>\"}}";
const genericFix = "fix: grant only the IAM actions the workload calls, on named roles and users that are not its own; to let it manage roles, add \"Condition\": {\"StringEquals\": {\"iam:PermissionsBoundary\": \"<boundary policy ARN>\"}}";
const passFix = "fix: name the roles it may pass (arn:aws:iam::<account>:role/<RoleName>) with \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"<service>.amazonaws.com\"}}";
const escalation = ": one-step privilege escalation";

const resource = (type: string, name: string, props: Record<string, unknown>): TestResource => ({ type, name, props });
const rolePolicy = (roleName: string, document: unknown) => resource("aws:iam/rolePolicy:RolePolicy", "inline", { name: "inline", role: roleName, policy: JSON.stringify(document) });
const managed = (document: unknown) => resource("aws:iam/policy:Policy", "app-policy", { name: "app-policy", policy: JSON.stringify(document) });
const allow = (fields: Record<string, unknown>, sid = "S") => ({ Sid: sid, Effect: "Allow", ...fields });

/** [level, message without the description line] of one policy in prod. */
async function verdicts(policy: string, r: TestResource): Promise<[string, string][]> {
    const violations = await validateResource(policyNamed(buildPolicies({ environment: "prod" }), policy), r);
    return violations.map((v) => [v.level, v.message.split("\n").slice(1).join("\n")]);
}
const blocked = (r: TestResource) => verdicts(blocking, r);
const reviewed = (r: TestResource) => verdicts(review, r);
const mandatory = (...messages: string[]) => messages.map((m) => ["mandatory", m]);
const advisory = (...messages: string[]) => messages.map((m) => ["advisory", m]);

/** The review's lint for `action` on a pattern `element` it writes onto roles. */
const roleLint = (where: string, action: string, element: string) =>
    `${where} › statement S: ${action} on ${JSON.stringify(element)} lets the holder write or attach permissions policies onto every role matching ${JSON.stringify(element)}; if the holder is, or can become, one of them, that is privilege escalation\n` +
    `action: ${action}; resource: ${JSON.stringify(element)}\nfix: name the roles, and make sure the holder can neither assume nor pass any of them`;

describe("least-privilege pack: no-privilege-escalation, the holder's own principal per resource type (mutants)", () => {
    const ownWrite = (where: string, action: string, element: string, target: string) =>
        `${where} › statement S: ${action} on ${JSON.stringify(element)} lets the holder write or attach permissions policies onto ${target}${escalation}\naction: ${action}; resource: ${JSON.stringify(element)}\n${ownFix}`;

    it("a UserPolicy's user, a GroupPolicy's group and their aws-native forms are the holder's own", async () => {
        const cases: [TestResource, string, string, string, string][] = [
            [resource("aws:iam/userPolicy:UserPolicy", "inline", { user: "bob", policy: JSON.stringify(doc(allow({ Action: "iam:PutUserPolicy", Resource: `${iam}user/bob` }))) }), "inline › policy", "iam:PutUserPolicy", `${iam}user/bob`, "its own user bob"],
            [resource("aws:iam/groupPolicy:GroupPolicy", "inline", { group: "devs", policy: JSON.stringify(doc(allow({ Action: "iam:PutGroupPolicy", Resource: `${iam}group/devs` }))) }), "inline › policy", "iam:PutGroupPolicy", `${iam}group/devs`, "its own group devs"],
            [resource("aws-native:iam:GroupPolicy", "inline", { groupName: "devs", policyName: "p", policyDocument: doc(allow({ Action: "iam:PutGroupPolicy", Resource: `${iam}group/devs` })) }), "inline › policyDocument", "iam:PutGroupPolicy", `${iam}group/devs`, "its own group devs"],
            [resource("aws-native:iam:User", "u", { userName: "bob", policies: [{ policyName: "p", policyDocument: doc(allow({ Action: "iam:PutUserPolicy", Resource: `${iam}user/bob` })) }] }), "u › policies[0].policyDocument", "iam:PutUserPolicy", `${iam}user/bob`, "its own user bob"],
            [resource("aws-native:iam:Group", "g", { groupName: "devs", policies: [{ policyName: "p", policyDocument: doc(allow({ Action: "iam:PutGroupPolicy", Resource: `${iam}group/devs` })) }] }), "g › policies[0].policyDocument", "iam:PutGroupPolicy", `${iam}group/devs`, "its own group devs"],
        ];
        for (const [r, where, action, element, target] of cases) {
            assert.deepStrictEqual(await blocked(r), mandatory(ownWrite(where, action, element, target)), r.type);
            assert.deepStrictEqual(await reviewed(r), [], r.type);
        }
    });

    it("a Role's path counts: role/tea*app covers its own role app under /team/; another role on that path does not", async () => {
        const role = (element: string) => resource("aws:iam/role:Role", "r", { name: "app", path: "/team/", inlinePolicies: [{ name: "p", policy: JSON.stringify(doc(allow({ Action: "iam:PutRolePolicy", Resource: element }))) }] });
        assert.deepStrictEqual(await blocked(role(`${iam}role/tea*app`)), mandatory(ownWrite("r › inlinePolicies[0].policy", "iam:PutRolePolicy", `${iam}role/tea*app`, "its own role app")));
        assert.deepStrictEqual(await reviewed(role(`${iam}role/tea*app`)), []);
        assert.deepStrictEqual(await blocked(role(`${iam}role/team/other`)), [], "a named other role is the deployment pattern");
        assert.deepStrictEqual(await reviewed(role(`${iam}role/team/other`)), []);
    });

    it("without a path, only the name decides: role/Str*app is a pattern for role app, not its own", async () => {
        const r = rolePolicy("app", doc(allow({ Action: "iam:PutRolePolicy", Resource: `${iam}role/Str*app` })));
        assert.deepStrictEqual(await blocked(r), []);
        assert.deepStrictEqual(await reviewed(r), advisory(roleLint("inline › policy", "iam:PutRolePolicy", `${iam}role/Str*app`)));
    });

    it("an empty, missing or path-like role name is nobody's own role", async () => {
        const empty = rolePolicy("", doc(allow({ Action: "iam:PutRolePolicy", Resource: `${iam}role/app/*` })));
        assert.deepStrictEqual(await blocked(empty), []);
        assert.deepStrictEqual(await reviewed(empty), advisory(roleLint("inline › policy", "iam:PutRolePolicy", `${iam}role/app/*`)));
        // A role input that is no ARN is the name as written: "x/app" is not the role app.
        assert.deepStrictEqual(await blocked(rolePolicy("x/app", doc(allow({ Action: "iam:PutRolePolicy", Resource: `${iam}role/app` })))), []);
        // An auto-named Role has no own name to match (not even the text "undefined").
        const autoNamed = resource("aws:iam/role:Role", "r", { inlinePolicies: [{ name: "p", policy: JSON.stringify(doc(allow({ Action: "iam:PutRolePolicy", Resource: `${iam}role/undefined` }))) }] });
        assert.deepStrictEqual(await blocked(autoNamed), []);
    });

    it("the own role is not a user of the same name; ${aws:username} names the own user only under user/", async () => {
        assert.deepStrictEqual(await blocked(rolePolicy("app", doc(allow({ Action: "iam:PutUserPolicy", Resource: `${iam}user/app` })))), []);
        const variable = rolePolicy("app", doc(allow({ Action: "iam:PutRolePolicy", Resource: `${iam}role/\${aws:username}` })));
        assert.deepStrictEqual(await blocked(variable), []);
        assert.deepStrictEqual(await reviewed(variable), advisory(roleLint("inline › policy", "iam:PutRolePolicy", `${iam}role/\${aws:username}`)));
        // A managed policy without a name has no own principal, yet user/${aws:username} is always the holder's own user.
        const nameless = resource("aws:iam/policy:Policy", "p", { policy: JSON.stringify(doc(allow({ Action: "iam:PutUserPolicy", Resource: `${iam}user/\${aws:username}` }))) });
        assert.deepStrictEqual(await blocked(nameless), mandatory(ownWrite("p › policy", "iam:PutUserPolicy", `${iam}user/\${aws:username}`, "its own user")));
        // With a wildcard beside it, the variable is a prefix: bob's keys, and bob-admin's (red-team).
        const keys = (element: string) => resource("aws:iam/policy:Policy", "p", { policy: JSON.stringify(doc(allow({ Action: "iam:CreateAccessKey", Resource: element }))) });
        assert.deepStrictEqual(await reviewed(keys(`${iam}user/\${aws:username}`)), [], "keys for oneself (AWS's self-service example)");
        const [prefix, ...rest] = await reviewed(keys(`${iam}user/\${aws:username}*`));
        assert.deepStrictEqual(rest, []);
        assert.match(String(prefix[1]), /iam:CreateAccessKey on "arn:aws:iam::123456789012:user\/\$\{aws:username\}\*"/);
    });
});

describe("least-privilege pack: no-privilege-escalation, which elements are about the target (mutants)", () => {
    const anyRole = (element: string) => `inline › policy › statement S: iam:PutRolePolicy on ${JSON.stringify(element)} lets the holder write or attach permissions policies onto any role, its own included${escalation}\naction: iam:PutRolePolicy; resource: ${JSON.stringify(element)}\n${roleFix}`;

    it("a wildcarded partition or account still covers every role", async () => {
        for (const element of ["arn:aw*:iam::*:role/*", "arn:aws:iam::1*:role/*"]) {
            assert.deepStrictEqual(await blocked(rolePolicy("app", doc(allow({ Action: "iam:PutRolePolicy", Resource: element })))), mandatory(anyRole(element)), element);
        }
    });

    it("the service is matched regardless of case; another service, another resource type or no ARN is not about roles", async () => {
        const upper = "arn:aws:IAM::123456789012:role/app-*";
        assert.deepStrictEqual(await reviewed(rolePolicy("app", doc(allow({ Action: "iam:PutRolePolicy", Resource: upper })))), advisory(roleLint("inline › policy", "iam:PutRolePolicy", upper)));
        for (const element of ["arn:aws:s3:::role/app-*", `${iam}user/app-*`, "*:aws:iam::123456789012:role/app-*"]) {
            const r = rolePolicy("app", doc(allow({ Action: "iam:PutRolePolicy", Resource: element })));
            assert.deepStrictEqual(await blocked(r), [], element);
            assert.deepStrictEqual(await reviewed(r), [], element);
        }
    });

    it("${aws:username} outside an IAM user ARN is a pattern like any other; text before arn: makes no ARN", async () => {
        const element = "arn:aws:lambda:us-east-1:123456789012:user/${aws:username}";
        const lambda = managed(doc(allow({ Action: "lambda:UpdateFunctionCode", Resource: element })));
        assert.deepStrictEqual(await blocked(lambda), []);
        assert.deepStrictEqual(await reviewed(lambda), advisory(
            `app-policy › policy › statement S: lambda:UpdateFunctionCode on ${JSON.stringify(element)} lets the holder replace the code of every function matching ${JSON.stringify(element)} and run it with their roles; if the holder is, or can become, one of them, that is privilege escalation\n` +
            `action: lambda:UpdateFunctionCode; resource: ${JSON.stringify(element)}\nfix: name the functions, and make sure the holder can neither assume nor pass any of them`));
        // Only under user/ is ${aws:username} the holder's own user: in place of the resource type it is a pattern.
        const typeless = `${iam}\${aws:username}`;
        assert.deepStrictEqual(await blocked(managed(doc(allow({ Action: "iam:PutUserPolicy", Resource: typeless })))), []);
        assert.deepStrictEqual((await reviewed(managed(doc(allow({ Action: "iam:PutUserPolicy", Resource: typeless }))))).map(([level, message]) => [level, message.split("\n")[0]]), [[
            "advisory", `app-policy › policy › statement S: iam:PutUserPolicy on ${JSON.stringify(typeless)} lets the holder write or attach permissions policies onto every user matching ${JSON.stringify(typeless)}; if the holder is, or can become, one of them, that is privilege escalation`,
        ]]);
        const notArn = rolePolicy("app", doc(allow({ Action: "iam:PutRolePolicy", Resource: "*rn:aws:iam::123456789012:role/app-*" })));
        assert.deepStrictEqual(await blocked(notArn), []);
        assert.deepStrictEqual(await reviewed(notArn), []);
    });

    it("Deny statements grant nothing, even beside an Allow that may escalate", async () => {
        const r = managed(doc(allow({ Action: "iam:PutRolePolicy", Resource: `${iam}role/other` }), { Sid: "D", Effect: "Deny", Action: "iam:PutRolePolicy", Resource: "*" }));
        assert.deepStrictEqual(await blocked(r), []);
        assert.deepStrictEqual(await reviewed(r), []);
    });

    it("a bucket policy is no identity document: neither policy reads it, whatever it grants", async () => {
        const r = resource("aws:s3/bucketPolicy:BucketPolicy", "bp", { bucket: "b", policy: JSON.stringify(doc({ Sid: "B", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: ["lambda:UpdateFunctionCode", "iam:PutRolePolicy"], Resource: ["arn:aws:s3:::b/*", `${iam}role/app-*`] })) });
        assert.deepStrictEqual(await blocked(r), []);
        assert.deepStrictEqual(await reviewed(r), []);
    });

    it("assuming a pattern of roles is no review lint: the review is about writing permissions", async () => {
        assert.deepStrictEqual(await reviewed(managed(doc(allow({ Action: "sts:AssumeRole", Resource: `${iam}role/app-*` })))), []);
    });
});

describe("least-privilege pack: no-privilege-escalation, conditions that narrow (mutants)", () => {
    const attachAny = `app-policy › policy › statement S: iam:AttachRolePolicy on "*" lets the holder write or attach permissions policies onto any role, its own included${escalation}\naction: iam:AttachRolePolicy; resource: "*"\n` +
        `${roleFix}, or limit the policies with "Condition": {"ArnEquals": {"iam:PolicyARN": ["<policy ARN>"]}}`;
    const attach = (values: unknown) => managed(doc(allow({ Action: "iam:AttachRolePolicy", Resource: "*", Condition: { ArnEquals: { "iam:PolicyARN": values } } })));

    it("iam:PolicyARN narrows only to named ordinary policies: not a bare name, no values, an administrator policy in any partition or case, or a list with one", async () => {
        assert.deepStrictEqual(await blocked(attach([`${iam}policy/ok`])), []);
        for (const values of ["ReadOnly", [], "arn:aws-cn:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/administratoraccess", [`${iam}policy/ok`, "arn:aws:iam::aws:policy/AdministratorAccess"]]) {
            assert.deepStrictEqual(await blocked(attach(values)), mandatory(attachAny), JSON.stringify(values));
        }
    });

    const assumeAny = `app-policy › policy › statement S: sts:AssumeRole on "*" lets the holder assume any role${escalation}\naction: sts:AssumeRole; resource: "*"\nfix: name the roles it may assume (arn:aws:iam::<account>:role/<Name>)`;
    const assume = (condition: Record<string, unknown>) => managed(doc(allow({ Action: "sts:AssumeRole", Resource: "*", Condition: condition })));

    it("an aws:ResourceTag condition scopes \"*\" only with a positive operator, the key itself and values that are not wildcards alone", async () => {
        assert.deepStrictEqual(await blocked(assume({ StringEquals: { "aws:ResourceTag/team": "x" } })), []);
        for (const condition of [
            { StringNotEquals: { "aws:ResourceTag/team": "x" } },
            { StringEquals: { "xaws:ResourceTag/team": "x" } },
            { StringEquals: { "aws:ResourceTag/team": [] } },
            { StringEquals: { "aws:PrincipalTag/team": "x" } },
            { StringEquals: { "aws:ResourceTag/team": ["*", "x"] } },
            { StringEquals: { "aws:ResourceTag/team": "**" } },
        ]) {
            assert.deepStrictEqual(await blocked(assume(condition)), mandatory(assumeAny), JSON.stringify(condition));
        }
    });

    it("a tag turns \"*\" into a reviewed pattern of users for CreateAccessKey, and leaves a named user named", async () => {
        const tagged = (element: string) => managed(doc(allow({ Action: "iam:CreateAccessKey", Resource: element, Condition: { StringEquals: { "aws:ResourceTag/team": "x" } } })));
        assert.deepStrictEqual(await blocked(tagged("*")), []);
        assert.deepStrictEqual(await reviewed(tagged("*")), advisory(
            "app-policy › policy › statement S: iam:CreateAccessKey on \"*\" lets the holder create passwords or access keys for every user matching \"*\", and so sign in as them; if the holder is, or can become, one of them, that is privilege escalation\n" +
            "action: iam:CreateAccessKey; resource: \"*\"\nfix: name the users, and make sure the holder can neither assume nor pass any of them"));
        assert.deepStrictEqual(await blocked(tagged(`${iam}user/bob`)), []);
        assert.deepStrictEqual(await reviewed(tagged(`${iam}user/bob`)), []);
    });
});

describe("least-privilege pack: no-privilege-escalation, how findings are grouped and worded (mutants)", () => {
    const where = "app-policy › policy › statement";

    it("one finding per statement; a repeated element is one place, its action and fix named once", async () => {
        assert.deepStrictEqual(await blocked(managed(doc(allow({ Action: "iam:PutRolePolicy", Resource: "*" }, "S1"), allow({ Action: "iam:CreateAccessKey", Resource: "*" }, "S2")))), mandatory(
            `${where} S1: iam:PutRolePolicy on "*" lets the holder write or attach permissions policies onto any role, its own included${escalation}\naction: iam:PutRolePolicy; resource: "*"\n${roleFix}`,
            `${where} S2: iam:CreateAccessKey on "*" lets the holder create passwords or access keys for any user, and so sign in as them${escalation}\naction: iam:CreateAccessKey; resource: "*"\nfix: name the users it may manage the credentials of (arn:aws:iam::<account>:user/<Name>)`,
        ));
        assert.deepStrictEqual(await blocked(managed(doc(allow({ Action: "iam:PutRolePolicy", Resource: ["*", "*"] })))), mandatory(
            `${where} S: iam:PutRolePolicy on "*" lets the holder write or attach permissions policies onto any role, its own included${escalation}\naction: iam:PutRolePolicy; resource: "*"\n${roleFix}`,
        ));
    });

    it("a NotResource statement is shown by its NotResource", async () => {
        assert.deepStrictEqual(await blocked(managed(doc(allow({ Action: "iam:PutRolePolicy", NotResource: `${iam}role/admin` })))), mandatory(
            `${where} S: iam:PutRolePolicy on NotResource ["${iam}role/admin"] lets the holder write or attach permissions policies onto any role, its own included${escalation}\n` +
            `action: iam:PutRolePolicy; resource: "NotResource [\\"${iam}role/admin\\"]"\n${roleFix}`,
        ));
    });

    it("four actions are all named; actions with different fixes get the general fix", async () => {
        assert.deepStrictEqual(await blocked(managed(doc(allow({ Action: ["iam:PutRolePolicy", "iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:AttachRolePolicy"], Resource: "*" })))), mandatory(
            `${where} S: iam:PutRolePolicy, iam:AttachRolePolicy, iam:PutUserPolicy, iam:PutGroupPolicy on "*" let the holder write or attach permissions policies onto any role, user or group, its own included${escalation}\n` +
            `actions: iam:PutRolePolicy, iam:AttachRolePolicy, iam:PutUserPolicy, iam:PutGroupPolicy; resource: "*"\n${genericFix}`,
        ));
        assert.deepStrictEqual(await blocked(managed(doc(allow({ Action: ["iam:PutRolePolicy", "iam:CreateAccessKey"], Resource: "*" })))), mandatory(
            `${where} S: iam:PutRolePolicy, iam:CreateAccessKey on "*" let the holder write or attach permissions policies onto any role, its own included; create passwords or access keys for any user, and so sign in as them${escalation}\n` +
            `actions: iam:PutRolePolicy, iam:CreateAccessKey; resource: "*"\n${genericFix}`,
        ));
    });

    it("each kind has its own fix: assume, add users to, update a function", async () => {
        const cases: [string, string, string][] = [
            ["sts:AssumeRole", "assume any role", "fix: name the roles it may assume (arn:aws:iam::<account>:role/<Name>)"],
            ["iam:AddUserToGroup", "add users, itself included, to any group", "fix: name the groups it may add users to (arn:aws:iam::<account>:group/<Name>)"],
            ["lambda:UpdateFunctionCode", "replace the code of any function and run it with their roles", "fix: name the functions it may update (the function's ARN)"],
        ];
        for (const [action, lets, fix] of cases) {
            assert.deepStrictEqual(await blocked(managed(doc(allow({ Action: action, Resource: "*" })))), mandatory(`${where} S: ${action} on "*" lets the holder ${lets}${escalation}\naction: ${action}; resource: "*"\n${fix}`), action);
        }
    });
});

describe("least-privilege pack: no-privilege-escalation, writing a role the document lets it assume (mutants)", () => {
    const where = "app-policy › policy › statement";
    const assumed = (element: string) => `${where} S: iam:PutRolePolicy on ${JSON.stringify(element)} lets the holder write or attach permissions policies onto role ${JSON.stringify(element)}, which the same document lets it assume${escalation}\naction: iam:PutRolePolicy; resource: ${JSON.stringify(element)}\n${roleFix}`;

    it("a pattern of roles it may also assume is blocked (and still reviewed)", async () => {
        const r = managed(doc(allow({ Action: "iam:PutRolePolicy", Resource: `${iam}role/app-*` }), allow({ Action: "sts:AssumeRole", Resource: `${iam}role/app-x` }, "T")));
        assert.deepStrictEqual(await blocked(r), mandatory(assumed(`${iam}role/app-*`)));
        assert.deepStrictEqual(await reviewed(r), advisory(roleLint("app-policy › policy", "iam:PutRolePolicy", `${iam}role/app-*`)));
    });

    it("only an allowed, overlapping sts:AssumeRole counts", async () => {
        assert.deepStrictEqual(await blocked(managed(doc(allow({ Action: "iam:PutRolePolicy", Resource: `${iam}role/x` }), { Sid: "D", Effect: "Deny", Action: "sts:AssumeRole", Resource: `${iam}role/x` }))), []);
        assert.deepStrictEqual(await blocked(managed(doc(allow({ Action: "iam:PutRolePolicy", Resource: `${iam}role/x` }), allow({ Action: "sts:AssumeRole", Resource: `${iam}role/y` }, "T")))), []);
    });

    it("rewriting its own role's trust is not blocked for being assumable: only writes onto named or patterned roles are", async () => {
        const d = doc(allow({ Action: "iam:UpdateAssumeRolePolicy", Resource: `${iam}role/app` }, "Trust"), allow({ Action: "iam:PutRolePolicy", Resource: `${iam}role/x` }, "Write"), allow({ Action: "sts:AssumeRole", Resource: `${iam}role/app` }, "Assume"));
        assert.deepStrictEqual(await blocked(rolePolicy("app", d)), []);
        assert.deepStrictEqual(await reviewed(rolePolicy("app", d)), []);
    });

    it("assuming roles does not make a named user's policy writes an escalation", async () => {
        const r = managed(doc(allow({ Action: "iam:PutRolePolicy", Resource: `${iam}role/x` }), allow({ Action: "iam:PutUserPolicy", Resource: `${iam}user/bob` }, "U"), allow({ Action: "sts:AssumeRole", Resource: "*" }, "T")));
        assert.deepStrictEqual(await blocked(r), mandatory(
            assumed(`${iam}role/x`),
            `${where} T: sts:AssumeRole on "*" lets the holder assume any role${escalation}\naction: sts:AssumeRole; resource: "*"\nfix: name the roles it may assume (arn:aws:iam::<account>:role/<Name>)`,
        ));
    });
});

describe("least-privilege pack: no-privilege-escalation, iam:PassRole with compute (mutants)", () => {
    const where = "app-policy › policy › statement";
    const pass = (fields: Record<string, unknown> = {}, sid = "Pass") => allow({ Action: "iam:PassRole", Resource: "*", ...fields }, sid);
    const run = allow({ Action: "ec2:RunInstances", Resource: "*" }, "Run");
    const ec2 = (sid = "Pass", element = "\"*\"", shownElement = "\"*\"") =>
        `${where} ${sid}: iam:PassRole on ${element} with ec2:RunInstances (statement Run) lets the holder start an EC2 instance with the role's instance profile running as any role it can pass, the most privileged included${escalation}\n` +
        `actions: iam:PassRole, ec2:RunInstances; resource: ${shownElement}\n${passFix}`;

    it("only Allow statements pass roles or start compute", async () => {
        assert.deepStrictEqual(await blocked(managed(doc(allow({ Action: "iam:PassRole", Resource: `${iam}role/app` }), { Sid: "D", Effect: "Deny", Action: "iam:PassRole", Resource: "*" }, run))), []);
        assert.deepStrictEqual(await blocked(managed(doc(pass(), { Sid: "D", Effect: "Deny", Action: "ec2:RunInstances", Resource: "*" }))), []);
    });

    it("iam:PassedToService limits with a positive operator only, any listed service, in any case", async () => {
        for (const condition of [{ StringNotEquals: { "iam:PassedToService": "lambda.amazonaws.com" } }, { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "lambda.amazonaws.com"] } }, { StringEquals: { "iam:PassedToService": "EC2.amazonaws.com" } }]) {
            assert.deepStrictEqual(await blocked(managed(doc(pass({ Condition: condition }), run))), mandatory(ec2()), JSON.stringify(condition));
        }
    });

    it("names every action of a combination, each PassRole statement on its own, and a NotResource as such", async () => {
        assert.deepStrictEqual(await blocked(managed(doc(pass(), allow({ Action: ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" }, "Fn")))), mandatory(
            `${where} Pass: iam:PassRole on "*" with lambda:CreateFunction (statement Fn), lambda:InvokeFunction (statement Fn) lets the holder start a new Lambda function, then invoked or triggered running as any role it can pass, the most privileged included${escalation}\n` +
            `actions: iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction; resource: "*"\n${passFix}`));
        assert.deepStrictEqual(await blocked(managed(doc(pass({}, "P1"), pass({}, "P2"), run))), mandatory(ec2("P1"), ec2("P2")));
        assert.deepStrictEqual(await blocked(managed(doc(pass({ Resource: undefined, NotResource: `${iam}role/admin` }), run))),
            mandatory(ec2("Pass", `NotResource ["${iam}role/admin"]`, `"NotResource [\\"${iam}role/admin\\"]"`)));
    });

    it("several kinds of compute for one PassRole: one finding, four actions in full, more as \"and N more\"", async () => {
        const combined = (actions: string[]) => managed(doc(pass(), allow({ Action: actions, Resource: "*" }, "Run")));
        assert.deepStrictEqual(await blocked(combined(["ec2:RunInstances", "glue:CreateDevEndpoint", "lambda:UpdateFunctionConfiguration", "ecs:RunTask"])), mandatory(
            `${where} Pass: iam:PassRole on "*" with ec2:RunInstances, lambda:UpdateFunctionConfiguration, glue:CreateDevEndpoint, ecs:RunTask lets the holder start an EC2 instance with the role's instance profile; a change to an existing Lambda function's role; a Glue development endpoint; an ECS task whose overrides name the role as task role, each running as any role it can pass, the most privileged included${escalation}\n` +
            `actions: iam:PassRole, ec2:RunInstances, lambda:UpdateFunctionConfiguration, glue:CreateDevEndpoint, ecs:RunTask; resource: "*"\n${passFix}`));
        assert.deepStrictEqual(await blocked(combined(["ec2:RunInstances", "glue:CreateDevEndpoint", "lambda:UpdateFunctionConfiguration", "sagemaker:CreateTrainingJob", "ecs:RunTask"])), mandatory(
            `${where} Pass: iam:PassRole on "*" with ec2:RunInstances, lambda:UpdateFunctionConfiguration, glue:CreateDevEndpoint, ecs:RunTask and 1 more lets the holder start an EC2 instance with the role's instance profile; a change to an existing Lambda function's role; a Glue development endpoint; an ECS task whose overrides name the role as task role; a SageMaker notebook, training or processing job, each running as any role it can pass, the most privileged included${escalation}\n` +
            `actions: iam:PassRole, ec2:RunInstances, lambda:UpdateFunctionConfiguration, glue:CreateDevEndpoint, ecs:RunTask, sagemaker:CreateTrainingJob; resource: "*"\n${passFix}`));
    });
});

describe("least-privilege pack: no-privilege-escalation, Lambda permissions and the stack-level finding (mutants)", () => {
    const takeover = (who: string) => `perm › permission › statement Partner: lambda:UpdateFunctionCode granted to ${who} lets it replace the function's code and run it with the function's role${escalation}\n` +
        "action: lambda:UpdateFunctionCode\nfix: grant other principals lambda:InvokeFunction only; deployments update code through their own identity policy";
    const permission = (props: Record<string, unknown>) => resource("aws:lambda/permission:Permission", "perm", { function: "engagement-api", statementId: "Partner", ...props });

    it("a Lambda permission letting anyone, or an account through lambda:*, update the code", async () => {
        assert.deepStrictEqual(await blocked(permission({ action: "lambda:UpdateFunctionCode", principal: "*" })), mandatory(takeover("anyone")));
        assert.deepStrictEqual(await blocked(permission({ action: "lambda:*", principal: "210987654321" })), mandatory(takeover("210987654321")));
    });

    it("a write onto an attached policy of the holder, found across documents, has the whole message", () => {
        const urnOf = (type: string, name: string) => `urn:pulumi:test::aws-workloads::${type}::${name}`;
        const res = (type: string, name: string, props: Record<string, unknown>) => ({ type, name, urn: urnOf(type, name), props });
        const versions = res("aws:iam/rolePolicy:RolePolicy", "v", { role: "ci", policy: JSON.stringify(doc({ Sid: "Version", Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: `${iam}policy/team/CiRead` })) });
        const read = res("aws:iam/policy:Policy", "CiRead", { name: "CiRead", path: "/team/", policy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })) });
        const attachment = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ci-read", { role: "ci", policyArn: `${iam}policy/team/CiRead` });
        assert.deepStrictEqual(escalationAcrossPolicies([versions, read, attachment] as never), [{
            urn: urnOf("aws:iam/rolePolicy:RolePolicy", "v"),
            message: `role ci › its policies together › statement v › Version: iam:CreatePolicyVersion on "${iam}policy/team/CiRead" lets the holder write a new default version of the policy CiRead (attached to it through ci-read)${escalation}\n` +
                `action: iam:CreatePolicyVersion; resource: "${iam}policy/team/CiRead"\n${ownFix}`,
        }]);
    });
});
