/**
 * The stack's config as the Pulumi CLI hands it to the analyzer process: `PULUMI_CONFIG`, a JSON
 * object of `<namespace>:<key>` to values (objects and lists as JSON text or as values). Read by
 * `environment.ts` (which stacks are production) and `stack-accounts.ts` (the stack's account).
 */
export type StackConfig = { readonly values: Readonly<Record<string, unknown>> } | "unreadable" | undefined;

/** The config's values; `"unreadable"` when PULUMI_CONFIG is not JSON; `undefined` when it is unset or empty. */
export function stackConfig(env: Readonly<Record<string, string | undefined>>): StackConfig {
    const raw = env.PULUMI_CONFIG;
    if (!raw) return undefined;
    try {
        const parsed: unknown = JSON.parse(raw);
        // A JSON value that is not an object holds no keys.
        return { values: typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {} };
    } catch {
        return "unreadable";
    }
}

/** A project key as the CLI may spell it: `<project>:<name>`, then `<project>:config:<name>`. */
export function projectKeys(project: string, name: string): string[] {
    return [`${project}:${name}`, `${project}:config:${name}`];
}
