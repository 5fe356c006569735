/**
 * `npm run bench`: what the least-privilege pack costs a preview, against the physical floor, in
 * one run: evaluation throughput and its floor, scaling, the pack's start as the CLI starts it, cold
 * start in-process, and the program under mocks. Prints the tables; `--write` also writes
 * docs/benchmarks.md; `--managed` runs only the managed-policy workload and its peer;
 * `--fingerprint` prints only a digest of every verdict of both workloads
 * (an optimisation must leave it unchanged). It reports figures; it never fails on one.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { attachmentsCase } from "./bench/attachments";
import { coldStart } from "./bench/cold-start";
import { packStart } from "./bench/pack-start";
import { perPolicyCost, throughput } from "./bench/evaluate";
import { generateDocuments, statementPool } from "./bench/generate";
import { fingerprints } from "./bench/fingerprint";
import { ManagedFigures, managedPolicies } from "./bench/managed-policies";
import { CdkNagMeasurement, CdkNagResult, cdkNagPeer, managedPolicyDocuments } from "./bench/peer-cdk-nag";
import { checkAll, programs } from "./bench/programs";
import { fixed, growthExponent } from "./bench/timing";

const statementsPerDocument = 10;
const defaultDocuments = 2000;
const timedPasses = 7;
const sizes = [500, 1000, 2000, 4000, 8000];
const managedTrials = 3;
const scalingPasses = 3;

/** `+12` or `-39`: a difference from the floor, in whole milliseconds. */
const signed = (ms: number) => `${ms >= 0 ? "+" : ""}${fixed(ms, 0)}`;

function table(rows: readonly (readonly string[])[]): string {
    const [head, ...body] = rows;
    return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...body.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

async function main(): Promise<void> {
    const started = Date.now();
    const log = (line: string) => console.log(line);

    if (process.argv.includes("--fingerprint")) {
        const { documents } = await programs();
        for (const f of await fingerprints(documents)) log(`${f.workload}: ${f.messages} messages, sha256 ${f.sha256}`);
        return;
    }
    if (process.argv.includes("--managed")) {
        const { documents } = managedPolicyDocuments();
        const peers: CdkNagResult[] = [];
        const managed = managedPolicies(managedTrials, () => peers.push(cdkNagPeer(documents)));
        console.log(`\n${managedSection(managed, medianPeer(peers)).join("\n")}`);
        return;
    }
    log("pack start as the CLI starts it (run-policy-pack, gRPC)...");
    const start = await packStart();
    log("cold start (fresh processes)...");
    const cold = coldStart();

    log("programs under mocks...");
    const run = await programs();
    const check = checkAll();
    const pool = statementPool(run.documents);

    log(`evaluation: ${defaultDocuments} documents of ${statementsPerDocument} statements...`);
    const main = await throughput((pass) => generateDocuments(pool, defaultDocuments, statementsPerDocument, pass), timedPasses);
    const perSecond = (main.documents / main.packMs) * 1000;
    const usPerStatement = (main.packMs * 1000) / main.statements;
    const ratio = main.packMs / main.floorMs;

    const costs = await perPolicyCost(generateDocuments(pool, defaultDocuments, statementsPerDocument, 99));

    log("every AWS managed policy (fresh processes: floor, pack, cdk-nag)...");
    const { documents } = managedPolicyDocuments();
    const peers: CdkNagResult[] = [];
    const managed = managedPolicies(managedTrials, () => peers.push(cdkNagPeer(documents)));
    const peer = medianPeer(peers);

    log("managed-policy attachments...");
    const attached = await attachmentsCase();

    log("scaling...");
    const scaling = [];
    // The median of three timed passes per size: the process is already warm from the figures above.
    for (const size of sizes) scaling.push(await throughput((pass) => generateDocuments(pool, size, statementsPerDocument, 100 + pass), scalingPasses, false));
    const exponent = growthExponent(scaling.map((s) => ({ size: s.documents, ms: s.packMs })));
    const floorExponent = growthExponent(scaling.map((s) => ({ size: s.documents, ms: s.floorMs })));

    const verdict = (ok: boolean) => (ok ? "met" : "missed");
    const sections = [
        "## 1. Evaluation throughput (prod pack, every resource and stack policy, runtime-faithful args)",
        table([
            ["figure", "value"],
            ["documents × statements", `${main.documents} × ${statementsPerDocument} (${main.statements} statements, ${pool.length} distinct rendered statements drawn from)`],
            ["violations reported", String(main.violations)],
            ["pack", `${fixed(main.packMs)} ms: ${fixed(perSecond, 0)} documents/s, ${fixed(usPerStatement, 2)} µs/statement`],
            ["floor (JSON.parse + normalize, no judging)", `${fixed(main.floorMs)} ms: ${fixed((main.floorMs * 1000) / main.statements, 2)} µs/statement`],
            ["ratio pack/floor", `${fixed(ratio, 2)}× (target ≤ 2×: ${verdict(ratio <= 2)}; ≤ 3×: ${verdict(ratio <= 3)})`],
        ]),
        "",
        ...managedSection(managed, peer),
        "",
        "",
        `Where the pack's time goes (one more pass over ${defaultDocuments} new documents; the floor is ${fixed(main.floorMs)} ms). The first policy reads (parses) each document for all of them, and a garbage collection counts for whichever policy it interrupts:`,
        "",
        table([["policy", "ms", "share"], ...costs.map(([name, ms]) => [name, fixed(ms), `${fixed((100 * ms) / costs.reduce((a, c) => a + c[1], 0), 0)}%`])]),
        "",
        `Managed-policy attachments (${attached.roles} roles, ${attached.attachments} attachments: AWS managed policies drawn from the generated table, and every fifth role's own policy linked through propertyDependencies; ${attached.resources} resources, ${attached.violations} violations):`,
        "",
        table([
            ["case", "ms", "µs/resource"],
            ["attachments, first pass (reads the table, judges each distinct policy)", fixed(attached.firstMs), fixed((attached.firstMs * 1000) / attached.resources, 1)],
            ["attachments, later passes (median)", fixed(attached.warmMs), fixed((attached.warmMs * 1000) / attached.resources, 1)],
        ]),
        "",
        "## 2. Scaling",
        table([
            ["documents", "statements", "pack ms", "floor ms", "pack/floor"],
            ...scaling.map((s) => [String(s.documents), String(s.statements), fixed(s.packMs), fixed(s.floorMs), `${fixed(s.packMs / s.floorMs, 2)}×`]),
        ]),
        "",
        `Fitted growth exponent (log-log least squares): pack ${fixed(exponent, 2)} (target 1.0 ± 0.1: ${verdict(Math.abs(exponent - 1) <= 0.1)}), floor ${fixed(floorExponent, 2)}.`,
        "",
        `## 3. The pack's start as the CLI starts it: spawn of run-policy-pack to the first Analyze reply (median of ${start.runs}, alternating; type-checked: 2)`,
        table([
            ["pack", "ms", "ratio to the empty pack"],
            ["empty pack (one no-op policy, compiled), the floor", fixed(start.emptyMs, 0), "1.00×"],
            ["this pack, compiled (package.json main: bin/index.js; what is published)", fixed(start.compiledMs, 0), `${fixed(start.compiledMs / start.emptyMs, 2)}× (target ≤ 1.5×: ${verdict(start.compiledMs / start.emptyMs <= 1.5)})`],
            ["this pack from its TypeScript sources, type-checked as run-policy-pack does", fixed(start.typeCheckedMs, 0), `${fixed(start.typeCheckedMs / start.emptyMs, 2)}×`],
        ]),
        "",
        `## 4. Cold start in-process to the first verdict (median of ${cold.runs} fresh processes; type-checked: 3)`,
        table([
            ["process", "ms", "over floor"],
            ["floor: `node -e 'require(\"@pulumi/policy\")'`", fixed(cold.floorMs, 0), "—"],
            ["pack compiled to JavaScript (tsc)", fixed(cold.compiledMs, 0), `${signed(cold.compiledMs - cold.floorMs)} (target ≤ +300: ${verdict(cold.compiledMs - cold.floorMs <= 300)})`],
            ["pack under ts-node, transpile-only", fixed(cold.transpileOnlyMs, 0), signed(cold.transpileOnlyMs - cold.floorMs)],
            ["pack under ts-node, type-checked (as the Pulumi analyzer runs it)", fixed(cold.typeCheckedMs, 0), signed(cold.typeCheckedMs - cold.floorMs)],
        ]),
        "",
        "## 5. Program under mocks",
        table([
            ["stack", "resources", "first run ms (loads @pulumi/aws for the first stack)", "again ms"],
            ...run.stacks.map((s) => [s.stack, String(s.resources), fixed(s.firstMs, 0), fixed(s.againMs, 0)]),
            ["`npm run check -- --all`", "", check.ms !== undefined ? `${fixed(check.ms, 0)} (exit ${check.status})` : check.note ?? "", ""],
        ]),
    ];
    const body = sections.join("\n");
    const header = [
        "# Benchmarks",
        "",
        "Written by `npm run bench` (scripts/bench.ts); every ratio below was measured in the same run.",
        "",
        `- machine: ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, ${fixed(os.totalmem() / 2 ** 30, 0)} GiB, ${os.platform()} ${os.release()}`,
        `- Node ${process.version}; date ${new Date().toISOString()}; benchmark wall time ${fixed((Date.now() - started) / 1000, 0)} s`,
        "",
    ].join("\n");
    console.log(`\n${body}`);
    if (!process.argv.includes("--write")) {
        console.log("\n(docs/benchmarks.md left as it is: npm run bench -- --write records this run)");
        return;
    }
    const target = path.resolve(__dirname, "../docs/benchmarks.md");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${header}\n${body}\n\n${methodNotes}\n`);
    console.log(`\nwrote ${path.relative(process.cwd(), target)}`);
}

/** The managed-policy workload's rows: the pack against its floor, then against the peer. */
function managedSection(managed: ManagedFigures, peer: CdkNagMeasurement | string): string[] {
    const m = managed.pack;
    const mf = managed.floor;
    const perSecondOf = (ms: number) => fixed((m.documents / ms) * 1000, 0);
    const usOf = (ms: number) => fixed((ms * 1000) / m.statements, 1);
    const verdict = (ok: boolean) => (ok ? "met" : "missed");
    return [
        `### Real documents: every AWS managed policy (${m.documents} default versions, ${m.statements} statements), judged as aws:iam/policy:Policy by the prod pack`,
        "",
        `Each in a fresh process (median of ${managed.trials}, floor and pack alternating): the first pass is what a preview pays, every resource judged once, cold; the warm pass judges the same texts again in that process.`,
        "",
        table([
            ["figure", "pack", "floor (parse + normalize)", "pack/floor"],
            ["first pass", `${fixed(m.firstMs, 0)} ms: ${perSecondOf(m.firstMs)} documents/s, ${usOf(m.firstMs)} µs/statement`, `${fixed(mf.firstMs, 0)} ms`, `${fixed(m.firstMs / mf.firstMs, 1)}× (target ≤ 3×: ${verdict(m.firstMs / mf.firstMs <= 3)})`],
            ["warm pass", `${fixed(m.warmMs, 0)} ms: ${perSecondOf(m.warmMs)} documents/s, ${usOf(m.warmMs)} µs/statement`, `${fixed(mf.warmMs, 0)} ms`, `${fixed(m.warmMs / mf.warmMs, 1)}×`],
            ["peak RSS of the process", `${fixed(m.peakRssMb, 0)} MB`, `${fixed(mf.peakRssMb, 0)} MB`, `${fixed(m.peakRssMb / mf.peakRssMb, 2)}× (target ≤ 1.5×: ${verdict(m.peakRssMb / mf.peakRssMb <= 1.5)})`],
            ["violations reported", String(m.violations), "", ""],
            ["process start to the first pass (node, loading the compiled pack)", `${fixed(m.readyMs, 0)} ms`, `${fixed(mf.readyMs, 0)} ms`, ""],
        ]),
        "",
        ...peerRows(peer, m),
    ];
}

/** The median trial of the peer by first pass, or why it did not run. */
function medianPeer(results: readonly CdkNagResult[]): CdkNagMeasurement | string {
    const ran = results.filter((r): r is CdkNagMeasurement => r.ok).sort((a, b) => a.passes.firstMs - b.passes.firstMs);
    if (ran.length === 0) return results.map((r) => (r.ok ? "" : r.why))[0] ?? "not run";
    return ran[Math.floor((ran.length - 1) / 2)];
}

/** The peer's rows: the same documents through cdk-nag's AwsSolutions rules, and the pack's throughput as a ratio to it. */
function peerRows(peer: CdkNagMeasurement | string, pack: { readonly documents: number; readonly firstMs: number; readonly warmMs: number; readonly peakRssMb: number }): string[] {
    if (typeof peer === "string") return [`cdk-nag peer: not measured (${peer}).`];
    const versions = Object.entries(peer.versions).map(([name, version]) => `${name} ${version}`).join(", ");
    const packPerSecond = (pack.documents / pack.firstMs) * 1000;
    const ratio = packPerSecond / peer.documentsPerSecond;
    const warmRatio = ((pack.documents / pack.warmMs) * 1000) / peer.warmDocumentsPerSecond;
    return [
        `The peer on the same documents, in alternating fresh processes: cdk-nag's AwsSolutions rules (${versions}; ${peer.api}), one \`iam.CfnManagedPolicy\` per document, built and synthesized (median trial by first pass):`,
        "",
        table([
            ["figure", "cdk-nag", "pack/cdk-nag"],
            ["start-up (requiring aws-cdk-lib, constructs, cdk-nag)", `${fixed(peer.startMs, 0)} ms (process start to ready ${fixed(peer.readyMs, 0)} ms)`, ""],
            ["first pass (constructs + synth, the rules run in it)", `${fixed(peer.passes.firstMs, 0)} ms: ${fixed(peer.documentsPerSecond, 0)} documents/s`, `${fixed(ratio, 2)}× the throughput (target ≥ 1.0×: ${ratio >= 1 ? "met" : "missed"}; aim 2×)`],
            ["warm pass (a fresh App, same process)", `${fixed(peer.passes.warmMs, 0)} ms: ${fixed(peer.warmDocumentsPerSecond, 0)} documents/s`, `${fixed(warmRatio, 2)}×`],
            ["peak RSS", `${fixed(peer.peakRssMb, 0)} MB`, `${fixed(pack.peakRssMb / peer.peakRssMb, 2)}×`],
            ["findings", `${peer.findings.total} (${Object.entries(peer.findings.byRule).map(([rule, n]) => `${rule} ${n}`).join(", ")}); a rule threw on ${peer.findings.ruleFailures} documents`, ""],
        ]),
    ];
}

const methodNotes = `## How it is measured
- **Documents**: statements drawn (seeded) from the identity policies the committed stacks render
  under mocks, 10 per document, each document with its own account ID; about 4% widened to
  \`"Resource": "*"\`, 3% to a whole-id wildcard, 4% to \`service:*\` or \`Get*\` actions, 5% turned to Deny.
- **Pack**: each document as an \`aws:iam/policy:Policy\` through every resource policy of the prod
  pack, with a fresh \`unknownCheckingProxy\` props object per policy as CrossGuard's \`server.js\`
  builds them, then each stack policy (\`iam-quotas\`, \`bucket-hardening\`) once over all the
  documents, as a preview ends; median of ${timedPasses} timed passes (pack and floor alternating)
  after a warm-up pass (scaling: the median of ${scalingPasses} per size in the warm process), each pass on new texts of
  the same shapes (its own account IDs), so the pack's list of recent documents helps only across
  the policies of one document. What the pack keeps from one document to the next depends on an
  action list, a set of resource types or a resource element with its account ID set aside, never
  on the document's text: what each list grants and what in it is too broad or unknown, one set of
  compiled expressions per set of resource types, the walk's verdicts per resource part, and the
  elements found fine per action list or naming their resource (\`accountFree\`: the generated
  documents differ by account ID, as a stack's statements do across accounts). Every call shares one \`stackTags\` map, as \`server.js\`
  keeps the stack's tags for the whole analysis.
- **Floor**: the same documents parsed (\`JSON.parse\`) and normalized (\`readDocument\`) once each.
- **Managed policies**: \`scripts/bench/managed-run.js\` in fresh plain \`node\` processes on the
  compiled pack (\`bin/\`, rebuilt first when a source is newer; under ts-node the first pass took
  about 1.4× as long and each process carried about 120 MB of the TypeScript compiler), the texts
  \`JSON.stringify\` of each default version in \`generated/aws-managed-policies.json\`; the floor
  process loads the same modules and texts and only parses and normalizes them; peak RSS is the
  process's \`maxRSS\`.
- **cdk-nag peer** (\`scripts/bench/peer-cdk-nag.ts\`, \`cdk-nag-runner.js\`): installed on demand
  into \`node_modules/.cache/bench-peers/cdk-nag\` at pinned versions (never in package.json); one
  fresh process per trial, after each floor/pack pair; aws-cdk-lib's own CloudFormation validation
  and stack traces off (as \`cdk synth\` without \`--debug\`), so the time is the rules'.
- **Cold start**: wall time of fresh \`node\` processes that require the policies, build the prod
  pack and judge one document needing the S3 and Textract data; the compiled pack is built with
  the project's \`tsc\` into \`node_modules/.cache/least-privilege-bench\`.`;

main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
