import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";
import { AppUser } from "./app-user";
import { ServiceRole } from "./service-role";

export interface AppIdentityArgs {
    /** A service `role` (on AWS compute) or an IAM `user` (outside AWS). */
    readonly kind: "role" | "user";
    readonly roleName: string;
    /** Services trusted to assume the role; an instance profile is added when EC2 is one. */
    readonly services: readonly string[];
    readonly accountId: string;
    readonly description: string;
    readonly userName: string;
    readonly createAccessKey: boolean;
    readonly tags?: Tags;
}

/**
 * The identity an application runs as, as the seeds offer it: a role for EC2/ECS/EKS
 * (recommended, no static credentials) or an IAM user with an optional access key.
 */
export function appIdentity(name: string, args: AppIdentityArgs, opts: pulumi.ComponentResourceOptions): ServiceRole | AppUser {
    if (args.kind === "role") {
        return new ServiceRole(name, {
            roleName: args.roleName,
            services: args.services,
            accountId: args.accountId,
            instanceProfile: args.services.includes("ec2.amazonaws.com"),
            description: args.description,
            tags: args.tags,
        }, opts);
    }
    return new AppUser(name, { userName: args.userName, createAccessKey: args.createAccessKey, tags: args.tags }, opts);
}
