import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";
import { render } from "./document";
import { Grantee } from "./grantee";
import { serviceTrustPolicy } from "./trust";

export interface ServiceRoleArgs {
    /** Physical role name (1-64 characters). Required. */
    readonly roleName: string;
    /** Service principals trusted to assume the role, e.g. `ecs-tasks.amazonaws.com`. Required. */
    readonly services: readonly string[];
    /** The account the trusted service must act for (confused-deputy guard). Required. */
    readonly accountId: string;
    /** Resources the trusted service must act for (`aws:SourceArn`). Default: none, account only. */
    readonly sourceArns?: readonly string[];
    /** Role description. Default: none. */
    readonly description?: string;
    /** Also create an EC2 instance profile of the same name. Default: false. */
    readonly instanceProfile?: boolean;
    /** Tags for the role and instance profile. Default: none. */
    readonly tags?: Tags;
}

/** An IAM role for AWS services, trusted with confused-deputy conditions (pulumi-eks `ServiceRole` shape). */
export class ServiceRole extends pulumi.ComponentResource implements Grantee {
    readonly kind = "role" as const;
    readonly identityName: string;
    readonly role: aws.iam.Role;
    readonly arn: pulumi.Output<string>;
    readonly identity: pulumi.CustomResource;
    /** The rendered trust policy. */
    readonly trustPolicy: string;
    readonly instanceProfile?: aws.iam.InstanceProfile;

    constructor(name: string, args: ServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-workloads:iam:ServiceRole", name, {}, opts);
        this.identityName = args.roleName;
        this.trustPolicy = render(serviceTrustPolicy({ services: args.services, accountId: args.accountId, sourceArns: args.sourceArns }));
        this.role = new aws.iam.Role(
            `${name}-role`,
            { name: args.roleName, assumeRolePolicy: this.trustPolicy, description: args.description, tags: args.tags },
            { parent: this },
        );
        this.arn = this.role.arn;
        this.identity = this.role;
        if (args.instanceProfile ?? false) {
            this.instanceProfile = new aws.iam.InstanceProfile(
                `${name}-profile`,
                { name: args.roleName, role: this.role.name, tags: args.tags },
                { parent: this },
            );
        }
        this.registerOutputs({ arn: this.arn, trustPolicy: this.trustPolicy });
    }
}
