/** The identity keys the OCR, Bedrock and SMS sections share (`components/iam/app-identity.ts`). */
import { AppIdentityChoice, AppIdentityDefaults } from "../../components/iam/app-identity";
import { iamNameProblem } from "../../policypacks/least-privilege/naming";
import { Check, Section } from "./section";

export const identityKeys = ["principal", "roleName", "trustedServices", "userName", "createAccessKey"] as const;

/**
 * A key left out stays undefined, so the workload's own identity defaults apply; an invalid
 * `principal` is told the choices with the workload's default first.
 */
export function readIdentityChoice(section: Section, serviceCheck: Check<string>, defaults: AppIdentityDefaults): AppIdentityChoice {
    const principals = defaults.principal === "user" ? (["user", "role"] as const) : (["role", "user"] as const);
    return {
        principal: section.has("principal") ? section.oneOf("principal", principals) : undefined,
        roleName: section.optionalString("roleName", (n) => iamNameProblem("role", n)),
        trustedServices: section.has("trustedServices") ? section.stringList("trustedServices", [], { nonEmpty: true, check: serviceCheck }) : undefined,
        userName: section.optionalString("userName", (n) => iamNameProblem("user", n)),
        createAccessKey: section.bool("createAccessKey", false),
    };
}

/** Any AWS service principal. */
export const servicePrincipal: Check = (s) => (/^[a-z0-9.-]+\.amazonaws\.com$/.test(s) ? undefined : "is not a service principal such as ecs-tasks.amazonaws.com");
