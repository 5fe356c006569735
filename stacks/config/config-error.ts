import * as pulumi from "@pulumi/pulumi";

/**
 * A stack config value that cannot be used. A RunError, so `pulumi up` prints the message
 * alone, without a stack trace: the key, the value and what was expected.
 */
export class ConfigError extends pulumi.RunError {
    constructor(readonly key: string, readonly value: unknown, readonly expected: string) {
        super(`Invalid stack config ${key}: ${describe(value)} ${expected}`);
        this.name = "ConfigError";
    }
}

function describe(value: unknown): string {
    if (value === undefined) return "is missing;";
    const text = JSON.stringify(value);
    return `${text && text.length > 80 ? text.slice(0, 77) + "..." : text}`;
}
