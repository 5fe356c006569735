/**
 * The IAM helpers the policies share: overrides.ts (delegatesToAccount), condition-operators.ts,
 * narrowing.ts and glob.ts, by the exact values their exported functions return, for the inputs
 * the mutation run found unspecified (issue 21). Each case names what it pins down.
 */
import * as assert from "assert";
import { Statement, readDocument } from "../../policypacks/least-privilege/iam/documents";
import { delegatesToAccount } from "../../policypacks/least-privilege/iam/overrides";
import { operatorSuggestion, valueProblem } from "../../policypacks/least-privilege/iam/condition-operators";
import { ConditionVerdict, hasConditions, isIdentityKey, judgeCondition } from "../../policypacks/least-privilege/iam/narrowing";
import { firstWildcard, globMatch, globRegExp } from "../../policypacks/least-privilege/iam/glob";

/** The first statement of a one-statement resource policy. */
const statementOf = (fields: Record<string, unknown>): Statement => readDocument({ Version: "2012-10-17", Statement: [{ Sid: "S", Effect: "Allow", Resource: "*", ...fields }] }).statements[0];

describe("least-privilege pack: delegatesToAccount, a whole delegated service handed to one account root (mutants)", () => {
    const root = "arn:aws:iam::123456789012:root";
    const delegates = (fields: Record<string, unknown>, accounts?: readonly string[]) => delegatesToAccount(statementOf(fields), accounts);

    it("kms:* (any case, any run of *) to one account root is the delegation", () => {
        assert.strictEqual(delegates({ Principal: { AWS: root }, Action: "kms:*" }), true);
        assert.strictEqual(delegates({ Principal: { AWS: root }, Action: "KMS:*" }), true);
        assert.strictEqual(delegates({ Principal: { AWS: root }, Action: "kms:**" }), true);
        assert.strictEqual(delegates({ Principal: { AWS: "123456789012" }, Action: ["kms:*", "kms:**"] }), true);
    });

    it("with the stack's accounts known, the root must be one of them", () => {
        assert.strictEqual(delegates({ Principal: { AWS: root }, Action: "kms:*" }, ["111111111111", "123456789012"]), true);
        assert.strictEqual(delegates({ Principal: { AWS: root }, Action: "kms:*" }, ["111111111111"]), false);
    });

    it("a statement without a Principal, with a NotPrincipal too, or with NotAction instead of Action is not one", () => {
        assert.strictEqual(delegates({ Action: "kms:*" }), false);
        assert.strictEqual(delegates({ Principal: { AWS: root }, NotPrincipal: { AWS: root }, Action: "kms:*" }), false);
        assert.strictEqual(delegates({ Principal: { AWS: root }, NotAction: "kms:*" }), false);
    });

    it("a second principal type, an empty Action list, or one action that is not kms:* is not one", () => {
        assert.strictEqual(delegates({ Principal: { AWS: root, Service: "logs.amazonaws.com" }, Action: "kms:*" }), false);
        assert.strictEqual(delegates({ Principal: { AWS: root }, Action: [] }), false);
        assert.strictEqual(delegates({ Principal: { AWS: root }, Action: ["kms:*", "s3:*"] }), false);
        assert.strictEqual(delegates({ Principal: { AWS: root }, Action: "kms:Get*" }), false);
        assert.strictEqual(delegates({ Principal: { AWS: root }, Action: "kms:*Get" }), false);
    });
});

describe("least-privilege pack: condition operators and their values (mutants)", () => {
    it("suggests the set prefix in its own spelling, and only a prefix at the start", () => {
        assert.strictEqual(operatorSuggestion("foranyvalue:stringequals"), "ForAnyValue:StringEquals");
        assert.strictEqual(operatorSuggestion("forallvalues:stringlikeifexists"), "ForAllValues:StringLikeIfExists");
        assert.strictEqual(operatorSuggestion("StringForAnyValue:Equals"), undefined);
    });

    it("Bool and Null take true or false", () => {
        assert.strictEqual(valueProblem("boolean", "true"), undefined);
        assert.strictEqual(valueProblem("null", "false"), undefined);
        assert.strictEqual(valueProblem("boolean", "yes"), "\"yes\" is not true or false");
    });

    it("numbers: an optional minus, digits, an optional fraction, nothing around them", () => {
        for (const value of ["1", "12", "-3", "1.5", "1.25", "-0.75"]) assert.strictEqual(valueProblem("number", value), undefined, value);
        for (const value of ["x1", "1x", "1.", "1.x", "--1"]) assert.strictEqual(valueProblem("number", value), `${JSON.stringify(value)} is not a number`, value);
    });

    it("dates: epoch seconds (digits only) or what Date.parse reads", () => {
        assert.strictEqual(valueProblem("date", "1700000000"), undefined);
        assert.strictEqual(valueProblem("date", "2024-01-31T00:00:00Z"), undefined);
        for (const value of ["x123", "123x"]) assert.strictEqual(valueProblem("date", value), `${JSON.stringify(value)} is neither an ISO 8601 date nor epoch seconds`, value);
    });

    it("ARNs: arn:..., a wildcard or variable that does not start like service:, or *", () => {
        for (const value of ["*", "*foo", "${aws:SourceArn}", "Foo s3:*", "arn:aws:s3:::b"]) assert.strictEqual(valueProblem("arn", value), undefined, value);
        for (const value of ["s3:*", "sns:topic?", "plain"]) assert.strictEqual(valueProblem("arn", value), `${JSON.stringify(value)} is not an ARN`, value);
    });

    it("IPv4: four octets of at most 255, whole, with /0 to /32 in one or two digits", () => {
        for (const value of ["1.2.3.4", "1.22.3.4", "255.255.255.255", "1.2.3.4/32", "10.0.0.0/8", "0.0.0.0/0"]) assert.strictEqual(valueProblem("ip", value), undefined, value);
        for (const value of ["256.0.0.0", "1.2.3.4/33", "1.2.3.4/012", "1.2.3.4/x"]) assert.strictEqual(valueProblem("ip", value), `${JSON.stringify(value)} is not a valid IPv4 address or CIDR range`, value);
        for (const value of ["1.2.3.4/8/9", "x1.2.3.4", "1.2.3.4x"]) assert.strictEqual(valueProblem("ip", value), `${JSON.stringify(value)} is not an IP address or CIDR range`, value);
    });

    it("IPv6: hex digits and colons (at least one colon), whole, with /0 to /128 in up to three digits", () => {
        for (const value of ["::1", "2001:db8::/32", "::1/128", "::/0"]) assert.strictEqual(valueProblem("ip", value), undefined, value);
        for (const value of ["hello", "abc", "g::1", "::1g", "::1/129", "::1/200", "::1/0012", "::1/x"]) assert.strictEqual(valueProblem("ip", value), `${JSON.stringify(value)} is not an IP address or CIDR range`, value);
    });

    it("strings and binary values have no shape to check", () => {
        assert.strictEqual(valueProblem("string", "anything at all"), undefined);
        assert.strictEqual(valueProblem("binary", "not base64 %"), undefined);
    });
});

describe("least-privilege pack: judgeCondition, the verdict on one condition (mutants)", () => {
    const yes = (operator: string, key: string): ConditionVerdict => ({ condition: `${operator} ${key}`, key, narrows: true });
    const no = (operator: string, key: string, reason: string): ConditionVerdict => ({ condition: `${operator} ${key}`, key, narrows: false, reason });
    /** The verdict for a condition whose reason is `${operator} ${key} ${value} ${why}`. */
    const open = (operator: string, key: string, value: string, why: string) => no(operator, key, `${operator} ${key} ${JSON.stringify(value)} ${why}`);
    const judged = (operator: string, key: string, ...values: string[]) => judgeCondition(operator, key, values);

    it("only ${ opens a variable: a { after another character, or a $ before another one, is literal", () => {
        assert.deepStrictEqual(judged("StringLike", "aws:PrincipalAccount", "1{aws:PrincipalAccount}"), yes("StringLike", "aws:PrincipalAccount"));
        assert.deepStrictEqual(judged("StringLike", "aws:PrincipalAccount", "$xaws:PrincipalAccount}"), yes("StringLike", "aws:PrincipalAccount"));
        // an unclosed ${ is literal text
        assert.deepStrictEqual(judged("StringLike", "aws:PrincipalAccount", "${aws:PrincipalAccount"), yes("StringLike", "aws:PrincipalAccount"));
    });

    it("reads ${*}, ${?}, ${$} as literal characters, spaces around them and around a variable's name trimmed", () => {
        for (const value of ["${*}", "${?}", "${$}", "${ * }", "o-${?}"]) assert.deepStrictEqual(judged("StringEquals", "aws:PrincipalOrgID", value), yes("StringEquals", "aws:PrincipalOrgID"), value);
        assert.deepStrictEqual(judged("StringEquals", "aws:PrincipalAccount", "${aws:ResourceAccount , 'none'}"), yes("StringEquals", "aws:PrincipalAccount"));
        // ${$} is one character: a unique ID needs 12 before the wildcard
        const idOpen = "leaves the unique ID open: name at least 12 characters of a principal's unique ID before any wildcard";
        assert.deepStrictEqual(judged("StringLike", "aws:userid", "${$}AAAAAAAAA*"), open("StringLike", "aws:userid", "${$}AAAAAAAAA*", idOpen));
        assert.deepStrictEqual(judged("StringLike", "aws:userid", "${$}AAAAAAAAAAA*"), yes("StringLike", "aws:userid"));
        // and it is a $ in the account field
        const arn = "arn:aws:iam::${$}*:role/app";
        assert.deepStrictEqual(judged("ArnLike", "aws:PrincipalArn", arn), open("ArnLike", "aws:PrincipalArn", arn, "leaves the account open (\"$*\"): it matches principals and resources in every account"));
    });

    it("under StringEquals, * and ? are literal characters; other characters stay what they are", () => {
        assert.deepStrictEqual(judged("StringEquals", "aws:PrincipalOrgID", "o-?"), yes("StringEquals", "aws:PrincipalOrgID"));
        assert.deepStrictEqual(judged("StringEquals", "aws:PrincipalAccount", ...[..."0123456789"].map((d) => `${d}*`)), yes("StringEquals", "aws:PrincipalAccount"));
        assert.deepStrictEqual(judged("StringEquals", "iam:PassedToService", ".amazonaws.com"), open("StringEquals", "iam:PassedToService", ".amazonaws.com", "does not name one service: it matches every service whose name fits"));
    });

    it("a service is named by its first label, which must be there and have no wildcard", () => {
        assert.deepStrictEqual(judged("StringLike", "iam:PassedToService", "ec*.amazonaws.com"), open("StringLike", "iam:PassedToService", "ec*.amazonaws.com", "does not name one service: it matches every service whose name fits"));
        assert.deepStrictEqual(judged("StringLike", "iam:PassedToService", "ec2.amazonaws.com"), yes("StringLike", "iam:PassedToService"));
    });

    it("an open organization or VPC ID, and prefixes outside the organization alphabet", () => {
        assert.deepStrictEqual(judged("StringLike", "aws:PrincipalOrgID", "o-abc*"), open("StringLike", "aws:PrincipalOrgID", "o-abc*", "leaves the organization ID open, so it matches organizations anyone can own"));
        assert.deepStrictEqual(judged("StringLike", "aws:PrincipalOrgID", "ab*"), open("StringLike", "aws:PrincipalOrgID", "ab*", "leaves the organization ID open, so it matches organizations anyone can own"));
        assert.deepStrictEqual(judged("StringLike", "aws:SourceVpc", "vpc-12*"), open("StringLike", "aws:SourceVpc", "vpc-12*", "leaves the VPC ID open, so it matches VPCs anyone can own"));
    });

    it("an account pattern whose second character is no * starts no prefix", () => {
        assert.deepStrictEqual(judged("StringLike", "aws:PrincipalAccount", "?1"), open("StringLike", "aws:PrincipalAccount", "?1", "leaves the account ID open, so it matches accounts anyone can own"));
    });

    it("a unique ID named for 12 characters before the wildcard narrows", () => {
        assert.deepStrictEqual(judged("StringLike", "aws:userid", "AROAEXAMPLEI*"), yes("StringLike", "aws:userid"));
        assert.deepStrictEqual(judged("StringLike", "aws:userid", "AROAEXAMPLE*"), open("StringLike", "aws:userid", "AROAEXAMPLE*", "leaves the unique ID open: name at least 12 characters of a principal's unique ID before any wildcard"));
    });

    it("ARNs: fewer than six fields with a wildcard, no account and an empty or named first segment", () => {
        assert.deepStrictEqual(judged("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*"), open("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*", "is not a full ARN and has a wildcard, so it can match ARNs in every account"));
        assert.deepStrictEqual(judged("ArnLike", "aws:SourceArn", "arn:aws:s3:::ab:*"), yes("ArnLike", "aws:SourceArn"));
        assert.deepStrictEqual(judged("ArnLike", "aws:SourceArn", "arn:aws:s3:::/x"), open("ArnLike", "aws:SourceArn", "arn:aws:s3:::/x", "has no account and leaves the resource name open: anyone can create a resource of a matching name"));
    });

    it("IP ranges: four values are all shown; exactly a /8 of public addresses is a network", () => {
        const quarters = ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"];
        assert.deepStrictEqual(judged("IpAddress", "aws:SourceIp", ...quarters), no("IpAddress", "aws:SourceIp", "IpAddress aws:SourceIp \"0.0.0.0/2\", \"64.0.0.0/2\", \"128.0.0.0/2\", \"192.0.0.0/2\" together cover every IPv4 address"));
        assert.deepStrictEqual(judged("IpAddress", "aws:SourceIp", "11.0.0.0/8"), yes("IpAddress", "aws:SourceIp"));
        assert.deepStrictEqual(judged("IpAddress", "aws:SourceIp", "11.0.0.0/8", "12.0.0.0/32"), no("IpAddress", "aws:SourceIp", "IpAddress aws:SourceIp \"11.0.0.0/8\", \"12.0.0.0/32\" together cover more public IPv4 addresses than a /8: a share of the internet, not a network"));
    });

    it("an IP key needs IpAddress, and IpAddress needs an IP key", () => {
        const reason = (condition: string) => `${condition} does not compare an IP address with IpAddress, so it is not a network restriction`;
        assert.deepStrictEqual(judged("IpAddress", "aws:PrincipalAccount", "203.0.113.0/24"), no("IpAddress", "aws:PrincipalAccount", reason("IpAddress aws:PrincipalAccount")));
        assert.deepStrictEqual(judged("StringEquals", "aws:SourceIp", "203.0.113.7"), no("StringEquals", "aws:SourceIp", reason("StringEquals aws:SourceIp")));
        assert.deepStrictEqual(judged("IpAddress", "aws:RequestTag/net", "203.0.113.0/24"), no("IpAddress", "aws:RequestTag/net", reason("IpAddress aws:RequestTag/net")));
    });

    it("Null tests presence; numbers and dates compare no identity", () => {
        assert.deepStrictEqual(judged("Null", "aws:PrincipalOrgID", "false"), no("Null", "aws:PrincipalOrgID", "Null aws:PrincipalOrgID does not narrow who: it tests whether a value is set or true, not which caller sends it"));
        assert.deepStrictEqual(judged("NumericEquals", "aws:PrincipalAccount", "123456789012"), no("NumericEquals", "aws:PrincipalAccount", "NumericEquals aws:PrincipalAccount does not compare strings or ARNs, so it names no aws:PrincipalAccount"));
        // not even when variables make the values a prefix per digit
        const prefixes = [..."0123456789"].map((d) => `${d}\${aws:username}`);
        assert.deepStrictEqual(judged("NumericEquals", "aws:PrincipalAccount", ...prefixes), no("NumericEquals", "aws:PrincipalAccount", "NumericEquals aws:PrincipalAccount does not compare strings or ARNs, so it names no aws:PrincipalAccount"));
    });

    it("ArnLike reads * as a wildcard in the prefixes that together cover every account", () => {
        const prefixes = [..."0123456789"].map((d) => `${d}*`);
        assert.deepStrictEqual(judged("ArnLike", "aws:PrincipalAccount", ...prefixes), no("ArnLike", "aws:PrincipalAccount", "ArnLike aws:PrincipalAccount \"0*\", \"1*\", \"2*\", \"3*\", +6 more together match every account ID"));
    });

    it("a key about no identity matches every value with only wildcards", () => {
        assert.deepStrictEqual(judged("StringLike", "aws:RequestTag/team", "*"), open("StringLike", "aws:RequestTag/team", "*", "matches every value"));
        assert.deepStrictEqual(judged("StringLike", "aws:RequestTag/team", "blue"), yes("StringLike", "aws:RequestTag/team"));
    });

    it("isIdentityKey ignores case; hasConditions is false without a Condition", () => {
        assert.strictEqual(isIdentityKey("AWS:SourceIp"), true);
        assert.strictEqual(isIdentityKey("aws:principalorgid"), true);
        assert.strictEqual(isIdentityKey("aws:RequestTag/team"), false);
        assert.strictEqual(hasConditions(statementOf({ Principal: "*", Action: "s3:GetObject" })), false);
        assert.strictEqual(hasConditions(statementOf({ Principal: "*", Action: "s3:GetObject", Condition: { Bool: { "aws:SecureTransport": "true" } } })), true);
    });
});

describe("least-privilege pack: glob, IAM wildcards outside policy variables (mutants)", () => {
    it("firstWildcard finds the first * or ?, whichever comes first", () => {
        assert.strictEqual(firstWildcard("a*?"), 1);
        assert.strictEqual(firstWildcard("*?"), 0);
        assert.strictEqual(firstWildcard("?*"), 0);
        assert.strictEqual(firstWildcard("a?b*"), 1);
        assert.strictEqual(firstWildcard("undefined?"), 9);
        assert.strictEqual(firstWildcard("plain"), -1);
    });

    it("skips ${...} variables only, opened by ${ and closed by }", () => {
        assert.strictEqual(firstWildcard("${x}a*"), 5);
        assert.strictEqual(firstWildcard("${x}$*"), 5);
        assert.strictEqual(firstWildcard("${x}a{*}"), 6);
        assert.strictEqual(firstWildcard("${*}b?"), 5);
        assert.strictEqual(firstWildcard("${*}"), -1);
        // an unclosed variable hides the rest
        assert.strictEqual(firstWildcard("${*"), -1);
        assert.strictEqual(firstWildcard("a*${x}"), 1);
    });

    it("compiles case-sensitive and case-insensitive patterns apart, * across lines", () => {
        assert.strictEqual(globRegExp("zq*", true).source, "^zq.*$");
        assert.strictEqual(globRegExp("zq*", true).flags, "is");
        assert.strictEqual(globRegExp("i:zq*", false).source, "^i:zq.*$");
        assert.strictEqual(globRegExp("i:zq*", false).flags, "s");
        assert.strictEqual(globMatch("a*b", "a\nb"), true);
        assert.strictEqual(globMatch("A*", "ab\nc", true), true);
    });

    it("is case-sensitive unless asked", () => {
        assert.strictEqual(globMatch("ABC", "abc"), false);
        assert.strictEqual(globMatch("AB*", "abc"), false);
        assert.strictEqual(globMatch("ABC", "abc", true), true);
        assert.strictEqual(globMatch("ab?", "abc"), true);
    });
});
