/** Policy 3: no Allow with NotAction or NotResource: both grant everything they do not name. */
import { DocumentCheck } from "../check";
import { Finding } from "../finding";

export const noNotAction: DocumentCheck = {
    name: "no-not-action",
    findingClass: "security",
    description: "Allow statements use Action and Resource, never NotAction or NotResource.",
    check(document): Finding[] {
        const findings: Finding[] = [];
        for (const statement of document.read.statements) {
            if (statement.effect !== "Allow") continue;
            if (statement.notActions !== undefined) {
                findings.push({
                    document: document.field,
                    statement: statement.label,
                    actions: statement.notActions.map((action) => ({ action })),
                    problem: "Allow with NotAction grants every action except the listed ones, including actions AWS adds later",
                    fix: "replace NotAction with an Action list of what the workload calls (NotAction belongs in Deny statements)",
                });
            }
            for (const element of statement.notResources ?? []) {
                findings.push({
                    document: document.field,
                    statement: statement.label,
                    element,
                    actions: (statement.actions ?? []).map((action) => ({ action })),
                    problem: "Allow with NotResource grants the actions on every resource except the listed one",
                    fix: "replace NotResource with a Resource list naming what the workload uses",
                });
            }
        }
        return findings;
    },
};
