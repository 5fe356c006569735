/**
 * Who may do what: every policy document the stack registers, grouped by the principal it applies
 * to. A role gets its trust policy, its inline `RolePolicy` documents and the managed `Policy`
 * documents a `RolePolicyAttachment` attaches (matched on the mock ARN or the policy's name);
 * users likewise; resource policies (bucket policies, Lambda permissions, topic policies) are
 * grants on the resource. Statements are read with the pack's own reader; "why" is the Sid.
 */
import { Principal, Statement } from "../../policypacks/least-privilege/iam/documents";
import { DocumentKind, documentsOf } from "../../policypacks/least-privilege/iam/resource-documents";
import { RecordedResource, mockArn } from "../../stacks/offline/mocks";
import { workloadIndex } from "./workloads";

export interface PermissionRow {
    /** The statement's Sid, or `#<index>`. */
    readonly why: string;
    readonly effect: string;
    /** Who the statement lets in (trust and resource policies); empty for identity policies. */
    readonly who: string;
    readonly actions: readonly string[];
    /** Empty where the resource is implied (trust policies, Lambda permissions). */
    readonly resources: readonly string[];
    readonly conditions: readonly string[];
}

export interface PermissionDocument {
    /** `trust policy`, `inline <name>`, `managed <name>`, `bucket policy`, `permission <statement id>`... */
    readonly source: string;
    readonly kind: DocumentKind;
    /** The logical name of the resource that carries it. */
    readonly resource: string;
    /** The document as rendered (parsed JSON), or the permission's arguments. */
    readonly rendered: unknown;
    readonly rows: readonly PermissionRow[];
}

export interface PrincipalTable {
    readonly kind: "role" | "user" | "resource";
    /** The physical name (role or user name, bucket name, function name...). */
    readonly name: string;
    /** For resource grants: what the resource is (`bucket`, `function`, `topic`...). */
    readonly resourceKind?: string;
    /** The config key of the workload that made it (`aws-workloads:ocr`), from its URN. */
    readonly workload?: string;
    readonly documents: readonly PermissionDocument[];
}

export interface Placement {
    readonly accountId: string;
    readonly region: string;
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v));
const parsed = (v: unknown) => {
    if (typeof v !== "string") return v;
    try {
        return JSON.parse(v);
    } catch {
        return v;
    }
};

function formatPrincipal(p: Principal | undefined, negated: boolean): string {
    if (p === undefined) return "";
    const text = p.any && Object.keys(p.entries).length === 0 ? "*" : Object.entries(p.entries).map(([type, values]) => `${type}: ${values.join(", ")}`).join("; ");
    return negated ? `NOT ${text}` : text;
}

/** `Operator key=value, value`, one entry per condition key. */
export function formatConditions(s: Statement): string[] {
    return Object.entries(s.conditions).flatMap(([operator, block]) => Object.entries(block).map(([key, values]) => `${operator} ${key}=${values.join(", ")}`));
}

function rowOf(s: Statement): PermissionRow {
    return {
        why: s.label,
        effect: s.effect,
        who: s.principal ? formatPrincipal(s.principal, false) : formatPrincipal(s.notPrincipal, true),
        actions: s.actions ?? (s.notActions ?? []).map((a) => `NOT ${a}`),
        resources: s.resources ?? (s.notResources ?? []).map((r) => `NOT ${r}`),
        conditions: formatConditions(s),
    };
}

/** Every statement of every document the resource carries, read by the pack. */
function rowsOf(r: RecordedResource): PermissionRow[] {
    return documentsOf(r.type, r.inputs).flatMap((d) => d.read.statements.map(rowOf));
}

const physicalName = (r: RecordedResource) => str(r.inputs.name) || r.name;

/** What a resource policy sits on, per type: the kind of resource and the input naming it. */
const grantTargets: Readonly<Record<string, { kind: string; key: string; source: (r: RecordedResource) => string }>> = {
    "aws:s3/bucketPolicy:BucketPolicy": { kind: "bucket", key: "bucket", source: () => "bucket policy" },
    "aws:lambda/permission:Permission": { kind: "function", key: "function", source: (r) => `permission ${str(r.inputs.statementId) || r.name}` },
    "aws:sns/topicPolicy:TopicPolicy": { kind: "topic", key: "arn", source: () => "topic policy" },
    "aws:sqs/queuePolicy:QueuePolicy": { kind: "queue", key: "queueUrl", source: () => "queue policy" },
    "aws:secretsmanager/secretPolicy:SecretPolicy": { kind: "secret", key: "secretArn", source: () => "secret policy" },
    "aws:ecr/repositoryPolicy:RepositoryPolicy": { kind: "repository", key: "repository", source: () => "repository policy" },
};

const lambdaPermissionKeys = ["statementId", "action", "principal", "sourceArn", "sourceAccount", "principalOrgId"];

export function principalTables(resources: readonly RecordedResource[], placement: Placement): PrincipalTable[] {
    const tables = new Map<string, { kind: PrincipalTable["kind"]; name: string; resourceKind?: string; workload?: string; documents: PermissionDocument[] }>();
    let current: RecordedResource | undefined;
    const workloadOf = workloadIndex(resources);
    const tableFor = (kind: PrincipalTable["kind"], name: string, resourceKind?: string) => {
        const key = `${kind}\u0000${resourceKind ?? ""}\u0000${name}`;
        let table = tables.get(key);
        if (table === undefined) {
            table = { kind, name, ...(resourceKind ? { resourceKind } : {}), documents: [] };
            tables.set(key, table);
        }
        const workload = workloadOf(current);
        if (table.workload === undefined && workload !== undefined) table.workload = workload;
        return table;
    };
    const managed = new Map<string, RecordedResource>();
    for (const r of resources.filter((r) => r.type === "aws:iam/policy:Policy")) {
        managed.set(physicalName(r), r);
        managed.set(mockArn(r.type, physicalName(r), placement.region, placement.accountId), r);
    }
    const doc = (source: string, kind: DocumentKind, r: RecordedResource, rendered: unknown, rows = rowsOf(r)): PermissionDocument => ({ source, kind, resource: r.name, rendered, rows });

    for (const r of resources) {
        current = r;
        switch (r.type) {
            case "aws:iam/role:Role":
                tableFor("role", physicalName(r)).documents.push(doc("trust policy", "trust", r, parsed(r.inputs.assumeRolePolicy)));
                break;
            case "aws:iam/user:User":
                tableFor("user", physicalName(r));
                break;
            case "aws:iam/rolePolicy:RolePolicy":
            case "aws:iam/userPolicy:UserPolicy": {
                const kind = r.type.endsWith("RolePolicy") ? "role" : "user";
                tableFor(kind, str(r.inputs[kind])).documents.push(doc(`inline ${physicalName(r)}`, "identity", r, parsed(r.inputs.policy)));
                break;
            }
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
            case "aws:iam/userPolicyAttachment:UserPolicyAttachment": {
                const kind = r.type.includes("RolePolicy") ? "role" : "user";
                const arn = str(r.inputs.policyArn);
                const policy = managed.get(arn);
                const table = tableFor(kind, str(r.inputs[kind]));
                if (policy) table.documents.push(doc(`managed ${physicalName(policy)}`, "identity", policy, parsed(policy.inputs.policy), rowsOf(policy)));
                else table.documents.push({ source: `managed ${arn}`, kind: "identity", resource: r.name, rendered: { policyArn: arn, note: "not defined in this stack; its document is not rendered" }, rows: [] });
                break;
            }
            default: {
                const target = grantTargets[r.type];
                if (target === undefined) break;
                const rendered = r.type === "aws:lambda/permission:Permission"
                    ? Object.fromEntries(lambdaPermissionKeys.filter((k) => r.inputs[k] !== undefined).map((k) => [k, r.inputs[k]]))
                    : parsed(r.inputs.policy);
                tableFor("resource", str(r.inputs[target.key]) || r.name, target.kind).documents.push(doc(target.source(r), "resource", r, rendered));
            }
        }
    }
    const kindOrder = { role: 0, user: 1, resource: 2 };
    const sourceOrder = (d: PermissionDocument) => (d.source === "trust policy" ? 0 : d.source.startsWith("inline ") ? 1 : d.source.startsWith("managed ") ? 2 : 3);
    return [...tables.values()]
        .map((t) => ({ ...t, documents: [...t.documents].sort((a, b) => sourceOrder(a) - sourceOrder(b) || byText(a.source, b.source)) }))
        .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || byText(a.resourceKind ?? "", b.resourceKind ?? "") || byText(a.name, b.name));
}

/** Resource counts by type token, sorted by type. */
export function resourcesByType(resources: readonly RecordedResource[]): { type: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => byText(a.type, b.type));
}
