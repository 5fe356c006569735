/**
 * The IAM element helpers by the exact values their exported functions return, for the inputs the
 * mutation run found unspecified (issue 21): resource-elements.ts, argument-grants.ts,
 * condition-key-data.ts, principal-rules.ts, abac.ts, group-memberships.ts, quota-limits.ts and
 * unknown-values.ts. Each case names what it pins down.
 *
 * resource-elements.ts keeps the type prefixes it read per service as written and per kind of
 * region and account field: a case about how that table is built uses a service spelling (`S3`,
 * `DynamoDB`, ...) and field kinds no other spec uses, so that it is the one that builds it.
 */
import * as assert from "assert";
import { classifyElement, leavesResourceUnnamed } from "../../policypacks/least-privilege/iam/resource-elements";
import { argumentGrants } from "../../policypacks/least-privilege/iam/argument-grants";
import { exactKey } from "../../policypacks/least-privilege/iam/document-fields";
import { isGlobalConditionKey, keyServiceKnown, listsConditionKey, supportsConditionKey } from "../../policypacks/least-privilege/iam/condition-key-data";
import { ActionInfo, lookupAction } from "../../policypacks/least-privilege/iam/iam-data";
import { readDocument } from "../../policypacks/least-privilege/iam/documents";
import { resourceTagKeys, scopedByTags } from "../../policypacks/least-privilege/iam/abac";
import { createdGroupName, membershipsOf } from "../../policypacks/least-privilege/iam/group-memberships";
import { policySize, sizeOver } from "../../policypacks/least-privilege/iam/quota-limits";
import { isSentinel, isUnknownValueError } from "../../policypacks/least-privilege/iam/unknown-values";
import { acrossAccounts } from "../../policypacks/least-privilege/iam/action-reach";
import { federatedGaps, principalsOfType, providerOf, sendsNoSourceContext, serviceGap } from "../../policypacks/least-privilege/iam/principal-rules";

/** The engine's sentinel for a string not known at preview. */
const unknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Class and reason of one element, and whether leavesResourceUnnamed agrees. */
const verdict = (element: string) => {
    const { class: kind, reason } = classifyElement(element);
    return { kind, reason };
};
/** Each element's class and reason, as `[element, kind, reason]`. */
const expectVerdicts = (cases: readonly [string, string, string | undefined][]) => {
    for (const [element, kind, reason] of cases) assert.deepStrictEqual(verdict(element), { kind, reason }, element);
};
const tooShort = (prefix: string) => `the prefix ${JSON.stringify(prefix)} is too short to name a resource: a prefix needs 3 characters or more before the wildcard, one of them a letter or digit`;

describe("least-privilege pack: resource-elements.ts, Resource elements by the ARN's fields (mutants)", () => {
    it("an element that does not start with arn: is no ARN, however many colons it has", () => {
        assert.deepStrictEqual(verdict("xyz:aws:s3:::bucket"), { kind: "not-an-arn", reason: undefined });
        assert.strictEqual(leavesResourceUnnamed("xyz:aws:s3:::*"), false);
        // Fewer than six fields, a wildcard but not at the end: not padded, no ARN, nothing unnamed.
        assert.strictEqual(leavesResourceUnnamed("arn:aws:s3*:bucket"), false);
        assert.deepStrictEqual(verdict("arn:aws:s3*:bucket"), { kind: "not-an-arn", reason: undefined });
    });

    it("an empty service field is a wildcarded service", () => {
        assert.deepStrictEqual(verdict("arn:aws::us-east-1:123456789012:abcdef*"), { kind: "whole-id-wildcard", reason: "the service is wildcarded" });
        assert.strictEqual(leavesResourceUnnamed("arn:aws::us-east-1:123456789012:abcdef*"), true);
    });

    it("a request-carried variable is read with the blanks around its name trimmed", () => {
        const why = "the resource id is wildcarded: the caller writes the value of a policy variable in it into the request (aws:RequestTag/, aws:TagKeys, aws:Referer, aws:UserAgent)";
        assert.deepStrictEqual(verdict("arn:aws:s3:::${ aws:Referer }"), { kind: "whole-id-wildcard", reason: why });
        assert.deepStrictEqual(verdict("arn:aws:s3:::${aws:UserAgent }"), { kind: "whole-id-wildcard", reason: why });
    });

    it("a ? as the identifier's first character wildcards the id", () => {
        assert.deepStrictEqual(verdict("arn:aws:s3:::?bucket"), { kind: "whole-id-wildcard", reason: "the resource id is wildcarded" });
    });

    it("a naming prefix: ${*} counts as one fixed character, and three of them with a letter or digit name the resource", () => {
        assert.deepStrictEqual(verdict("arn:aws:s3:::ab${*}*"), { kind: "naming-prefix", reason: undefined });
        assert.deepStrictEqual(verdict("arn:aws:s3:::${*}${*}${*}*"), { kind: "whole-id-wildcard", reason: tooShort("***") });
    });

    it("a naming prefix: digits 0-9 and letters a-z, A-Z are letters or digits; _ and the like are not", () => {
        for (const prefix of ["--0", "--9", "--a", "--z", "--A", "--Z", "123"]) assert.deepStrictEqual(verdict(`arn:aws:s3:::${prefix}*`), { kind: "naming-prefix", reason: undefined }, prefix);
        for (const prefix of ["___", "-.-", "~~~", "@@@", "[[["]) assert.deepStrictEqual(verdict(`arn:aws:s3:::${prefix}*`), { kind: "whole-id-wildcard", reason: tooShort(prefix) }, prefix);
    });

    it("a naming prefix: ${ starts a variable only after a $, and only ${*}, ${?}, ${$} are literal characters", () => {
        // `{` without `$`, `$` without `{`: plain characters.
        assert.deepStrictEqual(verdict("arn:aws:s3:::-{*}*"), { kind: "whole-id-wildcard", reason: tooShort("-{") });
        assert.deepStrictEqual(verdict("arn:aws:s3:::$x*"), { kind: "whole-id-wildcard", reason: tooShort("$x") });
        // Any other variable, `${}` and `${x}` too, names the resource.
        expectVerdicts([
            ["arn:aws:s3:::${}a*", "naming-prefix", undefined],
            ["arn:aws:s3:::${x}*", "naming-prefix", undefined],
            ["arn:aws:s3:::${*?}*", "naming-prefix", undefined],
        ]);
        assert.deepStrictEqual(verdict("arn:aws:s3:::-${?}${$}*"), { kind: "whole-id-wildcard", reason: tooShort("-?$") });
    });

    it("a : before the wildcard ends the naming prefix, as a / does (a path under a named parent)", () => {
        assert.deepStrictEqual(verdict("arn:aws:lambda:us-east-1:123456789012:function:f:*"), { kind: "path-under-named-parent", reason: undefined });
        assert.deepStrictEqual(verdict("arn:aws:lambda:us-east-1:123456789012:function:f/*"), { kind: "path-under-named-parent", reason: undefined });
    });

    it("the separators after a type prefix are skipped, / and : alike, before the id is read", () => {
        expectVerdicts([
            ["arn:aws:logs:us-east-1:123456789012:log-group:/*", "whole-id-wildcard", "the resource id is wildcarded"],
            ["arn:aws:logs:us-east-1:123456789012:log-group::*", "whole-id-wildcard", "the resource id is wildcarded"],
            ["arn:aws:logs:us-east-1:123456789012:log-group:/:/*", "whole-id-wildcard", "the resource id is wildcarded"],
            ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/*", "path-under-named-parent", undefined],
        ]);
    });

    it("a service the data does not know: a leading word/ or word: is its type, only at the start of the resource part", () => {
        expectVerdicts([
            ["arn:aws:foo:us-east-1:123456789012:thing/*", "whole-id-wildcard", "the resource id is wildcarded"],
            ["arn:aws:foo:us-east-1:123456789012:x-1:*", "whole-id-wildcard", "the resource id is wildcarded"],
            ["arn:aws:foo:us-east-1:123456789012:*/thing/x", "whole-id-wildcard", "the resource id is wildcarded"],
            ["arn:aws:foo:us-east-1:123456789012:thing*", "naming-prefix", undefined],
            ["arn:aws:foo:us-east-1:123456789012:1thing/*", "path-under-named-parent", undefined],
            ["arn:aws:foo:us-east-1:123456789012:thing/abc*", "naming-prefix", undefined],
        ]);
    });

    it("a wildcard where the type prefix would be: only when a prefix of the fitting templates starts with the text before it", () => {
        expectVerdicts([
            ["arn:aws:dynamodb:us-east-1:123456789012:foo*", "naming-prefix", undefined],
            ["arn:aws:dynamodb:us-east-1:123456789012:tab*", "whole-id-wildcard", "a wildcard stands in for the resource type"],
            // logs has many prefixes: one of them (log-group:) starting with "log" is enough.
            ["arn:aws:logs:us-east-1:123456789012:log*", "whole-id-wildcard", "a wildcard stands in for the resource type"],
            ["arn:aws:logs:us-east-1:123456789012:group*", "naming-prefix", undefined],
            // No wildcard in the resource part (it is in the region): the resource part is the id.
            ["arn:aws:dynamodb:*:123456789012:tx", "account-or-region-wildcard", undefined],
            // A resource part starting with a text that is no type prefix of the service.
            ["arn:aws:s3:::Stryker was here/*", "path-under-named-parent", undefined],
        ]);
    });

    it("region and account fields: empty, wildcards only (* or ?) or a value, to pick the templates that fit", () => {
        // dynamodb: global-table/ has no region, table/ has one.
        expectVerdicts([
            ["arn:aws:dynamodb::123456789012:table/*", "path-under-named-parent", undefined],
            ["arn:aws:dynamodb::123456789012:global-table/*", "whole-id-wildcard", "the resource id is wildcarded"],
            ["arn:aws:dynamodb:us-east-1:123456789012:global-table/*", "path-under-named-parent", undefined],
            ["arn:aws:dynamodb:?:123456789012:global-table/*", "whole-id-wildcard", "the resource id is wildcarded"],
            ["arn:aws:dynamodb:*:123456789012:global-table/*", "whole-id-wildcard", "the resource id is wildcarded"],
            ["arn:aws:dynamodb:u?:123456789012:global-table/*", "account-or-region-wildcard", undefined],
            // iam: no template has a region.
            ["arn:aws:iam:us-east-1:123456789012:role/*", "path-under-named-parent", undefined],
            ["arn:aws:iam::123456789012:role/*", "whole-id-wildcard", "the resource id is wildcarded"],
        ]);
    });

    // Each of these builds a table of type prefixes: a service spelling and field kinds of its own.
    it("the table of type prefixes holds the templates whose empty fields are empty in the element (empty region, account)", () => {
        assert.deepStrictEqual(verdict("arn:aws:DynamoDB::123456789012:table/*"), { kind: "path-under-named-parent", reason: undefined });
    });

    it("the table of type prefixes holds the templates whose region fits a region value: not global ones", () => {
        assert.deepStrictEqual(verdict("arn:aws:Dynamodb:us-east-1:123456789012:global-table/*"), { kind: "path-under-named-parent", reason: undefined });
    });

    it("the table of type prefixes is tried longest first (access-grants/default/location/ before access-grants/default)", () => {
        assert.deepStrictEqual(verdict("arn:aws:S3:us-east-1:123456789012:access-grants/default/location/*"), { kind: "whole-id-wildcard", reason: "the resource id is wildcarded" });
    });

    it("the table of type prefixes finds a prefix by its first character", () => {
        assert.deepStrictEqual(verdict("arn:aws:Logs:us-east-1:123456789012:log-group:abc*"), { kind: "naming-prefix", reason: undefined });
    });

    it("the table of type prefixes knows whether some template has no prefix (dynamodb: none)", () => {
        assert.deepStrictEqual(verdict("arn:aws:dynamoDB:us-east-1:123456789012:tab*"), { kind: "whole-id-wildcard", reason: "a wildcard stands in for the resource type" });
    });

    it("the table of type prefixes by first character holds only the service's prefixes (lightsail's StaticIp/ starts with S)", () => {
        assert.deepStrictEqual(verdict("arn:aws:LightSail:us-east-1:123456789012:Stryker was here/*"), { kind: "path-under-named-parent", reason: undefined });
    });

    it("a service without templates gets no table: its leading word is its type", () => {
        assert.deepStrictEqual(verdict("arn:aws:unknownsvc:us-east-1:123456789012:thing/*"), { kind: "whole-id-wildcard", reason: "the resource id is wildcarded" });
    });
});

describe("least-privilege pack: argument-grants.ts, grants spelled as arguments read as one statement (mutants)", () => {
    const grant = (type: string, props: Record<string, unknown>) => argumentGrants.get(type)!(props, exactKey, "permission");
    const lambda = (props: Record<string, unknown>) => grant("aws:lambda/permission:Permission", props);
    const events = (props: Record<string, unknown>) => grant("aws:cloudwatch/eventPermission:EventPermission", props);
    const bus = (props: Record<string, unknown>) => grant("aws-native:events:EventBusPolicy", props);
    const account = { any: false, entries: { AWS: ["123456789012"] } };
    /** The one statement a grant reads as. */
    const read = (label: string, action: string, principal: unknown, conditions: Record<string, unknown> = {}) =>
        [{ field: "permission", kind: "resource", read: { statements: [{ index: 0, label, effect: "Allow", actions: [action], principal, conditions }], problems: [] } }];
    const problems = (...texts: string[]) => [{ field: "permission", kind: "resource", read: { statements: [], problems: texts } }];
    const unknown = (field: string) => [{ field, kind: "resource", read: { statements: [], problems: [] }, unknown: `${field} is not known at preview` }];

    it("an account principal is an AWS principal, a service one a Service principal, * anyone", () => {
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: "123456789012" }), read("#0", "lambda:InvokeFunction", account));
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: "s3.amazonaws.com" }), read("#0", "lambda:InvokeFunction", { any: false, entries: { Service: ["s3.amazonaws.com"] } }));
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: "*" }), read("#0", "lambda:InvokeFunction", { any: true, entries: {} }));
    });

    it("the statement id is the label, an empty one is #0", () => {
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: "123456789012", statementId: "AllowS3" }), read("AllowS3", "lambda:InvokeFunction", account));
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: "123456789012", statementId: "" }), read("#0", "lambda:InvokeFunction", account));
    });

    it("an argument not known at preview makes the grant unknown, named by the argument; other keys are not read", () => {
        assert.deepStrictEqual(lambda({ action: unknownString, principal: "s3.amazonaws.com" }), unknown("permission.action"));
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: unknownString }), unknown("permission.principal"));
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceArn: unknownString }), unknown("permission.sourceArn"));
        const others = Object.fromEntries(["Stryker was here", "description", "condition", "qualifier"].map((k) => [k, unknownString]));
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: "123456789012", ...others }), read("#0", "lambda:InvokeFunction", account));
    });

    it("action and principal must be non-empty strings: each missing, empty or of another type is a problem", () => {
        const noAction = "permission: action must be a non-empty string";
        const noPrincipal = "permission: principal must be a non-empty string";
        assert.deepStrictEqual(lambda({ principal: "123456789012" }), problems(noAction));
        assert.deepStrictEqual(lambda({ action: "", principal: "123456789012" }), problems(noAction));
        assert.deepStrictEqual(lambda({ action: 5, principal: "123456789012" }), problems(noAction));
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction" }), problems(noPrincipal));
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: "" }), problems(noPrincipal));
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: ["123456789012"] }), problems(noPrincipal));
        assert.deepStrictEqual(lambda({ action: "", principal: "" }), problems(noAction, noPrincipal));
    });

    it("the narrowing arguments become conditions; empty ones add none; two under one operator are both kept", () => {
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: "*", sourceArn: "", sourceAccount: "123456789012", principalOrgId: "o-abc" }),
            read("#0", "lambda:InvokeFunction", { any: true, entries: {} }, { StringEquals: { "AWS:SourceAccount": ["123456789012"], "aws:PrincipalOrgID": ["o-abc"] } }));
        assert.deepStrictEqual(lambda({ action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::b" }),
            read("#0", "lambda:InvokeFunction", { any: false, entries: { Service: ["s3.amazonaws.com"] } }, { ArnLike: { "AWS:SourceArn": ["arn:aws:s3:::b"] } }));
    });

    it("EventBridge: events:PutEvents by default; its condition object is one condition when key and type are strings", () => {
        const orgCondition = { StringEquals: { "aws:PrincipalOrgID": ["o-1"] } };
        assert.deepStrictEqual(events({ principal: "123456789012", condition: { key: "aws:PrincipalOrgID", type: "StringEquals", value: "o-1" } }), read("#0", "events:PutEvents", account, orgCondition));
        assert.deepStrictEqual(events({ principal: "123456789012", condition: null }), read("#0", "events:PutEvents", account));
        assert.deepStrictEqual(events({ principal: "123456789012", condition: { key: "aws:PrincipalOrgID", value: "o-1" } }), read("#0", "events:PutEvents", account));
        assert.deepStrictEqual(events({ principal: "123456789012", condition: { type: "StringEquals", value: "o-1" } }), read("#0", "events:PutEvents", account));
        assert.deepStrictEqual(events({ principal: "123456789012", condition: { key: 1, type: "StringEquals", value: "o-1" } }), read("#0", "events:PutEvents", account));
        assert.deepStrictEqual(events({ principal: "123456789012", condition: { key: "aws:PrincipalOrgID", type: 1, value: "o-1" } }), read("#0", "events:PutEvents", account));
    });

    it("EventBridge: a condition whose key, type or value is not known at preview makes the grant unknown", () => {
        for (const part of ["key", "type", "value"]) {
            const condition = { key: "aws:PrincipalOrgID", type: "StringEquals", value: "o-1", [part]: unknownString };
            assert.deepStrictEqual(events({ principal: "123456789012", condition }), unknown("permission.condition"), part);
        }
    });

    it("aws-native EventBusPolicy: a statement is read as the bus policy's one statement, else the arguments are", () => {
        const [whole] = bus({ statement: { Sid: "Bus", Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "events:PutEvents" } });
        assert.deepStrictEqual([whole.field, whole.kind, whole.read.problems, whole.read.statements.map((s) => [s.label, s.actions])], ["permission.statement", "resource", [], [["Bus", ["events:PutEvents"]]]]);
        assert.deepStrictEqual(bus({ statement: unknownString }), unknown("permission.statement"));
        assert.deepStrictEqual(bus({ principal: "123456789012", statementId: "Sid1" }), read("Sid1", "events:PutEvents", account));
        assert.deepStrictEqual(bus({ statement: null, principal: "123456789012", statementId: "Sid1" }), read("Sid1", "events:PutEvents", account));
    });
});

describe("least-privilege pack: condition-key-data.ts, the condition keys an action supports (mutants)", () => {
    // Answers are kept per key as written: each case asks with a key no other spec asks.
    const info = (action: string): ActionInfo => lookupAction(action)!;

    it("a placeholder matches any text, across lines too", () => {
        assert.strictEqual(isGlobalConditionKey("aws:RequestTag/line\nbreak"), true);
        // A template of one action only (no other spec reads it): its pattern is built here.
        assert.strictEqual(listsConditionKey(info("securityhub:BatchUpdateFindings"), "securityhub:OCSFSyntaxPath/line\nbreak"), true);
        assert.strictEqual(listsConditionKey(info("securityhub:BatchUpdateFindings"), "securityhub:OCSFSyntaxPath/"), false);
    });

    it("any OIDC provider's keys (host:claim) are valid on sts:AssumeRoleWithWebIdentity only", () => {
        const web = info("sts:AssumeRoleWithWebIdentity");
        for (const key of ["oidc.example.com:sub", "ab.cd:aud", "a.b:sub", "example.com/oidc:amr", "oidc.example.com:email_verified"]) assert.strictEqual(supportsConditionKey(web, key), true, key);
        for (const key of ["oidc.example.com:sub1", "x_y.example.com:sub", "oidcexample:sub", "oidc.example.com:", "oidc.123:sub", "_.example.com:sub"]) assert.strictEqual(supportsConditionKey(web, key), false, key);
        // The same key on another action, of sts or not.
        assert.strictEqual(supportsConditionKey(info("sts:AssumeRole"), "oidc2.example.com:sub"), false);
        assert.strictEqual(supportsConditionKey(info("s3:GetObject"), "oidc3.example.com:sub"), false);
    });

    it("keys the data lists per service, by prefix: exact (saml) and with placeholders (token.actions.${Domain}.ghe.com)", () => {
        const tag = info("sts:TagSession");
        assert.strictEqual(supportsConditionKey(tag, "saml:Xyz"), true);
        assert.strictEqual(supportsConditionKey(tag, "token.actions.acme.ghe.com:sub"), true);
        assert.strictEqual(supportsConditionKey(tag, "token.actions.ghe.com:sub"), false);
        assert.strictEqual(supportsConditionKey(info("s3:GetObject"), "saml:Xyz2"), false);
    });

    it("a key's service is known: aws, a service of the data (any case), a host, or a prefix the data lists per service", () => {
        assert.strictEqual(keyServiceKnown("aws:NoSuchKeyAtAll"), true);
        assert.strictEqual(keyServiceKnown("S3:NoSuchKeyAtAll"), true);
        assert.strictEqual(keyServiceKnown("saml:NoSuchKeyAtAll"), true);
        assert.strictEqual(keyServiceKnown("nosuchservice:NoSuchKeyAtAll"), false);
        // Without a colon the whole key is the prefix, and no prefix before a colon at 0.
        assert.strictEqual(keyServiceKnown("s3x"), false);
        assert.strictEqual(keyServiceKnown("samlx"), false);
        assert.strictEqual(keyServiceKnown(":a.b"), false);
        assert.strictEqual(keyServiceKnown("a.b"), true);
    });
});

describe("least-privilege pack: principal-rules.ts, who a shared principal lets in (mutants)", () => {
    const statement = (fields: Record<string, unknown>) => readDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", ...fields }] }).statements[0];
    const federated = (entry: string, Condition?: Record<string, unknown>) => federatedGaps(statement({ Principal: { Federated: entry }, ...(Condition ? { Condition } : {}) }));
    const gh = "token.actions.githubusercontent.com";
    const oidcReason = "a provider such as token.actions.githubusercontent.com, gitlab.com or app.terraform.io issues tokens to every one of its users: the subject claim must name your repository, project or workspace, and the audience must be yours";
    const open = "leaves the subject open: it matches every repository, project or identity the provider issues tokens for";

    it("a statement without a principal has no entries of any type", () => {
        assert.deepStrictEqual(principalsOfType(statement({ Resource: "*" }), "Service"), []);
    });

    it("a provider ARN must start the entry and the provider path ends it", () => {
        assert.deepStrictEqual([providerOf("xarn:aws:iam::123456789012:saml-provider/Corp").kind, providerOf("xarn:aws:iam::123456789012:saml-provider/Corp").name], ["OIDC", "xarn:aws:iam::123456789012:saml-provider/Corp"]);
        assert.strictEqual(providerOf("arn:aws:iam::123456789012:oidc-provider/a\nb").name, "arn:aws:iam::123456789012:oidc-provider/a\nb");
        assert.deepStrictEqual([providerOf("arn:aws:iam::123456789012:saml-provider/Corp").kind, providerOf("arn:aws:iam::123456789012:saml-provider/Corp").name], ["SAML", "Corp"]);
    });

    it("a subject without a wildcard names one subject; Federated * is another rule's", () => {
        assert.deepStrictEqual(federated(`arn:aws:iam::123456789012:oidc-provider/${gh}`, { StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com", [`${gh}:sub`]: "repo:abc" } }), []);
        assert.deepStrictEqual(federated("*"), []);
    });

    it("every open condition on a key is named, joined by ;, and the GitHub fix names a branch", () => {
        assert.deepStrictEqual(federated(`arn:aws:iam::123456789012:oidc-provider/${gh}`, { StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${gh}:sub`]: "*" }, "ForAnyValue:StringLike": { [`${gh}:sub`]: "repo:*" } }), [{
            principal: `the OIDC provider ${gh}`,
            problem: `trusts the OIDC provider ${gh} without conditions that narrow who: StringLike ${gh}:sub "*" ${open}; ForAnyValue:StringLike ${gh}:sub "repo:*" ${open} (${oidcReason})`,
            fix: `add "Condition": {"StringEquals": {"${gh}:aud": "sts.amazonaws.com"}, "StringLike": {"${gh}:sub": "repo:<owner>/<repo>:ref:refs/heads/<branch>"}}`,
        }]);
        // A GitHub Enterprise path starts with GitHub's host: the same fix.
        assert.strictEqual(federated(`arn:aws:iam::123456789012:oidc-provider/${gh}/enterprise`)[0].fix, `add "Condition": {"StringEquals": {"${gh}/enterprise:aud": "sts.amazonaws.com"}, "StringLike": {"${gh}/enterprise:sub": "repo:<owner>/<repo>:ref:refs/heads/<branch>"}}`);
    });

    it("a provider that is a pattern is said so first; each missing key is named, joined by ;", () => {
        assert.deepStrictEqual(federated("arn:aws:iam::123456789012:oidc-provider/oidc.*.example.com"), [{
            principal: "the OIDC provider oidc.*.example.com",
            problem: `trusts the OIDC provider oidc.*.example.com without conditions that narrow who: the provider "arn:aws:iam::123456789012:oidc-provider/oidc.*.example.com" is a pattern, so no provider's keys can narrow it; no condition on oidc.*.example.com:sub; no condition on oidc.*.example.com:aud (${oidcReason})`,
            fix: `add "Condition": {"StringEquals": {"oidc.*.example.com:aud": "sts.amazonaws.com"}, "StringLike": {"oidc.*.example.com:sub": "<the subject your workload's tokens carry>"}}`,
        }]);
    });

    it("the fix for a SAML provider and for a provider known by its audience only", () => {
        assert.deepStrictEqual(federated("arn:aws:iam::123456789012:saml-provider/Corp").map((g) => [g.principal, g.fix]), [["the SAML provider Corp", `add "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}`]]);
        assert.deepStrictEqual(federated("cognito-identity.amazonaws.com").map((g) => [g.principal, g.fix]), [["the web identity provider cognito-identity.amazonaws.com", `add "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "<the audience your issuer puts in your tokens>"}}`]]);
    });

    it("a China-partition service principal ends in .cn; .cn elsewhere is part of the name", () => {
        assert.deepStrictEqual([sendsNoSourceContext("ec2.amazonaws.com.cn"), sendsNoSourceContext("EC2.amazonaws.com"), sendsNoSourceContext("ec2.cn.amazonaws.com")], [true, true, false]);
    });

    it("Service * is another rule's; two services are named as a plural", () => {
        const service = (Service: unknown) => serviceGap(statement({ Principal: { Service }, Resource: "*" }), "resource");
        assert.strictEqual(service("*"), undefined);
        const fix = `add "Condition": {"StringEquals": {"aws:SourceAccount": "<your account ID>"}, "ArnLike": {"aws:SourceArn": "<the calling resource's ARN>"}}`;
        assert.deepStrictEqual(service(["sns.amazonaws.com", "events.amazonaws.com"]), {
            principal: "the service principals sns.amazonaws.com, events.amazonaws.com",
            problem: "lets the service principals sns.amazonaws.com, events.amazonaws.com in without aws:SourceArn or aws:SourceAccount naming your account or resource, so any AWS customer's use of these services can reach it (the confused deputy)",
            fix,
        });
        assert.deepStrictEqual(service("sns.amazonaws.com"), {
            principal: "the service principal sns.amazonaws.com",
            problem: "lets the service principal sns.amazonaws.com in without aws:SourceArn or aws:SourceAccount naming your account or resource, so any AWS customer's use of the service can reach it (the confused deputy)",
            fix,
        });
    });
});

describe("least-privilege pack: abac.ts, tag conditions as scoping (mutants)", () => {
    const keysOf = (Condition: Record<string, unknown>) => resourceTagKeys(readDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:StartInstances", Resource: "*", Condition }] }).statements[0]);

    it("a tag key counts only with at least one value, every one naming something", () => {
        assert.deepStrictEqual(keysOf({ StringEquals: { "aws:ResourceTag/team": [] } }), []);
        assert.deepStrictEqual(keysOf({ StringLike: { "aws:ResourceTag/team": ["*", "payments"] } }), []);
        assert.deepStrictEqual(keysOf({ StringLike: { "aws:ResourceTag/team": ["payments", "billing"] } }), ["aws:ResourceTag/team"]);
    });

    it("kms:ResourceAliases counts only with at least one value, every one a named alias; other keys never", () => {
        assert.deepStrictEqual(keysOf({ StringEquals: { "kms:ResourceAliases": [] } }), []);
        assert.deepStrictEqual(keysOf({ "ForAnyValue:StringLike": { "kms:ResourceAliases": ["alias/payments", "alias/*"] } }), []);
        assert.deepStrictEqual(keysOf({ "ForAnyValue:StringLike": { "kms:ResourceAliases": ["alias/payments"] } }), ["kms:ResourceAliases"]);
        assert.deepStrictEqual(keysOf({ StringEquals: { "aws:SourceVpce": "alias/payments" } }), []);
    });

    it("one of the keys listed for the action is enough", () => {
        const info = lookupAction("ec2:StartInstances")!;
        assert.strictEqual(scopedByTags(info, ["aws:ResourceTag/team", "nosuchservice:NoSuchKey"]), true);
        assert.strictEqual(scopedByTags(info, ["nosuchservice:NoSuchKey"]), false);
    });
});

describe("least-privilege pack: group-memberships.ts, the groups a resource makes users join (mutants)", () => {
    const membership = "aws:iam/groupMembership:GroupMembership";
    const userGroups = "aws:iam/userGroupMembership:UserGroupMembership";

    it("an empty group name names no group; who joins is named, several joined by a comma", () => {
        assert.deepStrictEqual(membershipsOf(membership, { group: "", users: ["alice", "bob"] }), [{ field: "group", dependencyKey: "group", group: undefined, users: 'users "alice", "bob"' }]);
        assert.deepStrictEqual(membershipsOf(membership, { group: "arn:aws:iam::123456789012:group/ops/admins", users: [unknownString] }), [{ field: "group", dependencyKey: "group", group: "admins", users: "users (not known at preview)" }]);
    });

    it("a user that is empty, no string or list, or absent is a user not known at preview", () => {
        for (const user of ["", 5, undefined]) assert.deepStrictEqual(membershipsOf(userGroups, { user, groups: ["admins"] }), [{ field: "groups[0]", dependencyKey: "groups", group: "admins", users: "a user not known at preview" }], String(user));
        assert.deepStrictEqual(membershipsOf(userGroups, { user: "alice", groups: ["admins"] }), [{ field: "groups[0]", dependencyKey: "groups", group: "admins", users: 'user "alice"' }]);
    });

    it("no group (absent or null) joins nothing; a group list that is no list is one group not known", () => {
        for (const group of [undefined, null]) assert.deepStrictEqual(membershipsOf(membership, { group, users: ["alice"] }), [], String(group));
        assert.deepStrictEqual(membershipsOf(userGroups, { user: "alice", groups: null }), []);
        assert.deepStrictEqual(membershipsOf(userGroups, { user: "alice", groups: "admins" }), [{ field: "groups", dependencyKey: "groups", group: undefined, users: 'user "alice"' }]);
    });

    it("only group types have a created group name, whatever the props hold", () => {
        assert.strictEqual(createdGroupName("aws:s3/bucket:Bucket", { undefined: "admins", name: "admins" }), undefined);
        assert.strictEqual(createdGroupName("aws:iam/group:Group", { name: "admins" }), "admins");
    });
});

describe("least-privilege pack: quota-limits.ts, sizes as IAM counts them (mutants)", () => {
    it("white space does not count, even when a text is nothing else", () => {
        assert.strictEqual(policySize(" \n\t "), 0);
        assert.strictEqual(policySize('{ "a" : 1 }'), 7);
    });

    it("a document that is no string is measured as JSON, even a short list", () => {
        assert.strictEqual(sizeOver(["x".repeat(100)], 50), 104);
        assert.strictEqual(sizeOver({ a: "x".repeat(100) }, 50), 108);
        assert.strictEqual(sizeOver("x".repeat(51), 50), 51);
        assert.strictEqual(sizeOver("x".repeat(50), 50), undefined);
    });
});

describe("least-privilege pack: unknown-values.ts, CrossGuard's unknown values (mutants)", () => {
    it("an UnknownValueError is an Error carrying the sentinel and the path", () => {
        assert.strictEqual(isUnknownValueError(Object.assign(new Error("unknown"), { unknownTypeSentinel: "x", props: ["a"] })), true);
        assert.strictEqual(isUnknownValueError(Object.assign(new Error("other"), { props: ["a"] })), false);
        assert.strictEqual(isUnknownValueError({ unknownTypeSentinel: "x", props: ["a"] }), false);
        assert.strictEqual(isUnknownValueError({ props: ["a"] }), false);
        assert.strictEqual(isUnknownValueError(Object.assign(new Error("no path"), { unknownTypeSentinel: "x" })), false);
    });
});

describe("least-privilege pack: action-reach.ts, actions whose resource may sit in another account (mutants)", () => {
    // Answers are kept per ActionInfo object: each case is a fresh one, shaped as the data's.
    const action = (name: string, types: string[], accessLevel = "Write"): ActionInfo => ({
        action: name, service: name.split(":")[0], tier: "required", resourceTypes: types.map((t) => ({ name: t, required: true })), accessLevel,
    });

    it("iam:PassRole passes a role", () => {
        assert.strictEqual(acrossAccounts(action("iam:PassRole", ["role"])), "passes a role, with its permissions, to a service");
    });

    it("KMS actions on keys or aliases use shared keys; other KMS actions, and key types of other services, do not", () => {
        assert.strictEqual(acrossAccounts(action("kms:Encrypt", ["key"])), "uses keys that other accounts' key policies share");
        assert.strictEqual(acrossAccounts(action("kms:UpdateAlias", ["Alias"])), "uses keys that other accounts' key policies share");
        assert.strictEqual(acrossAccounts(action("kms:ConnectCustomKeyStore", ["CustomKeyStore"])), undefined);
        assert.strictEqual(acrossAccounts(action("payments:Encrypt", ["key"])), undefined);
        assert.strictEqual(acrossAccounts(action("payments:UpdateAlias", ["alias"])), undefined);
    });
});

describe("least-privilege pack: principal-rules.ts, more on who a shared principal lets in (mutants)", () => {
    const statement = (fields: Record<string, unknown>) => readDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...fields }] }).statements[0];

    it("a provider with one issuer per tenant is an OIDC provider", () => {
        const circle = "oidc.circleci.com/org/0123abcd-0000";
        assert.deepStrictEqual(federatedGaps(statement({ Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${circle}` } })).map((g) => g.principal), [`the OIDC provider ${circle}`]);
    });

    it("ELB log delivery is narrowed by its path only for s3:PutObject on elements that all name the account's path", () => {
        const elb = "logdelivery.elasticloadbalancing.amazonaws.com";
        const own = "arn:aws:s3:::logs-bucket/AWSLogs/123456789012/*";
        const gap = (fields: Record<string, unknown>) => serviceGap(statement({ Principal: { Service: elb }, ...fields }), "resource")?.principal;
        assert.strictEqual(gap({ Action: "s3:PutObject", Resource: own }), undefined);
        assert.strictEqual(gap({ Action: "s3:PutObject", NotResource: own }), `the service principal ${elb}`);
        assert.strictEqual(gap({ NotAction: "s3:GetObject", Resource: own }), `the service principal ${elb}`);
        assert.strictEqual(gap({ Action: "s3:PutObject", Resource: [own, "arn:aws:s3:::logs-bucket/other/*"] }), `the service principal ${elb}`);
    });
});

describe("least-privilege pack: abac.ts and unknown-values.ts, more cases (mutants)", () => {
    const keysOf = (Condition: Record<string, unknown>) => resourceTagKeys(readDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:StartInstances", Resource: "*", Condition }] }).statements[0]);

    it("a tag compared with its own variable (blanks trimmed, any service's ResourceTag/ alike) names nothing", () => {
        assert.deepStrictEqual(keysOf({ StringEquals: { "aws:ResourceTag/team": "${ aws:ResourceTag/team }" } }), []);
        assert.deepStrictEqual(keysOf({ StringEquals: { "aws:ResourceTag/team": "${ec2:ResourceTag/team}" } }), []);
        // Only a leading service:ResourceTag/ is the tag's; a variable of another name is a value.
        assert.deepStrictEqual(keysOf({ StringEquals: { "aws:ResourceTag/team": "${team}" } }), ["aws:ResourceTag/team"]);
        assert.deepStrictEqual(keysOf({ StringEquals: { "s3:BucketTag/aws:ResourceTag/team": "${s3:BucketTag/ec2:ResourceTag/team}" } }), ["s3:BucketTag/aws:ResourceTag/team"]);
    });

    it("a sentinel is one of the engine's five texts, not any text of 36 characters", () => {
        assert.strictEqual(isSentinel(unknownString), true);
        assert.strictEqual(isSentinel("x".repeat(36)), false);
    });
});
