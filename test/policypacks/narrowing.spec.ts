/**
 * Conditions judged by whether their values narrow who (narrowing.ts), through the policies that
 * use them: no-public-principal on Principal "*", pass-role-scoped on iam:PassedToService, and the
 * cloudwatch:namespace override of no-wildcard-resource. Each open spelling has a narrow neighbour
 * that must pass.
 */
import * as assert from "assert";
import { judgeCondition } from "../../policypacks/least-privilege/iam/narrowing";
import { coveredAddresses, parseRange } from "../../policypacks/least-privilege/iam/ip-ranges";
import { TestResource, doc, judge, of, violationsOf } from "./support";

const bucketPolicy = (statement: Record<string, unknown>): TestResource => ({ type: "aws:s3/bucketPolicy:BucketPolicy", name: "reports-policy", props: { bucket: "reports", policy: JSON.stringify(doc(statement)) } });
const publicRead = (Condition: Record<string, unknown>) => ({ Sid: "Read", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*", Condition });
/** The finding line of each no-public-principal violation of a bucket policy with this condition. */
async function publicFindings(environment: string, Condition: Record<string, unknown>): Promise<{ level: string; line: string }[]> {
    return of(await judge(environment, [bucketPolicy(publicRead(Condition))]), "no-public-principal").map((v) => ({ level: v.level, line: v.message.split("\n")[1] }));
}
const opened = (why: string) => `reports-policy › policy › statement Read: lets any principal ("*") in without a narrowing condition: ${why}`;

describe("least-privilege pack: conditions by whether their values narrow", () => {
    const open: [string, Record<string, unknown>, string][] = [
        ["o-* matches every organization", { StringLike: { "aws:PrincipalOrgID": "o-*" } }, "StringLike aws:PrincipalOrgID \"o-*\" matches every organization"],
        ["o-?* too", { StringLike: { "aws:PrincipalOrgID": "o-?*" } }, "StringLike aws:PrincipalOrgID \"o-?*\" matches every organization"],
        ["an ARN with every account", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:*" } }, "ArnLike aws:PrincipalArn \"arn:aws:iam::*:*\" leaves the account open (\"*\"): it matches principals and resources in every account"],
        ["a role name in every account (anyone can create it)", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole" } }, "ArnLike aws:PrincipalArn \"arn:aws:iam::*:role/OrganizationAccountAccessRole\" leaves the account open (\"*\"): it matches principals and resources in every account"],
        ["two /1s", { IpAddress: { "aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"] } }, "IpAddress aws:SourceIp \"0.0.0.0/1\", \"128.0.0.0/1\" together cover every IPv4 address"],
        ["::/0", { IpAddress: { "aws:SourceIp": "::/0" } }, "IpAddress aws:SourceIp \"::/0\" covers every IPv6 address"],
        ["the IPv4-mapped IPv6 range", { IpAddress: { "aws:SourceIp": "::ffff:0:0/96" } }, "IpAddress aws:SourceIp \"::ffff:0:0/96\" covers every IPv4 address"],
        ["6to4, which every IPv4 host can use", { IpAddress: { "aws:SourceIp": "2002::/16" } }, "IpAddress aws:SourceIp \"2002::/16\" covers every IPv4 address"],
        ["Teredo, which any IPv4 host behind a relay gets", { IpAddress: { "aws:SourceIp": "2001::/32" } }, "IpAddress aws:SourceIp \"2001::/32\" covers every IPv4 address"],
        ["a 6to4 /20 (a /4 of IPv4)", { IpAddress: { "aws:SourceIp": "2002:4000::/20" } }, "IpAddress aws:SourceIp \"2002:4000::/20\" covers more public IPv4 addresses than a /8: a share of the internet, not a network"],
        ["0/0, which is not CIDR notation", { IpAddress: { "aws:SourceIp": "0/0" } }, "IpAddress aws:SourceIp \"0/0\" is not CIDR notation the pack can read (a.b.c.d/n or IPv6), so it does not count as a network"],
        ["a /4 of the internet", { IpAddress: { "aws:SourceIp": "64.0.0.0/4" } }, "IpAddress aws:SourceIp \"64.0.0.0/4\" covers more public IPv4 addresses than a /8: a share of the internet, not a network"],
        ["NotIpAddress", { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, "NotIpAddress aws:SourceIp is negated: it shuts out the values it names and lets every other caller in"],
        ["a prefix per first digit", { StringLike: { "aws:PrincipalAccount": ["0*", "1*", "2*", "3*", "4*", "5*", "6*", "7*", "8*", "9*"] } }, "StringLike aws:PrincipalAccount \"0*\", \"1*\", \"2*\", \"3*\", +6 more together match every account ID"],
        ["one open account prefix", { StringLike: { "aws:PrincipalAccount": "1234*" } }, "StringLike aws:PrincipalAccount \"1234*\" leaves the account ID open, so it matches accounts anyone can own"],
        ["vpce-*", { StringLike: { "aws:SourceVpce": "vpce-*" } }, "StringLike aws:SourceVpce \"vpce-*\" leaves the VPC endpoint ID open, so it matches VPC endpoints anyone can own"],
        ["?* on the source account", { StringLike: { "aws:SourceAccount": "?*" } }, "StringLike aws:SourceAccount \"?*\" matches every account"],
        ["one narrow value and one open one (values are ORed)", { StringLike: { "aws:PrincipalOrgID": ["o-abc123def4", "o-*"] } }, "StringLike aws:PrincipalOrgID \"o-*\" matches every organization"],
        ["ForAnyValue:StringLike over every organization path", { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-*/*" } }, "ForAnyValue:StringLike aws:PrincipalOrgPaths \"o-*/*\" leaves the organization ID open, so it matches organizations anyone can create"],
        ["a run of ? as long as an account ID", { StringLike: { "aws:PrincipalAccount": "????????????" } }, "StringLike aws:PrincipalAccount \"????????????\" matches every account"],
        ["ForAllValues, true when the key is absent", { "ForAllValues:StringLike": { "aws:PrincipalOrgPaths": "o-abc123def4/*" } }, "ForAllValues:StringLike aws:PrincipalOrgPaths is true when the request carries no aws:PrincipalOrgPaths (ForAllValues over an empty set)"],
        ["a key compared with itself", { StringEquals: { "aws:PrincipalAccount": "${aws:PrincipalAccount}" } }, "StringEquals aws:PrincipalAccount compares aws:PrincipalAccount with itself (\"${aws:PrincipalAccount}\"), which is always true"],
        ["an account field the caller fills in", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::${aws:PrincipalAccount}:role/app" } }, "ArnLike aws:PrincipalArn \"arn:aws:iam::${aws:PrincipalAccount}:role/app\" leaves the account open (\"*\"): it matches principals and resources in every account"],
        ["a lower-case operator AWS does not know", { stringequals: { "aws:SourceAccount": "123456789012" } }, "stringequals is not an IAM condition operator (operators are case-sensitive), so aws:SourceAccount narrows nothing"],
        ["an empty value list", { StringEquals: { "aws:SourceAccount": [] } }, "StringEquals aws:SourceAccount has no values"],
        ["a user name (any account can have an alice)", { StringEquals: { "aws:username": "alice" } }, "StringEquals aws:username \"alice\" names a user name, and any account can give one of its own users that name"],
        ["a session name under any unique ID", { StringLike: { "aws:userid": "*:alice@example.com" } }, "StringLike aws:userid \"*:alice@example.com\" leaves the unique ID open: name at least 12 characters of a principal's unique ID before any wildcard"],
    ];
    for (const [title, Condition, why] of open) {
        it(`blocks "*" narrowed only by ${title}, and says why`, async () => {
            assert.deepStrictEqual(await publicFindings("prod", Condition), [{ level: "mandatory", line: opened(why) }]);
        });
    }

    it("lists every condition that does not count, AND-ed conditions with one narrow one pass", async () => {
        assert.deepStrictEqual(await publicFindings("prod", { Bool: { "aws:SecureTransport": "true" }, StringLike: { "aws:PrincipalOrgID": "o-*" } }), [{
            level: "mandatory",
            line: opened("Bool aws:SecureTransport does not narrow who: it tests whether a value is set or true, not which caller sends it; StringLike aws:PrincipalOrgID \"o-*\" matches every organization"),
        }]);
        assert.deepStrictEqual(await publicFindings("prod", { StringLike: { "aws:PrincipalOrgID": "o-*" }, StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } }), []);
    });

    it("is advisory in dev", async () => {
        assert.deepStrictEqual((await publicFindings("dev", { StringLike: { "aws:PrincipalOrgID": "o-*" } })).map((f) => f.level), ["advisory"]);
    });

    const narrow: [string, Record<string, unknown>][] = [
        ["aws:SourceIp naming a /24", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }],
        ["aws:SourceIp naming an IPv6 /48 and a /24", { IpAddress: { "aws:SourceIp": ["2001:db8:1234::/48", "198.51.100.0/24"] } }],
        ["every private range (a VPC's own addresses)", { IpAddress: { "aws:VpcSourceIp": ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] } }],
        ["aws:PrincipalOrgID o-abc123def4", { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } }],
        ["aws:PrincipalArn naming an account's roles by prefix", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/app-*" } }],
        ["an organization path under a named organization", { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-abc123def4/r-ab12/ou-ab12-11111111/*" } }],
        ["the resource's own account (a variable the caller cannot set)", { StringEquals: { "aws:PrincipalAccount": "${aws:ResourceAccount}" } }],
        ["a named VPC endpoint, key in another case", { StringEquals: { "AWS:SOURCEVPCE": "vpce-1a2b3c4d" } }],
        ["a role's unique ID and any session", { StringLike: { "aws:userid": "AROAEXAMPLEID1234567:*" } }],
        ["a source ARN for an IAM caller (absent, so the positive operator denies)", { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:reports" } }],
        ["StringEquals, where * is a literal character", { StringEquals: { "aws:PrincipalOrgID": "o-*" } }],
    ];
    for (const [title, Condition] of narrow) {
        it(`passes "*" narrowed by ${title}`, async () => {
            assert.deepStrictEqual(await publicFindings("prod", Condition), []);
        });
    }

    it("iam:PassedToService must name a service: *.amazonaws.com and * do not, ecs-tasks.amazonaws.com does", async () => {
        const pass = (Condition: Record<string, unknown>) => doc({ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/engagement-task", Condition });
        const [any] = await violationsOf("pass-role-scoped", "prod", pass({ StringLike: { "iam:PassedToService": "*.amazonaws.com" } }));
        assert.strictEqual(any.level, "mandatory");
        assert.strictEqual(any.message.split("\n")[1], "app-policy › policy › statement Pass: iam:PassRole without an iam:PassedToService condition that names a service lets the role go to any service (StringLike iam:PassedToService \"*.amazonaws.com\" does not name one service: it matches every service whose name fits)");
        const [star] = await violationsOf("pass-role-scoped", "dev", pass({ StringLike: { "iam:PassedToService": ["ecs-tasks.amazonaws.com", "*"] } }));
        assert.strictEqual(star.level, "advisory");
        assert.match(star.message, /\(StringLike iam:PassedToService "\*" matches every service\)/);
        assert.deepStrictEqual(await violationsOf("pass-role-scoped", "prod", pass({ StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } })), []);
        assert.deepStrictEqual(await violationsOf("pass-role-scoped", "prod", pass({ StringLike: { "iam:PassedToService": "ecs-tasks.*" } })), []);
        const [ifExists] = await violationsOf("pass-role-scoped", "prod", pass({ StringEqualsIfExists: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } }));
        assert.match(ifExists.message, /also matches requests that carry no iam:PassedToService \(IfExists\)/);
    });

    it("the cloudwatch:namespace override holds only with a namespace that narrows (not IfExists, not *)", async () => {
        const metrics = (Condition: Record<string, unknown>) => doc({ Sid: "Metrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition });
        assert.deepStrictEqual(await violationsOf("no-wildcard-resource", "prod", metrics({ StringEquals: { "cloudwatch:namespace": "Engagement" } })), []);
        for (const Condition of [{ StringLike: { "cloudwatch:namespace": "*" } }, { StringEqualsIfExists: { "cloudwatch:namespace": "Engagement" } }]) {
            const violations = await violationsOf("no-wildcard-resource", "prod", metrics(Condition));
            assert.strictEqual(violations.length, 1, JSON.stringify(Condition));
            assert.strictEqual(violations[0].level, "mandatory");
        }
    });

    it("never shows the pattern's internal stand-ins in a message: an account field with an escape or a resource variable is not quoted", () => {
        for (const value of ["arn:aws:iam::${*}*:role/x", "arn:aws:iam::${aws:ResourceAccount}*:role/x", "arn:aws:iam::${$}*:role/x"]) {
            const verdict = judgeCondition("ArnLike", "aws:PrincipalArn", [value]);
            assert.deepStrictEqual([verdict.narrows, /[\u0001\u0002]/.test(verdict.reason ?? "")], [false, false], verdict.reason);
        }
        assert.strictEqual(judgeCondition("ArnLike", "aws:PrincipalArn", ["arn:aws:iam::${*}*:role/x"]).reason, 'ArnLike aws:PrincipalArn "arn:aws:iam::${*}*:role/x" leaves the account open: it matches principals and resources in every account');
        assert.strictEqual(judgeCondition("ArnLike", "aws:PrincipalArn", ["arn:aws:iam::${$}*:role/x"]).reason, 'ArnLike aws:PrincipalArn "arn:aws:iam::${$}*:role/x" leaves the account open ("$*"): it matches principals and resources in every account');
    });

    it("reads CIDR notation as IAM does: host bits masked, IPv6 shortened forms, mapped IPv4", () => {
        assert.deepStrictEqual(parseRange("203.0.113.77/24"), { family: "IPv4", first: 0xcb007100n, last: 0xcb0071ffn });
        assert.deepStrictEqual(parseRange("::ffff:203.0.113.0/120"), { family: "IPv4", first: 0xcb007100n, last: 0xcb0071ffn });
        assert.strictEqual(parseRange("2001:db8::/32")?.first, 0x20010db8n << 96n);
        assert.deepStrictEqual(parseRange("2002:cb00:7100::/40"), { family: "IPv4", first: 0xcb007100n, last: 0xcb0071ffn }, "6to4 as the IPv4 network it embeds");
        assert.deepStrictEqual(parseRange("2002:cb00:714d:1::/64"), { family: "IPv4", first: 0xcb00714dn, last: 0xcb00714dn }, "a 6to4 site's subnet is its one IPv4 address");
        assert.deepStrictEqual(parseRange("2001:0:cb00:714d::/64"), { family: "IPv4", first: 0n, last: 0xffffffffn }, "a Teredo server's clients are any IPv4 host");
        assert.strictEqual(parseRange("2001:0:cb00:714d:8000:63bf::/96")?.family, "IPv4", "up to /96 a Teredo range leaves the client's IPv4 address open");
        assert.strictEqual(parseRange("2001:0:cb00:714d:8000:63bf:3fff:fdd2/128")?.family, "IPv6", "narrower Teredo ranges stay IPv6");
        assert.strictEqual(judgeCondition("IpAddress", "aws:SourceIp", ["2002:cb00:7100::/40"]).narrows, true, "a 6to4 /40 is one IPv4 /24");
        for (const bad of ["0/0", "010.0.0.0/8", "1.2.3/24", "1.2.3.4/33", "::/129", "1::2::3", "1.2.3.4/08", ""]) assert.strictEqual(parseRange(bad), undefined, bad);
        assert.strictEqual(coveredAddresses(["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/1", "10.0.0.0/8"].map((c) => parseRange(c)!)).IPv4, 1n << 32n);
        assert.strictEqual(judgeCondition("IpAddress", "aws:SourceIp", Array.from({ length: 512 }, (_, i) => `${i >> 1}.${(i & 1) * 128}.0.0/9`)).narrows, false, "512 /9s are every address");
    });
});
