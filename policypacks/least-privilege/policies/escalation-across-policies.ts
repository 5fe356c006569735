/**
 * `no-privilege-escalation-across-policies` (stack, security): the PassRole-with-compute
 * combinations of `no-privilege-escalation`, split over several identity documents of one
 * principal, which no resource policy sees alone (`iam:PassRole` on `*` in one `RolePolicy`,
 * `ec2:RunInstances` in another on the same role, or in a managed policy attached to it). The
 * principal's documents are its inline policies (`RolePolicy`/`UserPolicy`/`GroupPolicy`, a
 * Role's `inlinePolicies`) and the stack's own managed policies attached to it (linked through the
 * attachment's `policyArn` dependency, the ARN, or the policy's name). Only combinations that
 * span two resources are reported here; one document's own are `no-privilege-escalation`'s.
 * Also what only the stack shows: a managed policy that writes permissions onto the principal it
 * is attached to, and `iam:CreatePolicyVersion`/`SetDefaultPolicyVersion` on a managed policy
 * attached to the holder (Rhino Security Labs' first method, with the policy named).
 */
import type { EnforcementLevel, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Statement } from "../iam/documents";
import { renderFinding } from "../finding";
import { Hit, assumedRoleWrites, combinationFinding, combinationsIn, hitsOf, ownWriteFinding, writesRole } from "./no-privilege-escalation";
import { documentsOf, known } from "../iam/resource-documents";
import { tolerant } from "../iam/unknown-parts";
import { attachmentsOf } from "../iam/attachments";
import { memberNamesOf, membershipsOf } from "../iam/group-memberships";
import { escapeRegExp, globMatch } from "../iam/glob";

type StackResource = Pick<PolicyResource, "type" | "name" | "urn" | "props"> & Partial<Pick<PolicyResource, "propertyDependencies">>;

/** Resources whose documents are a principal's own, and the input naming it (inline policies; aws-native users, groups and roles carry theirs). */
const ownerTypes: ReadonlyMap<string, { readonly kind: "role" | "user" | "group"; readonly key: string }> = new Map([
    ["aws:iam/rolePolicy:RolePolicy", { kind: "role", key: "role" }], ["aws:iam/userPolicy:UserPolicy", { kind: "user", key: "user" }], ["aws:iam/groupPolicy:GroupPolicy", { kind: "group", key: "group" }],
    ["aws-native:iam:RolePolicy", { kind: "role", key: "roleName" }], ["aws-native:iam:UserPolicy", { kind: "user", key: "userName" }], ["aws-native:iam:GroupPolicy", { kind: "group", key: "groupName" }],
    ["aws-native:iam:User", { kind: "user", key: "userName" }], ["aws-native:iam:Group", { kind: "group", key: "groupName" }],
]);
/** Roles: the input of their name (their trust policy says who may assume them). */
const roleTypes: ReadonlyMap<string, { readonly name: string }> = new Map([["aws:iam/role:Role", { name: "name" }], ["aws-native:iam:Role", { name: "roleName" }]]);
/** Customer managed policies: the inputs of their name and ARN. */
const policyTypes: ReadonlyMap<string, { readonly name: string; readonly arn: string }> = new Map([["aws:iam/policy:Policy", { name: "name", arn: "arn" }], ["aws-native:iam:ManagedPolicy", { name: "managedPolicyName", arn: "policyArn" }]]);

const text = (props: Record<string, unknown>, key: string): string | undefined => {
    const value = known(props, key);
    return typeof value === "string" && value !== "" ? value : undefined;
};
const lastSegment = (value: string) => value.slice(value.lastIndexOf("/") + 1);

interface Principal {
    readonly kind: "role" | "user" | "group";
    readonly name: string;
    readonly label: string;
    /** The stack's managed policies attached to it, with the attachment's name. */
    readonly attached: { readonly policy: StackResource; readonly through: string }[];
    readonly statements: Statement[];
    /** Which resource each (relabelled) statement comes from. */
    readonly origin: Map<Statement, StackResource>;
    /** For a user, the groups the stack puts it in (a write onto one is a write onto itself); for a group, its members. */
    readonly groups: Set<string>;
}

/** A principal's statements in the shape the document checks read. */
const readOf = (p: Principal) => ({ read: { statements: p.statements, problems: [] } });

/** Adds a resource's identity statements to a principal, each labelled `resource › Sid`. */
function add(principal: Principal, resource: StackResource, type = resource.type): void {
    const documents = tolerant(() => documentsOf(type, resource.props));
    if (typeof documents === "symbol") return;
    for (const document of documents) {
        if (document.kind !== "identity" || document.unknown !== undefined) continue;
        for (const statement of document.read.statements) {
            const labelled: Statement = { ...statement, label: `${resource.name} › ${statement.label}` };
            principal.statements.push(labelled);
            principal.origin.set(labelled, resource);
        }
    }
}

export function escalationAcrossPolicies(resources: readonly StackResource[]): { urn: string; message: string }[] {
    const principals = new Map<string, Principal>();
    const principal = (kind: Principal["kind"], name: string): Principal => {
        const key = `${kind}:${name}`;
        let p = principals.get(key);
        if (p === undefined) principals.set(key, (p = { kind, name, label: `${kind} ${name}`, attached: [], statements: [], origin: new Map(), groups: new Set() }));
        return p;
    };
    const policies = { byUrn: new Map<string, StackResource>(), byArn: new Map<string, StackResource>(), byName: new Map<string, StackResource>() };
    for (const r of resources) {
        const keys = policyTypes.get(r.type);
        if (keys === undefined) continue;
        policies.byUrn.set(r.urn, r);
        const arn = text(r.props, keys.arn);
        if (arn) policies.byArn.set(arn, r);
        const name = text(r.props, keys.name);
        if (name) policies.byName.set(name, r);
    }
    /** Each stack role's name, with the principal ARNs its trust policy names. */
    const trusted = new Map<string, Trusting>();
    /** A stack policy by its ARN, or a customer policy ARN by the policy's name (the ARN is not known at preview). */
    const policyByArn = (arn: string) => policies.byArn.get(arn) ?? (arn.includes(":policy/") && !arn.includes(":aws:policy/") ? policies.byName.get(lastSegment(arn)) : undefined);
    for (const r of resources) {
        for (const { group } of membershipsOf(r.type, r.props)) {
            if (group === undefined) continue;
            for (const user of memberNamesOf(r.type, r.props)) {
                principal("user", user).groups.add(group);
                principal("group", group).groups.add(user);
            }
        }
        const own = ownerTypes.get(r.type);
        const owner = own === undefined ? undefined : text(r.props, own.key);
        if (own !== undefined && owner !== undefined) add(principal(own.kind, lastSegment(owner)), r);
        const role = roleTypes.get(r.type);
        const roleName = role === undefined ? undefined : text(r.props, role.name);
        if (roleName !== undefined) {
            add(principal("role", roleName), r);
            trusted.set(roleName, { resource: r, principals: trustedPrincipals(r), path: text(r.props, "path") ?? "/" });
        }
        // Every way a policy is attached (attachments.ts): attachment resources, Role.managedPolicyArns, a ManagedPolicy's own roles/users/groups.
        for (const attachment of attachmentsOf(r.type, r.props)) {
            const reference = attachment.policy;
            const policy = reference.kind === "itself" ? r
                : (r.propertyDependencies?.[attachment.dependencyKey] ?? []).map((d) => policies.byUrn.get(d.urn)).find((p) => p !== undefined)
                    ?? (reference.kind === "arn" ? policyByArn(reference.arn) : reference.kind === "name" ? policies.byName.get(reference.name) : undefined);
            if (policy === undefined || !policyTypes.has(policy.type)) continue;
            const through = reference.kind === "itself" || attachment.principals.some((w) => w.itself) ? `${r.name}.${attachment.dependencyKey}` : r.name;
            for (const who of attachment.principals) {
                if ((who.kind !== "role" && who.kind !== "user" && who.kind !== "group") || who.name === undefined) continue;
                const p = principal(who.kind, lastSegment(who.name));
                add(p, policy);
                p.attached.push({ policy, through });
            }
        }
    }
    const findings: { urn: string; message: string }[] = [];
    for (const p of principals.values()) {
        // What the principal's statements write onto itself and onto others, found once for the three checks that read it.
        const hits = hitsOf(readOf(p), { kind: p.kind, name: p.name });
        findings.push(...ownWrites(p, hits), ...groupWrites(p), ...assumedWrites(p, hits), ...trustedWrites(p, hits, trusted));
    }
    for (const p of principals.values()) {
        if (new Set(p.origin.values()).size < 2) continue;
        for (const hit of combinationsIn(readOf(p))) {
            const origins = new Set([hit.pass.statement, ...hit.found.map((f) => f.statement)].map((s) => p.origin.get(s)));
            if (origins.size < 2) continue;
            const urn = p.origin.get(hit.pass.statement)?.urn ?? "";
            findings.push({ urn, message: renderFinding(p.label, combinationFinding("its policies together", hit)) });
        }
    }
    return findings;
}

/** Managed policies writing onto the principal they are attached to; policy versions of the holder's attached policies. */
function ownWrites(p: Principal, hits: readonly Hit[]): { urn: string; message: string }[] {
    if (p.attached.length === 0) return [];
    const findings: { urn: string; message: string }[] = [];
    const read = readOf(p);
    const through = new Map(p.attached.map((a) => [a.policy, a.through]));
    for (const hit of hits) {
        const origin = p.origin.get(hit.statement);
        if (origin === undefined || hit.coverage !== "own" || !hit.grant.own || !policyTypes.has(origin.type)) continue;
        findings.push({ urn: origin.urn, message: renderFinding(p.label, ownWriteFinding("its policies together", hit, `its own ${p.kind} ${p.name}`, `the grant is in ${origin.name}, attached to it through ${through.get(origin) ?? "an attachment"}`)) });
    }
    for (const { policy, through: attachment } of p.attached) {
        const name = text(policy.props, policyTypes.get(policy.type)?.name ?? "name");
        if (name === undefined) continue;
        const path = text(policy.props, "path");
        for (const hit of hitsOf(read, { kind: "policy", name, ...(path !== undefined ? { path } : {}) })) {
            const origin = p.origin.get(hit.statement);
            // Its own document is no-privilege-escalation's (it knows the policy's name); `*` is blocked there too.
            if (origin === undefined || origin === policy || hit.coverage !== "own" || hit.grant.target !== "policy") continue;
            findings.push({ urn: origin.urn, message: renderFinding(p.label, ownWriteFinding("its policies together", hit, `the policy ${name}`, `attached to it through ${attachment}`)) });
        }
    }
    return findings;
}

/** A user's policies writing onto a group the stack puts it in, or a group's onto one of its members: the user gets what is written. */
function groupWrites(p: Principal): { urn: string; message: string }[] {
    if (p.kind === "role") return [];
    const read = readOf(p);
    const findings: { urn: string; message: string }[] = [];
    const other = p.kind === "user" ? "group" : "user";
    for (const name of p.groups) {
        for (const hit of hitsOf(read, { kind: other, name })) {
            const origin = p.origin.get(hit.statement);
            if (origin === undefined || hit.coverage !== "own" || hit.grant.target !== other || !hit.grant.own) continue;
            const [target, via] = p.kind === "user" ? [`its own group ${name}`, `the stack makes it a member of ${name}`] : [`its member user ${name}`, `the stack makes ${name} a member of ${p.name}, so ${name} holds this grant`];
            findings.push({ urn: origin.urn, message: renderFinding(p.label, ownWriteFinding("its policies together", hit, target, via)) });
        }
    }
    return findings;
}

/** Writes onto a role in one document, and sts:AssumeRole on that role in another (one document's own are no-privilege-escalation's). */
function assumedWrites(p: Principal, hits: readonly Hit[]): { urn: string; message: string }[] {
    const findings: { urn: string; message: string }[] = [];
    for (const [hit, assumes] of assumedRoleWrites(p.statements, hits)) {
        const origin = p.origin.get(hit.statement);
        const other = assumes.find((s) => p.origin.get(s) !== origin);
        if (origin === undefined || other === undefined) continue;
        findings.push({ urn: origin.urn, message: renderFinding(p.label, ownWriteFinding("its policies together", hit, `role ${JSON.stringify(hit.element)}`, `statement ${other.label} lets it assume that role`)) });
    }
    return findings;
}

/** A stack role that may be assumed: its resource, the principal ARNs its trust policy names, and its path (`/` by default). */
interface Trusting {
    readonly resource: StackResource;
    readonly principals: string[];
    readonly path: string;
}

/** The principal ARNs a role's trust policy lets assume it (Allow, `{"AWS": ...}`). */
function trustedPrincipals(role: StackResource): string[] {
    const documents = tolerant(() => documentsOf(role.type, role.props));
    if (typeof documents === "symbol") return [];
    return documents.filter((d) => d.kind === "trust").flatMap((d) => d.read.statements.filter((s) => s.effect === "Allow").flatMap((s) => s.principal?.entries.AWS ?? []));
}

/**
 * A write onto a stack role whose trust policy names the writer itself: in one account a trust
 * policy that names a principal's ARN lets it assume the role without any permission of its own
 * (IAM User Guide, "Cross account resource access in IAM" / role trust), so the writer becomes it.
 */
function trustedWrites(p: Principal, hits: readonly Hit[], trusted: ReadonlyMap<string, Trusting>): { urn: string; message: string }[] {
    if (p.kind === "group" || trusted.size === 0) return [];
    const name = escapeRegExp(p.name);
    // The writer by its ARN (any path), or, for a role, by one of its sessions (`assumed-role/<name>/<session>`).
    const self = new RegExp(`^arn:aws(-[a-z]+)*:(iam::\\d{12}:${p.kind}/(.*/)?${name}|sts::\\d{12}:assumed-role/${name}/.+)$`);
    const findings: { urn: string; message: string }[] = [];
    for (const hit of hits) {
        if (hit.grant.target !== "role" || !writesRole.has(hit.grant.kind) || (hit.coverage !== "named" && hit.coverage !== "pattern") || !hit.element.includes(":role/")) continue;
        const origin = p.origin.get(hit.statement);
        const prefix = hit.element.slice(0, hit.element.indexOf(":role/") + 6);
        for (const [role, { resource, principals, path }] of trusted) {
            if (role === p.name && p.kind === "role") continue;
            if (!globMatch(hit.element, `${prefix}${path.replace(/^\/+/, "")}${role}`) || !principals.some((arn) => self.test(arn))) continue;
            if (origin !== undefined) findings.push({ urn: origin.urn, message: renderFinding(p.label, ownWriteFinding("its policies together", hit, `role ${role}`, `${resource.name}'s trust policy names ${p.kind} ${p.name}, so it may assume that role without a permission of its own`)) });
        }
    }
    return findings;
}

export function escalationAcrossPoliciesPolicy(enforcementLevel: EnforcementLevel): StackValidationPolicy {
    return {
        name: "no-privilege-escalation-across-policies",
        description: "No one-step privilege escalation split over several policies of one role, user or group (iam:PassRole on any role in one, compute that runs as it in another).",
        enforcementLevel,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            for (const finding of escalationAcrossPolicies(args.resources)) reportViolation(finding.message, finding.urn);
        },
    };
}
