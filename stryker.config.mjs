// Mutation testing of the least-privilege pack (issue 21): `npm run mutate`.
// Each mutant (a small change to the pack's source: `>` for `>=`, a condition dropped, a string
// emptied) must make some spec fail. Results: docs/mutation/ (HTML + mutation-testing-report-schema
// JSON), summarised per file by `npm run mutate:summary` into docs/mutation.md.
//
// Runs at concurrency 2, one test runner per core of this machine kind.
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
    // The pack's own sources. Left out: generated/ (tables written by scripts/generate, checked
    // by their staleness specs, not logic), bin/ (the compiled copy), node_modules/, and index.ts
    // (only `new PolicyPack(...)`, which starts a gRPC server; no spec may import it).
    mutate: [
        "policypacks/least-privilege/**/*.ts",
        "!policypacks/least-privilege/generated/**",
        "!policypacks/least-privilege/bin/**",
        "!policypacks/least-privilege/node_modules/**",
        "!policypacks/least-privilege/index.ts",
    ],
    testRunner: "mocha",
    mochaOptions: {
        // .mocharc.json would add every spec (test/**/*.spec.ts): the list is given here instead.
        "no-config": true,
        // test/mutation/fresh-pack.ts reloads the pack before every run: its caches would otherwise
        // answer for the active mutant from runs made without it (false survivors).
        require: ["ts-node/register/transpile-only", "test/hooks.ts", "test/mutation/fresh-pack.ts"],
        extension: ["ts"],
        // The specs that run pack code in this process (a mutant is only active in the process
        // that Stryker instruments):
        spec: [
            "test/policypacks/*.spec.ts",
            // the IAM-name rules (iam/naming.ts) as the stack config applies them
            "test/stacks/iam-name-config.spec.ts",
        ],
        ignore: [
            // The pack in its own process (PackProcess, the CLI's way): mutants are not active in
            // the child process, so these specs could never kill one; they only cost time.
            "test/policypacks/analyzer-process.spec.ts",
            "test/policypacks/stacks.spec.ts",
        ],
        // Also left out (not listed above), though in-process:
        // - test/fuzz/pack.spec.ts (≈17 s): it covers nearly every line, so every surviving mutant
        //   would rerun it; it only asserts "no policy throws", which the unit specs assert too.
        // - test/oracle/managed-policies.spec.ts (≈28 s, one test over every AWS managed policy
        //   version): same reason; its verdicts are covered by the aws-rejects unit specs.
        // - test/check/pack-process.spec.ts, test/check/environment.spec.ts: pack in a child process.
        // - test/check/principals.spec.ts, test/check/review.spec.ts: they specify npm run check's
        //   tables (scripts/check), and build them in their describe() bodies, at load: every
        //   reader mutant they reach turns "static" for Stryker (a fresh process and ≈ 14 s per
        //   mutant instead of < 1 s), for specs that are not about the pack.
    },
    // No TypeScript checker: every committed result was produced without it (`--checkers ""`), so
    // `npm run mutate` reproduces them. Measured on iam/naming.ts (272 mutants, concurrency 1): 9 min
    // 42 s with the checker, 5 min 8 s without; without it a mutant that does not type-check runs
    // as transpiled JavaScript and counts as killed or survived like any other. The checker's
    // settings stay for `--checkers typescript`.
    checkers: [],
    // Covers only the pack: its compiler options, every source listed (tsconfig.mutate.json says why).
    tsconfigFile: "tsconfig.mutate.json",
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    coverageAnalysis: "perTest",
    // A static mutant (in code run at module load: the data tables, module-level regexes and
    // sets) is active before any spec starts, so Stryker must rerun every spec for it in a fresh
    // process (≈50 s each here, against well under a second for the others): a few hundred of
    // them would take most of the two-hour budget. They are left out and reported as "Ignored"
    // (docs/mutation.md counts them per file); the score is over the rest.
    ignoreStatic: true,
    concurrency: 2,
    // A rerun only tests mutants whose code or covering specs changed; the file is committed.
    incremental: true,
    incrementalFile: "docs/mutation/stryker-incremental.json",
    reporters: ["html", "json", "clear-text", "progress"],
    htmlReporter: { fileName: "docs/mutation/index.html" },
    jsonReporter: { fileName: "docs/mutation/mutation.json" },
    clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0, reportScoreTable: true, reportMutants: false },
    // A spec's own `this.timeout(...)` is ignored under Stryker; a mutant that loops is cut off by
    // Stryker's timeout (the time of its covering specs × timeoutFactor + timeoutMS).
    timeoutMS: 10000,
    tempDirName: ".stryker-tmp",
    cleanTempDir: "always",
};
export default config;
