/**
 * The cdk-nag peer: its AwsSolutions rules on the same documents as the pack, one L1
 * `iam.CfnManagedPolicy` per document, in a child process (`cdk-nag-runner.js`). cdk-nag,
 * aws-cdk-lib and constructs are installed on demand into a scratch folder under node_modules, at
 * pinned versions, never into the project's package.json. Nothing here throws: when the peer cannot
 * be installed or run, the result says why. Run alone: `npx ts-node --transpile-only
 * scripts/bench/peer-cdk-nag.ts [v2|v3]` measures it on every AWS managed policy's default version.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
/** Inside the repo's node_modules (gitignored, not part of `npm ci`). */
export const peerFolder = path.join(root, "node_modules/.cache/bench-peers/cdk-nag");
const runner = path.join(__dirname, "cdk-nag-runner.js");
const managedPolicies = path.join(root, "policypacks/least-privilege/generated/aws-managed-policies.json");

/**
 * Exact versions, all Apache-2.0, current stable on 2026-12-02. cdk-nag 3 (latest) runs its packs as
 * a CDK policy-validation plugin; cdk-nag 2 (its last line, as an npm alias beside it) as an aspect.
 * Both peer on aws-cdk-lib ^2.257.0 / ^2.176.0 and constructs ^10.5.1.
 */
export const peerVersions: Readonly<Record<string, string>> = {
    "aws-cdk-lib": "2.276.0",
    constructs: "10.8.1",
    "cdk-nag": "3.0.2",
    "cdk-nag-v2": "npm:cdk-nag@2.38.2",
};

/**
 * Which cdk-nag: 2 (`Aspects.of(app).add`, the default: the faster of the two here, so the stricter
 * bar, and the registration the baseline used) or 3 (`Validations.of(app).addPlugins`).
 * Both report the same findings on the managed policies.
 */
export type CdkNagFlavour = "v3" | "v2";
const nagPackage: Record<CdkNagFlavour, string> = { v3: "cdk-nag", v2: "cdk-nag-v2" };

/** `2.38.2` for `npm:cdk-nag@2.38.2`. */
const pinnedVersion = (spec: string) => spec.slice(spec.lastIndexOf("@") + 1);

const installTimeoutMs = 10 * 60 * 1000;
const runTimeoutMs = 10 * 60 * 1000;

function installedVersion(name: string): string | undefined {
    try {
        return JSON.parse(fs.readFileSync(path.join(peerFolder, "node_modules", name, "package.json"), "utf8")).version;
    } catch {
        return undefined;
    }
}

/** True when every pinned package is in the peer folder at its pinned version. */
export function cdkNagInstalled(): boolean {
    return Object.entries(peerVersions).every(([name, spec]) => installedVersion(name) === pinnedVersion(spec));
}

export type Install = { readonly ok: true; readonly installMs?: number } | { readonly ok: false; readonly why: string };

/** Installs the pinned versions into the peer folder unless they are there already; `installMs` only when it installed. */
export function ensureCdkNag(): Install {
    if (cdkNagInstalled()) return { ok: true };
    try {
        fs.mkdirSync(peerFolder, { recursive: true });
        const manifest = { name: "bench-peer-cdk-nag", private: true, description: "cdk-nag peer of `npm run bench` (installed on demand)", dependencies: peerVersions };
        fs.writeFileSync(path.join(peerFolder, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
    } catch (error) {
        return { ok: false, why: `cannot write ${peerFolder}: ${(error as Error).message}` };
    }
    const started = process.hrtime.bigint();
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const child = spawnSync(npm, ["install", "--no-audit", "--no-fund", "--prefix", peerFolder], {
        cwd: peerFolder,
        env: installEnv(),
        encoding: "utf8",
        timeout: installTimeoutMs,
    });
    const installMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (child.error) return { ok: false, why: `npm install failed: ${child.error.message}` };
    if (child.status !== 0) return { ok: false, why: `npm install failed (${child.status}): ${npmErrors(child.stderr)}` };
    if (!cdkNagInstalled()) return { ok: false, why: `npm install did not produce ${describeVersions()}` };
    return { ok: true, installMs };
}

/** The last `count` non-blank lines of a child's output, each cut to 300 characters (minified stack frames are long). */
/** Under `npm run bench -w ...` npm passes its workspace switches down; the peer folder is no workspace. */
function installEnv(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (/^npm_config_(workspaces?|include_workspace_root)$/i.test(key)) delete env[key];
    return env;
}

/** npm's first few error lines (`npm error code ECONNREFUSED` ...), without blanks and the log file's path. */
function npmErrors(stderr: string): string {
    const lines = stderr.split("\n").map((line) => line.replace(/^npm (error|ERR!)\s*/, "").trim());
    const useful = lines.filter((line) => line !== "" && !line.startsWith("A complete log") && !line.startsWith("npm warn"));
    return useful.slice(0, 3).join(" / ") || "no error output";
}

function lastLines(text: string, count: number): string {
    const lines = text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
    return lines.slice(-count).map((line) => (line.length > 300 ? line.slice(0, 300) + "…" : line)).join(" / ");
}

const describeVersions = () => Object.entries(peerVersions).map(([name, version]) => `${name}@${version}`).join(", ");

export interface DocumentFindings {
    readonly findings: Readonly<Record<string, number>>;
    readonly failedRules: readonly string[];
}

export interface CdkNagMeasurement {
    readonly ok: true;
    /** Set when this call installed the peer. */
    readonly installMs?: number;
    readonly versions: Readonly<Record<string, string>>;
    /** How the rules were registered: `Validations.of(app).addPlugins` (v3) or `Aspects.of(app).add` (v2). */
    readonly api: string;
    readonly documents: number;
    /** Requiring aws-cdk-lib, aws-cdk-lib/aws-iam, constructs and cdk-nag in the child. */
    readonly startMs: number;
    /** From the child's process start to the peer being loaded (node's boot plus `startMs`). */
    readonly readyMs: number;
    /** Building the constructs and `app.synth()` (the rules run inside synth: v2 as an aspect, v3 as a validation plugin), a fresh App each. */
    readonly passes: { readonly firstMs: number; readonly warmMs: number };
    /** On the first pass. */
    readonly documentsPerSecond: number;
    readonly warmDocumentsPerSecond: number;
    /** The child's `process.resourceUsage().maxRSS`. */
    readonly peakRssMb: number;
    /**
     * AwsSolutions findings (errors + warnings) on the first pass. Not in `total`: `ruleFailures`,
     * a rule that threw on a document (cdk-nag cannot read `"Statement": {...}` or `NotAction`), and
     * `other`, messages that are not cdk-nag's.
     */
    readonly findings: {
        readonly total: number;
        readonly errors: number;
        readonly warnings: number;
        readonly ruleFailures: number;
        readonly other: number;
        /** Up to three of the `other` messages, to say what they are. */
        readonly otherSamples: readonly string[];
        readonly byRule: Readonly<Record<string, number>>;
    };
    /** Findings of the warm pass (the same as `findings.total` when the peer is deterministic). */
    readonly warmFindings: number;
    /** With `perDocument`: each document's findings per rule and the rules that threw on it, in input order. */
    readonly perDocument?: readonly DocumentFindings[];
}

export type CdkNagResult = CdkNagMeasurement | { readonly ok: false; readonly why: string };

export interface CdkNagOptions {
    /** Install the peer when missing (default true); false: report "not installed" instead. */
    readonly install?: boolean;
    /** Report findings per document (for checks by hand and the spec). */
    readonly perDocument?: boolean;
    /** Default "v2". */
    readonly flavour?: CdkNagFlavour;
}

/**
 * One measurement of cdk-nag on `documents` (IAM policy documents as objects): one fresh child
 * process, a first and a warm pass. Medians over trials, alternating with the pack, are the
 * caller's business.
 */
export function cdkNagPeer(documents: readonly object[], options: CdkNagOptions = {}): CdkNagResult {
    const install: Install = options.install === false ? (cdkNagInstalled() ? { ok: true } : { ok: false, why: `not installed in ${peerFolder}` }) : ensureCdkNag();
    if (!install.ok) return install;

    let scratch: string | undefined;
    try {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cdk-nag-documents-"));
        const documentsFile = path.join(scratch, "documents.json");
        fs.writeFileSync(documentsFile, JSON.stringify(documents));
        const args = [runner, peerFolder, documentsFile, nagPackage[options.flavour ?? "v2"], ...(options.perDocument ? ["--per-document"] : [])];
        const child = spawnSync(process.execPath, args, { cwd: peerFolder, env: cleanEnv(), encoding: "utf8", timeout: runTimeoutMs, maxBuffer: 256 * 1024 * 1024 });
        if (child.error) return { ok: false, why: `cdk-nag runner failed: ${child.error.message}` };
        const raw = lastJson(child.stdout);
        if (child.status !== 0) return { ok: false, why: `cdk-nag runner failed (${child.status ?? child.signal}): ${raw?.error ?? lastLines(child.stderr, 8)}` };
        if (!raw) return { ok: false, why: `cdk-nag runner printed no result: ${lastLines(child.stdout + child.stderr, 3)}` };
        return {
            ok: true,
            ...(install.installMs !== undefined ? { installMs: install.installMs } : {}),
            versions: raw.versions,
            api: raw.api,
            documents: raw.documents,
            startMs: raw.requireMs,
            readyMs: raw.readyMs,
            passes: { firstMs: raw.firstMs, warmMs: raw.warmMs },
            documentsPerSecond: (raw.documents / raw.firstMs) * 1000,
            warmDocumentsPerSecond: (raw.documents / raw.warmMs) * 1000,
            peakRssMb: raw.peakRssMb,
            findings: raw.findings,
            warmFindings: raw.warmFindings,
            ...(raw.perDocument ? { perDocument: raw.perDocument } : {}),
        };
    } catch (error) {
        return { ok: false, why: `cdk-nag peer failed: ${(error as Error).message}` };
    } finally {
        if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    }
}

/** The child's result: the JSON on its last line of stdout, or undefined. */
function lastJson(stdout: string): any {
    const lines = stdout.trim().split("\n");
    try {
        return JSON.parse(lines[lines.length - 1]);
    } catch {
        return undefined;
    }
}

/** Environment without ts-node's switches (the child is plain node). */
function cleanEnv(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith("TS_NODE_")) delete env[key];
    delete env.NODE_OPTIONS;
    return env;
}

/** The default version's document of every AWS managed policy the pack ships, by policy name. */
export function managedPolicyDocuments(): { readonly names: readonly string[]; readonly documents: readonly object[] } {
    const data = JSON.parse(fs.readFileSync(managedPolicies, "utf8")) as { policies: Record<string, [string, string, object]> };
    const names = Object.keys(data.policies);
    return { names, documents: names.map((name) => data.policies[name][2]) };
}

if (require.main === module) {
    // `... peer-cdk-nag.ts [v2|v3]`: one measurement on every managed policy, as JSON.
    const flavour: CdkNagFlavour = process.argv.includes("v3") ? "v3" : "v2";
    console.log(JSON.stringify(cdkNagPeer(managedPolicyDocuments().documents, { flavour }), null, 2));
}
