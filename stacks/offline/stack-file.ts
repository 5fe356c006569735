/** Reads `stacks/Pulumi.<stack>.yaml` into the flat config map the Pulumi runtime uses. */
import * as fs from "fs";
import * as path from "path";
import { YAMLParseError, parse } from "yaml";

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
}

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
    let doc: unknown;
    try {
        doc = parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        if (e instanceof YAMLParseError) {
            const line = e.linePos?.[0];
            throw new StackFileError(`${file}${line ? `:${line.line}:${line.col}` : ""}: malformed YAML: ${e.message.split("\n")[0]}`);
        }
        throw e;
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
    return { stack, file, config, secretKeys };
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && "secure" in value && Object.keys(value).length === 1;
}
