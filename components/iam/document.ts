/**
 * Typed IAM policy documents. Builders render statements in one fixed key order
 * (Sid, Effect, Principal, Action, Resource, Condition) so the JSON is deterministic
 * and reads like the seeds.
 */

/** A condition block: operator -> condition key -> value(s). */
export type Condition = Record<string, Record<string, string | readonly string[]>>;

/** `"*"`, `{ AWS: ... }`, `{ Service: ... }` or `{ Federated: ... }`. */
export type Principal = "*" | Record<string, string | readonly string[]>;

export interface Statement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal?: Principal;
    readonly Action: readonly string[];
    /** Absent only in trust policies, where the role itself is the resource. */
    readonly Resource?: string | readonly string[];
    /** Only in Deny statements (`denyExcept`): every resource but these. */
    readonly NotResource?: readonly string[];
    readonly Condition?: Condition;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly Statement[];
}

/** The only policy language version AWS evaluates variables and conditions under. */
export const policyVersion = "2012-10-17";

/** `Resource: "*"`; only for actions that have no resource types (see the policy pack). */
export const anyResource = "*";

function statement(
    effect: "Allow" | "Deny",
    sid: string,
    actions: string | readonly string[],
    resources: string | readonly string[],
    condition?: Condition,
): Statement {
    return {
        Sid: sid,
        Effect: effect,
        Action: typeof actions === "string" ? [actions] : [...actions],
        Resource: typeof resources === "string" ? resources : [...resources],
        ...(condition && Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    };
}

/** An Allow statement. A single resource string renders as a string, a list as a list. */
export function allow(sid: string, actions: string | readonly string[], resources: string | readonly string[], condition?: Condition): Statement {
    return statement("Allow", sid, actions, resources, condition);
}

/** A Deny statement (wildcards in Deny narrow access and are never flagged). */
export function deny(sid: string, actions: string | readonly string[], resources: string | readonly string[], condition?: Condition): Statement {
    return statement("Deny", sid, actions, resources, condition);
}

/** A Deny of `actions` on every resource except `exceptions` (NotResource: never in an Allow). */
export function denyExcept(sid: string, actions: readonly string[], exceptions: readonly string[], condition?: Condition): Statement {
    return {
        Sid: sid,
        Effect: "Deny",
        Action: [...actions],
        NotResource: [...exceptions],
        ...(condition && Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    };
}

/** A policy document; refuses duplicate Sids, which AWS rejects at `pulumi up`. */
export function policy(...statements: Statement[]): PolicyDocument {
    const seen = new Set<string>();
    for (const s of statements) {
        if (s.Sid === undefined) continue;
        if (seen.has(s.Sid)) throw new Error(`policy document has two statements with Sid "${s.Sid}"; Sids must be unique`);
        seen.add(s.Sid);
    }
    return { Version: policyVersion, Statement: statements };
}

/** Merges condition blocks; later blocks add keys under the same operator. */
export function conditions(...blocks: (Condition | undefined)[]): Condition {
    const merged: Record<string, Record<string, string | readonly string[]>> = {};
    for (const block of blocks) {
        for (const [operator, entries] of Object.entries(block ?? {})) {
            merged[operator] = { ...(merged[operator] ?? {}), ...entries };
        }
    }
    return merged;
}

/** Deterministic JSON, two-space indented, as AWS stores and the seeds print it. */
export function render(document: PolicyDocument): string {
    return JSON.stringify(document, null, 2);
}
