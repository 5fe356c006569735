/**
 * The report of one checked stack: what the text, Markdown and JSON renderings all show. Ordered
 * and free of timings (the elapsed time is the console's), so a generated report is stable.
 */
import * as path from "path";
import { StackFile } from "../../stacks/offline/stack-file";
import { CheckViolation, StackCheck } from "./evaluate";
import { PrincipalTable, principalTables, resourcesByType } from "./principals";
import { Review, reviewOf } from "./review";

export interface PolicyViolations {
    readonly policy: string;
    readonly level: string;
    /** The policy's finding class: `aws-rejects`, `security`, `lint`. */
    readonly findingClass: string;
    /** Each message, followed by the config key to change where a workload rendered the statement. */
    readonly messages: readonly string[];
}

/** Findings by level, then by class: `{ mandatory: { security: 2 }, advisory: { lint: 4 } }`. */
export type Counts = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface StackReport {
    readonly stack: string;
    readonly environment: string;
    /** The stack file, relative to the repository. */
    readonly file: string;
    readonly resourcesByType: readonly { type: string; count: number }[];
    readonly principals: readonly PrincipalTable[];
    /** Grouped by policy and level, in pack order; mandatory groups first. */
    readonly violations: readonly PolicyViolations[];
    readonly mandatory: number;
    readonly advisory: number;
    /** The update's findings counted by level and class. */
    readonly counts: Counts;
    /** Credentials, trust, statements on "*", access by resource. */
    readonly review: Review;
    /** What the pack found on a first `pulumi preview` of the same program (outputs unknown). */
    readonly preview: { readonly violations: readonly PolicyViolations[]; readonly mandatory: number; readonly advisory: number };
    /** True when nothing mandatory was found on the preview or the update: what the CLI would let through. */
    readonly passed: boolean;
}

const repositoryRoot = path.resolve(__dirname, "..", "..");

export function groupViolations(violations: readonly CheckViolation[]): PolicyViolations[] {
    const groups = new Map<string, { policy: string; level: string; findingClass: string; messages: string[] }>();
    for (const v of violations) {
        const key = `${v.level}\u0000${v.policy}`;
        const group = groups.get(key) ?? { policy: v.policy, level: v.level, findingClass: v.findingClass, messages: [] };
        group.messages.push(v.configKey === undefined ? v.message : `${v.message}\nconfig to change: ${v.configKey}`);
        groups.set(key, group);
    }
    const rank = (level: string) => (level === "mandatory" ? 0 : 1);
    return [...groups.values()].sort((a, b) => rank(a.level) - rank(b.level));
}

export function stackReport(file: StackFile, check: StackCheck): StackReport {
    const placement = { accountId: file.config["aws-workloads:accountId"] ?? "", region: file.config["aws-workloads:region"] ?? "" };
    const mandatory = check.violations.filter((v) => v.level === "mandatory").length;
    const previewMandatory = check.previewViolations.filter((v) => v.level === "mandatory").length;
    const principals = principalTables(check.resources, placement);
    return {
        stack: check.stack,
        environment: check.environment,
        file: path.relative(repositoryRoot, file.file).split(path.sep).join("/"),
        resourcesByType: resourcesByType(check.resources),
        principals,
        violations: groupViolations(check.violations),
        mandatory,
        advisory: check.violations.length - mandatory,
        counts: countsOf(check.violations),
        review: reviewOf(check.resources, principals),
        preview: { violations: groupViolations(check.previewViolations), mandatory: previewMandatory, advisory: check.previewViolations.length - previewMandatory },
        passed: mandatory === 0 && previewMandatory === 0,
    };
}

export function countsOf(violations: readonly CheckViolation[]): Counts {
    const counts: Record<string, Record<string, number>> = {};
    for (const v of violations) {
        const level = (counts[v.level] ??= {});
        level[v.findingClass] = (level[v.findingClass] ?? 0) + 1;
    }
    return counts;
}

/** `role x`, `user y`, `bucket z`: how a principal table is titled everywhere. */
export const titleOf = (t: PrincipalTable) => `${t.kind === "resource" ? t.resourceKind : t.kind} ${t.name}`;
