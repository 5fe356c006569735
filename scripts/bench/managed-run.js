/**
 * The child process of the managed-policy workload (`managed-policies.ts`), plain JavaScript on
 * the compiled pack (`policypacks/least-privilege/bin`, what is published), so that neither the
 * pack's process nor the floor's carries ts-node and the TypeScript compiler (about 120 MB of
 * resident memory each). Every AWS managed policy's default version, as the text of an
 * `aws:iam/policy:Policy`, judged by the whole prod pack in a fresh process (`pack`: a first pass,
 * as a preview judges each resource once, cold, then a warm pass over the same texts), or only
 * parsed and normalized twice (`floor`), with the args CrossGuard's analyzer builds (a fresh
 * `unknownCheckingProxy` props object per policy; see `evaluate.ts`). Prints one JSON line.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");

const bin = path.resolve(__dirname, "../../policypacks/least-privilege/bin");
const { unknownCheckingProxy } = require("@pulumi/policy");
const { buildPolicies } = require(path.join(bin, "registry.js"));
const { readDocument } = require(path.join(bin, "iam/documents.js"));
const { tableFile } = require(path.join(bin, "iam/managed-policies.js"));

const type = "aws:iam/policy:Policy";
const urnOf = (name) => `urn:pulumi:bench::aws-workloads::${type}::${name}`;
const stackTags = new Map();
const opts = () => ({ protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] });
const notApplicable = (reason) => {
    throw new Error(reason || "not applicable");
};
const common = { stackTags, isType: () => false, asType: () => undefined, getConfig: () => ({}) };

/** Every text through every resource policy of the prod pack, then every stack policy once; the violation count. */
async function judgeAll(texts) {
    const policies = buildPolicies({ environment: "prod" });
    let violations = 0;
    const report = () => {
        violations++;
    };
    for (let i = 0; i < texts.length; i++) {
        const name = `managed-${i}`;
        for (const policy of policies) {
            if (!policy.validateResource) continue;
            for (const validate of [].concat(policy.validateResource)) {
                await validate({ type, name, urn: urnOf(name), props: unknownCheckingProxy({ name, policy: texts[i] }), opts: opts(), notApplicable, ...common }, report);
            }
        }
    }
    const resources = texts.map((text, i) => ({ type, name: `managed-${i}`, urn: urnOf(`managed-${i}`), props: unknownCheckingProxy({ name: `managed-${i}`, policy: text }), opts: opts(), dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined }));
    for (const policy of policies) if (policy.validateStack) await policy.validateStack({ resources, notApplicable, ...common }, report);
    return violations;
}

const parseAll = (texts) => texts.reduce((n, text) => n + readDocument(JSON.parse(text)).statements.length, 0);

async function main(mode) {
    if (mode !== "pack" && mode !== "floor") throw new Error(`mode must be pack or floor, not ${JSON.stringify(mode)}`);
    const readyMs = process.uptime() * 1000;
    const table = JSON.parse(fs.readFileSync(tableFile, "utf8"));
    const texts = Object.values(table.policies).map(([, , document]) => JSON.stringify(document));
    let violations = 0;
    const pass = async () => {
        const start = performance.now();
        if (mode === "pack") violations = await judgeAll(texts);
        else parseAll(texts);
        return performance.now() - start;
    };
    const firstMs = await pass();
    const warmMs = await pass();
    console.log(JSON.stringify({ documents: texts.length, statements: parseAll(texts), violations, readyMs, firstMs, warmMs, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main(process.argv[2]).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
});
