/**
 * What a check found, and how it reads in a violation: the resource, the document, the statement
 * (Sid or `#index`), the actions with their data tier, the offending resource element, the IAM
 * data version, and the fix. One to three lines, for a security reviewer.
 */
import { dataVersion } from "./iam/iam-data";
import { remember } from "./iam/memo";

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

/**
 * The actions as a message lists them, once per list: the checks hand every finding about one
 * action list the same array (a `"*"` finding per statement granting it).
 */
const listedActions = new WeakMap<readonly FindingAction[], string>();

function actionsLine(actions: readonly FindingAction[]): string {
    return remember(listedActions, actions, () => {
        const listed = actions.slice(0, shownActions).map((a) => (a.note ? `${a.action} (${a.note})` : a.action));
        const more = actions.length - shownActions;
        return `action${actions.length > 1 ? "s" : ""}: ${listed.join(", ")}${more > 0 ? `, +${more} more` : ""}`;
    });
}

export function renderFinding(resourceName: string, finding: Finding): string {
    const where = `${resourceName} › ${finding.document}${finding.statement !== undefined ? ` › statement ${finding.statement}` : ""}`;
    let details = finding.actions.length > 0 ? actionsLine(finding.actions) : "";
    if (finding.element !== undefined) details += `${details === "" ? "" : "; "}resource: ${JSON.stringify(finding.element)}`;
    if (finding.fromData) details += `${details === "" ? "" : "; "}IAM data ${dataVersion()}`;
    return `${where}: ${finding.problem}${details === "" ? "" : `\n${details}`}\nfix: ${finding.fix}`;
}
