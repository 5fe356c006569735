/** What a statement's Action or NotAction grants, expanded through the IAM data once per pattern. */
import { ActionInfo, Expansion, expandAction, lookupAction } from "./iam-data";
import { Statement } from "./documents";
import { globMatch } from "./glob";
import { remember } from "./memo";

export interface Granted {
    /** The lists as written, shared by every statement with them. */
    readonly lists: Pick<Statement, "actions" | "notActions">;
    /** Patterns that grant an open-ended set: `*`, `*:Get*`, or a NotAction list. */
    readonly unbounded: readonly { readonly pattern: string; readonly note: string }[];
    /** Every known action the patterns expand to, once each. */
    readonly actions: readonly ActionInfo[];
    /** What each pattern of the Action list expands to, in its order (empty for NotAction). */
    readonly expansions: readonly Expansion[];
    /** Patterns the data cannot resolve (unknown service, no matching action). */
    readonly unresolved: readonly string[];
}

/**
 * Action lists repeat across statements and documents (every Lambda role has the same logs
 * actions), and what a list grants depends on nothing else, so each list is expanded once. The
 * lists are kept by their first pattern, so a statement costs one lookup; the few lists that
 * share it are told apart by comparing the patterns (no key text is built, no two lists
 * collide). Bounded: a long-lived analyzer sees every list of every stack it judges, so a full
 * cache starts over.
 */
const byFirstPattern = new Map<string, Granted[]>();
const listLimit = 5000;
let listCount = 0;

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
    if (a === b) return true;
    if (a === undefined || b === undefined || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}

/** A statement remembers what it grants: every policy of the pack asks, for the same statement objects. */
type Remembering = Statement & { granted?: Granted };

/**
 * What the statement grants, computed once per Action/NotAction list. The same object comes
 * back for every statement with the same lists, so callers may cache what they derive from it.
 */
export function granted(statement: Statement): Granted {
    return ((statement as Remembering).granted ??= grantedByList(statement));
}

function grantedByList(statement: Statement): Granted {
    const first = statement.actions?.[0] ?? statement.notActions?.[0] ?? "";
    let lists = byFirstPattern.get(first);
    for (const known of lists ?? []) {
        if (sameList(known.lists.actions, statement.actions) && sameList(known.lists.notActions, statement.notActions)) return known;
    }
    if (listCount >= listLimit) {
        byFirstPattern.clear();
        listCount = 0;
        lists = undefined;
    }
    const grants = expandStatement(statement);
    if (lists === undefined) byFirstPattern.set(first, (lists = []));
    lists.push(grants);
    listCount++;
    return grants;
}

function expandStatement(statement: Pick<Statement, "actions" | "notActions">): Granted {
    const unbounded: { pattern: string; note: string }[] = [];
    const unresolved: string[] = [];
    const actions = new Map<string, ActionInfo>();
    if (statement.notActions !== undefined) {
        unbounded.push({ pattern: `NotAction [${statement.notActions.join(", ")}]`, note: "every action except these" });
    }
    const expansions = (statement.actions ?? []).map(expandAction);
    (statement.actions ?? []).forEach((pattern, i) => {
        const expansion = expansions[i];
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
    });
    return { lists: { actions: statement.actions, notActions: statement.notActions }, unbounded, actions: [...actions.values()], unresolved, expansions };
}

const grantsByList = new WeakMap<Granted, Map<string, boolean>>();

/**
 * Can the pattern match the action at all, judged by its first character (a wildcard, or the
 * same ASCII letter in either case)? Most statements are ruled out here without a lookup.
 */
function mayMatch(pattern: string, action: string): boolean {
    const c = pattern.charCodeAt(0);
    return c === 42 /* * */ || c === 63 /* ? */ || c > 127 || (c | 32) === (action.charCodeAt(0) | 32);
}

/** A plain loop: this runs for every statement, and `some` with a closure cost more than the test. */
function someMayMatch(patterns: readonly string[] | undefined, action: string): boolean {
    for (const pattern of patterns ?? []) if (mayMatch(pattern, action)) return true;
    return false;
}

/**
 * Does an Action list grant this known action? Exactly when the expansion of one of its patterns
 * of the action's service holds it, or a pattern reaching any service (`*`, `*:Get*`) matches
 * it: the patterns' expansions are the list's (`granted`), so nothing is built per list.
 */
function listGrants(grants: Granted, info: ActionInfo, action: string): boolean {
    const patterns = grants.lists.actions ?? [];
    for (let i = 0; i < patterns.length; i++) {
        const expansion = grants.expansions[i];
        if (expansion.kind === "actions") {
            if (expansion.service === info.service && expansion.actions.includes(info)) return true;
        } else if (expansion.kind !== "unknown-service" && globMatch(patterns[i], action, true)) return true;
    }
    return false;
}

/**
 * Does the statement grant this exact action, through a pattern or a NotAction that spares it?
 * Once per action list and action; an action the data knows is looked up in the list's expansions.
 */
export function grantsAction(statement: Statement, action: string): boolean {
    if (statement.notActions === undefined && !someMayMatch(statement.actions, action)) return false;
    const grants = granted(statement);
    const byAction = remember(grantsByList, grants, () => new Map<string, boolean>());
    return remember(byAction, action, () => {
        if (statement.notActions !== undefined) return !statement.notActions.some((p) => globMatch(p, action, true));
        const info = lookupAction(action);
        if (info !== undefined) return listGrants(grants, info, action);
        return (statement.actions ?? []).some((p) => globMatch(p, action, true));
    });
}
