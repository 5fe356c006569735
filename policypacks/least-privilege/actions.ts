/** What a statement's Action or NotAction grants, expanded through the IAM data once per pattern. */
import { ActionInfo, expandAction } from "./iam-data";
import { Statement } from "./documents";
import { globMatch } from "./glob";
import { remember } from "./memo";

export interface Granted {
    /** Patterns that grant an open-ended set: `*`, `*:Get*`, or a NotAction list. */
    readonly unbounded: readonly { readonly pattern: string; readonly note: string }[];
    /** Every known action the patterns expand to, once each. */
    readonly actions: readonly ActionInfo[];
    /** Patterns the data cannot resolve (unknown service, no matching action). */
    readonly unresolved: readonly string[];
}

/** A document's statements are shared by every policy that reads it (documents.ts caches by text). */
const grantedCache = new WeakMap<Statement, Granted>();

/** What the statement grants; computed once per statement, whichever policy asks first. */
export function granted(statement: Statement): Granted {
    return remember(grantedCache, statement, expandStatement);
}

function expandStatement(statement: Statement): Granted {
    const unbounded: { pattern: string; note: string }[] = [];
    const unresolved: string[] = [];
    const actions = new Map<string, ActionInfo>();
    if (statement.notActions !== undefined) {
        unbounded.push({ pattern: `NotAction [${statement.notActions.join(", ")}]`, note: "every action except these" });
    }
    for (const pattern of statement.actions ?? []) {
        const expansion = expandAction(pattern);
        switch (expansion.kind) {
            case "all":
                unbounded.push({ pattern, note: "every action of every service" });
                break;
            case "service-wildcard":
                unbounded.push({ pattern, note: "actions of any service" });
                break;
            case "unknown-service":
                unresolved.push(pattern);
                break;
            case "actions":
                if (expansion.actions.length === 0) unresolved.push(pattern);
                for (const info of expansion.actions) actions.set(info.action, info);
                break;
        }
    }
    return { unbounded, actions: [...actions.values()], unresolved };
}

/** Does the statement grant this exact action, through a pattern or a NotAction that spares it? */
export function grantsAction(statement: Statement, action: string): boolean {
    if (statement.notActions !== undefined) return !statement.notActions.some((p) => globMatch(p, action, true));
    return (statement.actions ?? []).some((p) => globMatch(p, action, true));
}
