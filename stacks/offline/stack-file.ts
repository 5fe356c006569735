/** Reads `stacks/Pulumi.<stack>.yaml` into the flat config map the Pulumi runtime uses. */
import * as fs from "fs";
import * as path from "path";
import { Document, Node, Scalar, YAMLParseError, isMap, isScalar, isSeq, parseDocument } from "yaml";
import { nearest } from "../config/nearest";

export const stacksDir = path.resolve(__dirname, "..");

/** A stack file that is missing or cannot be read; the message says which and why. */
export class StackFileError extends Error {}

export interface StackFile {
    readonly stack: string;
    readonly file: string;
    /** `namespace:key` -> value as the runtime holds it: strings, objects as JSON text. */
    readonly config: Record<string, string>;
    /** Keys whose values are `secure:`; offline they hold a placeholder. */
    readonly secretKeys: string[];
    /**
     * Where YAML's reading of the file changed what was written, by the key a config error names
     * (`aws-workloads:accountId`, `aws-workloads:sms.regions[1]`): an explanation to add to it.
     */
    readonly readings?: Readonly<Record<string, string>>;
}

/** The top-level keys of a Pulumi stack file (the CLI's `workspace.ProjectStack`). */
const stackFileKeys = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

export function availableStacks(dir = stacksDir): string[] {
    return fs.readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

export function readStackFile(stack: string, dir = stacksDir): StackFile {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        throw new StackFileError(`no stack "${stack}": ${file} does not exist; available stacks: ${availableStacks(dir).join(", ")}`);
    }
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new StackFileError(`${file}: cannot be read: ${(e as Error).message}`);
    }
    const parsed = parseDocument(text, { uniqueKeys: true });
    const [error] = parsed.errors;
    if (error instanceof YAMLParseError) {
        const line = error.linePos?.[0];
        throw new StackFileError(`${file}${line ? `:${line.line}:${line.col}` : ""}: malformed YAML: ${error.message.split("\n")[0]}`);
    }
    const doc = parsed.toJS() as unknown;
    if (doc !== null && doc !== undefined && (typeof doc !== "object" || Array.isArray(doc))) {
        throw new StackFileError(`${file}: a stack file is a mapping with a config: block; this one is ${Array.isArray(doc) ? "a list" : JSON.stringify(doc)}`);
    }
    for (const key of Object.keys(doc ?? {})) {
        if (stackFileKeys.includes(key)) continue;
        const guess = nearest(key, stackFileKeys);
        const missing = guess === "config" && !("config" in (doc as object))
            ? `the file has no config: block but has ${key}:, so none of its settings would be read; rename it to config:`
            : `${key}: is not a stack file key (expected ${stackFileKeys.join(", ")})${guess ? `; did you mean ${guess}:?` : ""}`;
        throw new StackFileError(`${file}: ${missing}`);
    }
    const configBlock = (doc as { config?: unknown } | null)?.config ?? {};
    if (typeof configBlock !== "object" || Array.isArray(configBlock)) {
        throw new StackFileError(`${file}: "config" must be a mapping of keys to values`);
    }
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(configBlock as Record<string, unknown>)) {
        if (isSecure(value)) {
            config[key] = "offline-placeholder-for-a-secret";
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { stack, file, config, secretKeys, readings: readingsOf(parsed) };
}

/**
 * Where YAML read a value otherwise than it is written: an unquoted number whose digits change
 * (`012345678901` is the number 12345678901), a `secure:` value the offline run cannot decrypt.
 */
function readingsOf(doc: Document): Record<string, string> {
    const readings: Record<string, string> = {};
    const visit = (key: string, node: Node | null | undefined) => {
        if (isScalar(node)) {
            const written = (node as Scalar).source ?? String((node as Scalar).value);
            const value = (node as Scalar).value;
            if (typeof value !== "string" && (node as Scalar).type === "PLAIN" && written !== String(value)) {
                readings[key] = `the stack file writes ${written} unquoted, which YAML reads as the ${typeof value === "number" ? "number" : typeof value} ${String(value)}; quote it ("${written}") to keep it as written`;
            }
        } else if (isSeq(node)) {
            node.items.forEach((item, i) => visit(`${key}[${i}]`, item as Node));
        } else if (isMap(node)) {
            const entries = node.items.map((pair) => [isScalar(pair.key) ? String(pair.key.value) : String(pair.key), pair.value as Node] as const);
            if (entries.length === 1 && entries[0][0] === "secure") {
                readings[key] = "it is a secure: (encrypted) value, which the offline check cannot decrypt: it stands a placeholder in for it; give this key a plain value, or check it with pulumi preview";
                return;
            }
            for (const [name, value] of entries) visit(`${key}${key.includes(":") ? "." : ""}${name}`, value);
        }
    };
    const config = doc.get("config", true);
    if (isMap(config)) for (const pair of config.items) visit(isScalar(pair.key) ? String(pair.key.value) : String(pair.key), pair.value as Node);
    return readings;
}

/** A config error's message with what YAML's reading of the stack file did to the value it names, if anything. */
export function withReading(message: string, key: string | undefined, file: Pick<StackFile, "readings">): string {
    const readings = Object.entries(file.readings ?? {});
    const reading = key === undefined ? undefined
        : file.readings?.[key] ?? readings.find(([k]) => k.startsWith(`${key}[`) || k.startsWith(`${key}.`))?.[1];
    if (reading === undefined) return message;
    // The program's own guess at YAML's doing gives way to what the file says.
    return `${message.replace(/ \(if the stack file writes it unquoted, YAML[^)]*\)$/, "")} (${reading})`;
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && "secure" in value && Object.keys(value).length === 1;
}
