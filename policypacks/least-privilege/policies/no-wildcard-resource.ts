/**
 * Policy 1: no wildcard resource in Allow statements (DESIGN.md, "Wildcards: what prod blocks").
 * A whole-id wildcard (`arn:aws:s3:::*`, `table/*`, `foundation-model/*`, a prefix too short to
 * name anything such as `arn:aws:s3:::a*`) is blocked whatever the actions; `"*"` passes only when
 * every action, after expanding wildcards through the IAM data, has no resource types or is on
 * the project's override list. Named resources, paths under a named parent, naming-convention
 * prefixes and region/account wildcards pass, except that a wildcarded account field with an
 * action that acts across accounts (`action-reach.ts`: `sts:AssumeRole`, `iam:PassRole`, KMS
 * key actions, actions that change access) means every account and is blocked, unless the
 * statement names the accounts or organization by `aws:ResourceAccount`, `aws:ResourceOrgID` or
 * `aws:ResourceOrgPaths`.
 * A wildcarded resource narrowed by a resource-tag condition (`abac.ts`) is scoped for the
 * actions whose requests carry the tag; the finding names the ones that escape.
 * Resource policies are not judged here: attached to one resource, their `"*"` means that
 * resource (a bucket policy's, the bucket and its objects); their principal is
 * `no-public-principal`'s to judge, their actions `no-wildcard-action`'s.
 */
import { Granted, granted } from "../iam/actions";
import { DocumentCheck } from "../check";
import { Statement, narrows } from "../iam/documents";
import { Finding, FindingAction } from "../finding";
import { ActionInfo, ResourceTemplate, resourceTemplates, templateOf } from "../iam/iam-data";
import { overrideFor } from "../iam/overrides";
import { acrossAccounts } from "../iam/action-reach";
import { isTagKey, resourceTagKeys, scopedByTags } from "../iam/abac";
import { fieldColons } from "../iam/arn-format";
import { ElementVerdict, ParsedArn, classifyElement, leavesResourceUnnamed } from "../iam/resource-elements";
import { CarriedDocument } from "../iam/resource-documents";
import { hasWildcard } from "../iam/glob";
import { wildcardsOnlyNewIds } from "../iam/assigned-ids";
import { remember } from "../iam/memo";

const tierNotes = new WeakMap<ActionInfo, string>();

/** The data tier of an action, as a message shows it. */
export function tierNote(info: ActionInfo): string {
    return remember(tierNotes, info, () => {
        const types = info.resourceTypes.map((t) => t.name).join(", ");
        switch (info.tier) {
            case "unscopable":
                return "no resource types";
            case "required":
                return `required resource type: ${info.resourceTypes.filter((t) => t.required).map((t) => t.name).join(", ")}`;
            case "optional-only":
                return `optional resource types only: ${types}`;
        }
    });
}

/** May this action use `"Resource": "*"`? Only without resource types, or by a justified override. */
export function needsAnyResource(info: ActionInfo): boolean {
    return info.tier === "unscopable" || overrideFor(info.action) !== undefined;
}

export const noWildcardResource: DocumentCheck = {
    name: "no-wildcard-resource",
    findingClass: "security",
    description: "Allow statements name their resources: \"*\" only for actions that cannot be scoped (IAM data tiers plus justified overrides) or that a resource-tag condition scopes, never a wholly wildcarded resource id, never every account for actions that act across accounts.",
    check(document: CarriedDocument): Finding[] {
        const findings: Finding[] = [];
        // A trust policy has no resource of its own to scope; policy-grammar reports a Resource in one.
        // A resource policy reaches only the resource it is attached to: there "*" means that resource.
        if (document.kind === "trust" || document.kind === "resource") return findings;
        for (const statement of document.read.statements) {
            if (statement.effect !== "Allow" || statement.resources === undefined) continue;
            for (const element of statement.resources) {
                let finding: Finding | undefined;
                if (leavesResourceUnnamed(element)) {
                    const verdict = classifyElement(element);
                    const grants = granted(statement);
                    finding = verdict.class === "any"
                        ? anyResourceFinding(document.field, statement, verdict, grants)
                        : wholeIdFinding(document.field, statement, verdict, grants);
                } else if (accountWildcarded(element) && crossersOf(granted(statement)).length > 0) {
                    finding = everyAccountFinding(document.field, statement, element, granted(statement));
                }
                if (finding) findings.push(finding);
            }
        }
        return findings;
    },
};

/** A cross-account action, or an open-ended pattern (`*`, NotAction) that may be one, with why. */
interface Crosser {
    readonly finding: FindingAction;
    /** The services of the ARNs it acts on (`iam` for sts:AssumeRole); `undefined` for any. */
    readonly services?: ReadonlySet<string>;
}

const crossersByList = new WeakMap<Granted, readonly Crosser[]>();

/** What in the statement acts across accounts (`action-reach.ts`), once per action list. */
function crossersOf(grants: Granted): readonly Crosser[] {
    return remember(crossersByList, grants, () => [
        ...grants.unbounded.map((u) => ({ finding: { action: u.pattern, note: u.note } })),
        ...grants.actions.flatMap((info) => {
            const why = acrossAccounts(info);
            if (why === undefined) return [];
            const services = new Set(info.resourceTypes.map((t) => templateOf(info, t.name)?.arn.split(":")[2]).filter((x): x is string => x !== undefined));
            return [{ finding: { action: info.action, note: why }, services }];
        }),
    ]);
}

/** Keys that name the accounts (or organization) a resource may belong to: with named values, a wildcarded account field is not every account. */
const accountKeys = ["aws:ResourceAccount", "aws:ResourceOrgID", "aws:ResourceOrgPaths"];

const accountsNarrowed = (statement: Statement) => accountKeys.some((key) => narrows(statement, key));

/** Is there a `*` or `?` in the element's account field? Read in place: asked of every wildcarded element that names its resource. */
function accountWildcarded(element: string): boolean {
    if (!element.includes("*") && !element.includes("?")) return false;
    const colons = element.startsWith("arn:") ? fieldColons(element) : undefined;
    if (colons === undefined) return false;
    for (let i = colons[2] + 1; i < colons[3]; i++) {
        const c = element.charCodeAt(i);
        if (c === 42 || c === 63) return true;
    }
    return false;
}

/**
 * A named resource in every account, for actions that act across accounts: 003's "account
 * wildcarded, resource named" tier does not hold there (`sts:AssumeRole` on
 * `arn:aws:iam::*:role/OrganizationAccountAccessRole` is admin in every member account).
 * For an element whose account field is wildcarded (`accountWildcarded`).
 */
function everyAccountFinding(document: string, statement: Statement, element: string, grants: Granted): Finding | undefined {
    const colons = fieldColons(element);
    if (colons === undefined || accountsNarrowed(statement)) return undefined;
    const service = element.slice(colons[0] + 1, colons[1]).toLowerCase();
    const crossers = crossersOf(grants).filter((c) => c.services === undefined || c.services.has(service));
    if (crossers.length === 0) return undefined;
    const named = `${element.slice(0, colons[2] + 1)}<account>${element.slice(colons[3])}`;
    return {
        document,
        statement: statement.label,
        element,
        actions: crossers.map((c) => c.finding),
        problem: `${JSON.stringify(element)} wildcards the account, and ${crossers.length > 1 ? "these actions act" : `${crossers[0].finding.action} acts`} across accounts: there "*" in the account field means every account`,
        fix: `name the account: ${named}, once per account the workload needs`,
        fromData: true,
    };
}

/** What a `"Resource": "*"` finding says about the actions a statement grants; the same for every statement granting them. */
interface AnyResourceReport {
    /** The actions that could be scoped, with problem and fix; `undefined` when every action needs `*`. */
    readonly anyResource?: Pick<Finding, "actions" | "problem" | "fix">;
}

/** What a whole-id finding says about the actions: every action with its tier, and what to suggest by the element's fields. */
interface WholeIdReport {
    readonly actions: readonly FindingAction[];
    readonly suggested: Map<string, Candidates>;
}

const anyResourceReports = new WeakMap<Granted, AnyResourceReport>();
const wholeIdReports = new WeakMap<Granted, WholeIdReport>();
const conditionalByList = new WeakMap<Granted, readonly { readonly action: string; readonly key: string }[]>();

/** Actions whose override holds only when the statement narrows a condition key (PutMetricData's namespace). */
function conditionalOverrides(grants: Granted): readonly { readonly action: string; readonly key: string }[] {
    return remember(conditionalByList, grants, () => grants.actions.flatMap((info) => {
        const key = info.tier === "unscopable" ? undefined : overrideFor(info.action)?.condition;
        return key === undefined ? [] : [{ action: info.action, key }];
    }));
}

function anyResourceReport(grants: Granted): AnyResourceReport {
    return remember(anyResourceReports, grants, () => {
        const scopable = grants.actions.filter((info) => !needsAnyResource(info));
        const offending: FindingAction[] = [
            ...grants.unbounded.map((u) => ({ action: u.pattern, note: u.note })),
            ...grants.unresolved.map((action) => ({ action, note: "not in the IAM data, so not known to need \"*\"" })),
            ...scopable.map((info) => ({ action: info.action, note: tierNote(info) })),
        ];
        return offending.length === 0 ? {} : {
            anyResource: {
                actions: offending,
                problem: `"Resource": "*" for action${offending.length > 1 ? "s" : ""} that can be scoped to named resources`,
                fix: scopable.length > 0
                    ? `scope to ${suggestions(scopable, undefined)}; keep "*" only for actions without resource types in their own statement`
                    : "list the actions the workload calls; only actions without resource types may use \"*\"",
            },
        };
    });
}

function wholeIdReport(grants: Granted): WholeIdReport {
    return remember(wholeIdReports, grants, () => ({
        actions: [
            ...grants.unbounded.map((u) => ({ action: u.pattern, note: u.note })),
            ...grants.unresolved.map((action) => ({ action, note: "not in the IAM data" })),
            ...grants.actions.map((info) => ({ action: info.action, note: tierNote(info) })),
        ],
        suggested: new Map(),
    }));
}

function anyResourceFinding(document: string, statement: Statement, verdict: ElementVerdict, grants: Granted): Finding | undefined {
    const tags = resourceTagKeys(statement);
    const conditional = conditionalOverrides(grants);
    // An override that holds only with its own condition (PutMetricData's namespace) is judged without the tags.
    if (tags.length > 0 && conditional.length === 0) return tagScopedFinding(document, statement, verdict, grants, tags, !accountsNarrowed(statement));
    const report = anyResourceReport(grants);
    const unnarrowed = conditional.length === 0 ? conditional : conditional.filter((c) => !narrows(statement, c.key));
    if (unnarrowed.length === 0) return report.anyResource && { document, statement: statement.label, element: verdict.element, ...report.anyResource, fromData: true };
    // An override that needs a condition, and the statement does not narrow it: `*` is unbounded after all.
    const example = `"Condition": {"StringEquals": {"${unnarrowed[0].key}": "<value>"}}`;
    const named = unnarrowed.map((c) => ({ action: c.action, note: `"*" only with a ${c.key} condition` }));
    return {
        document,
        statement: statement.label,
        element: verdict.element,
        fromData: true,
        actions: [...(report.anyResource?.actions ?? []), ...named],
        problem: report.anyResource?.problem ?? `"Resource": "*" for ${unnarrowed.map((c) => c.action).join(", ")} without the ${[...new Set(unnarrowed.map((c) => c.key))].join(", ")} condition that scopes ${unnarrowed.length > 1 ? "them" : "it"}`,
        fix: report.anyResource ? `${report.anyResource.fix}; and narrow ${unnarrowed.map((c) => c.action).join(", ")} with ${example}` : `add ${example} naming the values the workload uses`,
    };
}

function wholeIdFinding(document: string, statement: Statement, verdict: ElementVerdict, grants: Granted): Finding | undefined {
    const tags = resourceTagKeys(statement);
    if (tags.length > 0) return tagScopedFinding(document, statement, verdict, grants, tags, verdict.arn !== undefined && hasWildcard(verdict.arn.account) && !accountsNarrowed(statement));
    const report = wholeIdReport(grants);
    // Creating a resource whose id the service assigns cannot name it, nor can tagging it in that call (`assigned-ids.ts`): those actions are left out.
    const arn = verdict.arn;
    const creating = arn === undefined ? [] : grants.actions.filter((info) => wildcardsOnlyNewIds(info, statement, arn.service, arn.resource));
    const actions = creating.length === 0 ? report.actions : report.actions.filter((a) => !creating.some((info) => info.action === a.action));
    if (actions.length === 0) return undefined;
    const suggestion = suggestions(creating.length === 0 ? grants.actions : grants.actions.filter((info) => !creating.includes(info)), verdict.arn, creating.length === 0 ? report.suggested : undefined);
    return {
        document,
        statement: statement.label,
        element: verdict.element,
        actions,
        problem: `${JSON.stringify(verdict.element)} wildcards the whole resource id (${verdict.reason ?? "no resource is named"})`,
        fix: suggestion !== "" ? `name the resource: scope to ${suggestion}` : "name the resource instead of wildcarding its id",
        fromData: true,
    };
}

/** Per action list, per tag keys and account kind: the actions a resource-tag condition does not scope. */
const escapesByList = new WeakMap<Granted, Map<string, readonly FindingAction[]>>();

/**
 * The actions a resource-tag condition does not scope (`abac.ts`): open-ended patterns, actions
 * the data does not know, actions whose requests the data says carry none of the keys, and
 * actions that act across accounts when the element covers every account (another account sets
 * its own tags). Actions without resource types, and overridden ones on `"*"`, are not the tags' to scope.
 */
function tagEscapes(grants: Granted, keys: readonly string[], everyAccount: boolean, onAny: boolean): readonly FindingAction[] {
    const byKeys = remember(escapesByList, grants, () => new Map<string, readonly FindingAction[]>());
    return remember(byKeys, `${everyAccount ? 1 : 0}${onAny ? 1 : 0}${keys.join("\u0000")}`, () => {
        const listed = keys.join(", ");
        return [
            ...grants.unbounded.map((u) => ({ action: u.pattern, note: u.note })),
            ...grants.unresolved.map((action) => ({ action, note: "not in the IAM data" })),
            ...grants.actions.flatMap((info): FindingAction[] => {
                // Without resource types an action is authorized against "*" alone: on "*" it needs it, on an ARN it grants nothing.
                if (info.tier === "unscopable" || (onAny && needsAnyResource(info))) return [];
                if (everyAccount && acrossAccounts(info) !== undefined) return [{ action: info.action, note: `${acrossAccounts(info)}: another account's tags are that account's to set` }];
                return scopedByTags(info, keys) ? [] : [{ action: info.action, note: `the IAM data lists no ${listed} for it` }];
            }),
        ];
    }, 100);
}

/** A wildcarded resource narrowed by resource tags: a finding only for the actions the tags do not scope. */
function tagScopedFinding(document: string, statement: Statement, verdict: ElementVerdict, grants: Granted, keys: readonly string[], everyAccount: boolean): Finding | undefined {
    const onAny = verdict.class === "any";
    const escapes = tagEscapes(grants, keys, everyAccount, onAny);
    if (escapes.length === 0) return undefined;
    const what = onAny ? '"Resource": "*"' : JSON.stringify(verdict.element);
    return {
        document,
        statement: statement.label,
        element: verdict.element,
        actions: escapes,
        problem: `${what} is narrowed by ${keys.join(", ")}, but the ${keys.every(isTagKey) ? "tag" : "condition"} is not known to scope ${escapes.length > 1 ? `${escapes.length} of the actions` : escapes[0].action}: for ${escapes.length > 1 ? "them" : "it"} the resource stays unnamed`,
        fix: `move ${escapes.map((e) => e.action).slice(0, 3).join(", ")}${escapes.length > 3 ? ", ..." : ""} to a statement that names ${escapes.length > 1 ? "their" : "its"} resources; keep the tag-scoped statement for actions the IAM data lists the tag key for`,
        fromData: true,
    };
}

/**
 * Up to two concrete ARN shapes for the actions, e.g. `arn:aws:s3:::<BucketName>/*`, from the
 * first actions' templates (a list of thousands stops at the second shape); rendering fills in
 * the element's own partition, region and account. `cache` keeps, per service and resource
 * part, the first templates to try (which templates fit does not depend on the account or the
 * region, so one list serves the statement in every account).
 */
function suggestions(actions: readonly ActionInfo[], arn: ParsedArn | undefined, cache?: Map<string, Candidates>): string {
    if (cache && arn) {
        const candidates = remember(cache, `${arn.service}\u0000${arn.resource}`, () => firstTemplates(actions, arn), 200);
        const shapes = shapesOf(candidates.templates, arn, candidates.complete);
        if (shapes !== undefined) return shapes;
    }
    return shapesOf(distinctTemplates(actions, arn), arn, true)!;
}

/** The first distinct templates to suggest, in the actions' order; `complete` when none was left out. */
interface Candidates {
    readonly templates: readonly ResourceTemplate[];
    readonly complete: boolean;
}

/** Enough for two distinct shapes unless templates render alike (then the list is walked again, whole). */
const firstCandidates = 8;

function firstTemplates(actions: readonly ActionInfo[], arn: ParsedArn): Candidates {
    const templates: ResourceTemplate[] = [];
    for (const template of distinctTemplates(actions, arn)) {
        if (templates.length === firstCandidates) return { templates, complete: false };
        templates.push(template);
    }
    return { templates, complete: true };
}

function* distinctTemplates(actions: readonly ActionInfo[], arn: ParsedArn | undefined): Generator<ResourceTemplate> {
    const seen = new Set<ResourceTemplate>();
    for (const info of actions) {
        const template = templateFor(info, arn);
        if (template === undefined || seen.has(template)) continue;
        seen.add(template);
        yield template;
    }
}

/** The first two distinct shapes the templates render to; `undefined` when they ran out before two and were not `complete`. */
function shapesOf(templates: Iterable<ResourceTemplate>, arn: ParsedArn | undefined, complete: boolean): string | undefined {
    const shapes = new Set<string>();
    for (const template of templates) {
        shapes.add(renderTemplate(template, arn));
        if (shapes.size >= 2) return [...shapes].join(" or ");
    }
    return complete ? [...shapes].join(" or ") : undefined;
}

/** The template to suggest for an action: its own that fits the element's resource part, else its simplest. */
function templateFor(info: ActionInfo, arn: ParsedArn | undefined): ResourceTemplate | undefined {
    if (arn !== undefined && arn.service.toLowerCase() === info.service) {
        const own = fittingTemplates(info.service, arn.resource).find((t) => info.resourceTypes.some((r) => templateOf(info, r.name) === t));
        if (own) return own;
    }
    return remember(simplestTemplates, info, simplestTemplate);
}

/** Per service, per resource part: the templates whose literal prefix the part starts with. */
const fitting = new Map<string, readonly ResourceTemplate[]>();

function fittingTemplates(service: string, resource: string): readonly ResourceTemplate[] {
    return remember(fitting, `${service}\u0000${resource}`, () => resourceTemplates(service)?.filter((t) => t.prefix !== "" && resource.startsWith(t.prefix)) ?? [], 1000);
}

const simplestTemplates = new WeakMap<ActionInfo, ResourceTemplate | undefined>();

/** Required types first; among equals the simplest ARN (an S3 bucket before an access point). */
function simplestTemplate(info: ActionInfo): ResourceTemplate | undefined {
    const candidates = info.resourceTypes
        .map((type) => ({ required: type.required, template: templateOf(info, type.name) }))
        .filter((c): c is { required: boolean; template: ResourceTemplate } => c.template !== undefined)
        .map((c) => ({ ...c, variables: c.template.arn.split("${").length - 1 }))
        .sort((a, b) => Number(b.required) - Number(a.required) || a.variables - b.variables);
    return candidates[0]?.template;
}

const lastVariables = new WeakMap<ResourceTemplate, string | undefined>();

/** Fills a template with the element's partition, region and account where they are concrete. */
function renderTemplate(template: ResourceTemplate, arn: ParsedArn | undefined): string {
    const concrete = (value: string | undefined, fallback: string) => (value && !hasWildcard(value) ? value : fallback);
    // The last of two or more variables in the resource part becomes `*` (`bucket/*`).
    const last = remember(lastVariables, template, () => {
        const variables = [...template.resource.matchAll(/\$\{([^}]+)\}/g)];
        return variables.length >= 2 ? variables[variables.length - 1][0] : undefined;
    });
    return template.arn
        .replace("${Partition}", concrete(arn?.partition, "aws"))
        .replace("${Region}", concrete(arn?.region, "<region>"))
        .replace("${Account}", concrete(arn?.account, "<account>"))
        .replace(/\$\{([^}]+)\}/g, (whole, name: string) => (whole === last ? "*" : `<${name}>`));
}
