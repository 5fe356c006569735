/**
 * Which stacks are production: fail closed (DESIGN.md, issue 15). A stack is non-production only
 * when its stack name AND its `aws-workloads:environment` both name a non-production environment
 * from a list; anything else is production: `prod-us-east-1`, `prd`, `live`, `dev2`, `dev-eu`,
 * an empty or missing name, and a stack named `prod` whose config says `dev` (that mismatch is
 * itself a finding, `environment-consistent`). Names match exactly after trimming and
 * lower-casing (`Dev` is `dev`), the stack name by its last segment (`org/project/dev` is `dev`;
 * `PULUMI_NODEJS_STACK` and `PULUMI_STACK` that disagree count as no name).
 * No prefix rule: a prefix would let any name that starts like a non-production one (`dev-prod`,
 * `test-live`) weaken the gate; a team with `dev-eu` stacks adds `dev-eu` to the list.
 *
 * Where the pieces come from inside the analyzer process: `@pulumi/policy` 1.21 hands policies
 * only the stack's tags and their own config (after the pack is built, so too late to choose
 * levels), but the CLI starts the analyzer with the stack's config in `PULUMI_CONFIG`, its name
 * in `PULUMI_NODEJS_STACK`/`PULUMI_STACK`, and the CLI's own environment. The list is therefore
 * pack configuration by environment variable, read once when the pack starts:
 * - `LEAST_PRIVILEGE_NON_PRODUCTION_ENVIRONMENTS` (comma-separated) replaces the default list;
 *   an entry that looks like production (contains `prod`, `prd` or `live`) is refused.
 * - `LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS` (comma-separated, the old variable) can only
 *   strengthen: its names are production even if the non-production list names them. It no
 *   longer replaces anything, so `=live` leaves `prod` production.
 * - `LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS` (comma-separated 12-digit IDs) can only strengthen too:
 *   a stack whose config names one of them (`aws-workloads:accountId`, `aws:allowedAccountIds`)
 *   is production whatever it is called, so a prod stack under another name is still judged as prod.
 * `--policy-pack-config` then overrides levels per policy (or `all`) as usual.
 */

import { projectKeys, stackConfig } from "./stack-config";

export const defaultNonProductionEnvironments: readonly string[] = ["dev", "development", "test", "staging", "sandbox", "local", "localstack"];

export interface DetectedEnvironment {
    /** The stack config's `<project>:environment`, lower-case; `""` when unset. */
    readonly environment: string;
    /** The stack name's last segment, lower-case; `""` when the CLI gave none. */
    readonly stack: string;
    /** Where they came from, for messages. */
    readonly source: string;
}

/** An environment name as compared: trimmed, lower-case. */
export function environmentName(name: string | undefined): string {
    return name === undefined ? "" : name.trim().toLowerCase();
}

/** A stack name as compared: its last `/` segment (`acme/aws-workloads/Dev` -> `dev`). */
export function stackName(name: string | undefined): string {
    const full = environmentName(name);
    return full.slice(full.lastIndexOf("/") + 1).trim();
}

/** The stack's config environment and its name, as the CLI hands them to the analyzer process. */
export function detectEnvironment(env: Readonly<Record<string, string | undefined>>, project = "aws-workloads"): DetectedEnvironment {
    let environment = "";
    let configSource = `no stack config ${project}:environment`;
    const config = stackConfig(env);
    if (config === "unreadable") configSource = "unreadable stack config (PULUMI_CONFIG is not JSON)";
    else if (config !== undefined) {
        for (const key of projectKeys(project, "environment")) {
            const value = config.values[key];
            if (typeof value === "string" && value.trim() !== "") {
                environment = environmentName(value);
                configSource = `stack config ${project}:environment ${JSON.stringify(value)}`;
                break;
            }
        }
    }
    // The CLI sets both (after the inherited environment, so its values win); if they disagree, trust neither.
    const names = [...new Set([env.PULUMI_NODEJS_STACK, env.PULUMI_STACK].filter((n): n is string => n !== undefined && n.trim() !== ""))];
    if (names.length > 1) return { environment, stack: "", source: `${configSource}; conflicting stack names ${names.map((n) => JSON.stringify(n)).join(" and ")}` };
    const stack = stackName(names[0]);
    return { environment, stack, source: `${configSource}; ${stack === "" ? "no stack name" : `stack name ${JSON.stringify(names[0])}`}` };
}

/** A comma-separated environment variable as a list; `undefined` when unset or blank. */
function listFrom(value: string | undefined): string[] | undefined {
    const list = value?.split(",").map((e) => e.trim()).filter((e) => e !== "");
    return list && list.length > 0 ? list : undefined;
}

/** The pack's environment lists from the analyzer's environment variables. */
export function environmentListsFrom(env: Readonly<Record<string, string | undefined>>): { nonProductionEnvironments?: string[]; productionEnvironments?: string[]; productionAccounts?: string[] } {
    const nonProductionEnvironments = listFrom(env.LEAST_PRIVILEGE_NON_PRODUCTION_ENVIRONMENTS);
    const productionEnvironments = listFrom(env.LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS);
    const productionAccounts = listFrom(env.LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS);
    return {
        ...(nonProductionEnvironments ? { nonProductionEnvironments } : {}),
        ...(productionEnvironments ? { productionEnvironments } : {}),
        ...(productionAccounts ? { productionAccounts } : {}),
    };
}

/** A name no non-production list may hold: it reads as production. */
const productionLooking = /prod|prd|live/;

export interface EnvironmentInput {
    readonly environment: string;
    /** Default: `environment` (a caller with one name, such as a unit test). */
    readonly stack?: string;
    readonly nonProductionEnvironments?: readonly unknown[];
    readonly productionEnvironments?: readonly unknown[];
    /** Accounts whose stacks are production whatever their names (`LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS`). */
    readonly productionAccounts?: readonly unknown[];
    /** Every account the stack's config names (`mentionedAccounts`). */
    readonly deploysTo?: readonly string[];
}

export interface EnvironmentVerdict {
    readonly production: boolean;
    /** Why, in words: for the pack's messages. */
    readonly reason: string;
    /** Exactly one of the stack name and the config names a non-production environment, or a non-production stack deploys to a production account. */
    readonly mismatch?: string;
    /** How to resolve the mismatch, when it is not the names'. */
    readonly mismatchFix?: string;
    /** Refused list entries, in words. */
    readonly errors: readonly string[];
}

function validList(raw: readonly unknown[] | undefined, what: string, errors: string[]): string[] | undefined {
    if (raw === undefined) return undefined;
    if (!Array.isArray(raw) || raw.length === 0 || !raw.every((e) => typeof e === "string" && e.trim() !== "")) {
        errors.push(`${what} must be a non-empty list of environment names, got ${JSON.stringify(raw)}`);
        return undefined;
    }
    return raw.map((e: string) => environmentName(e));
}

/** The production account list; entries that are no 12-digit account ID are refused. */
function validAccounts(raw: readonly unknown[] | undefined, errors: string[]): Set<string> {
    if (raw === undefined) return new Set();
    const isId = (e: unknown): e is string => typeof e === "string" && /^\d{12}$/.test(e.trim());
    const ids = raw.filter(isId).map((e) => e.trim());
    const refused = raw.filter((e) => !isId(e));
    if (refused.length > 0) errors.push(`the production account list (LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS) must hold 12-digit account IDs; refused: ${refused.map((e) => JSON.stringify(e)).join(", ")}`);
    return new Set(ids);
}

/** The verdict for one stack: production unless both names are in the non-production list (and no production account is named). */
export function judgeEnvironment(input: EnvironmentInput): EnvironmentVerdict {
    const errors: string[] = [];
    const given = validList(input.nonProductionEnvironments, "the non-production environment list (LEAST_PRIVILEGE_NON_PRODUCTION_ENVIRONMENTS)", errors);
    const accepted = given?.filter((name) => {
        if (!productionLooking.test(name)) return true;
        errors.push(`non-production environment "${name}" is refused: it reads as production (contains prod, prd or live)`);
        return false;
    });
    const production = new Set(validList(input.productionEnvironments, "the production environment list (LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS)", errors) ?? []);
    const nonProduction = new Set((given === undefined ? defaultNonProductionEnvironments : accepted ?? []).filter((name) => !production.has(name)));
    const environment = environmentName(input.environment);
    const stack = input.stack === undefined ? environment : stackName(input.stack);
    const listed = `non-production environments: ${[...nonProduction].join(", ") || "none"}`;
    const say = (name: string) => (name === "" ? "is not set" : `is "${name}"`);
    const stackSays = nonProduction.has(stack);
    const configSays = nonProduction.has(environment);
    const productionAccounts = validAccounts(input.productionAccounts, errors);
    const inProduction = input.deploysTo?.find((account) => productionAccounts.has(account));
    if (inProduction !== undefined) {
        const names = `the stack name ${say(stack)} and aws-workloads:environment ${say(environment)}`;
        const reason = `the stack deploys to account ${inProduction}, which LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS lists as production (${names})`;
        const mismatch = stackSays || configSays ? { mismatch: `${names}, but it deploys to the production account ${inProduction}`, mismatchFix: "deploy non-production stacks to a non-production account, or take the account out of LEAST_PRIVILEGE_PRODUCTION_ACCOUNTS if it is not production" } : {};
        return { production: true, reason, ...mismatch, errors };
    }
    if (stackSays && configSays) return { production: false, reason: `the stack name ${say(stack)} and aws-workloads:environment ${say(environment)}, both non-production (${listed})`, errors };
    const reason = `the stack name ${say(stack)} and aws-workloads:environment ${say(environment)}; a stack is non-production only when both name one of the ${listed}`;
    if (stackSays || configSays) {
        return { production: true, reason, mismatch: `the stack name ${say(stack)} but aws-workloads:environment ${say(environment)}: ${stackSays ? "the name says non-production, the config does not" : "the config says non-production, the name does not"}`, errors };
    }
    return { production: true, reason, errors };
}
