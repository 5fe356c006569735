/**
 * IAM condition operators (IAM User Guide, "IAM JSON policy elements: Condition operators"):
 * the base operators, the `...IfExists` suffix (not on `Null`) and the `ForAnyValue:` /
 * `ForAllValues:` set prefixes, and the value shape each base operator compares.
 */
import { hasWildcardOrVariable } from "./glob";
import { remember } from "./memo";

export type ValueShape = "string" | "number" | "date" | "boolean" | "binary" | "ip" | "arn" | "null";

/** Base operator -> the shape of the values it compares. */
const baseOperators: ReadonlyMap<string, ValueShape> = new Map<string, ValueShape>([
    ...["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"].map((o) => [o, "string"] as [string, ValueShape]),
    ...["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"].map((o) => [o, "number"] as [string, ValueShape]),
    ...["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"].map((o) => [o, "date"] as [string, ValueShape]),
    ["Bool", "boolean"],
    ["BinaryEquals", "binary"],
    ["IpAddress", "ip"],
    ["NotIpAddress", "ip"],
    ...["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"].map((o) => [o, "arn"] as [string, ValueShape]),
    ["Null", "null"],
]);

export interface Operator {
    /** e.g. `StringLike` for `ForAnyValue:StringLikeIfExists`. */
    readonly base: string;
    readonly shape: ValueShape;
    readonly ifExists: boolean;
    readonly set?: "ForAnyValue" | "ForAllValues";
}

const parsedOperators = new Map<string, Operator | undefined>();

/** The operator's parts, or `undefined` when AWS does not know it (operators are case-sensitive). */
export function parseOperator(text: string): Operator | undefined {
    return remember(parsedOperators, text, parse, 1000);
}

function parse(text: string): Operator | undefined {
    let rest = text;
    let set: Operator["set"];
    for (const prefix of ["ForAnyValue", "ForAllValues"] as const) {
        if (rest.startsWith(`${prefix}:`)) {
            set = prefix;
            rest = rest.slice(prefix.length + 1);
        }
    }
    const ifExists = rest.endsWith("IfExists") && rest !== "IfExists";
    const base = ifExists ? rest.slice(0, -"IfExists".length) : rest;
    const shape = baseOperators.get(base);
    if (shape === undefined || (ifExists && base === "Null")) return undefined;
    return { base, shape, ifExists, ...(set ? { set } : {}) };
}

/** The closest real operator by case-insensitive spelling, for "did you mean". */
export function operatorSuggestion(text: string): string | undefined {
    const lower = text.toLowerCase();
    const suffix = lower.endsWith("ifexists") ? "IfExists" : "";
    const base = suffix ? lower.slice(0, -8) : lower;
    const bare = base.replace(/^(foranyvalue|forallvalues):/, "");
    const prefix = text.slice(0, base.length - bare.length);
    for (const name of baseOperators.keys()) if (name.toLowerCase() === bare) return `${prefix.replace(/^foranyvalue:/i, "ForAnyValue:").replace(/^forallvalues:/i, "ForAllValues:")}${name}${suffix}`;
    return undefined;
}

/** What is wrong with one value for an operator of this shape, or `undefined`. */
export function valueProblem(shape: ValueShape, value: string): string | undefined {
    switch (shape) {
        case "boolean":
        case "null":
            return value === "true" || value === "false" ? undefined : `${JSON.stringify(value)} is not true or false`;
        case "number":
            return /^-?\d+(\.\d+)?$/.test(value) ? undefined : `${JSON.stringify(value)} is not a number`;
        case "date":
            return /^\d+$/.test(value) || !Number.isNaN(Date.parse(value)) ? undefined : `${JSON.stringify(value)} is neither an ISO 8601 date nor epoch seconds`;
        case "ip":
            return ipProblem(value);
        case "arn":
            return value.startsWith("arn:") || value === "*" || (hasWildcardOrVariable(value) && !/^[a-z0-9-]+:/.test(value)) ? undefined : `${JSON.stringify(value)} is not an ARN`;
        default:
            return undefined;
    }
}

function ipProblem(value: string): string | undefined {
    const [address, bits, extra] = value.split("/");
    if (extra !== undefined) return `${JSON.stringify(value)} is not an IP address or CIDR range`;
    const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
    if (v4) {
        if (v4.slice(1).some((o) => Number(o) > 255) || (bits !== undefined && !(/^\d{1,2}$/.test(bits) && Number(bits) <= 32))) return `${JSON.stringify(value)} is not a valid IPv4 address or CIDR range`;
        return undefined;
    }
    if (/^[0-9a-fA-F:]+$/.test(address) && address.includes(":") && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= 128))) return undefined;
    return `${JSON.stringify(value)} is not an IP address or CIDR range`;
}
