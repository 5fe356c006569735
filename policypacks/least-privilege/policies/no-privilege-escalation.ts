/**
 * `no-privilege-escalation`: identity documents must not grant a published one-step IAM
 * privilege escalation (`escalation-data.ts`). The rule, decided here:
 *
 * - A permission-writing action (`iam:PutRolePolicy`, `iam:CreatePolicyVersion`,
 *   `iam:DeleteRolePermissionsBoundary`...) is blocked on `*`, on a wholly wildcarded IAM resource
 *   (`role/*`, `arn:aws:iam::*:*`), or on the holder's own role, user, group or managed policy
 *   (known from the resource: a `RolePolicy`'s `role`, a `UserPolicy`'s `user`, a `Role`'s
 *   `name` for its `inlinePolicies`, a `Policy`'s own name; `user/${aws:username}` is always the
 *   holder's own user). On a specific other role it is blocked only when the same document also
 *   lets the holder assume that role. Elsewhere (a named role, a naming-convention prefix) it is
 *   the deployment pattern of managing one workload's roles, and `privilege-escalation-review`
 *   reports the prefixes as advisory lint.
 * - Credential and takeover actions (`iam:CreateAccessKey`, `iam:UpdateAssumeRolePolicy`,
 *   `iam:AddUserToGroup`, `sts:AssumeRole`, `lambda:UpdateFunctionCode`) are blocked on `*` or a
 *   wholly wildcarded resource; on the holder itself they are the self-service AWS documents
 *   (`iam:CreateAccessKey` on `user/${aws:username}`) and pass.
 * - `iam:PassRole` on any role, with an action that starts compute running as the passed role
 *   (`ec2:RunInstances`, `lambda:CreateFunction` + `lambda:InvokeFunction`...), granted anywhere
 *   in the same document, is blocked, unless `iam:PassedToService` keeps the role from that
 *   compute's service. PassRole on named roles is not escalation (the roles are the design).
 * - A condition naming specific, non-administrator policies narrows: `iam:PolicyARN` on the
 *   `Attach*Policy` actions, `iam:PermissionsBoundary` on those that support it (not on removing a
 *   boundary). Such a condition on an action whose requests never carry the key (the IAM data
 *   lists its keys) makes the statement grant nothing for it. `IfExists`, `ForAllValues`, negated
 *   operators and values that are wildcards over every policy do not narrow.
 * - An `aws:ResourceTag/<key>` condition naming values (ABAC) turns `*` into a set of tagged
 *   resources for the actions that act on others (`sts:AssumeRole`, `iam:CreateAccessKey`...):
 *   reviewed as lint, not blocked. It does not narrow permission writes: the holder's own role
 *   may carry the tag.
 * - Deny statements never count, and trust and resource policies are not read: IAM has no
 *   resource-based policies, so only identity documents can grant the IAM actions. The exception
 *   is a Lambda permission granting `lambda:UpdateFunctionCode` (or `lambda:*`) to another
 *   principal, which then runs its own code with the function's role.
 */
import { Granted, granted, grantsAction } from "../iam/actions";
import { fieldColons, sixFields } from "../iam/arn-format";
import { CheckedResource, DocumentCheck } from "../check";
import { supportsConditionKey } from "../iam/condition-key-data";
import { Statement, conditionEntries } from "../iam/documents";
import {
    EscalationGrant, EscalationKind, EscalationTarget, NarrowingKey, PassRoleCombination, administratorPolicies, escalationGrants, escalationVerbs, passRoleCombinations,
} from "../iam/escalation-data";
import { Finding } from "../finding";
import { globMatch, hasWildcardOrVariable } from "../iam/glob";
import { lookupAction } from "../iam/iam-data";
import { remember } from "../iam/memo";
import { CarriedDocument, known } from "../iam/resource-documents";
import { classifyElement, isUnnamed } from "../iam/resource-elements";

/** The principal or policy the document is attached to, when the resource says. */
export interface Own {
    readonly kind: "role" | "user" | "group" | "policy";
    readonly name: string;
    readonly path?: string;
}

const nameOf = (value: unknown): string | undefined =>
    typeof value === "string" && value !== "" ? (value.startsWith("arn:") ? value.slice(value.lastIndexOf("/") + 1) : value) : undefined;

function ownOf(document: CarriedDocument, resource: CheckedResource | undefined): Own | undefined {
    if (resource === undefined) return undefined;
    const props = resource.props;
    const own = (kind: Own["kind"], key: string): Own | undefined => {
        const name = nameOf(known(props, key));
        if (name === undefined) return undefined;
        const path = known(props, "path");
        return { kind, name, ...(typeof path === "string" && path !== "/" ? { path } : {}) };
    };
    switch (resource.type) {
        case "aws:iam/rolePolicy:RolePolicy": return own("role", "role");
        case "aws:iam/userPolicy:UserPolicy": return own("user", "user");
        case "aws:iam/groupPolicy:GroupPolicy": return own("group", "group");
        case "aws:iam/role:Role": return document.field.startsWith("inlinePolicies") ? own("role", "name") : undefined;
        case "aws:iam/policy:Policy": return own("policy", "name");
        // The same grants made through @pulumi/aws-native (CloudFormation's names).
        case "aws-native:iam:RolePolicy": return own("role", "roleName");
        case "aws-native:iam:UserPolicy": return own("user", "userName");
        case "aws-native:iam:GroupPolicy": return own("group", "groupName");
        case "aws-native:iam:Role": return document.field.startsWith("policies") ? own("role", "roleName") : undefined;
        case "aws-native:iam:User": return document.field.startsWith("policies") ? own("user", "userName") : undefined;
        case "aws-native:iam:Group": return document.field.startsWith("policies") ? own("group", "groupName") : undefined;
        case "aws-native:iam:ManagedPolicy": return own("policy", "managedPolicyName");
        default: return undefined;
    }
}

/** How each target's ARNs are spelled: the service and the resource part's type prefix. */
const targetShapes: Readonly<Record<EscalationTarget, { service: string; prefix: string; region: string }>> = {
    role: { service: "iam", prefix: "role/", region: "" },
    user: { service: "iam", prefix: "user/", region: "" },
    group: { service: "iam", prefix: "group/", region: "" },
    policy: { service: "iam", prefix: "policy/", region: "" },
    function: { service: "lambda", prefix: "function:", region: "us-east-1" },
    devendpoint: { service: "glue", prefix: "devEndpoint/", region: "us-east-1" },
};

/** What a Resource element covers of a target kind. */
type Coverage = "any" | "own" | "pattern" | "named";

/** `user/${aws:username}` (any path): the caller's own user; with a wildcard beside it (`${aws:username}*`) every user whose name starts so. */
const usernameVariable = /^user\/(.*\/)?\$\{aws:username\}$/i;

/** `undefined` when the element cannot be a resource of the target kind. */
function coverage(written: string, target: EscalationTarget, own: Own | undefined): Coverage | undefined {
    if (written === "*") return "any";
    const element = sixFields(written);
    const colons = element.startsWith("arn:") ? fieldColons(element) : undefined;
    if (colons === undefined) return undefined;
    const shape = targetShapes[target];
    const field = (from: number, to: number, fallback: string) => {
        const text = element.slice(from, to);
        return hasWildcardOrVariable(text) ? fallback : text;
    };
    const [c2, c3, c4, c5] = colons;
    const sampleHead = `arn:${field(4, c2, "aws")}:${shape.service}:${field(c3 + 1, c4, shape.region)}:${field(c4 + 1, c5, "123456789012")}:`;
    // An element that matches none of the kind's ARNs (another service, another type) is not about it.
    const part = element.slice(c5 + 1);
    const mayBeKind = globMatch(element.slice(0, c5 + 1), sampleHead, true) && (part.startsWith(shape.prefix) || globMatch(part, `${shape.prefix}x`) || hasWildcardOrVariable(part.slice(0, shape.prefix.length)));
    if (!mayBeKind) return undefined;
    if (isUnnamed(classifyElement(element))) return globMatch(element, `${sampleHead}${shape.prefix}any-name`) ? "any" : undefined;
    if (coversOwn(part, target, own)) return "own";
    return hasWildcardOrVariable(part) ? "pattern" : "named";
}

function coversOwn(part: string, target: EscalationTarget, own: Own | undefined): boolean {
    if (target === "user" && part.startsWith("user/") && usernameVariable.test(part)) return true;
    if (own === undefined || own.kind !== target) return false;
    const prefix = targetShapes[target].prefix;
    const path = own.path === undefined ? "" : own.path.replace(/^\/+/, "");
    if (globMatch(part, `${prefix}${own.name}`) || (path !== "" && globMatch(part, `${prefix}${path}${own.name}`))) return true;
    // A path the resource does not give: the element's last segment names the principal.
    return part.startsWith(prefix) && globMatch(part.slice(part.lastIndexOf("/") + 1), own.name);
}

/** Operators that limit a single-valued key to the values listed (absent key: no match). */
const limitingOperator = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;

/** A specific policy ARN that is not an administrator policy. */
function namesOrdinaryPolicy(value: string): boolean {
    const verdict = classifyElement(value);
    if (verdict.class === "not-an-arn" || isUnnamed(verdict)) return false;
    const asAws = value.replace(/^arn:[^:]*:/, "arn:aws:");
    return !administratorPolicies.some((admin) => globMatch(asAws, admin, true));
}

function namesPolicies(statement: Statement, key: NarrowingKey): boolean {
    return conditionEntries(statement, key).some(({ operator, values }) => limitingOperator.test(operator) && values.length > 0 && values.every(namesOrdinaryPolicy));
}

/** Does a condition of the statement keep this grant from escalating? */
function narrowed(statement: Statement, grant: EscalationGrant): boolean {
    for (const key of ["iam:PolicyARN", "iam:PermissionsBoundary"] as const) {
        if (!namesPolicies(statement, key)) continue;
        if (grant.narrowedBy.includes(key)) return true;
        const info = lookupAction(grant.action);
        // The request never carries the key, so the condition never holds: the statement does not grant the action.
        if (info !== undefined && !supportsConditionKey(info, key)) return true;
    }
    return false;
}

/**
 * Does an `aws:ResourceTag/...` (or `iam:ResourceTag/...`) condition limit the statement to tagged
 * resources (ABAC)? Positive operators only, values that are not wildcards alone.
 */
function tagScoped(statement: Statement): boolean {
    for (const operator in statement.conditions) {
        if (!Object.hasOwn(statement.conditions, operator) || !limitingOperator.test(operator)) continue;
        for (const [key, values] of Object.entries(statement.conditions[operator])) {
            if (/^(aws|iam):ResourceTag\/./i.test(key) && values.length > 0 && values.every((v) => !/^[*?]*$/.test(v))) return true;
        }
    }
    return false;
}

/** The escalation entries an action list grants, once per list. */
const grantsByList = new WeakMap<Granted, readonly EscalationGrant[]>();

function escalationsIn(statement: Statement): readonly EscalationGrant[] {
    return remember(grantsByList, granted(statement), () => escalationGrants.filter((g) => grantsAction(statement, g.action)));
}

/** The elements a statement's grant applies to: its Resource, or "every resource but" for NotResource. */
function elementsOf(statement: Statement): readonly string[] {
    if (statement.notResources !== undefined) return ["*"];
    return statement.resources ?? [];
}

const shown = (statement: Statement, element: string) =>
    statement.notResources !== undefined ? `NotResource ${JSON.stringify(statement.notResources)}` : JSON.stringify(element);

export interface Hit {
    readonly statement: Statement;
    readonly element: string;
    readonly coverage: Coverage;
    readonly grant: EscalationGrant;
}

/** Every escalation grant of the document's Allow statements, with what its resource covers. */
export function hitsOf(document: Pick<CarriedDocument, "read">, own: Own | undefined): Hit[] {
    const hits: Hit[] = [];
    for (const statement of document.read.statements) {
        if (statement.effect !== "Allow") continue;
        const grants = escalationsIn(statement);
        if (grants.length === 0) continue;
        for (const grant of grants) {
            if (narrowed(statement, grant)) continue;
            for (const element of elementsOf(statement)) {
                let covered = coverage(element, grant.target, own);
                // ABAC scopes "*" to tagged resources, which is the design for assuming or taking over others; a tag cannot keep
                // the holder's own role out of a permissions write, so those stay "any".
                if (covered === "any" && !grant.own && tagScoped(statement)) covered = "pattern";
                if (covered !== undefined) hits.push({ statement, element, coverage: covered, grant });
            }
        }
    }
    return hits;
}

const ownWords = (own: Own | undefined, target: EscalationTarget) => (own !== undefined && own.kind === target ? `its own ${target} ${own.name}` : `its own ${target}`);

/**
 * Findings grouped by statement and element: one per place of escalating, naming each way (an
 * `"Action": "*"` statement is one finding listing its methods, not twenty).
 */
function grouped(document: CarriedDocument, hits: readonly Hit[], describe: (hit: Hit) => { target: string; fix: string; problemTail: string }): Finding[] {
    const groups = new Map<string, { hits: Hit[]; actions: string[] }>();
    for (const hit of hits) {
        const key = `${hit.statement.index}\u0000${hit.element}`;
        const group = groups.get(key);
        if (group === undefined) groups.set(key, { hits: [hit], actions: [hit.grant.action] });
        else {
            group.hits.push(hit);
            if (!group.actions.includes(hit.grant.action)) group.actions.push(hit.grant.action);
        }
    }
    return [...groups.values()].map(({ hits: placed, actions }) => {
        const first = placed[0];
        const fixes: string[] = [];
        const byKind = new Map<EscalationKind, Hit[]>();
        for (const hit of placed) {
            const fix = describe(hit).fix;
            if (!fixes.includes(fix)) fixes.push(fix);
            byKind.set(hit.grant.kind, [...(byKind.get(hit.grant.kind) ?? []), hit]);
        }
        const ways = [...byKind].map(([kind, same]) => escalationVerbs[kind].replace("{target}", targetsOf(same, describe)));
        return {
            document: document.field,
            statement: first.statement.label,
            element: first.statement.notResources !== undefined ? `NotResource ${JSON.stringify(first.statement.notResources)}` : first.element,
            actions: actions.map((action) => ({ action })),
            problem: `${actions.length > shownActions ? `${actions.slice(0, shownActions).join(", ")} and ${actions.length - shownActions} more` : actions.join(", ")} on ${shown(first.statement, first.element)} ${actions.length > 1 ? "let" : "lets"} the holder ${ways.join("; ")}${describe(first).problemTail}`,
            fix: fixes.length === 1 ? fixes[0] : "grant only the IAM actions the workload calls, on named roles and users that are not its own; to let it manage roles, add \"Condition\": {\"StringEquals\": {\"iam:PermissionsBoundary\": \"<boundary policy ARN>\"}}",
        };
    });
}

/** "any role or user, its own included" for one kind's hits on "*"; otherwise each hit's own words. */
function targetsOf(hits: readonly Hit[], describe: (hit: Hit) => { target: string }): string {
    if (hits.every((h) => h.coverage === "any")) {
        const kinds = [...new Set(hits.map((h) => h.grant.target))];
        const listed = kinds.length > 1 ? `${kinds.slice(0, -1).join(", ")} or ${kinds[kinds.length - 1]}` : kinds[0];
        return `any ${listed}${hits.some((h) => h.grant.own) ? ", its own included" : ""}`;
    }
    return [...new Set(hits.map((h) => describe(h).target))].join(" and ");
}

/** How many actions a problem names before "and N more" (the actions line lists them too). */
const shownActions = 4;

const escalation = ": one-step privilege escalation";

export function fixFor(grant: EscalationGrant, coverage: Coverage): string {
    if (coverage === "own") return "remove the grant: a principal must not change its own permissions; let the deployment (Pulumi) manage them";
    const boundary = grant.narrowedBy.includes("iam:PermissionsBoundary") ? ", or add \"Condition\": {\"StringEquals\": {\"iam:PermissionsBoundary\": \"<boundary policy ARN>\"}}" : "";
    const policyArn = grant.narrowedBy.includes("iam:PolicyARN") ? ", or limit the policies with \"Condition\": {\"ArnEquals\": {\"iam:PolicyARN\": [\"<policy ARN>\"]}}" : "";
    const verb = grant.kind === "assume" ? "assume" : grant.kind === "credentials" ? "manage the credentials of" : grant.kind === "group-membership" ? "add users to" : grant.kind === "existing-compute" ? "update" : "change";
    const arn = targetShapes[grant.target].service === "iam" ? `arn:aws:iam::<account>:${grant.target}/<Name>` : `the ${grant.target}'s ARN`;
    return `name the ${grant.target}s it may ${verb} (${arn})${grant.own ? ", never its own" : ""}${boundary}${policyArn}`;
}

const overlaps = (a: string, b: string) => globMatch(a, b) || globMatch(b, a);

/** Kinds that change what a role may do; with the role also assumable, the holder gets it. */
export const writesRole: ReadonlySet<string> = new Set(["write-permissions", "boundary", "trust"]);

/**
 * The writes onto a named or patterned role (permissions, boundary, trust) that the statements
 * also let the holder assume, each with the `sts:AssumeRole` statements that reach it.
 */
export function assumedRoleWrites(statements: readonly Statement[], hits: readonly Hit[]): Map<Hit, Statement[]> {
    const found = new Map<Hit, Statement[]>();
    const writes = hits.filter((h) => h.grant.target === "role" && writesRole.has(h.grant.kind) && (h.coverage === "named" || h.coverage === "pattern"));
    if (writes.length === 0) return found;
    const assumes = statements.filter((s) => s.effect === "Allow" && grantsAction(s, "sts:AssumeRole"));
    for (const hit of writes) {
        const by = assumes.filter((s) => elementsOf(s).some((a) => overlaps(a, hit.element)));
        if (by.length > 0) found.set(hit, by);
    }
    return found;
}

/** `iam:PassRole` on any role in one statement, and the compute that runs as it, granted by others or the same. */
/** A hit on the holder's own principal or policy, as a finding; `via` says how the stack ties them (for stack-level findings). */
export function ownWriteFinding(field: string, hit: Hit, target: string, via: string): Finding {
    return {
        document: field,
        statement: hit.statement.label,
        element: hit.element,
        actions: [{ action: hit.grant.action }],
        problem: `${hit.grant.action} on ${shown(hit.statement, hit.element)} lets the holder ${escalationVerbs[hit.grant.kind].replace("{target}", target)} (${via})${escalation}`,
        fix: fixFor(hit.grant, "own"),
    };
}

export interface CombinationHit {
    readonly pass: { readonly statement: Statement; readonly element: string };
    readonly combination: PassRoleCombination;
    readonly found: readonly { readonly action: string; readonly statement: Statement }[];
}

/** Every PassRole-with-compute combination the document's Allow statements make together. */
export function combinationsIn(document: Pick<CarriedDocument, "read">, own?: Own): CombinationHit[] {
    const passes: { statement: Statement; element: string; services?: readonly string[] }[] = [];
    for (const statement of document.read.statements) {
        if (statement.effect !== "Allow" || !grantsAction(statement, "iam:PassRole")) continue;
        const element = elementsOf(statement).find((e) => coverage(e, "role", own) === "any");
        if (element === undefined) continue;
        const limits = conditionEntries(statement, "iam:PassedToService").filter(({ operator }) => limitingOperator.test(operator));
        passes.push({ statement, element, ...(limits.length > 0 ? { services: limits.flatMap((l) => l.values) } : {}) });
    }
    if (passes.length === 0) return [];
    const allows = document.read.statements.filter((s) => s.effect === "Allow");
    const grantedBy = (action: string) => allows.find((s) => grantsAction(s, action));
    const hits: CombinationHit[] = [];
    for (const combination of passRoleCombinations) {
        const found = combinationIn(combination, grantedBy);
        if (found === undefined) continue;
        for (const pass of passes) {
            if (pass.services !== undefined && !pass.services.some((s) => globMatch(s, combination.service, true))) continue;
            hits.push({ pass, combination, found });
        }
    }
    return hits;
}

/** How a combination reads as a finding (statements by their labels: Sid, or `resource › Sid` across resources). */
export function combinationFinding(field: string, hit: CombinationHit): Finding {
    const { pass, combination, found } = hit;
    const others = found.map((f) => `${f.action} (statement ${f.statement.label})`).join(", ");
    return {
        document: field,
        statement: pass.statement.label,
        element: pass.statement.notResources !== undefined ? `NotResource ${JSON.stringify(pass.statement.notResources)}` : pass.element,
        actions: [{ action: "iam:PassRole" }, ...found.map((f) => ({ action: f.action }))],
        problem: `iam:PassRole on ${shown(pass.statement, pass.element)} with ${others} lets the holder start ${combination.name} running as any role it can pass, the most privileged included${escalation}`,
        fix: "name the roles it may pass (arn:aws:iam::<account>:role/<RoleName>) with \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"<service>.amazonaws.com\"}}",
    };
}

/** One finding per PassRole statement and element, naming every kind of compute it combines with. */
function combinationFindings(document: CarriedDocument, own: Own | undefined): Finding[] {
    const byPass = new Map<string, CombinationHit[]>();
    for (const hit of combinationsIn(document, own)) {
        const key = `${hit.pass.statement.index}\u0000${hit.pass.element}`;
        byPass.set(key, [...(byPass.get(key) ?? []), hit]);
    }
    return [...byPass.values()].map((hits) => {
        if (hits.length === 1) return combinationFinding(document.field, hits[0]);
        const first = combinationFinding(document.field, hits[0]);
        const actions = [...new Set(hits.flatMap((h) => h.found.map((f) => f.action)))];
        return {
            ...first,
            actions: [{ action: "iam:PassRole" }, ...actions.map((action) => ({ action }))],
            problem: `iam:PassRole on ${shown(hits[0].pass.statement, hits[0].pass.element)} with ${actions.slice(0, shownActions).join(", ")}${actions.length > shownActions ? ` and ${actions.length - shownActions} more` : ""} lets the holder start ${hits.map((h) => h.combination.name).join("; ")}, each running as any role it can pass, the most privileged included${escalation}`,
        };
    });
}

/** One granted action per group of the combination, or `undefined` when a group has none. */
function combinationIn(combination: PassRoleCombination, grantedBy: (action: string) => Statement | undefined): { action: string; statement: Statement }[] | undefined {
    const found: { action: string; statement: Statement }[] = [];
    for (const group of combination.requires) {
        let hit: { action: string; statement: Statement } | undefined;
        for (const action of group) {
            const statement = grantedBy(action);
            if (statement !== undefined) {
                hit = { action, statement };
                break;
            }
        }
        if (hit === undefined) return undefined;
        found.push(hit);
    }
    return found;
}


/**
 * Can any Allow statement escalate at all (an escalation action, or `iam:PassRole` for the
 * combinations)? Most documents cannot: they then skip reading the resource's own name.
 */
function mayEscalate(document: CarriedDocument): boolean {
    for (const statement of document.read.statements) {
        if (statement.effect === "Allow" && (escalationsIn(statement).length > 0 || grantsAction(statement, "iam:PassRole"))) return true;
    }
    return false;
}

/**
 * The one resource policy that can grant these actions to others: a Lambda permission for
 * `lambda:UpdateFunctionCode` (or `lambda:*`) lets its principal replace the function's code,
 * which then runs with the function's role.
 */
function functionTakeover(document: CarriedDocument): Finding[] {
    const findings: Finding[] = [];
    for (const statement of document.read.statements) {
        // A Lambda permission (aws, aws-native, or inside a template) is read as a statement without Resource: the function it sits on.
        if (statement.effect !== "Allow" || statement.resources !== undefined || statement.notResources !== undefined) continue;
        const grants = escalationsIn(statement).filter((g) => g.target === "function");
        if (grants.length === 0) continue;
        const who = statement.principal?.any ? "anyone" : Object.values(statement.principal?.entries ?? {}).flat().join(", ");
        findings.push({
            document: document.field,
            statement: statement.label,
            actions: grants.map((g) => ({ action: g.action })),
            problem: `${grants.map((g) => g.action).join(", ")} granted to ${who} lets it replace the function's code and run it with the function's role${escalation}`,
            fix: "grant other principals lambda:InvokeFunction only; deployments update code through their own identity policy",
        });
    }
    return findings;
}

/**
 * A key policy handing `kms:PutKeyPolicy` to a principal of another account: that account can
 * rewrite the key policy and shut the key's own account out (AWS KMS Developer Guide, "Allowing
 * users in other accounts to use a KMS key": grant the use, never the key policy). Judged only
 * when the stack's accounts are known (`stack-accounts.ts`): otherwise the pack cannot tell.
 */
function keyTakeover(document: CarriedDocument, accounts: readonly string[] | undefined): Finding[] {
    if (accounts === undefined) return [];
    const findings: Finding[] = [];
    for (const statement of document.read.statements) {
        if (statement.effect !== "Allow" || statement.principal === undefined || !grantsAction(statement, "kms:PutKeyPolicy")) continue;
        const foreign = (statement.principal.entries.AWS ?? []).filter((p) => {
            const account = /^(\d{12})$|^arn:aws(-[a-z]+)*:(iam|sts)::(\d{12}):/.exec(p);
            const id = account?.[1] ?? account?.[4];
            return id !== undefined && !accounts.includes(id);
        });
        if (foreign.length === 0) continue;
        findings.push({
            document: document.field,
            statement: statement.label,
            actions: [{ action: "kms:PutKeyPolicy" }],
            problem: `kms:PutKeyPolicy granted to ${foreign.join(", ")}, outside the stack's account ${accounts.join(", ")}, lets that account rewrite the key policy and shut this account out of its own key${escalation}`,
            fix: "grant another account the key's use only (kms:Encrypt, kms:Decrypt, kms:GenerateDataKey*, kms:DescribeKey); keep kms:PutKeyPolicy with the key's own account",
        });
    }
    return findings;
}

export const noPrivilegeEscalation: DocumentCheck = {
    name: "no-privilege-escalation",
    findingClass: "security",
    description: "No one-step IAM privilege escalation: no writing permissions onto any or its own role/user/group/policy, no credentials for any user, no iam:PassRole on any role with compute that runs as it.",
    check(document, resource, stack): Finding[] {
        if (document.kind === "resource") return [...functionTakeover(document), ...keyTakeover(document, stack?.accounts)];
        if (document.kind !== "identity" || !mayEscalate(document)) return [];
        const own = ownOf(document, resource);
        const hits = hitsOf(document, own);
        const assumed = assumedRoleWrites(document.read.statements, hits);
        const blocked = hits.filter((h) => h.coverage === "any" || (h.coverage === "own" && h.grant.own) || assumed.has(h));
        return [
            ...grouped(document, blocked, (hit) => ({
                target: hit.coverage === "any" ? `any ${hit.grant.target}${hit.grant.own ? ", its own included" : ""}` : hit.coverage === "own" ? ownWords(own, hit.grant.target) : `${hit.grant.target} ${JSON.stringify(hit.element)}, which the same document lets it assume`,
                fix: fixFor(hit.grant, hit.coverage),
                problemTail: escalation,
            })),
            ...combinationFindings(document, own),
        ];
    },
};

export const privilegeEscalationReview: DocumentCheck = {
    name: "privilege-escalation-review",
    findingClass: "lint",
    description: "Permission-writing IAM actions on a pattern of roles, users, groups or policies (role/app-*): escalation if the holder can become one of them.",
    check(document, resource): Finding[] {
        if (document.kind !== "identity" || !mayEscalate(document)) return [];
        const own = ownOf(document, resource);
        const patterns = hitsOf(document, own).filter((h) => h.coverage === "pattern" && h.grant.kind !== "assume");
        return grouped(document, patterns, (hit) => ({
            target: `every ${hit.grant.target} matching ${JSON.stringify(hit.element)}`,
            fix: `name the ${hit.grant.target}s, and make sure the holder can neither assume nor pass any of them`,
            problemTail: `; if the holder is, or can become, one of them, that is privilege escalation`,
        }));
    },
};
