import * as assert from "assert";
import * as fc from "fast-check";
import { conditionEntries, readDocument } from "../../policypacks/least-privilege/iam/documents";

describe("least-privilege pack: documents.ts reads every document shape", () => {
    const statement = { Sid: "One", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };

    it("reads a JSON string and an object alike", () => {
        const asObject = readDocument({ Version: "2012-10-17", Statement: [statement] });
        const asString = readDocument(JSON.stringify({ Version: "2012-10-17", Statement: [statement] }));
        assert.deepStrictEqual(asString, asObject);
        assert.deepStrictEqual(asObject.problems, []);
        assert.deepStrictEqual(asObject.statements[0].actions, ["s3:GetObject"]);
        assert.deepStrictEqual(asObject.statements[0].resources, ["arn:aws:s3:::b/*"]);
    });

    it("reads Statement as one object or a list", () => {
        const single = readDocument({ Version: "2012-10-17", Statement: statement });
        const list = readDocument({ Version: "2012-10-17", Statement: [statement] });
        assert.deepStrictEqual(single.statements, list.statements);
    });

    it("reads Action, NotAction, Resource, NotResource and principal values as strings or lists", () => {
        const read = readDocument({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Deny", NotAction: "s3:GetObject", NotResource: ["arn:aws:s3:::a", "arn:aws:s3:::b"], Principal: { AWS: "arn:aws:iam::1:root" } },
                { Effect: "Allow", Action: ["sts:AssumeRole"], Principal: { Service: ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"] } },
            ],
        });
        assert.deepStrictEqual(read.problems, []);
        const [deny, trust] = read.statements;
        assert.deepStrictEqual(deny.notActions, ["s3:GetObject"]);
        assert.deepStrictEqual(deny.notResources, ["arn:aws:s3:::a", "arn:aws:s3:::b"]);
        assert.deepStrictEqual(deny.principal, { any: false, entries: { AWS: ["arn:aws:iam::1:root"] } });
        assert.strictEqual(trust.resources, undefined, "trust policies have no Resource");
        assert.deepStrictEqual(trust.principal?.entries.Service, ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"]);
    });

    it("labels statements by Sid, else by #index", () => {
        const read = readDocument({ Version: "2012-10-17", Statement: [statement, { ...statement, Sid: undefined }] });
        assert.deepStrictEqual(read.statements.map((s) => s.label), ["One", "#1"]);
    });

    it("recognizes a public principal as \"*\" or {\"AWS\": \"*\"}", () => {
        const read = readDocument({ Version: "2012-10-17", Statement: [{ ...statement, Principal: "*" }, { ...statement, Sid: "Two", Principal: { AWS: ["arn:aws:iam::1:root", "*"] } }] });
        assert.deepStrictEqual(read.statements.map((s) => s.principal?.any), [true, true]);
    });

    it("normalizes condition values to strings and finds keys case-insensitively", () => {
        const read = readDocument({ Version: "2012-10-17", Statement: [{ ...statement, Condition: { Bool: { "aws:SecureTransport": false }, StringEquals: { "AWS:SourceAccount": ["1"] } } }] });
        assert.deepStrictEqual(conditionEntries(read.statements[0], "aws:securetransport"), [{ operator: "Bool", values: ["false"] }]);
        assert.deepStrictEqual(conditionEntries(read.statements[0], "aws:SourceAccount"), [{ operator: "StringEquals", values: ["1"] }]);
    });

    it("reports invalid JSON instead of throwing", () => {
        const read = readDocument('{"Version": "2012-10-17", "Statement": [');
        assert.strictEqual(read.statements.length, 0);
        assert.match(read.problems[0], /^the document is not valid JSON/);
    });

    it("reports wrong shapes and unknown values, and keeps what it can read", () => {
        const read = readDocument({
            Version: "2012-10-17",
            Statement: [
                { Sid: "Typo", Effect: "Alow", Action: "s3:GetObject", Resource: "*" },
                { Sid: "Numbers", Effect: "Allow", Action: ["s3:GetObject", 7], Resource: "my-bucket" },
                "not a statement",
                { Sid: "Both", Effect: "Allow", Action: "s3:GetObject", NotAction: "s3:PutObject", Resource: "*", Extra: 1 },
            ],
        });
        assert.deepStrictEqual(read.statements.map((s) => s.label), ["Numbers", "Both"]);
        assert.deepStrictEqual(read.statements[0].actions, ["s3:GetObject"]);
        const text = read.problems.join("\n");
        assert.match(text, /statement Typo: Effect "Alow" is neither "Allow" nor "Deny"/);
        assert.match(text, /statement Numbers: Action entries must be non-empty strings, not number 7/);
        assert.match(text, /statement Numbers: resource "my-bucket" is neither "\*" nor an ARN/);
        assert.match(text, /statement #2 must be an object/);
        assert.match(text, /statement Both: needs exactly one of Action and NotAction/);
        assert.match(text, /statement Both: unknown key "Extra"/);
    });

    it("reports documents that are not objects, lack Statement, or repeat a Sid", () => {
        assert.match(readDocument("[]").problems[0], /must be a JSON object, not a list/);
        assert.match(readDocument(42).problems[0], /must be a JSON object, not number 42/);
        assert.deepStrictEqual(readDocument(undefined).problems, ["a policy document must be a JSON object, not missing (undefined)"]);
        assert.deepStrictEqual(readDocument({ Version: "2012-10-17", Statement: [undefined] }).problems, ["statement #0 must be an object, not missing (undefined)"]);
        assert.match(readDocument({ Version: "2012-10-17" }).problems[0], /has no Statement/);
        assert.match(readDocument({ Version: "2012-10-17", Statement: [statement, statement] }).problems[0], /two statements have Sid "One"/);
    });

    it("leaves policy variables under an old Version to policy-version (lint): IAM accepts the document", () => {
        const read = readDocument({ Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "arn:aws:iam::*:user/${aws:username}" }] });
        assert.deepStrictEqual(read.problems, []);
    });

    it('accepts "Sid": "" (IAM\'s rule is [0-9A-Za-z]*) and labels the statement by index; a Sid that is not a string is a problem', () => {
        const read = readDocument({ Version: "2012-10-17", Statement: [{ Sid: "", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Sid: "", Effect: "Allow", Action: "s3:PutObject", Resource: "*" }] });
        assert.deepStrictEqual([read.problems, read.statements.map((st) => st.label)], [[], ["#0", "#1"]]);
        assert.deepStrictEqual(readDocument({ Version: "2012-10-17", Statement: [{ Sid: 7, Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }).problems, ["statement #0: Sid must be a string, not number 7"]);
    });

    it("never throws, whatever JSON value it is given", () => {
        fc.assert(fc.property(fc.jsonValue(), (value) => {
            const read = readDocument(value);
            assert.ok(Array.isArray(read.statements) && Array.isArray(read.problems));
            readDocument(JSON.stringify(value));
        }), { numRuns: 500 });
        const statementKey = fc.constantFrom("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition");
        const anyStatement = fc.dictionary(statementKey, fc.oneof(fc.jsonValue(), fc.constantFrom("Allow", "Deny", "*")));
        fc.assert(fc.property(fc.record({ Version: fc.jsonValue(), Statement: fc.oneof(fc.jsonValue(), anyStatement, fc.array(anyStatement)) }), (doc) => {
            readDocument(doc);
        }), { numRuns: 500 });
        fc.assert(fc.property(fc.string(), (text) => {
            readDocument(text);
        }), { numRuns: 300 });
    });

    it("remembers recent texts by identity, and never mixes up two texts of the same length", () => {
        const text = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });
        const get = text("s3:GetObject");
        const put = text("s3:PutObject");
        assert.strictEqual(get.length, put.length);
        const first = readDocument(get);
        assert.strictEqual(readDocument(get), first, "the same text is read once");
        assert.deepStrictEqual(readDocument(put).statements[0].actions, ["s3:PutObject"]);
        assert.deepStrictEqual(readDocument(`${get}`).statements[0].actions, ["s3:GetObject"], "an equal text built anew");
        for (let i = 0; i < 100; i++) readDocument(text(`s3:Action${i}`));
        const again = readDocument(get);
        assert.notStrictEqual(again, first, "old readings are let go");
        assert.deepStrictEqual(again, first);
    });
    it("words every problem exactly, in document order, and keeps exactly the fields each statement has", () => {
        const empty = "the document is empty: AWS rejects it as MalformedPolicyDocument; give it a Version and a Statement";
        assert.deepStrictEqual([readDocument("").problems, readDocument(" \n\t").problems], [[empty], [empty]]);
        assert.match(readDocument("{").problems[0], /^the document is not valid JSON \(.+\)$/);
        assert.deepStrictEqual([null, "str", "a".repeat(70), true].map((v) => readDocument(JSON.stringify(v)).problems), [
            ["a policy document must be a JSON object, not null"],
            ['a policy document must be a JSON object, not "str"'],
            [`a policy document must be a JSON object, not "${"a".repeat(57)}..."`],
            ["a policy document must be a JSON object, not boolean true"],
        ]);
        assert.deepStrictEqual(readDocument({ Version: "2012-10-18", Id: "x", Foo: 1, Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } }), {
            statements: [{ index: 0, label: "#0", effect: "Allow", actions: ["s3:GetObject"], resources: ["*"], conditions: {} }],
            problems: ['unknown top-level key "Foo"', 'Version "2012-10-18" is not "2012-10-17"'],
            version: "2012-10-18",
        });
        assert.deepStrictEqual(readDocument({ Version: 1, Statement: "x" }).problems, ['Version 1 is not "2012-10-17"', 'Statement must be an object or a list of objects, not "x"']);
        const read = readDocument({
            Version: "2008-10-17",
            Statement: [
                { Sid: "NoEffect", Action: "s3:GetObject", Resource: "*" },
                { Sid: "Neither", Effect: "Deny", Resource: "*" },
                { Sid: "BothRes", Effect: "Allow", Action: [], Resource: "*", NotResource: "arn:aws:s3:::b" },
                { Sid: "Empty", Effect: "Allow", Action: "", NotResource: ["*", "b"] },
                { Sid: "P1", Effect: "Allow", Action: "sts:AssumeRole", Principal: "x" },
                { Sid: "P2", Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: 5, Service: ["lambda.amazonaws.com"] }, NotPrincipal: "*" },
                { Sid: "P3", Effect: "Allow", NotAction: "iam:*", Principal: { AWS: ["arn:aws:iam::123456789012:root", "*"] } },
                { Sid: "C1", Effect: "Allow", Action: "s3:*", Resource: "*", Condition: "x" },
                { Sid: "C2", Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEquals: 5, Bool: { "aws:SecureTransport": true, k: [1, "a"], n: null } } },
            ],
        });
        assert.deepStrictEqual(read, {
            statements: [
                { index: 1, label: "Neither", effect: "Deny", resources: ["*"], conditions: {} },
                { index: 2, label: "BothRes", effect: "Allow", actions: [], resources: ["*"], notResources: ["arn:aws:s3:::b"], conditions: {} },
                { index: 3, label: "Empty", effect: "Allow", actions: [], notResources: ["*", "b"], conditions: {} },
                { index: 4, label: "P1", effect: "Allow", actions: ["sts:AssumeRole"], conditions: {} },
                { index: 5, label: "P2", effect: "Allow", actions: ["sts:AssumeRole"], principal: { any: false, entries: { AWS: [], Service: ["lambda.amazonaws.com"] } }, notPrincipal: { any: true, entries: {} }, conditions: {} },
                { index: 6, label: "P3", effect: "Allow", notActions: ["iam:*"], principal: { any: true, entries: { AWS: ["arn:aws:iam::123456789012:root", "*"] } }, conditions: {} },
                { index: 7, label: "C1", effect: "Allow", actions: ["s3:*"], resources: ["*"], conditions: {} },
                { index: 8, label: "C2", effect: "Allow", actions: ["s3:*"], resources: ["*"], conditions: { Bool: { "aws:SecureTransport": ["true"], k: ["1", "a"], n: [] } } },
            ],
            problems: [
                "statement NoEffect: Effect is missing; the statement is not checked further",
                "statement Neither: needs exactly one of Action and NotAction",
                "statement BothRes: Action is an empty list",
                "statement BothRes: has both Resource and NotResource",
                'statement Empty: Action entries must be non-empty strings, not ""',
                'statement Empty: resource "b" is neither "*" nor an ARN',
                'statement P1: Principal must be "*" or an object such as {"Service": ...}, not "x"',
                "statement P2 Principal: AWS entries must be non-empty strings, not number 5",
                'statement C1: Condition must be an object, not "x"',
                "statement C2: Condition operator StringEquals must map condition keys to values, not number 5",
                "statement C2: condition Bool n has a value that is not a string, number or boolean: null",
            ],
            version: "2008-10-17",
        });
        const c2 = read.statements[7];
        assert.deepStrictEqual([conditionEntries(c2, "AWS:SECURETRANSPORT"), conditionEntries(c2, "aws:SecureTransportX"), conditionEntries(c2, "K"), conditionEntries(read.statements[0], "k")], [
            [{ operator: "Bool", values: ["true"] }],
            [],
            [{ operator: "Bool", values: ["1", "a"] }],
            [],
        ]);
    });
    it("keeps the 16 latest texts: the oldest is let go at the 17th", () => {
        const text = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });
        const first = readDocument(text("s3:KeptAction"));
        for (let i = 0; i < 15; i++) readDocument(text(`s3:Filler${i}`));
        assert.strictEqual(readDocument(text("s3:KeptAction")), first, "15 newer texts: still remembered");
        readDocument(text("s3:Filler15"));
        assert.notStrictEqual(readDocument(text("s3:KeptAction")), first, "the 16th newer text lets it go");
    });

    it("words the remaining shapes exactly: no Statement, an object where a string belongs, a 60-character string, an unset principal type", () => {
        assert.deepStrictEqual(readDocument({ Version: "2012-10-17" }).problems, ["the document has no Statement"]);
        assert.deepStrictEqual(readDocument({ Version: "2012-10-17", Statement: [{ Sid: "Obj", Effect: "Allow", Action: {}, Resource: "*" }] }).problems, [
            "statement Obj: Action entries must be non-empty strings, not an object",
        ]);
        assert.deepStrictEqual(readDocument(JSON.stringify("b".repeat(60))).problems, [`a policy document must be a JSON object, not "${"b".repeat(60)}"`]);
        const read = readDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: undefined, Service: "ec2.amazonaws.com" } }] });
        assert.deepStrictEqual([read.problems, read.statements[0].principal], [[], { any: false, entries: { AWS: [], Service: ["ec2.amazonaws.com"] } }]);
    });

    it('a statement labelled by its index does not clash with a Sid spelled the same ("#0")', () => {
        const read = readDocument({ Version: "2012-10-17", Statement: [{ Sid: "", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Sid: "#0", Effect: "Allow", Action: "s3:PutObject", Resource: "*" }] });
        assert.deepStrictEqual([read.problems, read.statements.map((st) => st.label)], [[], ["#0", "#0"]]);
    });
});
