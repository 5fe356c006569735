/** The identity keys the OCR, Bedrock and SMS sections share (`components/iam/app-identity.ts`). */
import { AppIdentityChoice, AppIdentityDefaults } from "../../components/iam/app-identity";
import { iamNameProblem } from "../../policypacks/least-privilege/iam/naming";
import { ConfigError } from "./config-error";
import { Check, Section } from "./section";
import { Environment } from "./stack-config";
import { servicePrincipalProblem } from "./data/service-principals";

export const identityKeys = ["principal", "roleName", "trustedServices", "userName", "createAccessKey"] as const;

/**
 * Environments where an IAM user may get an access key. Anything else counts as production
 * (fail closed), where seeds 000 and 004 say to use roles and no static credentials.
 */
const accessKeyEnvironments: ReadonlySet<string> = new Set<Environment>(["dev", "staging"]);

/**
 * A key left out stays undefined, so the workload's own identity defaults apply; an invalid
 * `principal` is told the choices with the workload's default first. `createAccessKey: true` is
 * refused in a production stack.
 */
export function readIdentityChoice(section: Section, serviceCheck: Check<string>, defaults: AppIdentityDefaults, environment: Environment): AppIdentityChoice {
    const createAccessKey = section.bool("createAccessKey", false);
    if (createAccessKey && !accessKeyEnvironments.has(environment)) {
        throw new ConfigError(section.keyOf("createAccessKey"), createAccessKey,
            `is refused in a ${environment} stack: production uses roles, no long-lived access keys (seeds 000 and 004); ` +
            "set principal: role with trustedServices (the compute service that runs the app) and remove createAccessKey");
    }
    const principals = defaults.principal === "user" ? (["user", "role"] as const) : (["role", "user"] as const);
    const principal = section.has("principal") ? section.oneOf("principal", principals) : undefined;
    refuseOtherPrincipalsKeys(section, principal ?? defaults.principal, principal === undefined);
    return {
        principal,
        roleName: section.optionalString("roleName", (n) => iamNameProblem("role", n)),
        trustedServices: section.has("trustedServices") ? section.stringList("trustedServices", [], { nonEmpty: true, unique: true, check: serviceCheck }) : undefined,
        userName: section.optionalString("userName", (n) => iamNameProblem("user", n)),
        createAccessKey,
    };
}

/** Settings that only one kind of principal reads; on the other they would silently do nothing. */
export const principalOnlyKeys: Readonly<Record<"role" | "user", readonly string[]>> = {
    role: ["roleName", "trustedServices"],
    user: ["userName", "createAccessKey", "viewOwnPermissions"],
};

/** Refuses a user's settings on a role principal and a role's on a user. */
export function refuseOtherPrincipalsKeys(section: Section, principal: "role" | "user", byDefault: boolean): void {
    const other = principal === "role" ? "user" : "role";
    // A flag set to false asks for nothing the default does not already do.
    const stray = principalOnlyKeys[other].find((k) => section.has(k) && section.value(k) !== false);
    if (stray === undefined) return;
    const chosen = byDefault ? `the principal is a ${principal} (this workload's default in this environment)` : `principal is ${principal}`;
    throw new ConfigError(section.keyOf(stray), section.value(stray),
        `applies only to principal: ${other}, and ${chosen}; remove ${stray} or set principal: ${other}`);
}

/** A service principal that can assume a role, from the sourced list in `data/service-principals.ts`. */
export const servicePrincipal: Check = (s) => servicePrincipalProblem(s);
