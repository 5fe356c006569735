/**
 * Policy 6 (lint): every action is in the IAM data. A typo or a retired action grants nothing in
 * an Allow and, worse, denies nothing in a Deny, so both effects are checked (this policy judges
 * names, not wildcards). Patterns must match at least one action. The data lags AWS (new actions
 * such as `qapps:ImportDocumentToQApp` reach it late), so this is a hint, never a block.
 */
import { Granted, granted } from "../iam/actions";
import { DocumentCheck } from "../check";
import { closest } from "../iam/closest";
import { Finding } from "../finding";
import { actionsOf, dataVersion, expandAction } from "../iam/iam-data";
import { remember } from "../iam/memo";

/** The closest action name in the service (edit distance at most 3), for "did you mean". */
export function closestAction(service: string, name: string): string | undefined {
    const byName = new Map(actionsOf(service).map((info) => [info.action.slice(info.action.indexOf(":") + 1), info.action]));
    const near = closest(byName.keys(), name);
    return near === undefined ? undefined : byName.get(near);
}

/** Why the data cannot resolve a pattern, with a suggestion; `undefined` when it can. */
export function unknownAction(pattern: string): { problem: string; fix: string } | undefined {
    const expansion = expandAction(pattern);
    if (expansion.kind === "all" || expansion.kind === "service-wildcard") return undefined;
    // Without a service prefix IAM refuses the document: policy-grammar (aws-rejects) reports it.
    if (!pattern.includes(":")) return undefined;
    if (expansion.kind === "unknown-service") {
        return { problem: `the IAM data (${dataVersion()}) does not list service prefix "${expansion.service}" (of ${JSON.stringify(pattern)}): a typo, a retired service, or one newer than the data`, fix: "use the service prefix from the Service Authorization Reference (e.g. sms-voice, not pinpoint-sms-voice-v2)" };
    }
    if (expansion.actions.length > 0) return undefined;
    const colon = pattern.indexOf(":");
    const name = pattern.slice(colon + 1);
    if (/[*?]/.test(name)) return { problem: `the IAM data (${dataVersion()}) lists no action that pattern ${JSON.stringify(pattern)} matches`, fix: "correct the pattern or list the actions" };
    const near = closestAction(expansion.service, name);
    return {
        problem: `the IAM data (${dataVersion()}) does not list ${JSON.stringify(pattern)}: a typo, a retired action, or one newer than the data`,
        fix: near ? `did you mean ${near}?` : "use an action listed in the Service Authorization Reference",
    };
}

/**
 * The patterns of an Action/NotAction list the data cannot resolve, with why, once per list: what
 * the data cannot resolve in Action is in `granted`, and NotAction is not expanded there.
 */
const unknownByList = new WeakMap<Granted, readonly Pick<Finding, "actions" | "problem" | "fix">[]>();

function unknownIn(grants: Granted): Pick<Finding, "actions" | "problem" | "fix">[] {
    return [...grants.unresolved, ...(grants.lists.notActions ?? [])].flatMap((pattern) => {
        const why = unknownAction(pattern);
        return why === undefined ? [] : [{ actions: [{ action: pattern }], ...why }];
    });
}

export const knownActions: DocumentCheck = {
    name: "known-actions",
    findingClass: "lint",
    description: "Every action in Allow and Deny statements exists in the IAM data.",
    check(document): Finding[] {
        const findings: Finding[] = [];
        for (const statement of document.read.statements) {
            for (const parts of remember(unknownByList, granted(statement), unknownIn)) findings.push({ document: document.field, statement: statement.label, ...parts });
        }
        return findings;
    },
};
