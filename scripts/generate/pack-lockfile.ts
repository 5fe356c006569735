/**
 * Writes the pack's own lockfile, `policypacks/least-privilege/npm-shrinkwrap.json`, from the root
 * lockfile: the pack's runtime dependencies and everything they pull in, at exactly the versions
 * (and integrity hashes) the repository pins, so a published pack installs what the repo tested.
 * A shrinkwrap rather than a package-lock because `npm pack` never ships a package-lock.
 * `npm run generate:pack-lockfile`; a spec fails when it is stale.
 */
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const packDir = "policypacks/least-privilege";
export const shrinkwrapPath = path.join(root, packDir, "npm-shrinkwrap.json");

type LockEntry = Record<string, unknown> & { version?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string> };

/** Where npm finds `name` for the package installed at `from`: its own node_modules, then each parent's. */
function resolve(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
    let base = from;
    for (;;) {
        const candidate = `${base === "" ? "" : `${base}/`}node_modules/${name}`;
        if (packages[candidate]) return candidate;
        if (base === "") return undefined;
        const cut = base.lastIndexOf("/node_modules/");
        base = cut >= 0 ? base.slice(0, cut) : "";
    }
}

/** The shrinkwrap's text, built from the root lockfile and the pack's package.json. */
export function shrinkwrapText(): string {
    const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
    const pack = JSON.parse(fs.readFileSync(path.join(root, packDir, "package.json"), "utf8")) as { name: string; version: string; license: string; dependencies: Record<string, string> };
    const entries = new Map<string, LockEntry>();
    const visit = (from: string, deps: Record<string, string> | undefined, optional: boolean) => {
        for (const name of Object.keys(deps ?? {}).sort()) {
            const at = resolve(lock.packages, from, name);
            if (at === undefined) {
                if (optional) continue;
                throw new Error(`${name} (needed by ${from || packDir}) is not in package-lock.json: run npm install first`);
            }
            const key = at.startsWith(`${packDir}/`) ? at.slice(packDir.length + 1) : at;
            if (entries.has(key)) continue;
            const { dev, devOptional, peer, ...entry } = lock.packages[at] as LockEntry & { dev?: boolean; devOptional?: boolean; peer?: boolean };
            void dev; void devOptional; void peer;
            entries.set(key, entry);
            visit(at, entry.dependencies, false);
            visit(at, entry.optionalDependencies, true);
            visit(at, entry.peerDependencies, true);
        }
    };
    visit(packDir, pack.dependencies, false);
    for (const [name, range] of Object.entries(pack.dependencies)) {
        const locked = entries.get(`node_modules/${name}`)?.version;
        if (locked !== range) throw new Error(`${packDir}/package.json pins ${name} ${range}, but the root lockfile has ${locked}: pin the locked version`);
    }
    const packages: Record<string, unknown> = { "": { name: pack.name, version: pack.version, license: pack.license, dependencies: pack.dependencies } };
    for (const key of [...entries.keys()].sort()) packages[key] = entries.get(key);
    return `${JSON.stringify({ name: pack.name, version: pack.version, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

if (require.main === module) {
    fs.writeFileSync(shrinkwrapPath, shrinkwrapText());
    console.log(`wrote ${path.relative(process.cwd(), shrinkwrapPath)}`);
}
