/**
 * The AWS accounts the stack deploys to, from the stack config the CLI hands the analyzer in
 * `PULUMI_CONFIG`: this project's `aws-workloads:accountId` (the provider's `allowedAccountIds`,
 * `stacks/provider.ts`), or any program's `aws:allowedAccountIds` naming one account. With them the pack can tell
 * the stack's own account from another one: AWS's default key policy hands `kms:*` to the key's
 * own account root, and the same statement naming another account hands that account the key.
 * `undefined` when the config names no account (the pack then cannot tell, and says so in docs).
 * A value that is not a 12-digit account ID is left out: the provider refuses it at `pulumi up`.
 */
import { projectKeys, stackConfig } from "./stack-config";

const accountId = /^\d{12}$/;

function idsIn(value: unknown): string[] {
    if (typeof value === "string") {
        const text = value.trim();
        if (accountId.test(text)) return [text];
        if (!text.startsWith("[")) return [];
        try {
            return idsIn(JSON.parse(text));
        } catch {
            return [];
        }
    }
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && accountId.test(v.trim())).map((v) => v.trim()) : [];
}

/**
 * This project's `accountId` when set; otherwise `aws:allowedAccountIds` when it names exactly one
 * account. A list of several says where the provider may deploy, not which account this stack's
 * keys live in, so it leaves the account unknown: counting them all would let `kms:*` to a second
 * listed account pass as the key's own.
 */
export function stackAccounts(env: Readonly<Record<string, string | undefined>>, project = "aws-workloads"): string[] | undefined {
    const config = stackConfig(env);
    if (config === undefined || config === "unreadable") return undefined;
    const idsOf = (keys: readonly string[]) => [...new Set(keys.flatMap((key) => idsIn(config.values[key])))];
    const own = idsOf(projectKeys(project, "accountId"));
    if (own.length > 0) return own.length === 1 ? own : undefined;
    const allowed = idsOf(projectKeys("aws", "allowedAccountIds"));
    return allowed.length === 1 ? allowed : undefined;
}

/** Every account the config names, in `aws-workloads:accountId` and `aws:allowedAccountIds`: what a production account list is checked against. */
export function mentionedAccounts(env: Readonly<Record<string, string | undefined>>, project = "aws-workloads"): string[] {
    const config = stackConfig(env);
    if (config === undefined || config === "unreadable") return [];
    return [...new Set([...projectKeys(project, "accountId"), ...projectKeys("aws", "allowedAccountIds")].flatMap((key) => idsIn(config.values[key])))];
}
