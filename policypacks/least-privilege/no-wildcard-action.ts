/** Policy 2: no `*`, `service:*` or wildcarded-service action in Allow statements. */
import { Granted, granted } from "./actions";
import { DocumentCheck } from "./check";
import { Finding } from "./finding";
import { actionCount, isKnownService } from "./iam-data";
import { hasWildcard } from "./glob";
import { remember } from "./memo";

/** Why a pattern is too broad, or `undefined` when it names a bounded set within one service. */
export function tooBroad(pattern: string): string | undefined {
    // Most patterns name one action: no wildcard, nothing to judge.
    if (!pattern.includes("*") && !pattern.includes("?")) return undefined;
    if (pattern === "*") return "grants every action of every service";
    const colon = pattern.indexOf(":");
    if (colon < 0) return undefined;
    const service = pattern.slice(0, colon);
    if (hasWildcard(service)) return "grants actions of any service";
    if (/^\*+$/.test(pattern.slice(colon + 1))) {
        const count = isKnownService(service) ? actionCount(service) : 0;
        return `grants every ${service} action${count > 0 ? ` (${count} in the IAM data, including future ones)` : ""}`;
    }
    return undefined;
}

/** What is too broad in an action list, as findings say it, once per list (what `granted` answers once per list too). */
const broadByList = new WeakMap<Granted, readonly Pick<Finding, "actions" | "problem">[]>();

function broadIn({ lists }: Granted): Pick<Finding, "actions" | "problem">[] {
    return (lists.actions ?? []).flatMap((pattern) => {
        const why = tooBroad(pattern);
        return why === undefined ? [] : [{ actions: [{ action: pattern }], problem: `action ${JSON.stringify(pattern)} ${why}` }];
    });
}

const fix = "list the actions the workload calls (for example s3:GetObject, s3:PutObject)";

export const noWildcardAction: DocumentCheck = {
    name: "no-wildcard-action",
    findingClass: "security",
    description: "Allow statements list actions: no \"*\" and no \"service:*\".",
    check(document): Finding[] {
        const findings: Finding[] = [];
        for (const statement of document.read.statements) {
            if (statement.effect !== "Allow") continue;
            for (const parts of remember(broadByList, granted(statement), broadIn)) findings.push({ document: document.field, statement: statement.label, ...parts, fix });
        }
        return findings;
    },
};
