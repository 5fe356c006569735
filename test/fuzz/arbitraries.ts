/**
 * Generators for the pack's fuzz specs: valid policy documents built from real actions and
 * resource shapes, the mutations that make a document invalid (each one a rule of AWS's policy
 * grammar), and arbitrary hostile values (wrong types, deep nesting, unicode, huge lists, the
 * engine's unknown sentinel).
 */
import fc from "fast-check";
import { unknownString } from "../policypacks/support";

/** Fixed so that a failure reproduces; FUZZ_SEED explores other runs. */
export const fuzzSeed = Number(process.env.FUZZ_SEED ?? 20261123);

const actions = [
    "s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject", "s3:Get*", "s3:*", "*",
    "textract:AnalyzeDocument", "textract:Get*", "bedrock:InvokeModel", "bedrock:*", "dynamodb:GetItem",
    "dynamodb:Query", "logs:PutLogEvents", "sms-voice:SendTextMessage", "iam:PassRole", "iam:*",
    "ec2:DescribeInstances", "xray:PutTraceSegments", "nosuchservice:DoThing", "s3:NoSuchAction",
];

const exactResources = [
    "arn:aws:s3:::meddocparser-ocr-temp-prod", "arn:aws:s3:::meddocparser-ocr-temp-prod/*",
    "arn:aws:dynamodb:us-east-1:123456789012:table/engagement-users",
    "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
    "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/engagement-fn:*",
    "arn:aws:iam::123456789012:role/engagement-app",
    "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-number-0123456789abcdef0123456789abcdef",
];

/** Resource elements with no wildcard at all: what "widening" starts from. */
export const exactResource = fc.constantFrom(...exactResources);

const wildResources = ["*", "arn:aws:s3:::*", "arn:aws:dynamodb:*:*:table/*", "arn:aws:bedrock:*::foundation-model/*", "arn:aws:logs:*:*:*", "arn:aws:iam::*:role/*"];

const oneOrMany = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 4 }));

const condition = fc.option(
    fc.constantFrom(
        { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
        { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
        { Bool: { "aws:SecureTransport": "false" } },
    ),
    { nil: undefined },
);

export interface RawStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, unknown>;
}

export const statement = (effect: fc.Arbitrary<"Allow" | "Deny"> = fc.constantFrom("Allow", "Deny")): fc.Arbitrary<RawStatement> =>
    fc.record({
        Effect: effect,
        Action: oneOrMany(fc.constantFrom(...actions)),
        Resource: oneOrMany(fc.oneof(exactResource, fc.constantFrom(...wildResources))),
        Condition: condition,
    }).map(({ Condition, ...rest }) => (Condition === undefined ? rest : { ...rest, Condition }));

export interface RawDocument {
    Version: string;
    Statement: RawStatement[];
}

/** A valid identity document: 1–6 statements, unique Sids on some of them. */
export const validDocument: fc.Arbitrary<RawDocument> = fc
    .array(fc.tuple(statement(), fc.boolean()), { minLength: 1, maxLength: 6 })
    .map((list) => ({ Version: "2012-10-17", Statement: list.map(([s, named], i) => (named ? { Sid: `S${i}`, ...s } : s)) }));

/** Any JSON-ish value, deep and wide, with unicode strings and the unknown sentinel among them. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
    fc.anything({ maxDepth: 8, stringUnit: "grapheme", withNullPrototype: true, withObjectString: true }),
    fc.constant(unknownString),
    fc.string({ unit: "grapheme", maxLength: 200 }),
);

/** Replaces one field of a statement or the document with a hostile value. */
const brokenDocument: fc.Arbitrary<unknown> = fc
    .tuple(validDocument, fc.constantFrom("Version", "Statement", "Effect", "Action", "Resource", "Condition", "Sid", "Principal", "NotAction", "statement"), hostile, fc.nat())
    .map(([doc, field, value, at]) => {
        const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown> & RawDocument;
        const i = at % copy.Statement.length;
        if (field === "Version" || field === "Statement") copy[field] = value as never;
        else if (field === "statement") (copy.Statement as unknown[])[i] = value;
        else (copy.Statement[i] as unknown as Record<string, unknown>)[field] = value;
        return copy;
    });

/** A huge managed policy: a hundred statements or more, one with hundreds of actions, as text or object. */
export const hugeDocument: fc.Arbitrary<unknown> = fc
    .tuple(fc.array(statement(), { minLength: 100, maxLength: 200 }), fc.array(fc.constantFrom(...actions), { minLength: 200, maxLength: 500 }), fc.boolean())
    .map(([statements, many, asText]) => {
        const doc = { Version: "2012-10-17", Statement: [...statements, { Effect: "Allow", Action: many, Resource: "*" }] };
        return asText ? JSON.stringify(doc) : doc;
    });

/** What a `policy` field may hold at preview: text, objects, garbage, truncated JSON, unknowns. */
export const documentValue: fc.Arbitrary<unknown> = fc.oneof(
    { arbitrary: validDocument.map((d) => JSON.stringify(d)), weight: 3 },
    { arbitrary: validDocument, weight: 1 },
    { arbitrary: brokenDocument, weight: 4 },
    { arbitrary: brokenDocument.map((d) => JSON.stringify(d) ?? "null"), weight: 2 },
    { arbitrary: fc.tuple(validDocument, fc.nat()).map(([d, n]) => { const t = JSON.stringify(d); return t.slice(0, n % t.length); }), weight: 1 },
    { arbitrary: hostile, weight: 2 },
);

/** A resource of a type that carries documents, with hostile or valid documents where they sit. */
export const documentResource: fc.Arbitrary<{ type: string; props: Record<string, unknown> }> = fc.oneof(
    fc.record({ type: fc.constantFrom("aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:s3/bucketPolicy:BucketPolicy", "aws:sns/topicPolicy:TopicPolicy"), props: fc.record({ policy: documentValue }) }),
    fc.record({
        type: fc.constant("aws:iam/role:Role"),
        props: fc.record({ assumeRolePolicy: documentValue, inlinePolicies: fc.oneof(hostile, fc.array(fc.record({ name: fc.string(), policy: documentValue }), { maxLength: 3 })) }, { requiredKeys: [] }),
    }),
    fc.record({
        type: fc.constant("aws:lambda/permission:Permission"),
        props: fc.record({ action: fc.oneof(fc.constant("lambda:InvokeFunction"), hostile), principal: fc.oneof(fc.constantFrom("*", "s3.amazonaws.com", "123456789012"), hostile), sourceArn: hostile, sourceAccount: hostile }, { requiredKeys: [] }),
    }),
    fc.record({ type: fc.constant("aws:s3/bucket:Bucket"), props: fc.dictionary(fc.string(), hostile, { maxKeys: 5 }) }),
);

/**
 * One rule of AWS's policy grammar broken in an otherwise valid document; the result is what the
 * pack receives (a JSON text or an object). Each mutation alone makes AWS reject the document.
 */
export const invalidDocument: fc.Arbitrary<{ rule: string; value: unknown }> = fc
    .tuple(validDocument, fc.nat(), fc.integer({ min: 0, max: 11 }), fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }))
    .map(([doc, at, rule, text]) => {
        const i = at % doc.Statement.length;
        const statements = doc.Statement.map((s) => ({ ...s })) as Record<string, unknown>[];
        const with_ = (changes: Record<string, unknown>) => ({ ...doc, ...changes });
        const patched = (patch: (s: Record<string, unknown>) => void) => {
            patch(statements[i]);
            return with_({ Statement: statements });
        };
        switch (rule) {
            // At least one character: the pack reads "" as "no document", as the provider does for inline policies.
            case 0: { const t = JSON.stringify(doc); return { rule: "truncated JSON", value: t.slice(0, 1 + (at % (t.length - 1))) }; }
            case 1: return { rule: "Effect neither Allow nor Deny", value: patched((s) => { s.Effect = text === "Allow" || text === "Deny" ? `${text}!` : text; }) };
            case 2: return { rule: "no Action nor NotAction", value: patched((s) => { delete s.Action; }) };
            case 3: return { rule: "Statement not an object or list", value: with_({ Statement: [42, "x", true, null][at % 4] }) };
            case 4: return { rule: "unsupported Version", value: with_({ Version: `v${text}` }) };
            case 5: return { rule: "unknown top-level key", value: with_({ [`X${text}`]: 1 }) };
            case 6: return { rule: "Action entry not a non-empty string", value: patched((s) => { s.Action = [[7, "", { a: 1 }, null][at % 4]]; }) };
            case 7: return { rule: "Resource neither * nor an ARN", value: patched((s) => { s.Resource = `x${text}`; }) };
            case 8: return { rule: "empty Action list", value: patched((s) => { s.Action = []; }) };
            case 9: return { rule: "document not a JSON object", value: [[doc], 3, text, null][at % 4] };
            case 10: return { rule: "duplicate Sid", value: with_({ Statement: [...statements.map((s) => ({ ...s, Sid: "Same" }))].concat({ ...statements[i], Sid: "Same" }) }) };
            default: return { rule: "unknown statement key", value: patched((s) => { s[`X${text}`] = 1; }) };
        }
    });
