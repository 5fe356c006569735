/** `--out <dir>`: the Markdown permission report and the rendered documents, per stack. */
import * as fs from "fs";
import * as path from "path";
import { documentsJson } from "./json";
import { renderMarkdown } from "./markdown";
import { StackReport } from "./report";

/** A report that cannot be written: the path and the system's reason, printed as one line (exit 2). */
export class OutputError extends Error {
    constructor(readonly target: string, reason: string) {
        super(`cannot write reports to ${target}: ${reason}`);
        this.name = "OutputError";
    }
}

const reasonOf = (e: unknown) => {
    const error = e as NodeJS.ErrnoException;
    const reasons: Record<string, string> = {
        EACCES: "permission denied", EPERM: "operation not permitted", EROFS: "read-only file system",
        ENOSPC: "no space left on the device", ENOTDIR: "a part of the path is a file, not a folder",
        ENOENT: "the folder cannot be created there", EEXIST: "it exists and is not a folder", EISDIR: "it is a folder",
    };
    return error.code && reasons[error.code] ? `${reasons[error.code]} (${error.code})` : error.message;
};

/**
 * Creates `dir` and its missing parents one level at a time and checks it is writable, before
 * any stack runs. Not `mkdirSync(..., { recursive: true })`: under `/proc` mkdir answers ENOENT
 * for the child while the parent exists, and Node's recursive mkdir retries that forever.
 */
export function prepareOutDir(dir: string): void {
    const target = path.resolve(dir);
    const missing: string[] = [];
    let existing = target;
    while (!fs.existsSync(existing)) {
        missing.unshift(existing);
        const parent = path.dirname(existing);
        if (parent === existing) break;
        existing = parent;
    }
    if (!fs.statSync(existing).isDirectory()) {
        throw new OutputError(dir, existing === target ? "it is a file, not a folder" : `${existing} is a file, not a folder`);
    }
    for (const folder of missing) {
        try {
            fs.mkdirSync(folder);
        } catch (e) {
            throw new OutputError(dir, `cannot create ${folder}: ${reasonOf(e)}`);
        }
    }
    try {
        fs.accessSync(target, fs.constants.W_OK);
    } catch (e) {
        throw new OutputError(dir, reasonOf(e));
    }
}

/** Writes `<dir>/<stack>.md` and `<dir>/<stack>.json`; returns the paths written. */
export function writeReports(dir: string, report: StackReport): string[] {
    prepareOutDir(dir);
    const markdown = path.join(dir, `${report.stack}.md`);
    const json = path.join(dir, `${report.stack}.json`);
    for (const [file, content] of [[markdown, renderMarkdown(report)], [json, `${JSON.stringify(documentsJson(report), null, 2)}\n`]]) {
        try {
            fs.writeFileSync(file, content);
        } catch (e) {
            throw new OutputError(file, reasonOf(e));
        }
    }
    return [markdown, json];
}
