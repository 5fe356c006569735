/**
 * Check 3 of issue 8, `supported-condition-keys`: each condition key is a global key or one
 * that at least one of the statement's actions (or its resource types) supports, per the IAM
 * data; a key no action supports is never in the request, so the condition never matches and the
 * statement silently grants (or denies) nothing. Keys some actions lack are reported too, unless
 * the operator is `...IfExists` or `Null` (written for absent keys). Each value must fit its
 * operator's shape: ARNs for `Arn*`, `true`/`false` for `Bool` and `Null`, numbers, dates, IPs.
 */
import { Granted, granted } from "../iam/actions";
import { DocumentCheck } from "../check";
import { parseOperator, valueProblem } from "../iam/condition-operators";
import { closest } from "../iam/closest";
import { globalConditionKeyNames, isGlobalConditionKey, keyServiceKnown, supportsConditionKey } from "../iam/condition-key-data";
import { Finding } from "../finding";
import { ActionInfo, dataVersion } from "../iam/iam-data";
import { remember } from "../iam/memo";
import { CarriedDocument } from "../iam/resource-documents";

export const supportedConditionKeys: DocumentCheck = {
    name: "supported-condition-keys",
    findingClass: "lint",
    description: "Condition keys are global or supported by the statement's actions (IAM data), and condition values fit their operators.",
    check(document: CarriedDocument): Finding[] {
        const findings: Finding[] = [];
        for (const statement of document.read.statements) {
            if (hasNoConditions(statement.conditions)) continue;
            const operators = Object.entries(statement.conditions);
            const grants = granted(statement);
            const judgeable = grants.unbounded.length === 0 && grants.unresolved.length === 0 && grants.actions.length > 0;
            for (const [operatorText, block] of operators) {
                const operator = parseOperator(operatorText);
                for (const [key, values] of Object.entries(block)) {
                    const base = { document: document.field, statement: statement.label };
                    if (operator !== undefined) {
                        for (const value of values) {
                            const problem = valueProblem(operator.shape, value);
                            if (problem) findings.push({ ...base, actions: [], problem: `condition ${operatorText} ${key}: ${problem}, so the condition never matches as intended`, fix: `give ${operatorText} ${shapeHint(operator.shape)}, or use the operator that fits the value` });
                        }
                    }
                    if (isGlobalConditionKey(key)) continue;
                    if (key.toLowerCase().startsWith("aws:")) {
                        const near = closest(globalConditionKeyNames(), key);
                        findings.push({ ...base, actions: [], problem: `the IAM data (${dataVersion()}) does not list ${key} as a global condition key, so it is probably never in the request and the condition never matches`, fix: near ? `did you mean ${near}?` : "use a global key from the IAM User Guide's \"AWS global condition context keys\"" });
                        continue;
                    }
                    if (!keyServiceKnown(key)) {
                        findings.push({ ...base, actions: [], problem: `the IAM data (${dataVersion()}) does not list condition key ${JSON.stringify(key)}: it is neither a global aws: key nor a key of a service the data knows`, fix: "use a key listed for the action in the Service Authorization Reference" });
                        continue;
                    }
                    if (!judgeable) continue;
                    const lacking = lackingSupport(grants, key);
                    if (lacking.length === 0) continue;
                    const none = lacking.length === grants.actions.length;
                    if (!none && (operator?.ifExists || operator?.base === "Null")) continue;
                    findings.push({
                        ...base,
                        actions: lacking.map((info) => ({ action: info.action, note: `does not support ${key}` })),
                        problem: none
                            ? `the IAM data (${dataVersion()}) does not list condition key ${key} for any action of the statement, so the key is probably never present and the condition never matches (the statement then ${statement.effect === "Allow" ? "grants" : "denies"} nothing)`
                            : `the IAM data (${dataVersion()}) does not list condition key ${key} for some of the statement's actions, so for them the condition probably never matches`,
                        fix: none
                            ? "use a key the actions support (or a global aws: key), or drop the condition"
                            : `move these actions to their own statement, or use ${operatorText.replace(/IfExists$/, "")}IfExists if the key may be absent on purpose`,
                    });
                }
            }
        }
        return findings;
    },
};

/** Per action list, by key: the actions that do not support the key (a `service:*` list has hundreds to ask). */
const lackingByList = new WeakMap<Granted, Map<string, readonly ActionInfo[]>>();

function lackingSupport(grants: Granted, key: string): readonly ActionInfo[] {
    const byKey = remember(lackingByList, grants, () => new Map<string, readonly ActionInfo[]>());
    return remember(byKey, key, () => grants.actions.filter((info) => !supportsConditionKey(info, key)), 1000);
}

/** Without allocating, as most statements have no conditions. */
function hasNoConditions(conditions: object): boolean {
    for (const key in conditions) if (Object.hasOwn(conditions, key)) return false;
    return true;
}

function shapeHint(shape: string): string {
    switch (shape) {
        case "arn": return "ARNs (arn:partition:service:region:account:resource)";
        case "boolean": case "null": return '"true" or "false"';
        case "number": return "numbers";
        case "date": return "ISO 8601 dates or epoch seconds";
        case "ip": return "IP addresses or CIDR ranges";
        default: return "values of the right shape";
    }
}
