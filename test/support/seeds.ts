/** Reads the policy documents the seeds print, so tests compare against the seeds themselves. */
import * as fs from "fs";
import * as path from "path";
import { seedsDir } from "./shared";

/** The text of the seed whose file name starts with `prefix` (`"004_"`). */
export function seedText(prefix: string): string {
    const file = fs.readdirSync(seedsDir).find((f) => f.startsWith(prefix));
    if (!file) throw new Error(`no seed ${prefix} in ${seedsDir}`);
    return fs.readFileSync(path.join(seedsDir, file), "utf8");
}

/** Every ```json block after the heading whose text contains `heading`, up to the next heading of that level. */
export function seedJson(seedPrefix: string, heading: string): any[] {
    const text = seedText(seedPrefix);
    const lines = text.split("\n");
    const start = lines.findIndex((l) => /^#+ /.test(l) && l.includes(heading));
    if (start < 0) throw new Error(`seed ${seedPrefix} has no heading containing "${heading}"`);
    const level = /^#+/.exec(lines[start])![0].length;
    const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}} `).test(l));
    const section = lines.slice(start, end < 0 ? undefined : end).join("\n");
    return [...section.matchAll(/```json\s*\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
}

/** IAM treats a one-element list and a string alike; compare documents in one form. */
export function normalize(document: any): any {
    const list = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? [...v] : [v]);
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    return {
        Version: document.Version,
        Statement: statements.map((s: any) => JSON.parse(JSON.stringify({
            Sid: s.Sid, Effect: s.Effect, Principal: s.Principal,
            Action: list(s.Action), NotAction: list(s.NotAction),
            Resource: list(s.Resource), NotResource: list(s.NotResource),
            Condition: s.Condition === undefined ? undefined : Object.fromEntries(Object.entries(s.Condition).map(([op, kv]: [string, any]) =>
                [op, Object.fromEntries(Object.entries(kv).map(([k, v]) => [k, list(v)]))])),
        }))),
    };
}
