/**
 * Check 1 of issue 8, `policy-grammar`: what IAM's policy grammar rejects and the shared reader
 * (`readable-policy-documents`) lets through: an identity statement without Resource, a Principal where AWS forbids one (identity policies) or a
 * missing one where AWS requires it (trust and resource policies), a Resource in a trust policy,
 * Sids with characters IAM refuses, actions without a service prefix, and condition operators
 * AWS does not know.
 * Source: IAM User Guide, "IAM JSON policy element reference" and "grammar of the IAM JSON policy language".
 */
import { DocumentCheck } from "../check";
import { operatorSuggestion, parseOperator } from "../iam/condition-operators";
import { Statement } from "../iam/documents";
import { Finding } from "../finding";
import { CarriedDocument } from "../iam/resource-documents";

/**
 * IAM (identity and trust) Sids: ASCII letters and digits only; IAM's error says "Check that your
 * input satisfies the regular expression [0-9A-Za-z]*", so the empty Sid is valid (awsx's default
 * ECS task role and `aws.lambda.CallbackFunction`'s role carry `"Sid": ""`).
 */
const iamSid = /^[A-Za-z0-9]*$/;

export const policyGrammar: DocumentCheck = {
    name: "policy-grammar",
    findingClass: "aws-rejects",
    description: "Policy documents follow the IAM grammar AWS enforces: Resource and Principal where the document kind needs them, valid Sids and condition operators.",
    check(document: CarriedDocument): Finding[] {
        if (document.unknown !== undefined) return [];
        const findings: Finding[] = [];
        const add = (problem: string, fix: string, statement?: Statement) =>
            findings.push({ document: document.field, ...(statement ? { statement: statement.label } : {}), actions: [], problem, fix });
        for (const statement of document.read.statements) {
            const hasPrincipal = statement.principal !== undefined || statement.notPrincipal !== undefined;
            const hasResource = statement.resources !== undefined || statement.notResources !== undefined;
            if (document.kind === "identity") {
                if (hasPrincipal) add("an identity policy must not name a Principal (AWS rejects it: the principal is whoever holds the policy)", "remove Principal/NotPrincipal, or move the statement into a resource or trust policy", statement);
                if (!hasResource) add("an identity policy statement needs exactly one of Resource and NotResource; this one has neither", 'add "Resource" with the ARNs the actions apply to', statement);
            } else {
                if (!hasPrincipal) add(`a ${document.kind} policy statement needs a Principal (AWS rejects it without one)`, 'add "Principal" naming who the statement is about', statement);
                if (document.kind === "trust" && hasResource) add("a trust policy must not name a Resource (the resource is the role itself; AWS rejects it)", "remove Resource/NotResource", statement);
            }
            if (document.kind !== "resource" && !statement.label.startsWith("#") && !iamSid.test(statement.label)) {
                add(`Sid ${JSON.stringify(statement.label)} has characters IAM does not accept (only A-Z, a-z and 0-9)`, `rename it, e.g. ${JSON.stringify(statement.label.replace(/[^A-Za-z0-9]/g, "") || "Statement1")}`, statement);
            }
            // "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.": IAM's own words.
            for (const list of [statement.actions, statement.notActions]) {
                for (const action of list ?? []) {
                    if (action !== "*" && !action.includes(":")) add(`action ${JSON.stringify(action)} has no service prefix (IAM rejects it: actions must be written service:Action)`, `write it as <service>:${action}, e.g. s3:${action}`, statement);
                }
            }
            // The same message names conditions, but IAM accepted "PassedToService" (AWS's own
            // AmazonEC2SpotFleetTaggingRole v1), so an unprefixed key is supported-condition-keys' (lint).
            for (const operator of Object.keys(statement.conditions)) {
                if (parseOperator(operator) !== undefined) continue;
                const near = operatorSuggestion(operator);
                add(`condition operator ${JSON.stringify(operator)} is not an IAM condition operator (AWS rejects the policy)`,
                    near ? `did you mean ${near}? (operators are case-sensitive)` : "use an operator such as StringEquals, ArnLike, Bool, IpAddress, with an optional IfExists suffix or ForAnyValue:/ForAllValues: prefix", statement);
            }
        }
        return findings;
    },
};

/**
 * `policy-version` (lint): a missing Version, or the old "2008-10-17". IAM accepts both (it reads
 * a missing Version as "2008-10-17"), but that language treats policy variables such as
 * `${aws:username}` as literal text, so it is probably a mistake.
 */
export const policyVersion: DocumentCheck = {
    name: "policy-version",
    findingClass: "lint",
    description: 'Policy documents say "Version": "2012-10-17" (without it, AWS reads policy variables as literal text).',
    check(document: CarriedDocument): Finding[] {
        if (document.unknown !== undefined || document.field === "permission") return [];
        const version = document.read.version;
        // Most documents say "2012-10-17": they are done before anything is built.
        if (version === "2012-10-17" || (version === undefined && document.read.statements.length === 0) || (version !== undefined && version !== "2008-10-17")) return [];
        const base = { document: document.field, actions: [], fix: 'add "Version": "2012-10-17"' };
        const variables = usesVariables(document) ? ", so the policy variables it uses match only their literal text" : "";
        if (version === undefined) {
            return [{ ...base, problem: `the document has no Version, so AWS reads it as "2008-10-17" and treats policy variables as literal text${variables}` }];
        }
        return [{ ...base, problem: `Version "2008-10-17" is the old policy language (no policy variables)${variables}`, fix: 'use "Version": "2012-10-17"' }];
    },
};

function usesVariables(document: CarriedDocument): boolean {
    return document.read.statements.some((s) => [...(s.resources ?? []), ...(s.notResources ?? [])].some((r) => r.includes("${")));
}
