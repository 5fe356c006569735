/**
 * The one reader every policy uses: turns a policy document in any shape CrossGuard can hand
 * over (a JSON string or an object; `Statement` as one object or a list; `Action`, `Resource`,
 * `NotAction`, `NotResource` and principal values as a string or a list) into normalized
 * statements, and lists what is wrong with it. It never throws on bad input: invalid JSON, wrong
 * shapes and unknown values become `problems`, and whatever can still be read is returned.
 */
import { narrowsOn } from "./narrowing";

export type Effect = "Allow" | "Deny";

/** `"*"` or `{ AWS | Service | Federated | CanonicalUser: ... }`, values as lists. */
export interface Principal {
    /** True when anyone is let in: `"*"` or `"*"` among the values of any principal type. */
    readonly any: boolean;
    readonly entries: Readonly<Record<string, readonly string[]>>;
}

/** Operator -> condition key -> values, values rendered as strings (`true` -> `"true"`). */
export type Conditions = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export interface Statement {
    readonly index: number;
    /** The Sid, or `#<index>` when there is none: how messages name the statement. */
    readonly label: string;
    readonly effect: Effect;
    readonly actions?: readonly string[];
    readonly notActions?: readonly string[];
    /** Absent in trust policies and Lambda permissions, where the resource is implied. */
    readonly resources?: readonly string[];
    readonly notResources?: readonly string[];
    readonly principal?: Principal;
    readonly notPrincipal?: Principal;
    readonly conditions: Conditions;
}

export interface DocumentRead {
    readonly statements: readonly Statement[];
    /** One line each, naming the statement when there is one. */
    readonly problems: readonly string[];
    /** The document's `Version` as written (absent for synthesized documents such as Lambda permissions). */
    readonly version?: unknown;
}

/**
 * API Gateway's shorthand for the API a resource policy is attached to (`execute-api:/stage/GET/path`),
 * which API Gateway expands to the API's own ARN (API Gateway Developer Guide, "API Gateway
 * resource policy examples"); IAM itself accepts it nowhere else.
 */
const apiShorthand = "execute-api:/";
const statementKeys = new Set(["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]);
const documentKeys = new Set(["Version", "Id", "Statement"]);
const versions = new Set(["2012-10-17", "2008-10-17"]);

/**
 * The last few texts read and their readings, newest first. CrossGuard runs every policy of the
 * pack on one resource before the next, and each policy reads the same texts: a short list
 * compared with `===` finds them without hashing kilobytes of JSON (strings of different
 * lengths compare in constant time), and lets old readings die young. Sixteen: more texts than
 * one resource carries, few enough that a long document's reading is collected before it is
 * promoted (AWS managed policies, judged one after another: peak RSS 246 MB with 32, 237 MB with 16).
 */
const recent: { text: string; read: DocumentRead }[] = [];
const recentLimit = 16;
/** Empty or white space only (a test, not `trim()`, which copies the text). */
const blank = /^\s*$/;

export function readDocument(raw: unknown): DocumentRead {
    if (typeof raw !== "string") return readValue(raw);
    for (const entry of recent) if (entry.text === raw) return entry.read;
    let read: DocumentRead;
    try {
        read = blank.test(raw)
            ? { statements: [], problems: ["the document is empty: AWS rejects it as MalformedPolicyDocument; give it a Version and a Statement"] }
            : readValue(JSON.parse(raw));
    } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
        read = { statements: [], problems: [`the document is not valid JSON (${e.message})`] };
    }
    if (recent.length >= recentLimit) recent.pop();
    recent.unshift({ text: raw, read });
    return read;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readValue(doc: unknown): DocumentRead {
    const problems: string[] = [];
    if (!isObject(doc)) return { statements: [], problems: [`a policy document must be a JSON object, not ${describe(doc)}`] };
    for (const key of Object.keys(doc)) if (!documentKeys.has(key)) problems.push(`unknown top-level key "${key}"`);
    const version = doc.Version;
    if (version !== undefined && !(typeof version === "string" && versions.has(version))) {
        problems.push(`Version ${JSON.stringify(version)} is not "2012-10-17"`);
    }
    const rawStatements = doc.Statement;
    let list: unknown[];
    if (rawStatements === undefined) {
        problems.push("the document has no Statement");
        list = [];
    } else if (Array.isArray(rawStatements)) {
        list = rawStatements;
    } else if (isObject(rawStatements)) {
        list = [rawStatements];
    } else {
        problems.push(`Statement must be an object or a list of objects, not ${describe(rawStatements)}`);
        list = [];
    }
    const statements: Statement[] = [];
    const sids = new Set<string>();
    list.forEach((raw, index) => {
        const statement = readStatement(raw, index, problems);
        if (statement === undefined) return;
        if (statement.label === (raw as Record<string, unknown>).Sid) {
            if (sids.has(statement.label)) problems.push(`two statements have Sid "${statement.label}"; Sids must be unique`);
            sids.add(statement.label);
        }
        statements.push(statement);
    });
    // Policy variables under an old or missing Version are AWS-accepted: `policy-version` (lint) reports them.
    return { statements, problems, version };
}

function readStatement(raw: unknown, index: number, problems: string[]): Statement | undefined {
    if (!isObject(raw)) {
        problems.push(`statement #${index} must be an object, not ${describe(raw)}`);
        return undefined;
    }
    let label = `#${index}`;
    if (raw.Sid !== undefined) {
        // IAM accepts "Sid": "" (its rule is on characters): the statement keeps its #index label.
        if (typeof raw.Sid !== "string") problems.push(`statement #${index}: Sid must be a string, not ${describe(raw.Sid)}`);
        else if (raw.Sid !== "") label = raw.Sid;
    }
    const where = `statement ${label}`;
    for (const key of Object.keys(raw)) if (!statementKeys.has(key)) problems.push(`${where}: unknown key "${key}"`);
    if (raw.Effect !== "Allow" && raw.Effect !== "Deny") {
        problems.push(`${where}: Effect ${raw.Effect === undefined ? "is missing" : `${JSON.stringify(raw.Effect)} is neither "Allow" nor "Deny"`}; the statement is not checked further`);
        return undefined;
    }
    const actions = stringList(raw, "Action", where, problems);
    const notActions = stringList(raw, "NotAction", where, problems);
    if ((actions === undefined) === (notActions === undefined)) {
        problems.push(`${where}: needs exactly one of Action and NotAction`);
    }
    const resources = stringList(raw, "Resource", where, problems);
    const notResources = stringList(raw, "NotResource", where, problems);
    if (resources !== undefined && notResources !== undefined) problems.push(`${where}: has both Resource and NotResource`);
    for (const element of [...(resources ?? []), ...(notResources ?? [])]) {
        if (element !== "*" && !element.startsWith("arn:") && !element.startsWith(apiShorthand)) problems.push(`${where}: resource ${JSON.stringify(element)} is neither "*" nor an ARN`);
    }
    return {
        index,
        label,
        effect: raw.Effect,
        ...(actions !== undefined ? { actions } : {}),
        ...(notActions !== undefined ? { notActions } : {}),
        ...(resources !== undefined ? { resources } : {}),
        ...(notResources !== undefined ? { notResources } : {}),
        ...principalField(raw, "Principal", where, problems),
        ...principalField(raw, "NotPrincipal", where, problems),
        conditions: readConditions(raw.Condition, where, problems),
    };
}

/** A string or a list of strings; non-strings are reported and dropped. */
function stringList(raw: Record<string, unknown>, key: string, where: string, problems: string[]): string[] | undefined {
    const value = raw[key];
    if (value === undefined) return undefined;
    const items = Array.isArray(value) ? value : [value];
    const strings: string[] = [];
    for (const item of items) {
        if (typeof item === "string" && item !== "") strings.push(item);
        else problems.push(`${where}: ${key} entries must be non-empty strings, not ${describe(item)}`);
    }
    if (Array.isArray(value) && value.length === 0) problems.push(`${where}: ${key} is an empty list`);
    return strings;
}

function principalField(raw: Record<string, unknown>, key: "Principal" | "NotPrincipal", where: string, problems: string[]): Partial<Record<"principal" | "notPrincipal", Principal>> {
    const value = raw[key];
    if (value === undefined) return {};
    const field = key === "Principal" ? "principal" : "notPrincipal";
    if (value === "*") return { [field]: { any: true, entries: {} } };
    if (!isObject(value)) {
        problems.push(`${where}: ${key} must be "*" or an object such as {"Service": ...}, not ${describe(value)}`);
        return {};
    }
    const entries: Record<string, string[]> = {};
    let any = false;
    for (const type of Object.keys(value)) {
        const list = stringList(value, type, `${where} ${key}`, problems) ?? [];
        entries[type] = list;
        any ||= list.includes("*");
    }
    return { [field]: { any, entries } };
}

function readConditions(value: unknown, where: string, problems: string[]): Conditions {
    if (value === undefined) return {};
    if (!isObject(value)) {
        problems.push(`${where}: Condition must be an object, not ${describe(value)}`);
        return {};
    }
    const result: Record<string, Record<string, string[]>> = {};
    for (const [operator, block] of Object.entries(value)) {
        if (!isObject(block)) {
            problems.push(`${where}: Condition operator ${operator} must map condition keys to values, not ${describe(block)}`);
            continue;
        }
        const keys: Record<string, string[]> = {};
        for (const [key, raw] of Object.entries(block)) {
            const items = Array.isArray(raw) ? raw : [raw];
            keys[key] = [];
            for (const item of items) {
                if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") keys[key].push(String(item));
                else problems.push(`${where}: condition ${operator} ${key} has a value that is not a string, number or boolean: ${describe(item)}`);
            }
        }
        result[operator] = keys;
    }
    return result;
}

/** The values a statement's conditions give `key` (case-insensitive), with their operators. */
export function conditionEntries(statement: Statement, key: string): { operator: string; values: readonly string[] }[] {
    const wanted = key.toLowerCase();
    const found: { operator: string; values: readonly string[] }[] = [];
    // Own keys only, read without building entry lists: this runs for every statement a policy asks about.
    for (const operator in statement.conditions) {
        if (!Object.hasOwn(statement.conditions, operator)) continue;
        const block = statement.conditions[operator];
        for (const k in block) {
            // IAM condition keys are ASCII: a key of another length is not this one in another case, so it is not copied to lowercase.
            if (Object.hasOwn(block, k) && k.length === wanted.length && k.toLowerCase() === wanted) found.push({ operator, values: block[k] });
        }
    }
    return found;
}

/**
 * Does a condition on `key` limit the statement to named values? Judged by `narrowing.ts`:
 * negated, `IfExists`, `ForAllValues:`, `Null` and `Bool` operators do not, and neither do values
 * that cover the key's whole space (`*`, `o-*`, `*.amazonaws.com`, `0.0.0.0/0`).
 */
export function narrows(statement: Statement, key: string): boolean {
    return narrowsOn(statement, key);
}

function describe(value: unknown): string {
    if (value === null) return "null";
    if (value === undefined) return "missing (undefined)";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}
