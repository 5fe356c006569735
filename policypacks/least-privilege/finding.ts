/**
 * What a check found, and how it reads in a violation: the resource, the document, the statement
 * (Sid or `#index`), the actions with their data tier, the offending resource element, the IAM
 * data version, and the fix. One to three lines, for a security reviewer.
 */
import { dataVersion } from "./iam-data";

export interface FindingAction {
    readonly action: string;
    /** e.g. the data tier: `required: table`, `optional only: object`, `not in the IAM data`. */
    readonly note?: string;
}

export interface Finding {
    /** Where the document sits on the resource: `policy`, `assumeRolePolicy`, ... */
    readonly document: string;
    /** Sid or `#<index>`; absent for findings about the whole document. */
    readonly statement?: string;
    /** The offending Resource element. */
    readonly element?: string;
    readonly actions: readonly FindingAction[];
    readonly problem: string;
    readonly fix: string;
    /** Verdicts that come from the IAM data name its version. */
    readonly fromData?: boolean;
}

const shownActions = 6;

export function renderFinding(resourceName: string, finding: Finding): string {
    const where = `${resourceName} › ${finding.document}${finding.statement !== undefined ? ` › statement ${finding.statement}` : ""}`;
    const details: string[] = [];
    if (finding.actions.length > 0) {
        const listed = finding.actions.slice(0, shownActions).map((a) => (a.note ? `${a.action} (${a.note})` : a.action));
        const more = finding.actions.length - shownActions;
        details.push(`action${finding.actions.length > 1 ? "s" : ""}: ${listed.join(", ")}${more > 0 ? `, +${more} more` : ""}`);
    }
    if (finding.element !== undefined) details.push(`resource: ${JSON.stringify(finding.element)}`);
    if (finding.fromData) details.push(`IAM data ${dataVersion()}`);
    return [`${where}: ${finding.problem}`, ...(details.length > 0 ? [details.join("; ")] : []), `fix: ${finding.fix}`].join("\n");
}
