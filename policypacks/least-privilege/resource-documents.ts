/**
 * Which resource types carry which policy documents, matched on type tokens (importing
 * `@pulumi/aws` into the analyzer costs seconds per preview). Each document comes back read by
 * `documents.ts`, tagged with its field and kind; a document whose value is unknown at preview
 * comes back as `unknown` instead of throwing CrossGuard's `UnknownValueError` out of a policy.
 */
import { DocumentRead, Statement, readDocument } from "./documents";

/** Identity policies grant a principal; trust policies say who may assume a role; resource policies sit on the resource. */
export type DocumentKind = "identity" | "trust" | "resource";

export interface CarriedDocument {
    /** Where the document sits: `policy`, `assumeRolePolicy`, `inlinePolicies[0].policy`, `permission`. */
    readonly field: string;
    readonly kind: DocumentKind;
    readonly read: DocumentRead;
    /** Set when the value cannot be known until `pulumi up`; `read` is then empty. */
    readonly unknown?: string;
}

type Extractor = (props: Record<string, unknown>) => CarriedDocument[];

/** A `policy` the resource cannot exist without: an empty one is a document AWS rejects, so it is read (and reported). */
const policyField = (kind: DocumentKind): Extractor => (props) => policyDocument(props, "policy", kind, true);
/** A `policy` that may be left out: empty means none (`aws.s3.Bucket`, `aws.sns.Topic`). */
const optionalPolicyField = (kind: DocumentKind): Extractor => (props) => policyDocument(props, "policy", kind, false);

/** Type token -> how to find its documents. */
const extractors: ReadonlyMap<string, Extractor> = new Map<string, Extractor>([
    ["aws:iam/policy:Policy", policyField("identity")],
    ["aws:iam/rolePolicy:RolePolicy", policyField("identity")],
    ["aws:iam/userPolicy:UserPolicy", policyField("identity")],
    ["aws:iam/groupPolicy:GroupPolicy", policyField("identity")],
    ["aws:iam/role:Role", roleDocuments],
    ["aws:s3/bucketPolicy:BucketPolicy", policyField("resource")],
    ["aws:s3/bucket:Bucket", optionalPolicyField("resource")],
    ["aws:s3/bucketV2:BucketV2", optionalPolicyField("resource")],
    ["aws:sns/topicPolicy:TopicPolicy", policyField("resource")],
    ["aws:sns/topic:Topic", optionalPolicyField("resource")],
    ["aws:sqs/queuePolicy:QueuePolicy", policyField("resource")],
    ["aws:secretsmanager/secretPolicy:SecretPolicy", policyField("resource")],
    ["aws:ecr/repositoryPolicy:RepositoryPolicy", policyField("resource")],
    // A key policy: its "*" is the key (the default one grants the account root kms:*).
    ["aws:kms/key:Key", optionalPolicyField("resource")],
    ["aws:kms/keyPolicy:KeyPolicy", policyField("resource")],
    ["aws:lambda/permission:Permission", lambdaPermission],
]);

/** The type tokens this pack reads documents from. */
export const documentTypes: ReadonlySet<string> = new Set(extractors.keys());

/** The fast path every document policy takes first. */
export function carriesDocuments(type: string): boolean {
    return extractors.has(type);
}

/** The documents a resource carries; never throws for unknown or malformed values. */
export function documentsOf(type: string, props: Record<string, unknown>): CarriedDocument[] {
    const extract = extractors.get(type);
    return extract ? extract(props) : [];
}

/** The sentinels the engine sends for values not known at preview (Pulumi's RPC protocol constants). */
const unknownSentinels = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
]);

/** CrossGuard's `unknownCheckingProxy` throws an `UnknownValueError` (it carries the sentinel and the path). */
export function isUnknownValueError(e: unknown): e is Error & { props: string[] } {
    return e instanceof Error && "unknownTypeSentinel" in e && Array.isArray((e as { props?: unknown }).props);
}

export const unknownValue: unique symbol = Symbol("unknown at preview");

/** `props[key]`, or `unknownValue` when the engine does not know it yet. */
export function known(props: Record<string, unknown>, key: string): unknown {
    try {
        const value = props[key];
        // Sentinels are 36-character UUIDs: the length test spares hashing a long policy text.
        return typeof value === "string" && value.length === 36 && unknownSentinels.has(value) ? unknownValue : value;
    } catch (e) {
        if (isUnknownValueError(e)) return unknownValue;
        throw e;
    }
}

const empty: DocumentRead = { statements: [], problems: [] };

function unknownDocument(field: string, kind: DocumentKind): CarriedDocument {
    return { field, kind, read: empty, unknown: `${field} is not known at preview` };
}

/** Reads one document value; unknowns nested in an object document surface here too. */
function carried(field: string, kind: DocumentKind, value: unknown): CarriedDocument {
    if (value === unknownValue) return unknownDocument(field, kind);
    try {
        return { field, kind, read: readDocument(value) };
    } catch (e) {
        if (isUnknownValueError(e)) return { field, kind, read: empty, unknown: `${e.props.join(".")} is not known at preview` };
        throw e;
    }
}

function policyDocument(props: Record<string, unknown>, field: string, kind: DocumentKind, emptyIsADocument: boolean): CarriedDocument[] {
    const value = known(props, field);
    if (value === undefined || value === null || (value === "" && !emptyIsADocument)) return [];
    return [carried(field, kind, value)];
}

function roleDocuments(props: Record<string, unknown>): CarriedDocument[] {
    const documents = [carried("assumeRolePolicy", "trust", known(props, "assumeRolePolicy"))];
    const inline = known(props, "inlinePolicies");
    if (inline === unknownValue) return [...documents, unknownDocument("inlinePolicies", "identity")];
    if (!Array.isArray(inline)) return documents;
    inline.forEach((entry: unknown, i: number) => {
        const field = `inlinePolicies[${i}].policy`;
        if (typeof entry !== "object" || entry === null) return;
        const value = known(entry as Record<string, unknown>, "policy");
        // An empty inline policy block is how the provider removes all inline policies.
        if (value === undefined || value === "") return;
        documents.push(carried(field, "identity", value));
    });
    return documents;
}

/**
 * A Lambda permission is one resource-policy statement spelled as arguments; it is synthesized
 * so that the same policies judge it. `sourceArn`, `sourceAccount` and `principalOrgId` become
 * the conditions AWS adds. Its resource is the function itself, so no Resource is judged.
 */
function lambdaPermission(props: Record<string, unknown>): CarriedDocument[] {
    const field = "permission";
    const fields = ["action", "principal", "sourceArn", "sourceAccount", "principalOrgId", "statementId"] as const;
    const values: Partial<Record<(typeof fields)[number], unknown>> = {};
    for (const key of fields) {
        values[key] = known(props, key);
        if (values[key] === unknownValue) return [unknownDocument(`${field}.${key}`, "resource")];
    }
    const problems: string[] = [];
    if (typeof values.action !== "string" || values.action === "") problems.push("permission: action must be a non-empty string");
    if (typeof values.principal !== "string" || values.principal === "") problems.push("permission: principal must be a non-empty string");
    if (problems.length > 0) return [{ field, kind: "resource", read: { statements: [], problems } }];
    const principal = String(values.principal);
    const conditions: Record<string, Record<string, string[]>> = {};
    const add = (operator: string, key: string, value: unknown) => {
        if (typeof value === "string" && value !== "") conditions[operator] = { ...(conditions[operator] ?? {}), [key]: [value] };
    };
    add("ArnLike", "AWS:SourceArn", values.sourceArn);
    add("StringEquals", "AWS:SourceAccount", values.sourceAccount);
    add("StringEquals", "aws:PrincipalOrgID", values.principalOrgId);
    const principalType = principal === "*" ? undefined : principal.endsWith(".amazonaws.com") ? "Service" : "AWS";
    const statement: Statement = {
        index: 0,
        label: typeof values.statementId === "string" && values.statementId !== "" ? values.statementId : "#0",
        effect: "Allow",
        actions: [String(values.action)],
        principal: principalType ? { any: false, entries: { [principalType]: [principal] } } : { any: true, entries: {} },
        conditions,
    };
    return [{ field, kind: "resource", read: { statements: [statement], problems: [] } }];
}
