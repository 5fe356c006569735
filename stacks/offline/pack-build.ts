/**
 * The compiled pack (`policypacks/least-privilege/bin`), rebuilt when a source is newer than it:
 * the check starts the pack as the CLI does, and the CLI loads the JavaScript its `main` names.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { packDir } from "./pack-process";

const entry = path.join(packDir, "bin", "index.js");

/** The newest modification time among the pack's sources and generated tables. */
function newestSource(dir = packDir): number {
    let newest = 0;
    for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
        if (item.name === "bin" || item.name === "node_modules") continue;
        const full = path.join(dir, item.name);
        if (item.isDirectory()) newest = Math.max(newest, newestSource(full));
        else if (/\.(ts|json)$/.test(item.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
    return newest;
}

/** Compiles the pack with the repository's TypeScript unless `bin/` is up to date; returns whether it built. */
export function ensurePackBuilt(): boolean {
    if (fs.existsSync(entry) && fs.statSync(entry).mtimeMs >= newestSource()) return false;
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", packDir], { stdio: ["ignore", "inherit", "inherit"] });
    const generated = path.join(packDir, "generated");
    if (fs.existsSync(generated)) fs.cpSync(generated, path.join(packDir, "bin", "generated"), { recursive: true, filter: (f) => !f.endsWith(".ts") });
    fs.utimesSync(entry, new Date(), new Date());
    return true;
}
