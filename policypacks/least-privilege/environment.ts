/**
 * Which environment a stack is, as seen from inside the analyzer process. `@pulumi/policy` 1.21
 * hands policies only the stack's tags, but the CLI starts the analyzer with the stack's config in
 * `PULUMI_CONFIG` and its name in `PULUMI_NODEJS_STACK`/`PULUMI_STACK`, as it does for programs.
 */

export interface DetectedEnvironment {
    /** Lower-case environment name; `""` when nothing says. */
    readonly environment: string;
    /** Where it came from, for the pack's description. */
    readonly source: string;
}

/**
 * The stack config's `<project>:environment` (default project `aws-workloads`), else the last
 * segment of the stack name (`org/project/prod` -> `prod`), else `""`.
 */
export function detectEnvironment(env: Readonly<Record<string, string | undefined>>, project = "aws-workloads"): DetectedEnvironment {
    const raw = env.PULUMI_CONFIG;
    if (raw) {
        try {
            const config = JSON.parse(raw) as Record<string, unknown>;
            for (const key of [`${project}:environment`, `${project}:config:environment`]) {
                const value = config[key];
                if (typeof value === "string" && value.trim() !== "") return { environment: value.trim().toLowerCase(), source: `stack config ${project}:environment` };
            }
        } catch {
            // Unreadable config: fall through to the stack name.
        }
    }
    const stack = env.PULUMI_NODEJS_STACK ?? env.PULUMI_STACK;
    if (stack && stack.trim() !== "") {
        const name = stack.trim().split("/").pop() as string;
        return { environment: name.toLowerCase(), source: `stack name ${stack}` };
    }
    return { environment: "", source: "nothing (no stack config or stack name in the environment)" };
}
