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
    /** The role or user resource: attachments depend on it, since they name it only by string. */
    readonly identity: pulumi.CustomResource;
}

/** Attaches a managed policy (RolePolicyAttachment / UserPolicyAttachment: never the exclusive PolicyAttachment). */
export function attachManagedPolicy(
    name: string,
    grantee: Grantee,
    policyArn: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions,
): aws.iam.RolePolicyAttachment | aws.iam.UserPolicyAttachment {
    const after = dependOn(grantee, opts);
    return grantee.kind === "role"
        ? new aws.iam.RolePolicyAttachment(name, { role: grantee.identityName, policyArn }, after)
        : new aws.iam.UserPolicyAttachment(name, { user: grantee.identityName, policyArn }, after);
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
    const after = dependOn(grantee, opts);
    return grantee.kind === "role"
        ? new aws.iam.RolePolicy(name, { role: grantee.identityName, name: policyName, policy }, after)
        : new aws.iam.UserPolicy(name, { user: grantee.identityName, name: policyName, policy }, after);
}

/** Adds the identity to `dependsOn`, so the policy is created after the role or user it names. */
function dependOn(grantee: Grantee, opts: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions {
    const existing = opts.dependsOn === undefined ? [] : Array.isArray(opts.dependsOn) ? opts.dependsOn : [opts.dependsOn];
    return { ...opts, dependsOn: [...(existing as pulumi.Input<pulumi.Resource>[]), grantee.identity] };
}
