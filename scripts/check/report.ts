/**
 * The report of one checked stack: what the text, Markdown and JSON renderings all show. Ordered
 * and free of timings (the elapsed time is the console's), so a generated report is stable.
 */
import * as path from "path";
import { StackFile } from "../../stacks/offline/stack-file";
import { CheckViolation, StackCheck } from "./evaluate";
import { PrincipalTable, principalTables, resourcesByType } from "./principals";

export interface PolicyViolations {
    readonly policy: string;
    readonly level: string;
    readonly messages: readonly string[];
}

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
    /** What the pack found on a first `pulumi preview` of the same program (outputs unknown). */
    readonly preview: { readonly violations: readonly PolicyViolations[]; readonly mandatory: number; readonly advisory: number };
    /** True when nothing mandatory was found on the preview or the update: what the CLI would let through. */
    readonly passed: boolean;
}

const repositoryRoot = path.resolve(__dirname, "..", "..");

export function groupViolations(violations: readonly CheckViolation[]): PolicyViolations[] {
    const groups = new Map<string, { policy: string; level: string; messages: string[] }>();
    for (const v of violations) {
        const key = `${v.level}\u0000${v.policy}`;
        const group = groups.get(key) ?? { policy: v.policy, level: v.level, messages: [] };
        group.messages.push(v.message);
        groups.set(key, group);
    }
    const rank = (level: string) => (level === "mandatory" ? 0 : 1);
    return [...groups.values()].sort((a, b) => rank(a.level) - rank(b.level));
}

export function stackReport(file: StackFile, check: StackCheck): StackReport {
    const placement = { accountId: file.config["aws-workloads:accountId"] ?? "", region: file.config["aws-workloads:region"] ?? "" };
    const mandatory = check.violations.filter((v) => v.level === "mandatory").length;
    const previewMandatory = check.previewViolations.filter((v) => v.level === "mandatory").length;
    return {
        stack: check.stack,
        environment: check.environment,
        file: path.relative(repositoryRoot, file.file).split(path.sep).join("/"),
        resourcesByType: resourcesByType(check.resources),
        principals: principalTables(check.resources, placement),
        violations: groupViolations(check.violations),
        mandatory,
        advisory: check.violations.length - mandatory,
        preview: { violations: groupViolations(check.previewViolations), mandatory: previewMandatory, advisory: check.previewViolations.length - previewMandatory },
        passed: mandatory === 0 && previewMandatory === 0,
    };
}

/** `role x`, `user y`, `bucket z`: how a principal table is titled everywhere. */
export const titleOf = (t: PrincipalTable) => `${t.kind === "resource" ? t.resourceKind : t.kind} ${t.name}`;
