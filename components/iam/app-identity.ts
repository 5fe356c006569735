import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";
import { AppUser } from "./app-user";
import { ServiceRole } from "./service-role";

/**
 * How a workload's args choose the identity its application runs as. Every field is optional:
 * what is left out comes from the workload's own `AppIdentityDefaults` (each component exports
 * them, documented where they are defined).
 */
export interface AppIdentityChoice {
    /** A service `role` (on AWS compute, no static credentials) or an IAM `user` (outside AWS). */
    readonly principal?: "role" | "user";
    /** Role name. */
    readonly roleName?: string;
    /** Services trusted to assume the role; an instance profile is added when EC2 is one. */
    readonly trustedServices?: readonly string[];
    /** IAM user name. */
    readonly userName?: string;
    /** Create an access key for the user (a secret output). Default: false. */
    readonly createAccessKey?: boolean;
}

/** What a workload uses where its args choose nothing. */
export interface AppIdentityDefaults {
    readonly principal: "role" | "user";
    readonly roleName: string;
    readonly trustedServices: readonly string[];
    readonly userName: string;
    /** The role's description. */
    readonly description: string;
}

/**
 * The identity an application runs as, as the seeds offer it: a role for EC2/ECS/EKS
 * (recommended, no static credentials) or an IAM user with an optional access key.
 */
export function appIdentity(
    name: string,
    choice: AppIdentityChoice,
    defaults: AppIdentityDefaults,
    account: { readonly accountId: string; readonly tags?: Tags },
    opts: pulumi.ComponentResourceOptions,
): ServiceRole | AppUser {
    if ((choice.principal ?? defaults.principal) === "role") {
        const services = choice.trustedServices ?? defaults.trustedServices;
        return new ServiceRole(name, {
            roleName: choice.roleName ?? defaults.roleName,
            services,
            accountId: account.accountId,
            instanceProfile: services.includes("ec2.amazonaws.com"),
            description: defaults.description,
            tags: account.tags,
        }, opts);
    }
    const userName = choice.userName ?? defaults.userName;
    return new AppUser(name, { userName, createAccessKey: choice.createAccessKey ?? false, tags: account.tags }, opts);
}
