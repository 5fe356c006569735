/**
 * Two policies on resource elements (issue 8, split by finding class in issue 16).
 * `arn-format` (aws-rejects): what IAM refuses outright, in every statement, Resource or
 * NotResource. `resource-arns-match-actions` (lint): every resource element of an Allow
 * statement can match at least one resource type the IAM data lists for one of its actions (a
 * bucket ARN given to `s3:GetObject`, an object ARN given to `s3:ListBucket`, a specific ARN
 * given to actions the data lists no resource type for), and ARNs whose fields the data says
 * match nothing (a region on a global service, an unknown region). The data is known to be
 * incomplete (AWS's own policies give `s3:ListAllMyBuckets` `arn:aws:s3:::*`), so these are hints.
 * Statements whose actions the data cannot resolve (`*`, unknown actions, NotAction) are only
 * checked for unlikely ARNs: other policies report those actions.
 */
import { Granted, granted } from "../iam/actions";
import { TemplateMatcher, anyTemplateMatcher } from "../iam/arn-match";
import { accountFree, arnProblem, arnRejection, fieldColons } from "../iam/arn-format";
import { DocumentCheck } from "../check";
import { Finding } from "../finding";
import { ActionInfo, dataVersion, templateOf } from "../iam/iam-data";
import { CarriedDocument } from "../iam/resource-documents";
import { remember } from "../iam/memo";

/** What the resource elements of a statement are judged against; one per action list. */
interface GrantedTypes {
    readonly perAction: readonly { readonly info: ActionInfo; readonly templates: readonly string[] }[];
    /** Tests elements against the templates of all the actions. */
    readonly matcher: TemplateMatcher;
    /** Elements found fine for these actions, by `accountFree` text (bounded). */
    readonly fine: Set<string>;
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
    return { perAction: judged, matcher: anyTemplateMatcher(judged.flatMap((a) => a.templates)), fine: new Set() };
}

const malformedFix = "write it as arn:<partition>:<service>:<region>:<account>:<resource> in the service's own format (build it with components/iam/arn.ts)";

/** `arn-format`: resource elements IAM refuses (`arnRejection`); certain, so it blocks everywhere. */
export const arnFormat: DocumentCheck = {
    name: "arn-format",
    findingClass: "aws-rejects",
    description: "Resource elements are ARNs IAM accepts: six fields, an AWS partition (not a variable), no region in IAM ARNs or S3 bucket and object ARNs.",
    check(document: CarriedDocument): Finding[] {
        // Every element of every statement, Resource and NotResource, Allow and Deny; plain loops, as this runs for every element.
        const findings: Finding[] = [];
        const judge = (statement: string, element: string) => {
            const problem = arnRejection(element);
            if (problem !== undefined) findings.push({ document: document.field, statement, element, actions: [], problem: `IAM rejects this ARN (MalformedPolicyDocument): ${problem}`, fix: malformedFix });
        };
        for (const statement of document.read.statements) {
            if (statement.resources !== undefined) for (const element of statement.resources) judge(statement.label, element);
            if (statement.notResources !== undefined) for (const element of statement.notResources) judge(statement.label, element);
        }
        return findings;
    },
};

/**
 * An element with an empty account field is judged as an AWS-owned resource (account `aws`):
 * AWS's own resources have ARNs with no account (Resource Explorer's service views,
 * `arn:aws:resource-explorer-2:*::view/AWSServiceViewForApplicationSignals/service-view`).
 */
function asAwsOwned(element: string): string {
    const colons = fieldColons(element);
    return colons !== undefined && colons[3] === colons[2] + 1 ? `${element.slice(0, colons[3])}aws${element.slice(colons[3])}` : element;
}

export const resourceArnsMatchActions: DocumentCheck = {
    name: "resource-arns-match-actions",
    findingClass: "lint",
    description: "Each resource element fits the ARN formats the IAM data lists, and each Allow resource matches a resource type the data lists for one of the statement's actions (the data is known to be incomplete: a hint, not proof).",
    check(document: CarriedDocument): Finding[] {
        const findings: Finding[] = [];
        for (const statement of document.read.statements) {
            // Only a named element is judged against the actions' types: a long list on "*" costs nothing here.
            const types = statement.effect === "Allow" && statement.resources?.some((r) => r !== "*") ? grantedTypes(granted(statement)) : undefined;
            // Unlikely ARNs first, then what the data lists no type for: an element is not judged twice.
            let mismatches: Finding[] | undefined;
            const fine = types?.fine ?? fineUntyped;
            for (const written of statement.resources ?? []) {
                if (written === "*") continue;
                const key = accountFree(written);
                if (fine.has(key)) continue;
                const verdict = judgeElement(written, types);
                if (verdict === undefined) {
                    if (fine.size >= fineLimit) fine.clear();
                    fine.add(key);
                } else if (verdict === "mismatch") (mismatches ??= []).push(mismatch(document.field, statement.label, written, types!));
                else findings.push(unlikely(document.field, statement.label, written, verdict));
            }
            for (const written of statement.notResources ?? []) {
                if (written === "*" || !written.startsWith("arn:") || arnRejection(written) !== undefined) continue;
                const problem = arnProblem(asAwsOwned(written));
                if (problem !== undefined) findings.push(unlikely(document.field, statement.label, written, problem));
            }
            if (mismatches) findings.push(...mismatches);
        }
        return findings;
    },
};

/**
 * An Allow element (not `"*"`) judged: `undefined` when fine, the problem of an unlikely ARN, or
 * `"mismatch"` when it fits none of the actions' types. The same for the element in every
 * account (`accountFree`), so elements found fine are kept per action list.
 */
function judgeElement(written: string, types: GrantedTypes | undefined): string | "mismatch" | undefined {
    if (types?.matcher.matchesWellFormed(written)) return undefined;
    if (!written.startsWith("arn:") || arnRejection(written) !== undefined) return undefined;
    const element = asAwsOwned(written);
    if (element !== written && types?.matcher.matchesWellFormed(element)) return undefined;
    const problem = arnProblem(element);
    if (problem !== undefined) return problem;
    return types !== undefined && !types.matcher.matches(element) ? "mismatch" : undefined;
}

/** Elements found fine, by `accountFree` text, for statements whose actions the data cannot judge; bounded, as each list's set. */
const fineUntyped = new Set<string>();
const fineLimit = 5000;

function unlikely(document: string, statement: string, element: string, problem: string): Finding {
    return { document, statement, element, actions: [], problem: `this ARN probably matches nothing: ${problem} (by the IAM data ${dataVersion()}; IAM accepts the document)`, fix: malformedFix };
}

function mismatch(document: string, statement: string, element: string, { perAction }: GrantedTypes): Finding {
    const unscopable = perAction.every((a) => a.templates.length === 0);
    const expected = [...new Set(perAction.flatMap((a) => a.templates))];
    return {
        document,
        statement,
        element,
        actions: perAction.map((a) => ({ action: a.info.action, note: a.templates.length === 0 ? "no resource types listed" : `resource types: ${a.info.resourceTypes.map((t) => t.name).join(", ")}` })),
        problem: unscopable
            ? `the IAM data (${dataVersion()}) does not list any resource type for these actions, so they are probably authorized on "Resource": "*" only and this ARN may grant nothing`
            : `the IAM data (${dataVersion()}) does not list a resource type of these actions that this ARN matches, so it may grant nothing`,
        fix: unscopable
            ? 'move these actions to a statement with "Resource": "*" (narrow it with conditions if the service supports them), or keep the ARN if the service documents it'
            : `use an ARN of the form ${expected.slice(0, 3).join(" or ")}${expected.length > 3 ? " (or another of the actions' types)" : ""}, or split the statement by resource type`,
    };
}
