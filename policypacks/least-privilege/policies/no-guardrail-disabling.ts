/**
 * `no-guardrail-disabling`: identity documents must not let a principal switch off the account's
 * guardrails (`guardrailActions` in `escalation-data.ts`: CloudTrail, GuardDuty, Config, Security
 * Hub, Access Analyzer, account-wide S3 Block Public Access, EBS default encryption...). An
 * action with no resource types is judged wherever it is granted on `*` (the only resource it can
 * have); one with resource types only on `*` or a wholly wildcarded resource of its service
 * (`trail/*`, `key/*`): on a named trail or key it is the deployment managing its own resource.
 * Trust and resource policies are not read (a key policy's `"Resource": "*"` is the key itself, and
 * AWS's default key policy gives key administrators kms:ScheduleKeyDeletion). Deny statements,
 * which is how SCPs and permission boundaries protect guardrails, never count.
 */
import { Granted, granted, grantsAction } from "../iam/actions";
import { fieldColons, sixFields } from "../iam/arn-format";
import { DocumentCheck } from "../check";
import { Statement } from "../iam/documents";
import { GuardrailAction, guardrailActions } from "../iam/escalation-data";
import { Finding } from "../finding";
import { globMatch, hasWildcard } from "../iam/glob";
import { lookupAction } from "../iam/iam-data";
import { remember } from "../iam/memo";
import { classifyElement, isUnnamed } from "../iam/resource-elements";

const byList = new WeakMap<Granted, readonly GuardrailAction[]>();

function guardrailsIn(statement: Statement): readonly GuardrailAction[] {
    return remember(byList, granted(statement), () => guardrailActions.filter((g) => grantsAction(statement, g.action)));
}

/** Does the element give the action every resource it can act on? */
function coversAll(element: string, guardrail: GuardrailAction): boolean {
    const info = lookupAction(guardrail.action);
    // An action without resource types is authorized against "*": only an element matching "*" grants it.
    if (info === undefined || info.tier === "unscopable") return globMatch(element, "*");
    if (element === "*") return true;
    if (!isUnnamed(classifyElement(element))) return false;
    const text = sixFields(element);
    const colons = fieldColons(text);
    if (colons === undefined) return false;
    const service = text.slice(colons[0] + 1, colons[1]);
    return hasWildcard(service) || service.toLowerCase() === info.service;
}

export const noGuardrailDisabling: DocumentCheck = {
    name: "no-guardrail-disabling",
    findingClass: "security",
    description: "No switching off guardrails: CloudTrail, GuardDuty, Config, Security Hub, Access Analyzer, Macie, Inspector, account S3 Block Public Access, EBS default encryption, on every resource.",
    check(document): Finding[] {
        if (document.kind !== "identity") return [];
        const findings: Finding[] = [];
        for (const statement of document.read.statements) {
            if (statement.effect !== "Allow") continue;
            const guardrails = guardrailsIn(statement);
            if (guardrails.length === 0) continue;
            const elements = statement.notResources !== undefined ? ["*"] : statement.resources ?? [];
            for (const element of elements) {
                const hit = guardrails.filter((g) => coversAll(element, g));
                if (hit.length === 0) continue;
                const shown = statement.notResources !== undefined ? `NotResource ${JSON.stringify(statement.notResources)}` : element;
                findings.push({
                    document: document.field,
                    statement: statement.label,
                    element: shown,
                    actions: hit.map((g) => ({ action: g.action })),
                    problem: `${hit.length === 1 ? `${hit[0].action} ${hit[0].reason}` : `these actions switch off guardrails (${hit[0].action} ${hit[0].reason})`}, on ${statement.notResources !== undefined ? shown : JSON.stringify(element)}: whoever holds it can disable the account's detective and preventive controls`,
                    fix: "remove the action; guardrails are changed by the security account's pipeline, and protected with a Deny (an SCP) on these actions",
                });
            }
        }
        return findings;
    },
};
