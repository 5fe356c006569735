/**
 * Check 1 of issue 8, `policy-grammar`: what IAM's policy grammar rejects or reads differently
 * and the shared reader (`readable-policy-documents`) lets through: a missing or old Version, an
 * identity statement without Resource, a Principal where AWS forbids one (identity policies) or a
 * missing one where AWS requires it (trust and resource policies), a Resource in a trust policy,
 * Sids with characters IAM refuses, and condition operators AWS does not know.
 * Source: IAM User Guide, "IAM JSON policy element reference" and "grammar of the IAM JSON policy language".
 */
import { DocumentCheck } from "./check";
import { operatorSuggestion, parseOperator } from "./condition-operators";
import { Statement } from "./documents";
import { Finding } from "./finding";
import { CarriedDocument } from "./resource-documents";

/** IAM (identity and trust) Sids: ASCII letters and digits only. */
const iamSid = /^[A-Za-z0-9]+$/;

export const policyGrammar: DocumentCheck = {
    name: "policy-grammar",
    findingClass: "aws-rejects",
    description: "Policy documents follow the IAM grammar AWS enforces: Version 2012-10-17, Resource and Principal where the document kind needs them, valid Sids and condition operators.",
    check(document: CarriedDocument): Finding[] {
        if (document.unknown !== undefined) return [];
        const findings: Finding[] = [];
        const add = (problem: string, fix: string, statement?: Statement) =>
            findings.push({ document: document.field, ...(statement ? { statement: statement.label } : {}), actions: [], problem, fix });
        const synthesized = document.field === "permission";
        const version = document.read.version;
        if (!synthesized && version === undefined && document.read.statements.length > 0) {
            add('the document has no Version, so AWS reads it as "2008-10-17" and treats policy variables as literal text', 'add "Version": "2012-10-17"');
        } else if (version === "2008-10-17") {
            add('Version "2008-10-17" is the old policy language (no policy variables)', 'use "Version": "2012-10-17"');
        }
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
