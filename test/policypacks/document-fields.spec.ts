import * as assert from "assert";
import { UnknownValueError } from "@pulumi/policy";
import { anyCaseKey, exactKey, readFields, ReadOptions } from "../../policypacks/least-privilege/iam/document-fields";
import { CarriedDocument } from "../../policypacks/least-privilege/iam/carried";
import { DocumentField, stepsOf } from "../../policypacks/least-privilege/iam/policy-document-table";
import { doc } from "./support";

/** A table field as the table compiles it. */
const field = (path: string, emptyIsNone = true): DocumentField => ({ path, kind: "identity", emptyIsNone, steps: stepsOf(path) });
const unknownObject = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";
const policy = doc({ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" });
const pulumi: ReadOptions = { lookup: exactKey, label: (path) => path };

/** What a read document is, in short: where, and how it read (its statements, or why it could not be read). */
const summary = (documents: readonly CarriedDocument[]) => documents.map((d) => ({
    field: d.field,
    ...(d.unknown !== undefined ? { unknown: d.unknown } : {}),
    ...(d.unreadable !== undefined ? { unreadable: d.unreadable } : {}),
    statements: d.read.statements.map((s) => s.label),
    problems: d.read.problems.length,
}));

describe("least-privilege pack: the document fields of a resource's inputs", () => {
    it("reads each item of a list, names it by index, and holds no document for null items, items without the key or a null document", () => {
        const props = { inlinePolicies: [{ policy }, null, unknownObject, { name: "no-policy" }, { policy: null }] };
        assert.deepStrictEqual(summary(readFields(props, [field("inlinePolicies[].policy")], pulumi)), [
            { field: "inlinePolicies[0].policy", statements: ["Read"], problems: 0 },
            { field: "inlinePolicies[2]", unknown: "inlinePolicies[2] is not known at preview", statements: [], problems: 0 },
        ]);
    });

    it("holds no document where the path says list and the input is not one", () => {
        assert.deepStrictEqual(summary(readFields({ documents: JSON.stringify(policy) }, [field("documents[]")], pulumi)), []);
        assert.deepStrictEqual(summary(readFields({ documents: [JSON.stringify(policy)] }, [field("documents[]")], pulumi)), [
            { field: "documents[0]", statements: ["Read"], problems: 0 },
        ]);
    });

    it("reads each value of a map, named by its key, and nothing where the input is a list instead", () => {
        const fields = [field("statements{}.policy")];
        assert.deepStrictEqual(summary(readFields({ statements: { reader: { policy }, writer: { policy } } }, fields, pulumi)), [
            { field: "statements.reader.policy", statements: ["Read"], problems: 0 },
            { field: "statements.writer.policy", statements: ["Read"], problems: 0 },
        ]);
        assert.deepStrictEqual(summary(readFields({ statements: [{ policy }] }, fields, pulumi)), []);
    });

    it("makes a list whose length the preview does not know one unknown document, and lets other errors through", () => {
        const list = (error: Error) => new Proxy([], { get: (target, key) => { if (key === "length") throw error; return Reflect.get(target, key); } });
        const unknownList = { inlinePolicies: list(new UnknownValueError(unknownObject, ["inlinePolicies", "length"])) };
        assert.deepStrictEqual(summary(readFields(unknownList, [field("inlinePolicies[].policy")], pulumi)), [
            { field: "inlinePolicies", unknown: "inlinePolicies is not known at preview", statements: [], problems: 0 },
        ]);
        // A fault that is not an unknown value is not hidden as one.
        assert.throws(() => readFields({ inlinePolicies: list(new RangeError("a fault")) }, [field("inlinePolicies[].policy")], pulumi), RangeError);
    });

    it("holds no document for a CloudFormation property given as undefined or null", () => {
        const cfn: ReadOptions = { lookup: anyCaseKey, label: (path) => path };
        assert.deepStrictEqual(summary(readFields({ PolicyDocument: undefined }, [field("policyDocument")], cfn)), []);
        assert.deepStrictEqual(summary(readFields({ PolicyDocument: null }, [field("policyDocument")], cfn)), []);
        assert.deepStrictEqual(summary(readFields({ PolicyDocument: policy }, [field("policyDocument")], cfn)), [{ field: "PolicyDocument", statements: ["Read"], problems: 0 }]);
    });

    it("turns each list item before walking it: a turned value is read, a reason is an unreadable document, an unknown item stays unknown", () => {
        const turn: ReadOptions = {
            lookup: anyCaseKey,
            label: (path) => `template › ${path}`,
            transform: (value) => {
                if (typeof value !== "object" || value === null) return { value };
                if ("Hide" in value) return "Hide hides what is granted";
                return "Wrap" in value ? { value: (value as { Wrap: unknown }).Wrap } : { value };
            },
        };
        const props = { Policies: [{ Wrap: { PolicyDocument: policy } }, { Hide: "x" }, unknownObject] };
        assert.deepStrictEqual(summary(readFields(props, [field("policies[].policyDocument")], turn)), [
            { field: "template › Policies[0].PolicyDocument", statements: ["Read"], problems: 0 },
            { field: "template › Policies[1]", unreadable: "Hide hides what is granted", statements: [], problems: 0 },
            { field: "template › Policies[2]", unknown: "template › Policies[2] is not known at preview", statements: [], problems: 0 },
        ]);
    });
});
