/** `--out <dir>`: the Markdown permission report and the rendered documents, per stack. */
import * as fs from "fs";
import * as path from "path";
import { documentsJson } from "./json";
import { renderMarkdown } from "./markdown";
import { StackReport } from "./report";

/** Writes `<dir>/<stack>.md` and `<dir>/<stack>.json`; returns the paths written. */
export function writeReports(dir: string, report: StackReport): string[] {
    fs.mkdirSync(dir, { recursive: true });
    const markdown = path.join(dir, `${report.stack}.md`);
    const json = path.join(dir, `${report.stack}.json`);
    fs.writeFileSync(markdown, renderMarkdown(report));
    fs.writeFileSync(json, `${JSON.stringify(documentsJson(report), null, 2)}\n`);
    return [markdown, json];
}
