import * as assert from "assert";
import * as fs from "fs";
import * as fc from "fast-check";
import { granted, grantsAction } from "../../policypacks/least-privilege/iam/actions";
import { Statement, readDocument } from "../../policypacks/least-privilege/iam/documents";
import { globMatch } from "../../policypacks/least-privilege/iam/glob";
import { tableFile } from "../../policypacks/least-privilege/iam/managed-policies";

const statementOf = (raw: Record<string, unknown>): Statement => readDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Resource: "*", ...raw }] }).statements[0];

describe("least-privilege pack: actions.ts expands each action list once", () => {
    it("gives statements with the same Action list the same expansion, and different lists different ones", () => {
        const a = granted(statementOf({ Action: ["s3:GetObject", "s3:PutObject"] }));
        assert.strictEqual(granted(statementOf({ Action: ["s3:GetObject", "s3:PutObject"] })), a, "same list, same object");
        assert.deepStrictEqual(a.actions.map((i) => i.action), ["s3:GetObject", "s3:PutObject"]);
        const reordered = granted(statementOf({ Action: ["s3:PutObject", "s3:GetObject"] }));
        assert.deepStrictEqual(reordered.actions.map((i) => i.action), ["s3:PutObject", "s3:GetObject"]);
        // Lists are never confused by how their entries could be glued together.
        assert.deepStrictEqual(granted(statementOf({ Action: "s3:GetObject,s3:PutObject" })).unresolved, ["s3:GetObject,s3:PutObject"]);
        assert.deepStrictEqual(granted(statementOf({ Action: "s3:GetObject\u0000s3:PutObject" })).unresolved, ["s3:GetObject\u0000s3:PutObject"]);
    });

    it("keeps Action and NotAction lists apart", () => {
        const notAction = granted(statementOf({ NotAction: ["s3:GetObject"] }));
        assert.deepStrictEqual(notAction.unbounded.map((u) => u.pattern), ["NotAction [s3:GetObject]"]);
        assert.deepStrictEqual(notAction.actions, []);
        assert.deepStrictEqual(granted(statementOf({ Action: ["s3:GetObject"] })).unbounded, []);
    });

    it("grantsAction agrees with matching every pattern, whatever the patterns' first characters", () => {
        // The first-character shortcut must never hide a grant: compare with the plain rule.
        const pattern = fc.stringMatching(/^[iIsS*?İ][amAM*?]{0,2}(:[pPaA*?][a-zA-Z*?]{0,8})?$/);
        fc.assert(fc.property(fc.array(pattern, { minLength: 1, maxLength: 4 }), fc.boolean(), (patterns, negated) => {
            const statement = statementOf(negated ? { NotAction: patterns } : { Action: patterns });
            const plain = patterns.some((p) => globMatch(p, "iam:PassRole", true));
            assert.strictEqual(grantsAction(statement, "iam:PassRole"), negated ? !plain : plain, JSON.stringify({ patterns, negated }));
        }), { seed: 8, numRuns: 2000 });
        for (const yes of ["IAM:PassRole", "iam:pass*", "*", "?am:PassRole", "*:PassRole"]) assert.strictEqual(grantsAction(statementOf({ Action: yes }), "iam:PassRole"), true, yes);
        for (const no of ["s3:*", "ec2:PassRole", "iam:GetRole"]) assert.strictEqual(grantsAction(statementOf({ Action: no }), "iam:PassRole"), false, no);
    });

    it("grantsAction agrees with matching every pattern on AWS's own managed policies' action lists", () => {
        // Real lists (thousands of patterns, every service, `*:Get*`) against the plain rule, for actions the policies ask about.
        const asked = ["iam:PassRole", "iam:CreatePolicyVersion", "iam:AttachRolePolicy", "sts:AssumeRole", "s3:GetObject", "kms:Decrypt", "ec2:RunInstances", "lambda:UpdateFunctionCode", "organizations:LeaveOrganization", "cloudtrail:StopLogging"];
        const table = JSON.parse(fs.readFileSync(tableFile, "utf8")) as { policies: Record<string, [unknown, unknown, unknown]> };
        let compared = 0;
        let granting = 0;
        for (const [, , document] of Object.values(table.policies)) {
            for (const statement of readDocument(document).statements) {
                if (statement.actions === undefined) continue;
                for (const action of asked) {
                    const plain = statement.actions.some((p) => globMatch(p, action, true));
                    assert.strictEqual(grantsAction(statement, action), plain, `${action} in [${statement.actions.slice(0, 5).join(", ")}...]`);
                    compared++;
                    if (plain) granting++;
                }
            }
        }
        assert.ok(compared > 50000 && granting > 1000, `${granting} of ${compared}`);
    });
});
