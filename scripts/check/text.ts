/**
 * The console rendering. The answer first: the verdict, the findings counted by level and class,
 * the principals by workload; then the findings, then what a reviewer asks for (credentials, who
 * can assume each role, statements on "*", access by resource), then every statement by
 * principal. Every line is wrapped to the terminal's width.
 */
import { PermissionRow } from "./principals";
import { Counts, StackReport, titleOf } from "./report";
import { workloadTitles } from "./workloads";

/** The terminal's width; 100 when stdout is not a terminal (a CI log, a pipe). */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
    return stream.isTTY && stream.columns ? Math.max(40, stream.columns) : 100;
}

/** Wraps one line at spaces to `width`, continuation lines indented two past the line's own indent. */
export function wrap(line: string, width: number): string[] {
    if (line.length <= width) return [line];
    const indent = " ".repeat((/^ */.exec(line)?.[0].length ?? 0) + 2);
    const out: string[] = [];
    let rest = line;
    let prefix = "";
    while ((prefix + rest).length > width) {
        const room = width - prefix.length;
        let cut = rest.lastIndexOf(" ", room);
        if (cut <= rest.length - rest.trimStart().length) cut = rest.indexOf(" ", room);
        if (cut < 0) break;
        out.push(prefix + rest.slice(0, cut));
        rest = rest.slice(cut + 1).trimStart();
        prefix = indent;
    }
    out.push(prefix + rest);
    return out;
}

function statementLine(row: PermissionRow, whyWidth: number): string {
    const parts = [`${row.effect.padEnd(5)} ${row.why.padEnd(whyWidth)} ${row.actions.join(", ")}`];
    if (row.resources.length > 0) parts.push(`on ${row.resources.join(", ")}`);
    if (row.who !== "") parts.push(`by ${row.who}`);
    if (row.conditions.length > 0) parts.push(`if ${row.conditions.join(" and ")}`);
    return parts.join("  ");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `2 mandatory (1 security, 1 aws-rejects), 4 advisory (4 lint)`. */
export function countsLine(counts: Counts): string {
    const levels = ["mandatory", "advisory", ...Object.keys(counts).filter((l) => l !== "mandatory" && l !== "advisory")];
    return levels.map((level) => {
        const byClass = counts[level] ?? {};
        const total = Object.values(byClass).reduce((a, b) => a + b, 0);
        const classes = Object.entries(byClass).sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${n} ${c}`);
        return `${total} ${level}${classes.length > 0 ? ` (${classes.join(", ")})` : ""}`;
    }).join(", ");
}

/** The opening lines: verdict, counts, principals by workload. */
export function headline(report: StackReport): string[] {
    const verdict = report.passed
        ? `PASS ${report.stack}: nothing mandatory; pulumi preview --policy-pack would let this stack through`
        : `FAIL ${report.stack}: blocked; ${report.mandatory} mandatory findings on the update, ${report.preview.mandatory} on the first preview`;
    const roles = report.principals.filter((p) => p.kind === "role").length;
    const users = report.principals.filter((p) => p.kind === "user").length;
    const grants = report.principals.filter((p) => p.kind === "resource").length;
    const lines = [
        verdict,
        `  findings on update: ${countsLine(report.counts)}`,
        `  stack ${report.stack}, environment ${report.environment}, ${report.file}: ${report.resourcesByType.reduce((n, r) => n + r.count, 0)} resources, `
            + `${plural(roles, "role")}, ${plural(users, "user")}, ${plural(grants, "resource")} with a resource policy`,
        "",
        "Principals by workload:",
    ];
    const workloads = [...new Set(report.principals.filter((p) => p.kind !== "resource").map((p) => p.workload ?? "other"))];
    for (const workload of workloads) {
        const names = report.principals.filter((p) => p.kind !== "resource" && (p.workload ?? "other") === workload).map(titleOf);
        lines.push(`  ${workloadTitles[workload] ?? "other"} [${workload}]: ${names.join(", ")}`);
    }
    return lines;
}

export function reviewLines(report: StackReport): string[] {
    const { credentials, trust, onAnyResource, byResource } = report.review;
    const lines = ["", "Credentials (IAM users, access keys, console passwords):"];
    if (credentials.length === 0) lines.push("  none: every principal is a role (no long-lived credentials)");
    for (const c of credentials) {
        lines.push(`  user ${c.user}${c.workload ? ` [${c.workload}]` : ""}: ${plural(c.accessKeys, "access key")}, ${c.loginProfile ? "a console password (login profile)" : "no console password"}`);
    }
    lines.push("", "Who can assume each role:");
    if (trust.length === 0) lines.push("  no roles");
    for (const t of trust) {
        if (t.who.length === 1) lines.push(`  role ${t.role}: ${t.who[0]}`);
        else lines.push(`  role ${t.role}:`, ...t.who.map((who) => `    - ${who}`));
    }
    lines.push("", 'Statements on "*" and why each is allowed:');
    if (onAnyResource.length === 0) lines.push('  none: every statement names its resources');
    const reasons = new Map<string, string>();
    for (const g of onAnyResource) {
        const actions = [...new Set(g.actions.map((a) => a.action))];
        lines.push(`  ${g.principal}, ${g.document}, ${g.why}: ${actions.join(", ")}${g.conditions.length > 0 ? ` (if ${g.conditions.join(" and ")})` : ""}`);
        for (const a of g.actions) reasons.set(a.reason, a.source ?? "");
    }
    if (reasons.size > 0) lines.push("  why each of these actions needs \"*\":");
    for (const [reason, source] of [...reasons].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`    - ${reason}${source ? ` (source: ${source})` : ""}`);
    lines.push("", "Access by resource (from the IAM data's access levels: Read/List read, Write write, Permissions management/Tagging administer):");
    if (byResource.length === 0) lines.push("  no data stores named");
    for (const r of byResource) {
        lines.push(`  ${r.resource}`);
        for (const access of ["read", "write", "administer"] as const) {
            if (r[access].length > 0) lines.push(`    ${access}: ${r[access].join(", ")}`);
        }
    }
    return lines;
}

export function renderText(report: StackReport, elapsedMs: number, width = 100): string {
    const lines: string[] = [...headline(report)];
    const violationLines = (title: string, groups: StackReport["violations"]) => {
        lines.push("", groups.length === 0 ? `${title}: none` : `${title}:`);
        for (const group of groups) {
            lines.push(`  ${group.policy} (${group.level}, ${group.findingClass}, ${group.messages.length})`);
            for (const message of group.messages) lines.push(...message.split("\n").map((l, i) => `${i === 0 ? "    - " : "      "}${l}`));
        }
    };
    violationLines("Findings (update)", report.violations);
    violationLines("Findings (first preview, outputs unknown)", report.preview.violations);
    lines.push(...reviewLines(report));
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
    lines.push("", "Resources by type:");
    const countWidth = Math.max(...report.resourcesByType.map((r) => String(r.count).length));
    for (const r of report.resourcesByType) lines.push(`  ${String(r.count).padStart(countWidth)}  ${r.type}`);
    lines.push("", summaryLine(report, elapsedMs));
    return lines.flatMap((l) => wrap(l, width)).join("\n");
}

export function summaryLine(report: StackReport, elapsedMs: number): string {
    const verdict = report.passed ? "PASS" : "FAIL";
    return `${verdict} ${report.stack}: ${report.resourcesByType.reduce((n, r) => n + r.count, 0)} resources, ${report.principals.length} principals, `
        + `${report.mandatory} mandatory and ${report.advisory} advisory violations on update, `
        + `${report.preview.mandatory} mandatory and ${report.preview.advisory} advisory on preview (${(elapsedMs / 1000).toFixed(1)} s)`;
}
