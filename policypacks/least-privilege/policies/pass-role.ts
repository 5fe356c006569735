/**
 * Policy 4: `iam:PassRole` only on named roles and only with an `iam:PassedToService` condition
 * that names a service (judged by `narrowing.ts`: not `*`, not `*.amazonaws.com`, not negated or
 * `IfExists`), so a holder cannot hand an arbitrary role to an arbitrary service. Statements grant PassRole through the
 * exact action, a pattern such as `iam:Pass*` or `*`, or a NotAction that does not exclude it.
 */
import { grantsAction } from "../iam/actions";
import { DocumentCheck } from "../check";
import { Finding } from "../finding";
import { hasWildcard } from "../iam/glob";
import { narrowingReport } from "../iam/narrowing";
import { classifyElement, isUnnamed } from "../iam/resource-elements";

const passRole = "iam:PassRole";

/** Could this element be a role? `*`, wildcarded ids and IAM ARNs can; other services' ARNs cannot. */
function mayBeRole(element: string): boolean {
    const verdict = classifyElement(element);
    if (verdict.class === "any") return true;
    if (verdict.arn === undefined) return false;
    return hasWildcard(verdict.arn.service) || verdict.arn.service === "iam";
}

export const passRoleScoped: DocumentCheck = {
    name: "pass-role-scoped",
    findingClass: "security",
    description: "iam:PassRole only on named roles and only with an iam:PassedToService condition.",
    check(document): Finding[] {
        const findings: Finding[] = [];
        for (const statement of document.read.statements) {
            if (statement.effect !== "Allow" || !grantsAction(statement, passRole)) continue;
            const elements = (statement.resources ?? []).filter(mayBeRole);
            if (statement.resources !== undefined && elements.length === 0) continue;
            for (const element of elements) {
                if (!isUnnamed(classifyElement(element))) continue;
                findings.push({
                    document: document.field,
                    statement: statement.label,
                    element,
                    actions: [{ action: passRole }],
                    problem: `iam:PassRole on ${JSON.stringify(element)} lets the holder pass any role, including more privileged ones`,
                    fix: "name the role: arn:aws:iam::<account>:role/<RoleName>",
                });
            }
            const passedTo = narrowingReport(statement, ["iam:PassedToService"]);
            if (passedTo.narrowing.length === 0) {
                findings.push({
                    document: document.field,
                    statement: statement.label,
                    actions: [{ action: passRole }],
                    problem: `iam:PassRole without an iam:PassedToService condition that names a service lets the role go to any service${passedTo.reasons.length > 0 ? ` (${passedTo.reasons.join("; ")})` : ""}`,
                    fix: "add \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"<service>.amazonaws.com\"}}",
                });
            }
        }
        return findings;
    },
};
