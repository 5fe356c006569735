/**
 * Stryker's results, in its mutation-testing-report-schema JSON, made into what the repository
 * keeps: `merge` folds reports of partial runs (`--mutate` on some files, each with its own
 * incremental file) into the committed incremental file, docs/mutation/mutation.json and the
 * HTML report; `summary` writes the per-file score table into docs/mutation.md.
 *
 * Score = (killed + timeout) / (mutants − ignored − compile errors − runtime errors): Stryker's
 * own mutation score, so "no coverage" counts against it.
 */
import * as fs from "fs";
import * as path from "path";

export type MutantStatus = "Killed" | "Survived" | "NoCoverage" | "Timeout" | "CompileError" | "RuntimeError" | "Ignored" | "Pending";

export interface MutantResult {
    id: string;
    mutatorName: string;
    replacement?: string;
    status: MutantStatus;
    statusReason?: string;
    static?: boolean;
    coveredBy?: string[];
    killedBy?: string[];
    location: { start: { line: number; column: number }; end: { line: number; column: number } };
    [more: string]: unknown;
}

export interface MutationReport {
    schemaVersion: string;
    thresholds: { high: number; low: number; break?: number | null };
    files: Record<string, { language: string; source: string; mutants: MutantResult[] }>;
    testFiles?: Record<string, { source?: string; tests: { id: string; name: string; [more: string]: unknown }[] }>;
    projectRoot?: string;
    [more: string]: unknown;
}

const root = path.resolve(__dirname, "../..");
export const incrementalFile = path.join(root, "docs/mutation/stryker-incremental.json");
export const jsonReportFile = path.join(root, "docs/mutation/mutation.json");
export const htmlReportFile = path.join(root, "docs/mutation/index.html");
export const summaryFile = path.join(root, "docs/mutation.md");

/** Reports of disjoint (or later, newer) runs as one: a file's mutants come from the last report that has the file; test ids are renumbered, since each run numbers its own tests from 0. */
export function mergeReports(reports: readonly MutationReport[]): MutationReport {
    const merged: MutationReport = { ...reports[reports.length - 1], files: {}, testFiles: {} };
    const globalIds = new Map<string, string>(); // "<test file>\0<test name>" → id in the merged report
    const testFiles = merged.testFiles!;
    for (const report of reports) {
        const localToGlobal = new Map<string, string>();
        for (const [file, { source, tests }] of Object.entries(report.testFiles ?? {})) {
            const target = (testFiles[file] ??= { source, tests: [] });
            if (source !== undefined) target.source = source;
            for (const test of tests) {
                const key = `${file}\0${test.name}`;
                let id = globalIds.get(key);
                if (id === undefined) {
                    id = String(globalIds.size);
                    globalIds.set(key, id);
                    target.tests.push({ ...test, id });
                }
                localToGlobal.set(test.id, id);
            }
        }
        const renumber = (ids: string[] | undefined) => ids?.map((id) => localToGlobal.get(id) ?? id);
        for (const [file, result] of Object.entries(report.files)) {
            merged.files[file] = { ...result, mutants: result.mutants.map((m) => ({ ...m, coveredBy: renumber(m.coveredBy), killedBy: renumber(m.killedBy) })) };
        }
    }
    return merged;
}

export interface FileScore {
    file: string;
    total: number;
    killed: number;
    timeout: number;
    survived: number;
    noCoverage: number;
    ignored: number;
    errors: number;
    /** percent, or undefined when no mutant counts */
    score: number | undefined;
}

export function scoreOf(file: string, mutants: readonly MutantResult[]): FileScore {
    const count = (...statuses: MutantStatus[]) => mutants.filter((m) => statuses.includes(m.status)).length;
    const s = { file, total: mutants.length, killed: count("Killed"), timeout: count("Timeout"), survived: count("Survived"), noCoverage: count("NoCoverage"), ignored: count("Ignored"), errors: count("CompileError", "RuntimeError") };
    const valid = s.total - s.ignored - s.errors;
    return { ...s, score: valid > 0 ? (100 * (s.killed + s.timeout)) / valid : undefined };
}

/** The two targets: the policies and the document reader (≥ 90 %), the rest of the pack (≥ 85 %). */
export const packPrefix = "policypacks/least-privilege/";
export const isPolicyOrReader = (file: string) => /^policypacks\/least-privilege\/(policies\/|iam\/(documents|resource-documents|document-fields)\.ts$)/.test(file);

function sum(file: string, scores: readonly FileScore[]): FileScore {
    const add = (k: keyof Omit<FileScore, "file" | "score">) => scores.reduce((n, s) => n + s[k], 0);
    const s = { file, total: add("total"), killed: add("killed"), timeout: add("timeout"), survived: add("survived"), noCoverage: add("noCoverage"), ignored: add("ignored"), errors: add("errors") };
    const valid = s.total - s.ignored - s.errors;
    return { ...s, score: valid > 0 ? (100 * (s.killed + s.timeout)) / valid : undefined };
}

const pct = (score: number | undefined) => (score === undefined ? "–" : `${score.toFixed(1)} %`);
const row = (s: FileScore) => `| ${s.file.replace(packPrefix, "")} | ${pct(s.score)} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.ignored} | ${s.errors} | ${s.total} |`;
const header = ["| file | score | killed | timeout | survived | no coverage | ignored (static) | compile errors | mutants |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"];

/** The markdown table: the two groups, each with its total, then every file of the pack not in the report. */
export function scoreTable(report: MutationReport, packFiles: readonly string[]): string {
    const scores = Object.entries(report.files).map(([file, r]) => scoreOf(file, r.mutants)).sort((a, b) => a.file.localeCompare(b.file));
    const groups: [string, FileScore[]][] = [
        ["Policies and the document reader (target ≥ 90 %)", scores.filter((s) => isPolicyOrReader(s.file))],
        ["The rest of the pack (target ≥ 85 %)", scores.filter((s) => !isPolicyOrReader(s.file))],
    ];
    const lines: string[] = [];
    for (const [title, group] of groups) {
        lines.push(`### ${title}`, "", ...header, row(sum("**all of the group above**", group)), ...group.map(row), "");
    }
    const missing = packFiles.filter((f) => !report.files[f]);
    if (missing.length) lines.push(`Not run yet (${missing.length} files): ${missing.map((f) => f.replace(packPrefix, "")).join(", ")}.`, "");
    lines.push(`All files in the report: ${pct(sum("", scores).score)} over ${sum("", scores).total} mutants.`, "");
    return lines.join("\n");
}

/** The pack's source files in Stryker's scope (stryker.config.mjs `mutate`). */
export function packSourceFiles(): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
            const rel = `${dir}/${entry.name}`;
            if (entry.isDirectory()) {
                if (!["generated", "bin", "node_modules"].includes(entry.name)) walk(rel);
            } else if (entry.name.endsWith(".ts") && rel !== `${packPrefix}index.ts`) out.push(rel);
        }
    };
    walk(packPrefix.slice(0, -1));
    return out.sort();
}

const readReport = (file: string): MutationReport => JSON.parse(fs.readFileSync(file, "utf8"));

function writeHtml(report: MutationReport, file: string): void {
    // The same page Stryker's html reporter writes, from the mutation-testing-elements it ships.
    const corePath = require.resolve("@stryker-mutator/core/package.json");
    const elements = require.resolve("mutation-testing-elements/dist/mutation-test-elements.js", { paths: [path.dirname(corePath)] });
    const script = fs.readFileSync(elements, "utf8");
    const json = JSON.stringify(report).replace(/</g, '<"+"');
    const html = `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>least-privilege pack: mutation testing</title>\n<script>\n${script}\n</script>\n</head>\n<body>\n<mutation-test-report-app titlePostfix="Stryker"></mutation-test-report-app>\n<script>\nconst app = document.querySelector('mutation-test-report-app');\napp.report = ${json};\n</script>\n</body>\n</html>\n`;
    fs.writeFileSync(file, html);
}

/** docs/mutation.md keeps everything outside the markers; the table between them is rewritten. */
export function withTable(markdown: string, table: string): string {
    const begin = "<!-- scores: written by npm run mutate:summary -->";
    const end = "<!-- /scores -->";
    const block = `${begin}\n${table}\n${end}`;
    const i = markdown.indexOf(begin);
    const j = markdown.indexOf(end);
    if (i >= 0 && j > i) return markdown.slice(0, i) + block + markdown.slice(j + end.length);
    return `${markdown.trimEnd()}\n\n${block}\n`;
}

function main(argv: string[]): void {
    const [command, ...inputs] = argv;
    if (command === "merge") {
        const base = fs.existsSync(incrementalFile) ? [readReport(incrementalFile)] : [];
        const merged = mergeReports([...base, ...inputs.map(readReport)]);
        fs.mkdirSync(path.dirname(incrementalFile), { recursive: true });
        fs.writeFileSync(incrementalFile, JSON.stringify(merged));
        fs.writeFileSync(jsonReportFile, JSON.stringify(merged));
        writeHtml(merged, htmlReportFile);
        console.log(`merged ${inputs.length} report(s): ${Object.keys(merged.files).length} files, ${Object.values(merged.files).reduce((n, f) => n + f.mutants.length, 0)} mutants`);
    } else if (command === "summary") {
        const report = readReport(inputs[0] ?? jsonReportFile);
        const old = fs.existsSync(summaryFile) ? fs.readFileSync(summaryFile, "utf8") : "# Mutation testing of the least-privilege pack\n";
        fs.writeFileSync(summaryFile, withTable(old, scoreTable(report, packSourceFiles())));
        console.log(`wrote ${path.relative(root, summaryFile)}`);
    } else if (command === "survivors") {
        // `survivors <file substring> [report.json]`: each surviving or uncovered mutant with its line, as a to-do list.
        const report = readReport(inputs[1] ?? jsonReportFile);
        for (const [file, { source, mutants }] of Object.entries(report.files)) {
            if (!file.includes(inputs[0] ?? "")) continue;
            const lines = source.split("\n");
            for (const m of mutants.filter((x) => x.status === "Survived" || x.status === "NoCoverage").sort((a, b) => a.location.start.line - b.location.start.line)) {
                const { start, end } = m.location;
                const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)}…`;
                console.log(`${file.replace(packPrefix, "")}:${start.line}:${start.column} ${m.status} ${m.mutatorName}: ${original.trim().slice(0, 100)} → ${(m.replacement ?? "").replace(/\s+/g, " ").slice(0, 100)}`);
            }
        }
    } else {
        console.error("usage: report.ts merge <stryker report or incremental file>... | summary [report.json] | survivors <file substring> [report.json]");
        process.exitCode = 2;
    }
}

if (require.main === module) main(process.argv.slice(2));
