/**
 * CloudFormation templates inside the pack's resources: cfn-intrinsics.ts, embedded-resources.ts,
 * embedded-documents.ts, attachments.ts, ip-ranges.ts and policy-document-table.ts, by exact
 * values and exact violation messages, for the inputs the mutation run found unspecified (issue 21).
 */
import * as assert from "assert";
import { hiddenParameter, intrinsicName, resolveIntrinsics, Resolution, TemplateContext } from "../../policypacks/least-privilege/iam/cfn-intrinsics";
import { unknownValue } from "../../policypacks/least-privilege/iam/unknown-values";
import { embeddedResources, embeddedTemplates, embeddingTypes, templateKey } from "../../policypacks/least-privilege/iam/embedded-resources";
import { embeddedDocuments } from "../../policypacks/least-privilege/iam/embedded-documents";
import type { CarriedDocument } from "../../policypacks/least-privilege/iam/carried";
import { attachmentsOf, cloudFormationAttachments, describePrincipals } from "../../policypacks/least-privilege/iam/attachments";
import { cfnDocumentFields, documentFields, nativeTypeOf, stepsOf, tableTypes } from "../../policypacks/least-privilege/iam/policy-document-table";
import { IpRange, coveredAddresses, parseRange } from "../../policypacks/least-privilege/iam/ip-ranges";
import { unknownCheckingProxy } from "@pulumi/policy";
import { unknownString } from "../policypacks/support";

/**
 * The module at `relative` (from this file) loaded afresh, and not left in the cache: its tables and
 * parsers built once, on first use (`policy-document-table`'s type maps, `ip-ranges`' private
 * ranges, `embedded-resources`' YAML tags), are then built inside the test that uses it. The mutation
 * run counts as covering such code only the test that built it, the first to ask in the process.
 */
function freshModule<T>(relative: string): T {
    const file = require.resolve(relative);
    const held = require.cache[file];
    delete require.cache[file];
    try {
        return require(file) as T;
    } finally {
        if (held !== undefined) require.cache[file] = held;
        else delete require.cache[file];
    }
}

/** A template context: parameters, resources by logical ID -> type, mappings. */
const context = (parameters: Record<string, unknown> = {}, resources: Record<string, string> = {}, mappings: Record<string, unknown> = {}): TemplateContext => ({
    parameters: new Map(Object.entries(parameters)),
    resources: new Map(Object.entries(resources)),
    mappings,
});
const resolved = (value: unknown, hidden: string[] = [], unknown = false): Resolution => ({ value, hidden, unknown });
const decided = (name: string, at: string) => `${name} (its value is decided when the stack deploys) at ${at}`;

describe("least-privilege pack: cfn-intrinsics, CloudFormation intrinsics resolved (mutants)", () => {
    // built in each test: the mutation run reloads the pack before the tests, and the symbols must be the fresh ones
    const ctxOf = () => context(
        { Name: "reports", Actions: ["s3:GetObject", "s3:PutObject"], Later: unknownValue, Passed: hiddenParameter, NoDefault: undefined, Index: "1" },
        { Role: "AWS::IAM::Role", Managed: "AWS::IAM::ManagedPolicy", Bucket: "AWS::S3::BucketPolicy", Store: "AWS::S3::Bucket", Light: "AWS::Lightsail::Bucket", Queue: "AWS::SQS::Queue", Custom: "Custom", Iam: "AWS::IAM", S3: "AWS::S3" },
        { Env: { prod: { Bucket: "arn:aws:s3:::prod-bucket", Ref: { Ref: "Name" } } } },
    );
    const resolve = (value: unknown, naming = false, where = "") => resolveIntrinsics(value, ctxOf(), naming, where);

    it("intrinsicName: exactly one key, Ref or Fn::...; anything else is no intrinsic", () => {
        assert.strictEqual(intrinsicName({ Ref: "A" }), "Ref");
        assert.strictEqual(intrinsicName({ "Fn::Sub": "x" }), "Fn::Sub");
        assert.strictEqual(intrinsicName({ Ref: "A", Other: 1 }), undefined);
        assert.strictEqual(intrinsicName({ Condition: "A" }), undefined);
        assert.strictEqual(intrinsicName({}), undefined);
        assert.strictEqual(intrinsicName(null), undefined);
        assert.strictEqual(intrinsicName("Ref"), undefined);
        assert.strictEqual(intrinsicName(["Ref"]), undefined);
        assert.strictEqual(intrinsicName(5), undefined);
    });

    it("values that are no object come back as they are; objects and lists are walked", () => {
        assert.deepStrictEqual(resolve(5), resolved(5));
        assert.deepStrictEqual(resolve(true), resolved(true));
        assert.deepStrictEqual(resolve(null), resolved(null));
        assert.deepStrictEqual(resolve(undefined), resolved(undefined));
        assert.deepStrictEqual(resolve("text"), resolved("text"));
        assert.deepStrictEqual(resolve({ A: 1, B: [2, { Ref: "Name" }] }), resolved({ A: 1, B: [2, "reports"] }));
    });

    it("AWS::NoValue removes a list item or a key, and is undefined as the whole value", () => {
        assert.deepStrictEqual(resolve({ Ref: "AWS::NoValue" }), resolved(undefined));
        assert.deepStrictEqual(resolve(["a", { Ref: "AWS::NoValue" }, "b"]), resolved(["a", "b"]));
        assert.deepStrictEqual(resolve({ A: "a", B: { Ref: "AWS::NoValue" } }), resolved({ A: "a" }));
    });

    it("Ref: pseudo parameters, parameters (unknown, hidden, absent), resources only where they name one", () => {
        assert.deepStrictEqual(resolve({ Ref: "AWS::Partition" }), resolved("aws"));
        assert.deepStrictEqual(resolve({ Ref: "AWS::URLSuffix" }), resolved("amazonaws.com"));
        assert.deepStrictEqual(resolve({ Ref: "AWS::AccountId" }), resolved("${AWS.AccountId}"));
        assert.deepStrictEqual(resolve({ Ref: "AWS::StackId" }), resolved("${AWS.StackId}"));
        assert.deepStrictEqual(resolve({ Ref: "Name" }), resolved("reports"));
        assert.deepStrictEqual(resolve({ Ref: "Actions" }), resolved(["s3:GetObject", "s3:PutObject"]));
        assert.deepStrictEqual(resolve({ Ref: "NoDefault" }), resolved(undefined));
        assert.deepStrictEqual(resolve({ Ref: "Later" }), resolved("", [], true));
        assert.deepStrictEqual(resolve({ Ref: "Passed" }, false, "Action"), resolved("", ["parameter Passed (the parent template passes it with an intrinsic function) at Action"]));
        assert.deepStrictEqual(resolve({ Ref: "Role" }, true), resolved("arn:aws:iam::${AWS.AccountId}:role/Role"));
        assert.deepStrictEqual(resolve({ Ref: "Role" }), resolved("", ["Ref Role (a resource of the template) at the document"]));
        // by default a value does not sit where a reference names a resource
        assert.deepStrictEqual(resolveIntrinsics({ Ref: "Role" }, ctxOf()), resolved("", ["Ref Role (a resource of the template) at the document"]));
        assert.deepStrictEqual(resolve({ Ref: "Missing" }, true, "Resource"), resolved("", ["Ref Missing, which the template does not declare at Resource"]));
        assert.deepStrictEqual(resolve({ Ref: ["Name"] }, true, "Resource"), resolved("", ["a Ref to something that is not a name at Resource"]));
    });

    it("a reference names its resource under Resource, NotResource, Principal, NotPrincipal and Condition, and hides the grant elsewhere", () => {
        const ref = { Ref: "Queue" };
        const arn = "arn:aws:sqs:${AWS.Region}:${AWS.AccountId}:Queue";
        assert.deepStrictEqual(resolve({ Resource: ref, NotResource: ref, Principal: { AWS: ref }, NotPrincipal: [ref], Condition: { ArnEquals: { "aws:SourceArn": ref } } }), resolved({ Resource: arn, NotResource: arn, Principal: { AWS: arn }, NotPrincipal: [arn], Condition: { ArnEquals: { "aws:SourceArn": arn } } }));
        assert.deepStrictEqual(resolve({ Statement: [{ Action: ref }] }), resolved({ Statement: [{ Action: "" }] }, ["Ref Queue (a resource of the template) at Statement[0].Action"]));
        assert.deepStrictEqual(resolve({ Action: ref }, false, "P"), resolved({ Action: "" }, ["Ref Queue (a resource of the template) at P.Action"]));
    });

    it("a resource's stand-in ARN: IAM and S3 buckets in their global shape, the rest regional", () => {
        const arn = (id: string) => resolve({ "Fn::GetAtt": [id, "Arn"] }, true).value;
        assert.strictEqual(arn("Role"), "arn:aws:iam::${AWS.AccountId}:role/Role");
        assert.strictEqual(arn("Managed"), "arn:aws:iam::${AWS.AccountId}:policy/Managed");
        assert.strictEqual(arn("Iam"), "arn:aws:iam::${AWS.AccountId}:/Iam");
        assert.strictEqual(arn("Store"), "arn:aws:s3:::Store");
        assert.strictEqual(arn("Bucket"), "arn:aws:s3:${AWS.Region}:${AWS.AccountId}:Bucket");
        assert.strictEqual(arn("S3"), "arn:aws:s3:${AWS.Region}:${AWS.AccountId}:S3");
        assert.strictEqual(arn("Light"), "arn:aws:lightsail:${AWS.Region}:${AWS.AccountId}:Light");
        assert.strictEqual(arn("Custom"), "arn:aws:cloudformation:${AWS.Region}:${AWS.AccountId}:Custom");
    });

    it("Fn::GetAtt: by text or list, a resource of the template; anything else hides the grant", () => {
        assert.deepStrictEqual(resolve({ "Fn::GetAtt": "Store.Arn" }, true), resolved("arn:aws:s3:::Store"));
        assert.deepStrictEqual(resolve({ "Fn::GetAtt": "Store.Arn" }, false, "Action"), resolved("", ["Fn::GetAtt Store (an attribute of a resource of the template) at Action"]));
        const undeclared = ["Fn::GetAtt of a resource the template does not declare at Resource"];
        assert.deepStrictEqual(resolve({ "Fn::GetAtt": "Missing.Arn" }, true, "Resource"), resolved("", undeclared));
        assert.deepStrictEqual(resolve({ "Fn::GetAtt": 5 }, true, "Resource"), resolved("", undeclared));
        assert.deepStrictEqual(resolve({ "Fn::GetAtt": [5, "Arn"] }, true, "Resource"), resolved("", undeclared));
    });

    it("Fn::Sub: variables, pseudo parameters, parameters, literal ${!...}, resources by name or stand-in", () => {
        assert.deepStrictEqual(resolve({ "Fn::Sub": "arn:${AWS::Partition}:s3:::${Name}/${AWS::Region}" }), resolved("arn:aws:s3:::reports/${AWS.Region}"));
        assert.deepStrictEqual(resolve({ "Fn::Sub": "${Actions}" }), resolved("s3:GetObject,s3:PutObject"));
        assert.deepStrictEqual(resolve({ "Fn::Sub": "a${NoDefault}b" }), resolved("ab"));
        assert.deepStrictEqual(resolve({ "Fn::Sub": "a${Later}b" }), resolved("ab", [], true));
        assert.deepStrictEqual(resolve({ "Fn::Sub": "${!Literal}-${Name}" }), resolved("${Literal}-reports"));
        assert.deepStrictEqual(resolve({ "Fn::Sub": ["${Word}:${Name}", { Word: "s3", Name: { Ref: "AWS::Partition" } }] }), resolved("s3:aws"));
        assert.deepStrictEqual(resolve({ "Fn::Sub": ["plain ${Name}"] }), resolved("plain reports"));
        assert.deepStrictEqual(resolve({ "Fn::Sub": ["${List}", { List: ["a"] }] }, false, "Action"), resolved("", ["Fn::Sub variable List at Action"]));
        assert.deepStrictEqual(resolve({ "Fn::Sub": ["${V}", { V: { Ref: "Passed" } }] }, false, "Action"), resolved("", ["parameter Passed (the parent template passes it with an intrinsic function) at Action ${V}"]));
        assert.deepStrictEqual(resolve({ "Fn::Sub": "${Store}" }, true), resolved("arn:aws:s3:::Store"));
        assert.deepStrictEqual(resolve({ "Fn::Sub": "${Store.Arn}" }, true), resolved("arn:aws:s3:::Store"));
        assert.deepStrictEqual(resolve({ "Fn::Sub": "${Store.Arn}/*" }, true), resolved("Store/*"));
        assert.deepStrictEqual(resolve({ "Fn::Sub": "${Store.Arn}/*" }, false, "Action"), resolved("/*", ["${Store.Arn} (a resource of the template) at Action"]));
        assert.deepStrictEqual(resolve({ "Fn::Sub": "x${Nope}" }, true, "Resource"), resolved("x", ["${Nope}, which the template does not declare at Resource"]));
    });

    it("Fn::Sub without a text, or with variables that are no map, hides the grant", () => {
        const why = ["Fn::Sub without a text at Action"];
        for (const arg of [5, [5], ["${A}", ["a"]], ["${A}", "a"], { Text: "a" }]) assert.deepStrictEqual(resolve({ "Fn::Sub": arg }, false, "Action"), resolved("", why), JSON.stringify(arg));
    });

    it("Fn::Join: a text delimiter and a list of texts, else hidden", () => {
        assert.deepStrictEqual(resolve({ "Fn::Join": [":", ["arn", { Ref: "AWS::Partition" }, "s3"]] }), resolved("arn:aws:s3"));
        assert.deepStrictEqual(resolve({ "Fn::Join": [",", { Ref: "Actions" }] }), resolved("s3:GetObject,s3:PutObject"));
        assert.deepStrictEqual(resolve({ "Fn::Join": ["", []] }), resolved(""));
        const noDelimiter = ["Fn::Join without a delimiter at Action"];
        assert.deepStrictEqual(resolve({ "Fn::Join": [1, ["a"]] }, false, "Action"), resolved("", noDelimiter));
        assert.deepStrictEqual(resolve({ "Fn::Join": "a" }, false, "Action"), resolved("", noDelimiter));
        const noTexts = ["Fn::Join of values that are not texts at Action"];
        assert.deepStrictEqual(resolve({ "Fn::Join": [",", { Ref: "Name" }] }, false, "Action"), resolved("", noTexts));
        assert.deepStrictEqual(resolve({ "Fn::Join": [",", ["a", 1]] }, false, "Action"), resolved("", noTexts));
    });

    it("Fn::Select: an index within a list the template spells out, else hidden", () => {
        assert.deepStrictEqual(resolve({ "Fn::Select": [0, ["a", "b"]] }), resolved("a"));
        assert.deepStrictEqual(resolve({ "Fn::Select": ["1", ["a", "b"]] }), resolved("b"));
        assert.deepStrictEqual(resolve({ "Fn::Select": [{ Ref: "Index" }, { Ref: "Actions" }] }), resolved("s3:PutObject"));
        const why = ["Fn::Select of a list the template does not spell out at Action"];
        for (const arg of [[2, ["a", "b"]], [-1, ["a", "b"]], [0.5, ["a", "b"]], ["x", ["a"]], [0, "a"], "a", [0, []]]) assert.deepStrictEqual(resolve({ "Fn::Select": arg }, false, "Action"), resolved("", why), JSON.stringify(arg));
        // the index is never a resource's name (hidden, it reads as "", index 0)
        assert.deepStrictEqual(resolve({ "Fn::Select": [{ Ref: "Queue" }, ["a"]] }, true, "Resource"), resolved("a", ["Ref Queue (a resource of the template) at Resource"]));
    });

    it("Fn::FindInMap: three text keys the Mappings hold, the value found resolved in turn", () => {
        assert.deepStrictEqual(resolve({ "Fn::FindInMap": ["Env", "prod", "Bucket"] }), resolved("arn:aws:s3:::prod-bucket"));
        assert.deepStrictEqual(resolve({ "Fn::FindInMap": ["Env", { Ref: "Prod" }, "Bucket"] }, false, "Resource"), resolved("", ["Ref Prod, which the template does not declare at Resource", "Fn::FindInMap of a key the template's Mappings do not hold at Resource"]));
        assert.deepStrictEqual(resolve({ "Fn::FindInMap": ["Env", "prod", "Ref"] }), resolved("reports"));
        assert.deepStrictEqual(resolve({ "Fn::FindInMap": ["Env", "prod", "Bucket", "extra"] }), resolved("arn:aws:s3:::prod-bucket"));
        const why = ["Fn::FindInMap of a key the template's Mappings do not hold at Resource"];
        for (const arg of [["Env", "prod"], ["Env", "dev", "Bucket"], ["Env", "prod", "Missing"], ["Nope", "prod", "Bucket"], ["Env", "prod", 1], "Env"]) assert.deepStrictEqual(resolve({ "Fn::FindInMap": arg }, true, "Resource"), resolved("", why), JSON.stringify(arg));
        // three text keys, no fewer and no numbers, even where the Mappings hold keys "1" and "undefined"
        const odd = context({}, {}, { Env: { prod: { "1": "one", undefined: "none" } } });
        const why2 = ["Fn::FindInMap of a key the template's Mappings do not hold at the document"];
        assert.deepStrictEqual(resolveIntrinsics({ "Fn::FindInMap": ["Env", "prod", 1] }, odd), resolved("", why2));
        assert.deepStrictEqual(resolveIntrinsics({ "Fn::FindInMap": ["Env", "prod"] }, odd), resolved("", why2));
        assert.deepStrictEqual(resolveIntrinsics({ "Fn::FindInMap": ["Env", "prod", "1"] }, odd), resolved("one"));
        // the keys are never a resource's name
        assert.deepStrictEqual(resolve({ "Fn::FindInMap": ["Env", { Ref: "Queue" }, "Bucket"] }, true, "Resource").hidden[0], "Ref Queue (a resource of the template) at Resource");
    });

    it("Fn::ToJsonString is the JSON of the resolved value; other functions hide the grant", () => {
        assert.deepStrictEqual(resolve({ "Fn::ToJsonString": { A: { Ref: "Name" } } }), resolved('{"A":"reports"}'));
        assert.deepStrictEqual(resolve({ "Fn::If": ["C", "a", "b"] }), resolved("", [decided("Fn::If", "the document")]));
        assert.deepStrictEqual(resolve({ Statement: [{ Resource: { "Fn::ImportValue": "x" } }] }), resolved({ Statement: [{ Resource: "" }] }, [decided("Fn::ImportValue", "Statement[0].Resource")]));
    });

    it("a dynamic reference hides the grant wherever it is, the text quoted up to its }}", () => {
        const why = (ref: string, at: string) => `the dynamic reference ${ref} (its value is read from SSM Parameter Store or Secrets Manager when the stack deploys) at ${at}`;
        assert.deepStrictEqual(resolve("x{{resolve:ssm:/a}}y", false, "Action"), resolved("", [why("{{resolve:ssm:/a}}", "Action")]));
        assert.deepStrictEqual(resolve("{{resolve:ssm:/a"), resolved("", [why("{{resolve:ssm:/a", "the document")]));
        assert.deepStrictEqual(resolve({ "Fn::Sub": "s3:{{resolve:ssm:/b}}" }, false, "Action"), resolved("", [why("{{resolve:ssm:/b}}", "Action")]));
        assert.deepStrictEqual(resolve({ "Fn::Join": ["", ["{{", "resolve:ssm:/c}}!"]] }, false, "Action"), resolved("", [why("{{resolve:ssm:/c}}", "Action")]));
        assert.deepStrictEqual(resolve("{resolve:ssm:/a}"), resolved("{resolve:ssm:/a}"));
    });
});

describe("least-privilege pack: embedded-resources, the templates a resource embeds (mutants)", () => {
    const stackType = "aws:cloudformation/stack:Stack";
    const cc = "aws:cloudcontrol/resource:Resource";
    const none: TemplateContext = context();
    const at = (logicalId: string) => `templateBody › Resources.${logicalId}.Properties`;
    const includeWhy = "a macro (AWS::Include reads a template snippet from S3) puts what it stands for there when the stack deploys, so what is created is not what the pack reads (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-include.html)";

    it("parseTemplate: an object as it is, JSON text as JSON (a { first, spaces before it), YAML with CloudFormation's short forms", () => {
        // loaded afresh: its module-level sets and the YAML tags it builds on first use are then this test's
        const fresh = freshModule<typeof import("../../policypacks/least-privilege/iam/embedded-resources")>("../../policypacks/least-privilege/iam/embedded-resources");
        const { parseTemplate } = fresh;
        const tags = ["Ref", "Sub", "GetAtt", "Join", "If", "Select", "Split", "FindInMap", "ImportValue", "GetAZs", "Base64", "Cidr", "Equals", "And", "Or", "Not", "Condition", "Transform", "Length", "ToJsonString"];
        const long = (tag: string) => (tag === "Ref" || tag === "Condition" ? tag : `Fn::${tag}`);
        assert.deepStrictEqual(parseTemplate(tags.map((tag) => `${tag}: !${tag} v.w`).join("\n")), { template: Object.fromEntries(tags.map((tag) => [tag, { [long(tag)]: tag === "GetAtt" ? ["v", "w"] : "v.w" }])) });
        assert.deepStrictEqual(parseTemplate(tags.map((tag) => `${tag}: !${tag} [a, b]`).join("\n")), { template: Object.fromEntries(tags.map((tag) => [tag, { [long(tag)]: ["a", "b"] }])) });
        assert.deepStrictEqual(parseTemplate(tags.map((tag) => `${tag}: !${tag} { k: v }`).join("\n")), { template: Object.fromEntries(tags.map((tag) => [tag, { [long(tag)]: { k: "v" } }])) });
        assert.deepStrictEqual([...fresh.embeddingTypes], ["aws:cloudformation/stack:Stack", "aws:cloudformation/stackSet:StackSet", "aws-native:cloudformation:Stack", "aws-native:cloudformation:StackSet", cc]);
        const one = { Resources: { Q: { Type: "AWS::SQS::Queue" } } };
        for (const type of fresh.embeddingTypes.slice(0, 4)) assert.deepStrictEqual(fresh.embeddedTemplates(type, { templateBody: JSON.stringify(one) }).map((t) => t.resources.map((r) => r.logicalId)), [["Q"]], type);
        assert.deepStrictEqual(fresh.embeddedResources(cc, { typeName: "AWS::SQS::Queue", desiredState: "{}" }).map((r) => r.cfnType), ["AWS::SQS::Queue"]);
        const nested = { Resources: { A: { Type: "AWS::CloudFormation::Stack", Properties: { TemplateBody: one } }, B: { Type: "AWS::CloudFormation::StackSet", Properties: { TemplateBody: one } } } };
        assert.deepStrictEqual(fresh.embeddedTemplates(stackType, { templateBody: nested }).map((t) => t.resources.map((r) => r.logicalId)), [["A", "B"], ["Q"], ["Q"]]);
        const include = { "Fn::Transform": { Name: "AWS::Include" } };
        assert.deepStrictEqual(fresh.embeddedTemplates(stackType, { templateBody: { Resources: { Admin: include } } })[0].unreadable, [{ field: "templateBody › Resources", why: `Resources holds Admin, which is only an Fn::Transform: ${includeWhy}` }]);
        assert.deepStrictEqual(parseTemplate({ A: 1 }), { template: { A: 1 } });
        assert.deepStrictEqual(parseTemplate(5), { why: "it is neither a template text nor an object" });
        assert.deepStrictEqual(parseTemplate(["A"]), { why: "it is neither a template text nor an object" });
        assert.deepStrictEqual(parseTemplate("[1, 2]"), { why: "it is not a JSON or YAML object" });
        // duplicate keys: JSON keeps the last, YAML refuses them; so which parser read the text shows
        assert.deepStrictEqual(parseTemplate('{"A": 1, "A": 2}'), { template: { A: 2 } });
        assert.deepStrictEqual(parseTemplate(' \n {"A": 1, "A": 2}'), { template: { A: 2 } });
        assert.deepStrictEqual(parseTemplate('[{"A": 1, "A": 2}]'), { why: "it is neither JSON nor YAML CloudFormation can read (Map keys must be unique at line 1, column 11:)" });
        assert.deepStrictEqual(parseTemplate("A: !Sub\n  - \"x${B}\"\n  - { B: c }\nC: !If [X, a, b]\nD: !GetAtt R.Arn\nG: !GetAtt [R, Arn]\nE: !Condition Z\nF: !Ref Q\nH: !Transform { Name: AWS::Include }\n"), { template: {
            A: { "Fn::Sub": ["x${B}", { B: "c" }] }, C: { "Fn::If": ["X", "a", "b"] }, D: { "Fn::GetAtt": ["R", "Arn"] }, G: { "Fn::GetAtt": ["R", "Arn"] },
            E: { Condition: "Z" }, F: { Ref: "Q" }, H: { "Fn::Transform": { Name: "AWS::Include" } },
        } });
    });

    it("templateKey: type, parameters (or Cloud Control's typeName) and text; none for an object template or unknown parameters", () => {
        assert.strictEqual(templateKey(stackType, { templateBody: "T", parameters: { A: "1" } }), `${stackType}\u0000{"A":"1"}\u0000T`);
        assert.strictEqual(templateKey(stackType, { templateBody: "T" }), `${stackType}\u0000null\u0000T`);
        assert.strictEqual(templateKey(stackType, { templateBody: "T", parameters: unknownString }), undefined);
        assert.strictEqual(templateKey(stackType, { templateBody: { Resources: {} } }), undefined);
        assert.strictEqual(templateKey(stackType, { desiredState: "T" }), undefined);
        assert.strictEqual(templateKey(cc, { typeName: "AWS::IAM::Role", desiredState: "S", parameters: { A: "1" } }), `${cc}\u0000"AWS::IAM::Role"\u0000S`);
        assert.strictEqual(templateKey(cc, { templateBody: "T", typeName: "AWS::IAM::Role" }), undefined);
    });

    it("embeddedResources: the same text with other parameters or another typeName is read again, not taken from the last read", () => {
        const text = JSON.stringify({ Parameters: { T: { Type: "String" } }, Resources: { R: { Type: "AWS::SQS::Queue", Properties: { Name: { Ref: "T" } } } } });
        const state = JSON.stringify({ RoleName: "r" });
        assert.deepStrictEqual(embeddedResources(cc, { typeName: "AWS::IAM::Role", desiredState: state }).map((r) => r.cfnType), ["AWS::IAM::Role"]);
        assert.deepStrictEqual(embeddedResources(cc, { typeName: "AWS::IAM::User", desiredState: state }).map((r) => r.cfnType), ["AWS::IAM::User"]);
        // parameters the engine does not know yet (JSON.stringify meets them through CrossGuard's proxy): read, never thrown
        const proxied = unknownCheckingProxy({ templateBody: text, parameters: { T: unknownString } }) as Record<string, unknown>;
        assert.deepStrictEqual(embeddedResources(stackType, proxied).map((r) => r.logicalId), ["R"]);
    });

    it("a stack's parameters: a map or a list of { parameterKey, parameterValue }, over the template's defaults; lists split", () => {
        const template = { Parameters: {
            A: { Type: "String", Default: "a,b" }, B: { Type: "CommaDelimitedList", Default: "x, y" }, C: { Type: "List<Number>", Default: "1,2" },
            D: { Type: "AWS::SSM::Parameter::Value<List<String>>", Default: "p,q" }, E: { Type: 5, Default: "e,f" }, F: null, G: "spec", H: { Type: "CommaDelimitedList", Default: ["m"] }, I: { Type: ["CommaDelimitedList"], Default: "i,j" }, "0": { Default: "zero" },
        } };
        const parameters = (given: unknown) => embeddedTemplates(stackType, { templateBody: JSON.stringify(template), parameters: given })[0].context.parameters;
        const defaults = new Map<string, unknown>([["A", "a,b"], ["B", ["x", "y"]], ["C", ["1", "2"]], ["D", "p,q"], ["E", "e,f"], ["F", undefined], ["G", undefined], ["H", ["m"]], ["I", "i,j"], ["0", "zero"]]);
        assert.deepStrictEqual(parameters(undefined), defaults);
        assert.deepStrictEqual(parameters(null), defaults);
        assert.deepStrictEqual(parameters(unknownString), defaults);
        assert.deepStrictEqual(parameters("text"), defaults);
        assert.deepStrictEqual(parameters({ A: "given", B: "k,l", F: "f", Z: "undeclared" }), new Map([...defaults, ["A", "given"], ["B", ["k", "l"]], ["F", "f"]]));
        assert.deepStrictEqual(parameters([{ parameterKey: "A", parameterValue: "listed" }, "skipped", null, { parameterKey: 5, parameterValue: "x" }, { parameterKey: "C", parameterValue: unknownString }]), new Map([...defaults, ["A", "listed"], ["C", unknownValue]]));
        assert.deepStrictEqual(parameters({ A: unknownString }).get("A"), unknownValue);
    });

    it("a template's resources (with a string Type), its mappings, and what hides resources: Transform, Fn:: where resources or properties are", () => {
        const long = "x".repeat(200);
        const template = {
            Transform: ["AWS::Serverless-2016-10-31", { Name: "AWS::Include" }],
            Mappings: { M: { k: { v: "1" } } },
            Resources: {
                Typed: { Type: "AWS::SQS::Queue", Properties: { QueueName: "q" } },
                Untyped: { Properties: { QueueName: "q" } },
                NumberTyped: { Type: 5 },
                Text: "AWS::SQS::Queue",
                Bare: { Type: "AWS::SNS::Topic", Properties: "none" },
                "Fn::Transform": { Name: "AWS::Include", Parameters: { Location: long } },
                Bucket: { Type: "AWS::S3::Bucket", Properties: { TemplateURL: "https://x", TemplateBody: "{}" } },
                Nothing: { Type: "AWS::CloudFormation::Stack", Properties: {} },
            },
        };
        const templates = embeddedTemplates(stackType, { templateBody: template });
        assert.strictEqual(templates.length, 1, "a TemplateBody on a resource that is no nested stack is no template");
        const [read] = templates;
        assert.deepStrictEqual(read.resources.map((r) => [r.logicalId, r.cfnType, r.properties, r.path]), [
            ["Typed", "AWS::SQS::Queue", { QueueName: "q" }, at("Typed")],
            ["Bare", "AWS::SNS::Topic", {}, at("Bare")],
            ["Bucket", "AWS::S3::Bucket", { TemplateURL: "https://x", TemplateBody: "{}" }, at("Bucket")],
            ["Nothing", "AWS::CloudFormation::Stack", {}, at("Nothing")],
        ]);
        assert.deepStrictEqual(read.context, context({}, { Typed: "AWS::SQS::Queue", Bare: "AWS::SNS::Topic", Bucket: "AWS::S3::Bucket", Nothing: "AWS::CloudFormation::Stack" }, { M: { k: { v: "1" } } }));
        assert.deepStrictEqual(read.unreadable, [
            { field: "templateBody › Transform", why: 'the template declares Transform AWS::Serverless-2016-10-31, {"Name":"AWS::Include"}: macros rewrite it when it deploys (AWS::Serverless turns Policies into roles), so what it creates is not what the pack reads' },
            { field: "templateBody › Resources", why: `Resources holds Fn::Transform ${JSON.stringify(template.Resources["Fn::Transform"]).slice(0, 120)}: ${includeWhy}` },
        ]);
        assert.deepStrictEqual(read.unknown, []);
        // a logical ID whose whole declaration is an Fn::Transform; with a Type, the Fn::Transform hides its properties
        const include = { "Fn::Transform": { Name: "AWS::Include", Parameters: { Location: "s3://b/k" } } };
        const onlyInclude = embeddedTemplates(stackType, { templateBody: { Resources: { Admin: include, Typed: { Type: "AWS::IAM::Role", ...include }, Other: { Type: undefined, Properties: {} } } } })[0];
        assert.deepStrictEqual(onlyInclude.unreadable, [
            { field: "templateBody › Resources", why: `Resources holds Admin, which is only an Fn::Transform: ${includeWhy}` },
            { field: at("Typed"), why: `AWS::IAM::Role Typed holds Fn::Transform: ${includeWhy}` },
        ]);
        assert.deepStrictEqual(onlyInclude.resources.map((r) => r.logicalId), ["Typed"]);
        assert.deepStrictEqual(embeddedTemplates(stackType, { templateBody: { Mappings: "m", Parameters: "p", Resources: "r" } }), [{ resources: [], context: none, unreadable: [], unknown: [] }]);
    });

    it("nested stacks: an inline TemplateBody is read three levels deep with what the parent passes; deeper, or by URL, is a finding", () => {
        const nest = (depth: number): Record<string, unknown> => ({ Resources: { [`Level${depth}`]: { Type: depth % 2 === 0 ? "AWS::CloudFormation::Stack" : "AWS::CloudFormation::StackSet", Properties: { TemplateBody: depth === 4 ? { Resources: {} } : nest(depth + 1) } } } });
        const read = embeddedTemplates(stackType, { templateBody: nest(0) });
        const fields = ["templateBody", "templateBody › Resources.Level0.Properties.TemplateBody", "templateBody › Resources.Level0.Properties.TemplateBody › Resources.Level1.Properties.TemplateBody", "templateBody › Resources.Level0.Properties.TemplateBody › Resources.Level1.Properties.TemplateBody › Resources.Level2.Properties.TemplateBody"];
        assert.deepStrictEqual(read.map((t) => t.resources.map((r) => r.path)), fields.map((f, i) => [`${f} › Resources.Level${i}.Properties`]));
        assert.deepStrictEqual(read.map((t) => t.unreadable), [[], [], [], [{ field: `${fields[3]} › Resources.Level3.Properties`, why: "AWS::CloudFormation::StackSet Level3 deploys a template nested too deep, which the pack cannot read" }]]);
        const byUrl = embeddedTemplates(stackType, { templateBody: { Resources: { Child: { Type: "AWS::CloudFormation::Stack", Properties: { TemplateURL: "https://x" } } } } });
        assert.deepStrictEqual(byUrl[0].unreadable, [{ field: at("Child"), why: "AWS::CloudFormation::Stack Child deploys a template given by URL (TemplateURL), which the pack cannot read" }]);
    });

    it("what a parent passes a nested stack: plain values as they are, intrinsics resolved in the parent, hidden or unknown ones marked", () => {
        const child = { Parameters: { Plain: {}, Dynamic: {}, Partition: {}, Imported: {}, Later: {}, Missing: { Default: "d" }, S: { Default: "s" } }, Resources: {} };
        const parent = (passed: unknown) => ({ Parameters: { Outer: { Type: "String" } }, Resources: { Child: { Type: "AWS::CloudFormation::Stack", Properties: { TemplateBody: child, Parameters: passed } } } });
        const childParameters = (passed: unknown, given?: unknown) => embeddedTemplates(stackType, { templateBody: parent(passed), parameters: given })[1].context.parameters;
        const defaults = new Map<string, unknown>([["Plain", undefined], ["Dynamic", undefined], ["Partition", undefined], ["Imported", undefined], ["Later", undefined], ["Missing", "d"], ["S", "s"]]);
        assert.deepStrictEqual(childParameters({ Plain: "p", Dynamic: "{{resolve:ssm:/x}}", Partition: { Ref: "AWS::Partition" }, Imported: { "Fn::ImportValue": "x" }, Later: { Ref: "Outer" } }, { Outer: unknownString }),
            new Map([...defaults, ["Plain", "p"], ["Dynamic", "{{resolve:ssm:/x}}"], ["Partition", "aws"], ["Imported", hiddenParameter], ["Later", unknownValue]]));
        assert.deepStrictEqual(childParameters([{ ParameterKey: "Plain", ParameterValue: "listed" }, null, "Stryker", { ParameterKey: "Later", ParameterValue: { Ref: "Outer" } }], { Outer: "o" }), new Map([...defaults, ["Plain", "listed"], ["Later", "o"]]));
        assert.deepStrictEqual(childParameters("none"), defaults);
    });

    it("a stack's template: unknown, empty, by URL; Cloud Control's one resource; other types none", () => {
        assert.deepStrictEqual(embeddedTemplates(stackType, { templateBody: unknownString }), [{ resources: [], context: none, unreadable: [], unknown: ["templateBody"] }]);
        const byUrl = [{ resources: [], context: none, unreadable: [{ field: "templateUrl", why: "the template is given by URL (templateUrl), so the pack cannot read the IAM it creates" }], unknown: [] }];
        assert.deepStrictEqual(embeddedTemplates(stackType, { templateBody: "", templateUrl: "https://x" }), byUrl);
        assert.deepStrictEqual(embeddedTemplates(stackType, { templateBody: null, templateUrl: "https://x" }), byUrl);
        for (const templateUrl of [undefined, null, ""]) assert.deepStrictEqual(embeddedTemplates(stackType, { templateBody: "", templateUrl }), [], String(templateUrl));
        assert.deepStrictEqual(embeddedTemplates(stackType, { templateBody: null }), []);
        assert.deepStrictEqual(embeddedTemplates(stackType, { templateBody: 5 }), [{ resources: [], context: none, unreadable: [{ field: "templateBody", why: "the template cannot be read: it is neither a template text nor an object" }], unknown: [] }]);
        assert.deepStrictEqual(embeddedTemplates(stackType, { templateBody: "Resources: {}", parameters: { A: "1" } }), [{ resources: [], context: none, unreadable: [], unknown: [] }]);
        assert.deepStrictEqual(embeddedTemplates(cc, { typeName: unknownString, desiredState: "{}" }), [{ resources: [], context: none, unreadable: [], unknown: ["typeName"] }]);
        assert.deepStrictEqual(embeddedTemplates(cc, { typeName: "AWS::IAM::Role", desiredState: unknownString }), [{ resources: [], context: none, unreadable: [], unknown: ["desiredState"] }]);
        assert.deepStrictEqual(embeddedTemplates(cc, { typeName: "AWS::IAM::Role", desiredState: { RoleName: "r" } }), [{ resources: [{ cfnType: "AWS::IAM::Role", logicalId: "", properties: { RoleName: "r" }, path: "desiredState" }], context: none, unreadable: [], unknown: [] }]);
        const notAnObject = [{ resources: [], context: none, unreadable: [{ field: "desiredState", why: "desiredState is not a JSON object, so the pack cannot read what it creates" }], unknown: [] }];
        for (const desiredState of ["[1]", "not json", 5]) assert.deepStrictEqual(embeddedTemplates(cc, { typeName: "AWS::IAM::Role", desiredState }), notAnObject, String(desiredState));
        assert.deepStrictEqual(embeddedTemplates(cc, { typeName: 5, desiredState: "{}" }), []);
        assert.deepStrictEqual(embeddedTemplates("aws:iam/role:Role", { typeName: "AWS::IAM::Role", desiredState: "{}", templateBody: "Resources: {}" }), []);
        assert.deepStrictEqual([...embeddingTypes], ["aws:cloudformation/stack:Stack", "aws:cloudformation/stackSet:StackSet", "aws-native:cloudformation:Stack", "aws-native:cloudformation:StackSet", cc]);
    });
});

describe("least-privilege pack: embedded-documents, the documents inside templates (mutants)", () => {
    const stackType = "aws:cloudformation/stack:Stack";
    const decidedAt = (name: string, at: string) => decided(`Fn::${name}`, at);
    /** Each document as field, kind, and what it is: unknown, unreadable, or its statements' effect, actions, resources, principal. */
    const shown = (documents: readonly CarriedDocument[]) => documents.map((d) => [d.field, d.kind, d.unknown ?? d.unreadable ?? d.read.statements.map((s) => [s.effect, s.actions, s.resources, s.principal])]);
    const policy = (statement: Record<string, unknown>) => ({ Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: { Version: "2012-10-17", Statement: [statement] } } });
    const field = (id: string, path = "PolicyDocument") => `templateBody › Resources.${id}.Properties.${path}`;

    it("what hides a grant: the first three, then how many more", () => {
        const hiding = (names: string[]) => ({ Effect: "Allow", Action: names.map((n) => ({ [`Fn::${n}`]: [] })), Resource: "*" });
        const template = { Resources: { Five: policy(hiding(["If", "GetAZs", "Split", "Base64", "Cidr"])), Four: policy(hiding(["If", "GetAZs", "Split", "Base64"])), Three: policy(hiding(["If", "GetAZs", "Split"])) } };
        const three = ["If", "GetAZs", "Split"].map((n, i) => decidedAt(n, `Statement[0].Action[${i}]`)).join("; ");
        assert.deepStrictEqual(shown(embeddedDocuments(stackType, { templateBody: JSON.stringify(template) })), [
            [field("Five"), "identity", `${three}; +2 more hides what is granted`],
            [field("Four"), "identity", `${three}; +1 more hides what is granted`],
            [field("Three"), "identity", `${three} hides what is granted`],
        ]);
    });

    it("a document that is itself an intrinsic: resolved when the template says what it is, else unreadable or unknown", () => {
        const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] };
        const template = {
            Parameters: { Doc: { Type: "String" }, Later: { Type: "String" } },
            Mappings: { Docs: { read: { only: document } } },
            Resources: {
                FromParameter: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: { Ref: "Doc" } } },
                FromMapping: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: { "Fn::FindInMap": ["Docs", "read", "only"] } } },
                Hidden: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: { "Fn::If": ["C", document, document] } } },
                Later: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: { Ref: "Later" } }),
                Hides: { Type: "AWS::IAM::Role", Properties: { AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }, Policies: [{ PolicyName: "p", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: { "Fn::ImportValue": "a" }, Resource: { Ref: "Later" } }] } }] } },
            },
        };
        const read = ["Allow", ["s3:GetObject"], ["arn:aws:s3:::b/*"], undefined];
        assert.deepStrictEqual(shown(embeddedDocuments(stackType, { templateBody: JSON.stringify(template), parameters: { Doc: JSON.stringify(document), Later: unknownString } })), [
            [field("FromParameter"), "identity", [read]],
            [field("FromMapping"), "identity", [read]],
            [field("Hidden"), "identity", `${decidedAt("If", "the document")} hides what is granted`],
            [field("Later"), "identity", `a parameter of ${field("Later")} is not known at preview`],
            [field("Hides", "AssumeRolePolicyDocument"), "trust", [["Allow", ["sts:AssumeRole"], undefined, { any: false, entries: { Service: ["ec2.amazonaws.com"] } }]]],
            [field("Hides", "Policies[0].PolicyDocument"), "identity", `${decidedAt("ImportValue", "Statement[0].Action")} hides what is granted`],
        ]);
    });

    it("a grant spelled as arguments (AWS::Lambda::Permission): references name resources except in Action; unreadable before unknown", () => {
        const permission = (properties: Record<string, unknown>) => ({ Type: "AWS::Lambda::Permission", Properties: { Action: "lambda:InvokeFunction", FunctionName: "f", ...properties } });
        const template = {
            Parameters: { Later: { Type: "String" } },
            Resources: {
                Role: { Type: "AWS::IAM::Role" },
                Named: permission({ Principal: { "Fn::GetAtt": ["Role", "Arn"] }, XAction: { Ref: "Role" }, ActionX: { Ref: "Role" } }),
                ActionRef: permission({ Principal: "s3.amazonaws.com", Action: { Ref: "Role" } }),
                lower: permission({ Principal: "s3.amazonaws.com", action: { Ref: "Role" } }),
                Later: permission({ Principal: { Ref: "Later" }, SourceArn: "arn:aws:s3:::b" }),
                Both: permission({ Principal: { Ref: "Later" }, Action: { "Fn::ImportValue": "a" } }),
            },
        };
        const at = (id: string) => `templateBody › Resources.${id}.Properties`;
        assert.deepStrictEqual(shown(embeddedDocuments(stackType, { templateBody: JSON.stringify(template), parameters: { Later: unknownString } })), [
            [at("Named"), "resource", [["Allow", ["lambda:InvokeFunction"], undefined, { any: false, entries: { AWS: ["arn:aws:iam::${AWS.AccountId}:role/Role"] } }]]],
            [at("ActionRef"), "resource", "Ref Role (a resource of the template) at Action hides what is granted"],
            [at("lower"), "resource", "Ref Role (a resource of the template) at action hides what is granted"],
            [at("Later"), "resource", `a parameter of ${at("Later")} is not known at preview`],
            [at("Both"), "resource", `${decidedAt("ImportValue", "Action")} hides what is granted`],
        ]);
    });

    it("a template unknown, given by URL, or unknown through CrossGuard's proxy: one identity document saying so", () => {
        assert.deepStrictEqual(embeddedDocuments(stackType, { templateBody: unknownString }), [{ field: "templateBody", kind: "identity", read: { statements: [], problems: [] }, unknown: "templateBody is not known at preview" }]);
        assert.deepStrictEqual(embeddedDocuments(stackType, { templateUrl: "https://x" }), [{ field: "templateUrl", kind: "identity", read: { statements: [], problems: [] }, unreadable: "the template is given by URL (templateUrl), so the pack cannot read the IAM it creates" }]);
        const proxied = (props: Record<string, unknown>) => embeddedDocuments("aws-native:cloudformation:Stack", unknownCheckingProxy(props) as Record<string, unknown>);
        assert.deepStrictEqual(shown(proxied({ templateBody: { Resources: unknownString } })), [["templateBody.Resources", "identity", "templateBody.Resources is not known at preview"]]);
        const text = JSON.stringify({ Parameters: { T: { Type: "String" } }, Resources: { R: policy({ Effect: "Allow", Action: { Ref: "T" }, Resource: "*" }) } });
        assert.deepStrictEqual(shown(embeddedDocuments(stackType, unknownCheckingProxy({ templateBody: text, parameters: { T: unknownString } }) as Record<string, unknown>)), [[field("R"), "identity", `a parameter of ${field("R")} is not known at preview`]]);
    });

    it("the same template text with other parameters is read again, not taken from the last read", () => {
        const text = JSON.stringify({ Parameters: { T: { Type: "String" } }, Resources: { R: policy({ Effect: "Allow", Action: { Ref: "T" }, Resource: "*" }) } });
        const actions = (t: string) => embeddedDocuments(stackType, { templateBody: text, parameters: { T: t } })[0].read.statements[0].actions;
        assert.deepStrictEqual([actions("s3:GetObject"), actions("s3:PutObject"), actions("s3:GetObject")], [["s3:GetObject"], ["s3:PutObject"], ["s3:GetObject"]]);
    });
});

describe("least-privilege pack: attachments, which managed policies a resource attaches to whom (mutants)", () => {
    const arn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    const attachment = (field: string, dependencyKey: string, principals: unknown[], policy: unknown) => ({ field, dependencyKey, principals, policy });
    const byArn = (value = arn) => ({ kind: "arn", arn: value });
    const unknownWhy = (why: string) => ({ kind: "unknown", why });

    it("a principal input: a non-empty name, the last segment of an ARN; an empty or absent one is not known", () => {
        const role = (value: unknown) => attachmentsOf("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: value, policyArn: arn });
        assert.deepStrictEqual(role("app"), [attachment("policyArn", "policyArn", [{ kind: "role", name: "app" }], byArn())]);
        assert.deepStrictEqual(role("arn:aws:iam::123456789012:role/team/app"), [attachment("policyArn", "policyArn", [{ kind: "role", name: "app" }], byArn())]);
        assert.deepStrictEqual(role("team/app"), [attachment("policyArn", "policyArn", [{ kind: "role", name: "team/app" }], byArn())]);
        assert.deepStrictEqual(role(""), [attachment("policyArn", "policyArn", [{ kind: "role" }], byArn())]);
        assert.deepStrictEqual(role(undefined), [attachment("policyArn", "policyArn", [{ kind: "role" }], byArn())]);
    });

    it("a policy input that is no string says what it is", () => {
        const policy = (value: unknown) => attachmentsOf("aws:iam/userPolicyAttachment:UserPolicyAttachment", { user: "u", policyArn: value })[0].policy;
        assert.deepStrictEqual(policy(null), unknownWhy("policyArn is null, not an ARN"));
        assert.deepStrictEqual(policy(undefined), unknownWhy("policyArn is undefined, not an ARN"));
        assert.deepStrictEqual(policy({}), unknownWhy("policyArn is object, not an ARN"));
        assert.deepStrictEqual(policy(unknownString), unknownWhy("policyArn is not known at preview"));
    });

    it("a list input: absent or null is none, unknown is one unknown reference, a single value is one reference", () => {
        const role = (managedPolicyArns: unknown) => attachmentsOf("aws:iam/role:Role", { name: "r", managedPolicyArns });
        const principals = [{ kind: "role", name: "r", itself: true }];
        assert.deepStrictEqual(role(undefined), []);
        assert.deepStrictEqual(role(null), []);
        assert.deepStrictEqual(role("6a19a0b0-7e62-4c92-b797-7f8e31da9cc2"), [attachment("managedPolicyArns", "managedPolicyArns", principals, unknownWhy("managedPolicyArns is not known at preview"))]);
        assert.deepStrictEqual(role(arn), [attachment("managedPolicyArns", "managedPolicyArns", principals, byArn())]);
        assert.deepStrictEqual(role([arn, null]), [attachment("managedPolicyArns[0]", "managedPolicyArns", principals, byArn()), attachment("managedPolicyArns[1]", "managedPolicyArns", principals, unknownWhy("managedPolicyArns[1] is null, not an ARN"))]);
        assert.deepStrictEqual(attachmentsOf("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", { roleName: "r", policyArns: [arn] }), [attachment("policyArns[0]", "policyArns", [{ kind: "role", name: "r" }], byArn())]);
    });

    it("PolicyAttachment, the Identity Center ARN attachment and QuickSight assignments", () => {
        assert.deepStrictEqual(attachmentsOf("aws:iam/policyAttachment:PolicyAttachment", { roles: ["a"], users: ["b"], groups: ["c"], policyArn: arn }), [
            attachment("policyArn", "policyArn", [{ kind: "role", name: "a" }, { kind: "user", name: "b" }, { kind: "group", name: "c" }], byArn()),
        ]);
        const set = "arn:aws:sso:::permissionSet/ssoins-1/ps-1";
        assert.deepStrictEqual(attachmentsOf("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", { permissionSetArn: set, managedPolicyArn: arn }), [
            attachment("managedPolicyArn", "managedPolicyArn", [{ kind: "permission set", name: "ps-1" }], byArn()),
        ]);
        assert.deepStrictEqual(attachmentsOf("aws:iam/policyAttachment:PolicyAttachment", { roles: [], policyArn: null })[0].policy, unknownWhy("policyArn is null, not an ARN"));
        assert.deepStrictEqual(attachmentsOf("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", { permissionSetArn: set, managedPolicyArn: 5 })[0].policy, unknownWhy("managedPolicyArn is number, not an ARN"));
        const quickSight = "aws:quicksight/iamPolicyAssignment:IamPolicyAssignment";
        assert.deepStrictEqual(attachmentsOf(quickSight, { assignmentName: "analysts" }), []);
        assert.deepStrictEqual(attachmentsOf(quickSight, { assignmentName: "analysts", policyArn: arn }), [attachment("policyArn", "policyArn", [{ kind: "QuickSight assignment", name: "analysts" }], byArn())]);
        assert.deepStrictEqual(attachmentsOf(quickSight, { assignmentName: "analysts", policyArn: null }), [attachment("policyArn", "policyArn", [{ kind: "QuickSight assignment", name: "analysts" }], unknownWhy("policyArn is null, not an ARN"))]);
    });

    it("customer managed policy references: a name with its path (\"/\" when none), else not known", () => {
        const set = "arn:aws:sso:::permissionSet/ssoins-1/ps-1";
        const principals = [{ kind: "permission set", name: "ps-1" }];
        const one = (reference: unknown) => attachmentsOf("aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment", { permissionSetArn: set, customerManagedPolicyReference: reference });
        const field = "customerManagedPolicyReference";
        assert.deepStrictEqual(one({ name: "p", path: "/team/" }), [attachment(field, field, principals, { kind: "name", name: "p", path: "/team/" })]);
        assert.deepStrictEqual(one({ name: "p" }), [attachment(field, field, principals, { kind: "name", name: "p", path: "/" })]);
        assert.deepStrictEqual(one({ name: "p", path: unknownString }), [attachment(field, field, principals, unknownWhy(`${field} is not known at preview`))]);
        assert.deepStrictEqual(one({ name: "", path: "/" }), [attachment(field, field, principals, unknownWhy(`${field} is not known at preview`))]);
        assert.deepStrictEqual(one(null), []);
        assert.deepStrictEqual(one(undefined), []);
        const many = attachmentsOf("aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive", { permissionSetArn: set, customerManagedPolicyReferences: [null, "p", { name: "q" }] });
        const fields = "customerManagedPolicyReferences";
        assert.deepStrictEqual(many, [
            attachment(`${fields}[0]`, fields, principals, unknownWhy(`${fields}[0] is not known at preview`)),
            attachment(`${fields}[1]`, fields, principals, unknownWhy(`${fields}[1] is not known at preview`)),
            attachment(`${fields}[2]`, fields, principals, { kind: "name", name: "q", path: "/" }),
        ]);
    });

    it("aws-native ManagedPolicy attaches itself to roles, users and groups; to none, nothing", () => {
        const native = (props: Record<string, unknown>) => attachmentsOf("aws-native:iam:ManagedPolicy", props);
        assert.deepStrictEqual(native({ groups: ["g"] }), [attachment("roles/users/groups", "roles", [{ kind: "group", name: "g" }], { kind: "itself" })]);
        assert.deepStrictEqual(native({ policyDocument: {} }), []);
        assert.deepStrictEqual(native({ roles: [], users: [], groups: [] }), []);
    });

    it("describePrincipals: none, up to three shown, then how many more", () => {
        assert.strictEqual(describePrincipals([]), "no principal");
        const four = [{ kind: "role", name: "a" }, { kind: "user", itself: true }, { kind: "group" }, { kind: "role", name: "d" }] as const;
        assert.strictEqual(describePrincipals(four.slice(0, 3)), 'role "a", this user, a group not known at preview');
        assert.strictEqual(describePrincipals(four), 'role "a", this user, a group not known at preview, +1 more');
        assert.strictEqual(describePrincipals([...four, ...four]), 'role "a", this user, a group not known at preview, +5 more');
    });

    it("CloudFormation ARNs: texts, Ref and Fn::GetAtt to the template's resources, pseudo parameters, Fn::Sub and Fn::Join of the partition", () => {
        const policy = (value: unknown) => cloudFormationAttachments("AWS::IAM::Role", { ManagedPolicyArns: [value] })[0].policy;
        const field = "ManagedPolicyArns[0]";
        const cannot = (keys: string) => unknownWhy(`${field} uses an intrinsic function the pack cannot resolve (${keys})`);
        assert.deepStrictEqual(policy(arn), byArn());
        for (const value of [5, null, [arn], true]) assert.deepStrictEqual(policy(value), unknownWhy(`${field} is not a string`), JSON.stringify(value));
        assert.deepStrictEqual(policy({ Ref: "AWS::Partition" }), unknownWhy(`${field} is the pseudo parameter AWS::Partition`));
        assert.deepStrictEqual(policy({ Ref: "Policy" }), { kind: "template", logicalId: "Policy" });
        assert.deepStrictEqual(policy({ "Fn::GetAtt": ["Policy", "PolicyArn"] }), { kind: "template", logicalId: "Policy" });
        assert.deepStrictEqual(policy({ "Fn::GetAtt": "Policy.PolicyArn" }), { kind: "template", logicalId: "Policy" });
        assert.deepStrictEqual(policy({ "Fn::GetAtt": [5, "PolicyArn"] }), cannot("Fn::GetAtt"));
        assert.deepStrictEqual(policy({ "Fn::If": ["C", arn, arn], Extra: 1 }), cannot("Fn::If, Extra"));
        const sub = "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess";
        assert.deepStrictEqual(policy({ "Fn::Sub": sub }), byArn());
        assert.deepStrictEqual(policy({ "Fn::Sub": [sub] }), byArn());
        assert.deepStrictEqual(policy({ "Fn::Sub": [sub, {}] }), byArn());
        assert.deepStrictEqual(policy({ "Fn::Sub": "arn:aws:iam::${!Literal}:policy/${AWS::URLSuffix}" }), byArn("arn:aws:iam::${Literal}:policy/amazonaws.com"));
        for (const value of [[sub, { P: "aws" }], [sub, null], [sub, "x"], [sub, ""], [sub, 5], [5], "arn:${AWS::Region}:iam::aws:policy/X"]) assert.deepStrictEqual(policy({ "Fn::Sub": value }), cannot("Fn::Sub"), JSON.stringify(value));
        assert.deepStrictEqual(policy({ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/", { "Fn::Sub": "ReadOnlyAccess" }]] }), byArn());
        assert.deepStrictEqual(policy({ "Fn::Join": [":", ["arn", { Ref: "AWS::URLSuffix" }]] }), byArn("arn:amazonaws.com"));
        for (const value of [[5, ["a", "b"]], ["", "ab"], ["", ["a", { Ref: "Other" }]], ["", ["a", null]], ["", ["a", undefined]], ["", ["a", 5]], ["", ["a", {}]]]) assert.deepStrictEqual(policy({ "Fn::Join": value }), cannot("Fn::Join"), String(value));
    });

    it("CloudFormation principals: roles, users and groups by name (or this one), ManagedPolicy's lists, Identity Center references", () => {
        const arns = { ManagedPolicyArns: arn };
        assert.deepStrictEqual(cloudFormationAttachments("AWS::IAM::User", { UserName: "u", ...arns }), [attachment("ManagedPolicyArns", "ManagedPolicyArns", [{ kind: "user", name: "u", itself: true }], byArn())]);
        assert.deepStrictEqual(cloudFormationAttachments("AWS::IAM::Group", { GroupName: "", ManagedPolicyArns: null }), []);
        assert.deepStrictEqual(cloudFormationAttachments("AWS::IAM::Group", { GroupName: "", ...arns }), [attachment("ManagedPolicyArns", "ManagedPolicyArns", [{ kind: "group", itself: true }], byArn())]);
        assert.deepStrictEqual(cloudFormationAttachments("AWS::IAM::Role", { ...arns }), [attachment("ManagedPolicyArns", "ManagedPolicyArns", [{ kind: "role", itself: true }], byArn())]);
        assert.deepStrictEqual(cloudFormationAttachments("AWS::IAM::ManagedPolicy", { Groups: ["g", ""], Users: "u" }), [attachment("Roles/Users/Groups", "Roles", [{ kind: "user", name: "u" }, { kind: "group", name: "g" }, { kind: "group" }], { kind: "itself" })]);
        assert.deepStrictEqual(cloudFormationAttachments("AWS::IAM::ManagedPolicy", { PolicyDocument: {} }), []);
        for (const properties of [null, "x", [arns], undefined]) assert.deepStrictEqual(cloudFormationAttachments("AWS::IAM::Role", properties), [], JSON.stringify(properties));
        assert.deepStrictEqual(cloudFormationAttachments("AWS::S3::Bucket", arns), []);
        const field = "CustomerManagedPolicyReferences";
        const principals = [{ kind: "permission set", name: "ps", itself: true }];
        assert.deepStrictEqual(cloudFormationAttachments("AWS::SSO::PermissionSet", { Name: "ps", ManagedPolicies: [arn], CustomerManagedPolicyReferences: [{ Name: "p", Path: "/team/" }, { Name: "q", Path: "" }, { Name: "" }, { Name: 5 }, null, "r"] }), [
            attachment("ManagedPolicies[0]", "ManagedPolicies", principals, byArn()),
            attachment(`${field}[0]`, field, principals, { kind: "name", name: "p", path: "/team/" }),
            attachment(`${field}[1]`, field, principals, { kind: "name", name: "q", path: "/" }),
            ...[2, 3, 4, 5].map((i) => attachment(`${field}[${i}]`, field, principals, unknownWhy(`${field}[${i}].Name is not a string`))),
        ]);
    });
});

describe("least-privilege pack: policy-document-table, the document fields per type token (mutants)", () => {
    const table = () => freshModule<typeof import("../../policypacks/least-privilege/iam/policy-document-table")>("../../policypacks/least-privilege/iam/policy-document-table");

    it("stepsOf: keys, each item of a list ([]), each value of a map ({})", () => {
        assert.deepStrictEqual(stepsOf("a.b[].c{}.d"), [{ key: "a" }, { key: "b", each: "list" }, { key: "c", each: "map" }, { key: "d" }]);
    });

    it("Pulumi type tokens, and CloudFormation types through aws-native's tokens or the CloudFormation-only list, in any case", () => {
        const fresh = table();
        const role = [
            { path: "assumeRolePolicyDocument", kind: "trust", emptyIsNone: false, steps: [{ key: "assumeRolePolicyDocument" }] },
            { path: "policies[].policyDocument", kind: "identity", emptyIsNone: true, steps: [{ key: "policies", each: "list" }, { key: "policyDocument" }] },
        ];
        assert.deepStrictEqual(fresh.cfnDocumentFields("AWS::IAM::Role"), role);
        assert.deepStrictEqual(fresh.cfnDocumentFields("aws::iam::role"), role);
        assert.deepStrictEqual(fresh.documentFields("aws-native:iam:Role"), role);
        assert.deepStrictEqual(fresh.cfnDocumentFields("AWS::IAM::ManagedPolicy"), [{ path: "policyDocument", kind: "identity", emptyIsNone: false, steps: [{ key: "policyDocument" }] }]);
        const queuePolicy = [{ path: "PolicyDocument", kind: "resource", emptyIsNone: false, steps: [{ key: "PolicyDocument" }] }];
        assert.deepStrictEqual(fresh.cfnDocumentFields("AWS::SQS::QueuePolicy"), queuePolicy);
        assert.deepStrictEqual(fresh.cfnDocumentFields("aws::sqs::queuepolicy"), queuePolicy);
        assert.strictEqual(fresh.cfnDocumentFields("AWS::IAM::Nothing"), undefined);
        assert.strictEqual(fresh.cfnDocumentFields("aws-native:iam:Role"), undefined);
        assert.strictEqual(fresh.documentFields("AWS::IAM::Role"), undefined);
        assert.deepStrictEqual(fresh.documentFields("aws:iam/policy:Policy")?.map((f) => [f.path, f.kind]), [["policy", "identity"]]);
        assert.ok([...fresh.tableTypes()].includes("aws:iam/policy:Policy"));
        // the module this spec imported answers the same
        assert.deepStrictEqual([cfnDocumentFields("AWS::IAM::Role"), documentFields("aws-native:iam:Role")], [role, role]);
        assert.strictEqual([...tableTypes()].length, [...fresh.tableTypes()].length);
    });

    it("nativeTypeOf: AWS::<Service>::<Type>, whole, in any case", () => {
        assert.strictEqual(nativeTypeOf("AWS::IAM::Role"), "aws-native:iam:Role");
        assert.strictEqual(nativeTypeOf("aws::Lambda::Permission"), "aws-native:lambda:Permission");
        assert.strictEqual(nativeTypeOf("Custom::AWS::IAM::Role"), undefined);
        assert.strictEqual(nativeTypeOf("AWS::IAM::Role::Extra"), undefined);
        assert.strictEqual(nativeTypeOf("AWS::IAM::Role "), undefined);
        assert.strictEqual(nativeTypeOf("Custom::Thing"), undefined);
    });
});

describe("least-privilege pack: ip-ranges, CIDR ranges and how much they cover (mutants)", () => {
    const v4 = (text: string) => text.split(".").reduce((n, o) => (n << 8n) | BigInt(o), 0n);
    const range = (family: "IPv4" | "IPv6", first: bigint, last = first): IpRange => ({ family, first, last });

    it("IPv4: a dotted quad, with /0 to /32 (spaces around trimmed); anything else none", () => {
        assert.deepStrictEqual(parseRange("1.2.3.4"), range("IPv4", v4("1.2.3.4")));
        assert.deepStrictEqual(parseRange(" 10.1.2.3/8 "), range("IPv4", v4("10.0.0.0"), v4("10.255.255.255")));
        assert.deepStrictEqual(parseRange("1.2.3.4/32"), range("IPv4", v4("1.2.3.4")));
        assert.deepStrictEqual(parseRange("0.0.0.0/0"), range("IPv4", 0n, (1n << 32n) - 1n));
        for (const value of ["1.2.3.4/33", "1.2.3.4/8/9", "1.2.3.4/", "1.2.3.4/08", "1.2.3", "01.2.3.4", "0/0", "abc"]) assert.strictEqual(parseRange(value), undefined, value);
    });

    it("IPv6: full, shortened with ::, an embedded dotted quad; /0 to /128", () => {
        assert.deepStrictEqual(parseRange("::1"), range("IPv6", 1n));
        assert.deepStrictEqual(parseRange("1:2:3:4:5:6:7:8"), range("IPv6", 0x00010002000300040005000600070008n));
        assert.deepStrictEqual(parseRange("1:2::3:4"), range("IPv6", 0x00010002000000000000000000030004n));
        assert.deepStrictEqual(parseRange("1:2:3:4:5:6::7"), range("IPv6", 0x00010002000300040005000600000007n));
        assert.deepStrictEqual(parseRange("1:2:3:4:5:6:1.2.3.4"), range("IPv6", 0x00010002000300040005000601020304n));
        assert.deepStrictEqual(parseRange("::192.0.2.1"), range("IPv6", 0xc0000201n));
        assert.deepStrictEqual(parseRange("::/128"), range("IPv6", 0n));
        assert.deepStrictEqual(parseRange("2001:db8::/32"), range("IPv6", 0x20010db8n << 96n, (0x20010db8n << 96n) | ((1n << 96n) - 1n)));
        for (const value of ["::/129", "1::2::3", "1:2:3", "1:2:3:4::5:6:7:8", "1:2:3:4:5:6:7:8:9", "g::1", "x1::1", "1x::1", "12345::1", "::ffff:1.2.3", "::ffff:1.2.3.4.5", ":1"]) assert.strictEqual(parseRange(value), undefined, value);
    });

    it("IPv4-mapped, 6to4 and Teredo ranges count as the IPv4 addresses they stand for", () => {
        assert.deepStrictEqual(parseRange("::ffff:192.0.2.1"), range("IPv4", v4("192.0.2.1")));
        assert.deepStrictEqual(parseRange("::ffff:0:0/96"), range("IPv4", 0n, (1n << 32n) - 1n));
        assert.deepStrictEqual(parseRange("::ffff:0:0/95"), range("IPv6", 0xfffen << 32n, (0xfffen << 32n) | ((1n << 33n) - 1n)));
        assert.deepStrictEqual(parseRange("2002:c000:0200::/40"), range("IPv4", v4("192.0.2.0"), v4("192.0.2.255")));
        assert.deepStrictEqual(parseRange("2002:c000:0201::/64"), range("IPv4", v4("192.0.2.1")));
        assert.deepStrictEqual(parseRange("2002::/16"), range("IPv4", 0n, (1n << 32n) - 1n));
        // wider than the 6to4 /16 or the Teredo /32, they are plain IPv6 (though their first address is 2002:: or 2001::)
        assert.deepStrictEqual(parseRange("2002::/15"), range("IPv6", 0x2002n << 112n, (0x2002n << 112n) | ((1n << 113n) - 1n)));
        assert.deepStrictEqual(parseRange("2001::/31"), range("IPv6", 0x2001n << 112n, (0x2001n << 112n) | ((1n << 97n) - 1n)));
        assert.deepStrictEqual(parseRange("2000::/3"), range("IPv6", 0x2000n << 112n, (0x2000n << 112n) | ((1n << 125n) - 1n)));
        assert.deepStrictEqual(parseRange("2001::/32"), range("IPv4", 0n, (1n << 32n) - 1n));
        assert.deepStrictEqual(parseRange("2001:0:1::/96"), range("IPv4", 0n, (1n << 32n) - 1n));
        assert.deepStrictEqual(parseRange("2001:0:1::/97"), range("IPv6", (0x20010000n << 96n) | (1n << 80n), (0x20010000n << 96n) | (1n << 80n) | ((1n << 31n) - 1n)));
    });

    it("coveredAddresses: the union's size per family, in any order, nested, overlapping or adjacent ranges counted once", () => {
        const ten = parseRange("10.0.0.0/8")!;
        const eleven = parseRange("11.0.0.0/8")!;
        const nested = parseRange("10.1.0.0/16")!;
        const host = parseRange("10.0.0.0/32")!;
        const v6 = parseRange("2001:db8::/120")!;
        assert.deepStrictEqual(coveredAddresses([]), { IPv4: 0n, IPv6: 0n });
        assert.deepStrictEqual(coveredAddresses([eleven, ten]), { IPv4: 2n << 24n, IPv6: 0n });
        assert.deepStrictEqual(coveredAddresses([eleven, nested, v6, ten, host, parseRange("9.0.0.0/8")!]), { IPv4: 3n << 24n, IPv6: 256n });
        assert.deepStrictEqual(coveredAddresses([host, ten]), { IPv4: 1n << 24n, IPv6: 0n });
        // ranges that overlap in part (no CIDR block does; the function takes any)
        assert.deepStrictEqual(coveredAddresses([range("IPv4", 0n, 10n), range("IPv4", 5n, 20n), range("IPv4", 10n, 12n), range("IPv4", 20n, 30n), range("IPv4", 40n, 40n)]), { IPv4: 32n, IPv6: 0n });
        assert.deepStrictEqual(coveredAddresses([range("IPv4", 30n, 40n), range("IPv4", 0n, 10n), range("IPv4", 20n, 25n), range("IPv4", 5n, 22n), range("IPv6", 7n, 8n)]), { IPv4: 37n, IPv6: 2n });
    });

    it("coveredPublicAddresses leaves out the private ranges (RFC 1918, fc00::/7)", () => {
        // loaded afresh: the private ranges it parses on first use, and its module-level patterns and constants, are then this test's
        const fresh = freshModule<typeof import("../../policypacks/least-privilege/iam/ip-ranges")>("../../policypacks/least-privilege/iam/ip-ranges");
        const { coveredPublicAddresses } = fresh;
        for (const octet of ["0", "9", "10", "99", "100", "199", "200", "249", "250", "255"]) {
            const n = BigInt(octet);
            for (let at = 0; at < 4; at++) {
                const text = ["1", "1", "1", "1"].map((o, i) => (i === at ? octet : o)).join(".");
                assert.deepStrictEqual(fresh.parseRange(text), range("IPv4", v4(text)), text);
                assert.strictEqual((v4(text) >> BigInt(8 * (3 - at))) & 255n, n);
            }
        }
        for (const text of ["256.1.1.1", "1.260.1.1", "1.1.300.1", "1.1.1.01", "1.1.1.1.", "a.1.1.1", "1.1.1.1a", "1..1.1", "1.1.1.2560"]) assert.strictEqual(fresh.parseRange(text), undefined, text);
        assert.deepStrictEqual(fresh.parseRange("::ffff:1.2.3.4/127"), range("IPv4", v4("1.2.3.4"), v4("1.2.3.5")));
        assert.deepStrictEqual(fresh.spaceSize, { IPv4: 1n << 32n, IPv6: 1n << 128n });
        assert.deepStrictEqual(fresh.widestNetwork, { IPv4: { bits: 8, size: 1n << 24n }, IPv6: { bits: 16, size: 1n << 112n } });
        const privateV4 = (1n << 24n) + (1n << 20n) + (1n << 16n);
        assert.deepStrictEqual(coveredPublicAddresses([parseRange("0.0.0.0/0")!, parseRange("::/0")!]), { IPv4: (1n << 32n) - privateV4, IPv6: (1n << 128n) - (1n << 121n) });
        assert.deepStrictEqual(coveredPublicAddresses([parseRange("10.0.0.0/8")!, parseRange("172.16.0.0/12")!, parseRange("192.168.0.0/16")!, parseRange("fd00::/8")!]), { IPv4: 0n, IPv6: 0n });
        assert.deepStrictEqual(coveredPublicAddresses([parseRange("8.0.0.0/7")!]), { IPv4: 2n << 24n, IPv6: 0n });
    });
});
