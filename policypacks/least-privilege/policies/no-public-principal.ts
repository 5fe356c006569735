/**
 * Policy 5: no public principal. A trust or resource policy must not let in more than it names:
 * - `"*"` (or `{"AWS": "*"}`, or everyone but a NotPrincipal) needs a condition that narrows who
 *   by identity, organization, source or network, with values that do not cover the whole space
 *   (`narrowing.ts`: not `o-*`, not `arn:aws:iam::*:*`, not 0.0.0.0/1 plus 128.0.0.0/1, not
 *   `IfExists`, negated, `ForAllValues:`, `Bool` or `Null` conditions);
 * - a federated principal in a trust policy needs its provider's subject and audience keys;
 * - a service principal needs `aws:SourceArn`/`aws:SourceAccount` (the confused deputy), except in
 *   the trust policy of a service that sends no source context (`principal-data.ts`).
 */
import { DocumentCheck } from "../check";
import { Statement } from "../iam/documents";
import { Finding } from "../finding";
import { narrowingReport } from "../iam/narrowing";
import { federatedGaps, serviceGap } from "../iam/principal-rules";

/**
 * A statement with a Principal is a trust statement in a trust policy and a resource statement in
 * a resource policy; in a document carried as an identity policy (a managed policy holding such a
 * document) its actions decide: only `sts:` actions make it a trust statement.
 */
function principalKind(kind: "identity" | "trust" | "resource", statement: Statement): "trust" | "resource" {
    if (kind !== "identity") return kind;
    const actions = statement.actions ?? [];
    return actions.length > 0 && actions.every((a) => a.toLowerCase().startsWith("sts:")) ? "trust" : "resource";
}

/**
 * Principal values with a wildcard that are not the whole principal `"*"` (`arn:aws:iam::*:root`,
 * `12345678901?`, `" *"`): IAM User Guide, "AWS JSON policy elements: Principal": "You cannot use
 * a wildcard to match part of a principal name or ARN." NotPrincipal values are judged the same.
 */
function partialWildcards(statement: Statement): { type: string; value: string }[] {
    const found: { type: string; value: string }[] = [];
    for (const principal of [statement.principal, statement.notPrincipal]) {
        for (const [type, values] of Object.entries(principal?.entries ?? {})) {
            for (const value of values) if (value !== "*" && /[*?]/.test(value)) found.push({ type, value });
        }
    }
    return found;
}

const actionsOf = (statement: Statement) => (statement.actions ?? statement.notActions ?? []).map((action) => ({ action }));

export const noPublicPrincipal: DocumentCheck = {
    name: "no-public-principal",
    findingClass: "security",
    description: "Trust and resource policies never let \"*\", a federated provider or a service principal in without a condition that narrows who.",
    check(document, _resource, stack): Finding[] {
        const findings: Finding[] = [];
        for (const statement of document.read.statements) {
            // Without a principal there is no one to let in (identity statements): nothing below applies.
            if (statement.effect !== "Allow" || (statement.principal === undefined && statement.notPrincipal === undefined)) continue;
            const finding = (problem: string, fix: string): Finding => ({ document: document.field, statement: statement.label, actions: actionsOf(statement), problem, fix });
            const open = statement.principal?.any === true ? "lets any principal (\"*\") in" : statement.notPrincipal !== undefined ? "lets every principal but the NotPrincipal in" : undefined;
            if (open !== undefined) {
                const report = narrowingReport(statement);
                if (report.narrowing.length === 0) {
                    findings.push(finding(
                        `${open} without a narrowing condition${report.reasons.length > 0 ? `: ${report.reasons.join("; ")}` : ""}`,
                        "name the principal, or add a condition that names your account, organization, source or network: StringEquals aws:PrincipalOrgID o-<your org>, aws:SourceAccount <account>, aws:SourceVpce vpce-<id>, or IpAddress aws:SourceIp <your CIDR>",
                    ));
                }
                continue;
            }
            const partial = partialWildcards(statement);
            if (partial.length > 0) {
                findings.push(finding(
                    `names ${partial.map((p) => `${p.type} ${JSON.stringify(p.value)}`).join(", ")}: a principal is "*" or names one principal; AWS does not match part of a principal with a wildcard, so it either refuses the policy or reads it as every principal that fits`,
                    "name the principal in full (arn:aws:iam::<account>:root, a role ARN, a service name), or use \"*\" with a condition that narrows who (aws:PrincipalOrgID, aws:SourceAccount)",
                ));
                continue;
            }
            const kind = principalKind(document.kind, statement);
            if (kind === "trust") for (const gap of federatedGaps(statement)) findings.push(finding(gap.problem, gap.fix));
            const service = serviceGap(statement, kind, stack?.accounts);
            if (service !== undefined) findings.push(finding(service.problem, service.fix));
        }
        return findings;
    },
};
