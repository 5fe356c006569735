/** Attaching a policy to whichever identity a workload uses: a role or a user. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyDocument, render } from "./document";

/** An IAM identity that policies attach to. */
export interface Grantee {
    readonly kind: "role" | "user";
    /** The physical name, from config: known at preview. */
    readonly identityName: string;
    readonly arn: pulumi.Output<string>;
}

/** Attaches a managed policy (RolePolicyAttachment / UserPolicyAttachment: never the exclusive PolicyAttachment). */
export function attachManagedPolicy(
    name: string,
    grantee: Grantee,
    policyArn: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions,
): aws.iam.RolePolicyAttachment | aws.iam.UserPolicyAttachment {
    return grantee.kind === "role"
        ? new aws.iam.RolePolicyAttachment(name, { role: grantee.identityName, policyArn }, opts)
        : new aws.iam.UserPolicyAttachment(name, { user: grantee.identityName, policyArn }, opts);
}

/** Puts an inline policy on the identity (RolePolicy / UserPolicy). */
export function putInlinePolicy(
    name: string,
    grantee: Grantee,
    policyName: string,
    document: PolicyDocument,
    opts: pulumi.CustomResourceOptions,
): aws.iam.RolePolicy | aws.iam.UserPolicy {
    const policy = render(document);
    return grantee.kind === "role"
        ? new aws.iam.RolePolicy(name, { role: grantee.identityName, name: policyName, policy }, opts)
        : new aws.iam.UserPolicy(name, { user: grantee.identityName, name: policyName, policy }, opts);
}
