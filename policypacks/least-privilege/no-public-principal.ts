/**
 * Policy 5: no public principal. A trust or resource policy that lets `"*"` (or `{"AWS": "*"}`,
 * or everyone but a NotPrincipal) in must narrow who with a condition on the caller's identity,
 * organization, source or network. Unlike Checkov, not any condition counts:
 * `aws:SecureTransport`, `IfExists`, negated and `ForAllValues` operators, and wildcard or
 * all-addresses values do not narrow who gets in.
 */
import { DocumentCheck } from "./check";
import { Statement } from "./documents";
import { Finding } from "./finding";

/** Condition keys that bind the caller to an account, organization, resource or network. */
export const narrowingKeys: ReadonlySet<string> = new Set([
    "aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths",
    "aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths", "aws:principalservicename",
    "aws:userid", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceip", "aws:vpcsourceip",
]);

const openValues = new Set(["0.0.0.0/0", "::/0"]);

/** The narrowing conditions of a statement, as `operator key` strings; empty when none narrows. */
export function narrowingConditions(statement: Statement): string[] {
    const found: string[] = [];
    for (const [operator, block] of Object.entries(statement.conditions)) {
        if (/Not|IfExists$|^ForAllValues:|^Null$|^Bool$/i.test(operator)) continue;
        for (const [key, values] of Object.entries(block)) {
            if (!narrowingKeys.has(key.toLowerCase())) continue;
            if (values.length === 0 || values.some((v) => /^[*?]*$/.test(v) || openValues.has(v))) continue;
            found.push(`${operator} ${key}`);
        }
    }
    return found;
}

export const noPublicPrincipal: DocumentCheck = {
    name: "no-public-principal",
    findingClass: "security",
    description: "Trust and resource policies never let \"*\" in without a condition that narrows who.",
    check(document): Finding[] {
        const findings: Finding[] = [];
        for (const statement of document.read.statements) {
            if (statement.effect !== "Allow") continue;
            const open = statement.principal?.any === true ? "lets any principal (\"*\") in" : statement.notPrincipal !== undefined ? "lets every principal but the NotPrincipal in" : undefined;
            if (open === undefined || narrowingConditions(statement).length > 0) continue;
            const other = Object.values(statement.conditions).flatMap((block) => Object.keys(block));
            findings.push({
                document: document.field,
                statement: statement.label,
                actions: (statement.actions ?? statement.notActions ?? []).map((action) => ({ action })),
                problem: `${open} without a narrowing condition${other.length > 0 ? ` (${other.join(", ")} does not narrow who)` : ""}`,
                fix: "name the principal, or add a condition on aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID or aws:SourceVpce",
            });
        }
        return findings;
    },
};
