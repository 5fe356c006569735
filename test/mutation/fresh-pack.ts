/**
 * Mocha root hook for mutation runs only (stryker.config.mjs requires it after test/hooks.ts).
 *
 * Stryker runs the specs many times in one process, switching the active mutant between runs.
 * The pack caches per action list, per document text and per data entry (iam/memo.ts and the
 * module-level maps that `remember` fills), so a run would be answered from caches filled while
 * another mutant, or none, was active: the mutant's code never runs and it "survives". Before
 * every run this reloads the pack's modules afresh and points the exports the specs already hold
 * at the fresh ones, so each run starts with empty caches, as the analyzer does on a new preview.
 * Reloads reuse the JavaScript ts-node produced the first time (no second transpile).
 */
import * as path from "path";

const Module = require("module") as { prototype: { _compile(code: string, filename: string): unknown } };
type Loader = (module: { _compile(code: string, filename: string): unknown }, filename: string) => unknown;

const packDir = path.resolve(__dirname, "../../policypacks/least-privilege") + path.sep;
const isPackSource = (file: string) => file.startsWith(packDir) && file.endsWith(".ts") && !file.includes(`${path.sep}node_modules${path.sep}`);

const compiled = new Map<string, string>();
const compile = Module.prototype._compile;
Module.prototype._compile = function (code: string, filename: string) {
    if (isPackSource(filename)) compiled.set(filename, code);
    return compile.call(this, code, filename);
};
const extensions = require.extensions as unknown as Record<string, Loader>;
const tsLoader = extensions[".ts"];
extensions[".ts"] = (module, filename) => {
    const code = compiled.get(filename);
    return code !== undefined ? module._compile(code, filename) : tsLoader(module, filename);
};

/** The exports objects the specs were given at their first import, by file: each reload points them at the fresh modules. */
const firstExports = new Map<string, Record<string, unknown>>();

/** Loads every pack module already loaded again, and makes the exports objects the specs hold read the new ones. */
export function reloadPack(): number {
    const stale = Object.keys(require.cache).filter(isPackSource);
    for (const file of stale) if (!firstExports.has(file)) firstExports.set(file, require.cache[file]!.exports as Record<string, unknown>);
    for (const file of stale) delete require.cache[file];
    for (const file of stale) {
        const fresh = require(file) as Record<string, unknown>;
        const held = firstExports.get(file)!;
        for (const key of Object.keys(fresh)) {
            const own = Object.getOwnPropertyDescriptor(held, key);
            // A re-export (`export { x } from`) is a getter that reads the other module's exports, themselves repointed.
            if (own && !own.configurable) continue;
            Object.defineProperty(held, key, { configurable: true, enumerable: true, get: () => fresh[key] });
        }
    }
    return stale.length;
}

export const mochaHooks = {
    beforeAll(): void {
        reloadPack();
    },
};
