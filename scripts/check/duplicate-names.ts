/**
 * Physical names used twice across the stack's workloads. Each workload checks its own names,
 * but only the whole stack shows that the OCR bucket and an engagement bucket share a name: AWS
 * would refuse the second at `pulumi up` (S3 names are global, IAM names per account), and the
 * pack would judge the two as one resource. Found after the offline run, before the pack runs.
 */
import { RecordedResource } from "../../stacks/offline/mocks";
import { workloadIndex } from "./workloads";

/** The resource types whose name input is a physical name that must be unique, and what to call them. */
const namedTypes: Readonly<Record<string, { what: string; input: string }>> = {
    "aws:s3/bucket:Bucket": { what: "bucket", input: "bucket" },
    "aws:iam/role:Role": { what: "IAM role", input: "name" },
    "aws:iam/user:User": { what: "IAM user", input: "name" },
    "aws:iam/policy:Policy": { what: "IAM managed policy", input: "name" },
    "aws:iam/instanceProfile:InstanceProfile": { what: "instance profile", input: "name" },
    "aws:lambda/function:Function": { what: "Lambda function", input: "name" },
    "aws:sns/topic:Topic": { what: "SNS topic", input: "name" },
    "aws:dynamodb/table:Table": { what: "DynamoDB table", input: "name" },
    "aws:budgets/budget:Budget": { what: "budget", input: "name" },
};


export class DuplicateNameError extends Error {
    constructor(message: string, readonly key: string | undefined) {
        super(message);
        this.name = "ConfigError";
    }
}

/** Throws on the first physical name two resources of one kind share. */
export function refuseDuplicateNames(resources: readonly RecordedResource[]): void {
    const seen = new Map<string, RecordedResource>();
    const workloadOf = workloadIndex(resources);
    for (const r of resources) {
        const named = namedTypes[r.type];
        const name = named === undefined ? undefined : r.inputs[named.input];
        if (named === undefined || typeof name !== "string") continue;
        const id = `${r.type}\u0000${name}`;
        const first = seen.get(id);
        if (first === undefined) {
            seen.set(id, r);
            continue;
        }
        const where = (x: RecordedResource) => `${x.name} (${workloadOf(x) ?? "the stack"})`;
        const a = workloadOf(first);
        const b = workloadOf(r);
        const keys = [...new Set([a, b].filter((k): k is string => k !== undefined))];
        throw new DuplicateNameError(
            `Invalid stack config ${keys.join(" and ")}: a name used twice: the ${named.what} name "${name}" is given to ${where(first)} and to ${where(r)}; `
            + `${named.what === "bucket" ? "bucket names are unique across all of AWS" : "names are unique in the account"}, so AWS would refuse the second; set a different name in one of them`,
            b ?? a,
        );
    }
}
