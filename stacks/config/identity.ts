/** The identity keys the OCR, Bedrock and SMS sections share (`components/iam/app-identity.ts`). */
import { AppIdentityChoice, AppIdentityDefaults } from "../../components/iam/app-identity";
import { iamNameProblem } from "../../policypacks/least-privilege/iam/naming";
import { ConfigError } from "./config-error";
import { Check, Section } from "./section";
import { Environment } from "./stack-config";

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
    return {
        principal: section.has("principal") ? section.oneOf("principal", principals) : undefined,
        roleName: section.optionalString("roleName", (n) => iamNameProblem("role", n)),
        trustedServices: section.has("trustedServices") ? section.stringList("trustedServices", [], { nonEmpty: true, check: serviceCheck }) : undefined,
        userName: section.optionalString("userName", (n) => iamNameProblem("user", n)),
        createAccessKey,
    };
}

/** Any AWS service principal. */
export const servicePrincipal: Check = (s) => (/^[a-z0-9.-]+\.amazonaws\.com$/.test(s) ? undefined : "is not a service principal such as ecs-tasks.amazonaws.com");
