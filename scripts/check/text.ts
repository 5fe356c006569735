/** The console rendering: compact, one line per statement, violations grouped by policy. */
import { PermissionRow } from "./principals";
import { StackReport, titleOf } from "./report";

function statementLine(row: PermissionRow, whyWidth: number): string {
    const parts = [`${row.effect.padEnd(5)} ${row.why.padEnd(whyWidth)} ${row.actions.join(", ")}`];
    if (row.resources.length > 0) parts.push(`on ${row.resources.join(", ")}`);
    if (row.who !== "") parts.push(`by ${row.who}`);
    if (row.conditions.length > 0) parts.push(`if ${row.conditions.join(" and ")}`);
    return parts.join("  ");
}

export function renderText(report: StackReport, elapsedMs: number): string {
    const lines: string[] = [`== stack ${report.stack} (environment ${report.environment}, ${report.file})`, "", "Resources by type:"];
    const countWidth = Math.max(...report.resourcesByType.map((r) => String(r.count).length));
    for (const r of report.resourcesByType) lines.push(`  ${String(r.count).padStart(countWidth)}  ${r.type}`);
    lines.push("", "Permissions by principal:");
    for (const table of report.principals) {
        lines.push(`  ${titleOf(table)}`);
        for (const document of table.documents) {
            lines.push(`    ${document.source}`);
            if (document.rows.length === 0) lines.push("      (no statements rendered)");
            const whyWidth = Math.max(0, ...document.rows.map((r) => r.why.length));
            for (const row of document.rows) lines.push(`      ${statementLine(row, whyWidth)}`);
        }
    }
    const violationLines = (title: string, groups: StackReport["violations"]) => {
        lines.push("", groups.length === 0 ? `${title}: none` : `${title}:`);
        for (const group of groups) {
            lines.push(`  ${group.policy} (${group.level}, ${group.messages.length})`);
            for (const message of group.messages) lines.push(...message.split("\n").map((l, i) => `${i === 0 ? "    - " : "      "}${l}`));
        }
    };
    violationLines("Violations (update)", report.violations);
    violationLines("Violations (first preview, outputs unknown)", report.preview.violations);
    lines.push("", summaryLine(report, elapsedMs));
    return lines.join("\n");
}

export function summaryLine(report: StackReport, elapsedMs: number): string {
    const verdict = report.passed ? "PASS" : "FAIL";
    return `${verdict} ${report.stack}: ${report.resourcesByType.reduce((n, r) => n + r.count, 0)} resources, ${report.principals.length} principals, `
        + `${report.mandatory} mandatory and ${report.advisory} advisory violations on update, `
        + `${report.preview.mandatory} mandatory and ${report.preview.advisory} advisory on preview (${(elapsedMs / 1000).toFixed(1)} s)`;
}
