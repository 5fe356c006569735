/**
 * Check 2 of issue 8, `resource-arns-match-actions`: every resource element of an Allow
 * statement can match at least one resource type of at least one of its actions (the ARN
 * templates in the IAM data); otherwise the element grants nothing: a bucket ARN given to
 * `s3:GetObject`, an object ARN given to `s3:ListBucket`, a specific ARN given to actions that
 * only work on `"*"`. Malformed ARNs (wrong partition, missing fields, a region on a global
 * service) are reported in every statement, Allow or Deny, Resource or NotResource.
 * Statements whose actions the data cannot resolve (`*`, unknown actions, NotAction) are only
 * checked for malformed ARNs: other policies report those actions.
 */
import { Granted, granted } from "./actions";
import { TemplateMatcher, anyTemplateMatcher } from "./arn-match";
import { arnProblem } from "./arn-format";
import { DocumentCheck } from "./check";
import { Finding } from "./finding";
import { ActionInfo, templateOf } from "./iam-data";
import { CarriedDocument } from "./resource-documents";
import { remember } from "./memo";

/** What the resource elements of a statement are judged against; one per action list. */
interface GrantedTypes {
    readonly perAction: readonly { readonly info: ActionInfo; readonly templates: readonly string[] }[];
    /** Tests elements against the templates of all the actions. */
    readonly matcher: TemplateMatcher;
}

const templateCache = new Map<string, readonly string[] | undefined>();
const typesCache = new WeakMap<Granted, GrantedTypes | undefined>();

/** The ARN templates of an action's resource types, once per action; `undefined` if any type has no template (then it cannot be judged). */
function templatesOf(info: ActionInfo): readonly string[] | undefined {
    return remember(templateCache, info.action, () => {
        const templates = info.resourceTypes.map((type) => templateOf(info, type.name)?.arn);
        return templates.every((t): t is string => t !== undefined) ? templates : undefined;
    });
}

/**
 * The templates of what a statement grants, or `undefined` when the data cannot judge it:
 * actions it cannot resolve (`*`, unknown actions, NotAction) or a resource type without a template.
 */
function grantedTypes(grants: Granted): GrantedTypes | undefined {
    return remember(typesCache, grants, typesOf);
}

function typesOf(grants: Granted): GrantedTypes | undefined {
    if (grants.unbounded.length > 0 || grants.unresolved.length > 0 || grants.actions.length === 0) return undefined;
    const perAction = grants.actions.map((info) => ({ info, templates: templatesOf(info) }));
    if (perAction.some((a) => a.templates === undefined)) return undefined;
    const judged = perAction as { info: ActionInfo; templates: readonly string[] }[];
    return { perAction: judged, matcher: anyTemplateMatcher(judged.flatMap((a) => a.templates)) };
}

const malformedFix = "write it as arn:<partition>:<service>:<region>:<account>:<resource> in the service's own format (build it with components/iam/arn.ts)";

export const resourceArnsMatchActions: DocumentCheck = {
    name: "resource-arns-match-actions",
    findingClass: "aws-rejects",
    description: "Resource ARNs are well-formed and each Allow resource matches a resource type of one of the statement's actions (IAM data ARN formats).",
    check(document: CarriedDocument): Finding[] {
        const findings: Finding[] = [];
        for (const statement of document.read.statements) {
            const types = statement.effect === "Allow" && statement.resources !== undefined ? grantedTypes(granted(statement)) : undefined;
            // Malformed ARNs first, then what grants nothing: a malformed element is not judged twice.
            let mismatches: Finding[] | undefined;
            for (const element of statement.resources ?? []) {
                if (element === "*" || types?.matcher.matchesWellFormed(element)) continue;
                const problem = arnProblem(element);
                if (problem !== undefined) findings.push(malformed(document.field, statement.label, element, problem));
                else if (types !== undefined && element.startsWith("arn:") && !types.matcher.matches(element)) (mismatches ??= []).push(mismatch(document.field, statement.label, element, types));
            }
            if (statement.notResources !== undefined) {
                for (const element of statement.notResources) {
                    const problem = arnProblem(element);
                    if (problem !== undefined) findings.push(malformed(document.field, statement.label, element, problem));
                }
            }
            if (mismatches) findings.push(...mismatches);
        }
        return findings;
    },
};

function malformed(document: string, statement: string, element: string, problem: string): Finding {
    return { document, statement, element, actions: [], problem: `malformed ARN: ${problem}`, fix: malformedFix, fromData: true };
}

function mismatch(document: string, statement: string, element: string, { perAction }: GrantedTypes): Finding {
    const unscopable = perAction.every((a) => a.templates.length === 0);
    const expected = [...new Set(perAction.flatMap((a) => a.templates))];
    return {
        document,
        statement,
        element,
        actions: perAction.map((a) => ({ action: a.info.action, note: a.templates.length === 0 ? "no resource types: only \"*\"" : `resource types: ${a.info.resourceTypes.map((t) => t.name).join(", ")}` })),
        problem: unscopable
            ? "the actions only work on \"Resource\": \"*\", so this specific ARN grants nothing"
            : "the resource matches none of the actions' resource types, so it grants nothing",
        fix: unscopable
            ? 'move these actions to a statement with "Resource": "*" (narrow it with conditions if the service supports them)'
            : `use an ARN of the form ${expected.slice(0, 3).join(" or ")}${expected.length > 3 ? " (or another of the actions' types)" : ""}, or split the statement by resource type`,
        fromData: true,
    };
}
