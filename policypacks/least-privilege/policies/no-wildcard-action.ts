/**
 * Policy 2: Allow statements grant listed actions, not a whole service, judged by what the
 * patterns match in the IAM data rather than by how they are spelled. Per statement, the
 * patterns of one service are taken together:
 * - `*` and a wildcarded service (`*:Get*`, `?3:*`, `*:*`) grant actions of any service;
 * - `service:*` (any run of `*`) grants every action of the service, including future ones;
 * - any other spelling whose matches, together with the statement's other patterns of that
 *   service, are the service's whole action list in the data, or all but a remainder of at most
 *   10% for a service of 10 actions or more (`s3:*?`, `iam:?*`, `dynamodb:*?*`, 26 letter
 *   prefixes), is a service-wide grant too: a list that leaves out a few actions still grants
 *   the service, and none of the read-only spellings (`Get*`, `List*`, `Describe*`) reaches 90%
 *   of any service of that size in the data;
 * - a pattern with a wildcard that reaches an action of the data's "Permissions management"
 *   access level (`s3:Put*` reaches PutBucketPolicy, `s3:*Bucket*` PutBucketAcl) grants the
 *   power to change who has access, which is then never written out: such actions are granted
 *   by their exact names. Reading calls the data files under that level (`glue:GetStage`,
 *   `quicksight:DescribeTopicPermissions`: their names start with Get, List, Describe,
 *   BatchGet, Search or View) change nothing, so `glue:Get*` passes.
 * Exact action names are never this policy's concern: a reviewer reads them, and they do not
 * grow when AWS adds actions (privilege escalation by exact name is the escalation policy's concern).
 * In a resource policy, the grant of `kms:*` to one account's root is AWS's default key policy
 * and passes (`overrides.ts`, `delegatesToAccount`); to two accounts' roots, in one statement or
 * two, it hands the key to the other account and is judged.
 */
import { Granted, granted } from "../iam/actions";
import { DocumentCheck } from "../check";
import { Finding } from "../finding";
import { ActionInfo, Expansion, actionCount, actionsOf, isKnownService } from "../iam/iam-data";
import { firstWildcard, hasWildcard } from "../iam/glob";
import { remember } from "../iam/memo";
import { delegatedAccount } from "../iam/overrides";
import { changesAccess } from "../iam/action-reach";

/** Why a pattern is too broad by its spelling alone, or `undefined` when its matches decide. */
export function tooBroad(pattern: string): string | undefined {
    // Most patterns name one action: no wildcard, nothing to judge.
    if (!pattern.includes("*") && !pattern.includes("?")) return undefined;
    if (pattern === "*") return "grants every action of every service";
    const colon = pattern.indexOf(":");
    if (colon < 0) return hasWildcard(pattern) ? "grants actions of any service" : undefined;
    const service = pattern.slice(0, colon);
    if (hasWildcard(service)) return "grants actions of any service";
    if (/^\*+$/.test(pattern.slice(colon + 1))) {
        const count = isKnownService(service) ? actionCount(service) : 0;
        const among = count > 0 ? dangerousLine(actionsOf(service)) : "";
        return `grants every ${service} action${count > 0 ? ` (${count} in the IAM data, including future ones)` : ""}${among}`;
    }
    return undefined;
}

/** The smallest service (in actions) where "all but 10%" applies; smaller ones must be matched whole. */
const nearlyAllFrom = 10;
const nearlyAllShare = 0.9;

/** Most telling first: actions that write policies, then ACLs, permissions and grants; among equals, those that add. */
const telling = ["Policy", "Acl", "Permission", "Grant"];
const adding = /:(Put|Set|Attach|Add|Create)/;

/** The most dangerous few of these actions (permissions management, then other writes), for a message. */
function dangerous(actions: readonly ActionInfo[]): ActionInfo[] {
    const rank = (info: ActionInfo) => {
        if (!changesAccess(info)) return info.accessLevel.includes("Write") ? 20 : 30;
        const word = telling.findIndex((w) => info.action.includes(w));
        return (word < 0 ? telling.length : word) * 2 + (adding.test(info.action) ? 0 : 1);
    };
    return actions.map((info, i) => ({ info, i, r: rank(info) })).filter((x) => x.r < 30).sort((a, b) => a.r - b.r || a.info.action.length - b.info.action.length || a.i - b.i).map((x) => x.info);
}

function dangerousLine(actions: readonly ActionInfo[]): string {
    const few = dangerous(actions).slice(0, 3);
    return few.length === 0 ? "" : `; among them ${few.map((a) => a.action).join(", ")}`;
}

const quoted = (patterns: readonly string[]) => `action${patterns.length > 1 ? "s" : ""} ${patterns.map((p) => JSON.stringify(p)).join(", ")}`;
const verb = (patterns: readonly string[], one: string, many: string) => (patterns.length > 1 ? many : one);

type Parts = Pick<Finding, "actions" | "problem" | "fix" | "fromData">;

const listFix = "list the actions the workload calls (for example s3:GetObject, s3:PutObject)";

/** What is too broad in an action list, as findings say it, once per list (what `granted` answers once per list too). */
const broadByList = new WeakMap<Granted, readonly Parts[]>();

function broadIn({ lists, expansions }: Granted): Parts[] {
    const found: Parts[] = [];
    /** Services reported by spelling, so not again by their matches. */
    const reported = new Set<string>();
    /** Per service (lowercase): the patterns as written, those with a wildcard, and what they match together. */
    const byService = new Map<string, { patterns: string[]; wildcards: string[]; matched: Set<ActionInfo>; reaching: Set<ActionInfo> }>();
    /** What each wildcard pattern expands to, by pattern (from `granted`'s expansion of the list). */
    const expansionOf = new Map<string, Expansion>();
    for (const [i, pattern] of (lists.actions ?? []).entries()) {
        const why = tooBroad(pattern);
        if (why !== undefined) {
            const colon = pattern.indexOf(":");
            const service = colon > 0 && !hasWildcard(pattern.slice(0, colon)) ? pattern.slice(0, colon).toLowerCase() : undefined;
            const fix = service !== undefined && isKnownService(service) ? `list the ${service} actions the workload calls, each by name` : listFix;
            found.push({ actions: [{ action: pattern }], problem: `action ${JSON.stringify(pattern)} ${why}`, fix, fromData: service !== undefined });
            if (service !== undefined) reported.add(service);
            continue;
        }
        const expansion = expansions[i];
        if (expansion.kind !== "actions") continue;
        let group = byService.get(expansion.service);
        if (group === undefined) byService.set(expansion.service, (group = { patterns: [], wildcards: [], matched: new Set(), reaching: new Set() }));
        group.patterns.push(pattern);
        const wild = firstWildcard(pattern) >= 0;
        if (wild) {
            group.wildcards.push(pattern);
            expansionOf.set(pattern, expansion);
        }
        for (const info of expansion.actions) {
            group.matched.add(info);
            if (wild && changesAccess(info)) group.reaching.add(info);
        }
    }
    // `*` grants everything already: what the other patterns match adds nothing to say.
    if (lists.actions?.includes("*")) return found;
    for (const [service, group] of byService) {
        if (reported.has(service) || group.wildcards.length === 0) continue;
        const total = actionCount(service);
        const covered = group.matched.size;
        const whole = covered === total;
        if (whole || (total >= nearlyAllFrom && covered >= nearlyAllShare * total)) {
            const share = whole ? `every ${service} action (${total} in the IAM data)` : `${covered} of the ${total} ${service} actions in the IAM data`;
            found.push({
                actions: group.patterns.map((action) => ({ action })),
                problem: `${quoted(group.patterns)} ${verb(group.patterns, "grants", "together grant")} ${share}: as good as "${service}:*"${dangerousLine([...group.matched.values()])}`,
                fix: `list the ${service} actions the workload calls, each by name`,
                fromData: true,
            });
            continue;
        }
        if (group.reaching.size === 0) continue;
        const reaching = dangerous([...group.reaching.values()]);
        const wildcards = group.wildcards.filter((p) => { const e = expansionOf.get(p)!; return e.kind === "actions" && e.actions.some(changesAccess); });
        const shown = reaching.slice(0, 4).map((a) => a.action).join(", ") + (reaching.length > 4 ? `, +${reaching.length - 4} more` : "");
        found.push({
            actions: wildcards.map((action) => ({ action })),
            problem: `${quoted(wildcards)} ${verb(wildcards, "reaches", "reach")} ${service} permissions-management actions, which change who has access: ${shown}`,
            fix: `list the actions the workload calls; grant a permissions-management action (${reaching[0].action}) by its exact name, and only where the workload manages access`,
            fromData: true,
        });
    }
    return found;
}

export const noWildcardAction: DocumentCheck = {
    name: "no-wildcard-action",
    findingClass: "security",
    description: "Allow statements list actions: no \"*\", no \"service:*\", no spelling that grants a whole service, no wildcard reaching permissions-management actions (IAM data).",
    check(document, _resource, stack): Finding[] {
        const findings: Finding[] = [];
        // The key's own account is one account: delegations to two (in two statements) hand the key to another.
        const delegated = document.kind === "resource" ? document.read.statements.map((s) => (s.effect === "Allow" ? delegatedAccount(s, stack?.accounts) : undefined)) : [];
        const oneAccount = new Set(delegated.filter((a) => a !== undefined)).size <= 1;
        for (const [i, statement] of document.read.statements.entries()) {
            if (statement.effect !== "Allow") continue;
            if (oneAccount && delegated[i] !== undefined) continue;
            for (const parts of remember(broadByList, granted(statement), broadIn)) findings.push({ document: document.field, statement: statement.label, ...parts });
        }
        return findings;
    },
};
