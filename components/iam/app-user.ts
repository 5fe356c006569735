import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";
import { Grantee } from "./grantee";

export interface AppUserArgs {
    /** Physical user name. Required. */
    readonly userName: string;
    /** Create a programmatic access key; its secret is a Pulumi secret output. Default: false. */
    readonly createAccessKey?: boolean;
    /** Tags for the user. Default: none. */
    readonly tags?: Tags;
}

/** An IAM user for an application outside AWS (local development, an on-premises host). */
export class AppUser extends pulumi.ComponentResource implements Grantee {
    readonly kind = "user" as const;
    readonly identityName: string;
    readonly user: aws.iam.User;
    readonly arn: pulumi.Output<string>;
    readonly identity: pulumi.CustomResource;
    readonly accessKeyId?: pulumi.Output<string>;
    /** Marked secret: never printed by `pulumi stack output` without `--show-secrets`. */
    readonly secretAccessKey?: pulumi.Output<string>;

    constructor(name: string, args: AppUserArgs, opts?: pulumi.ComponentResourceOptions) {
        super("aws-workloads:iam:AppUser", name, {}, opts);
        this.identityName = args.userName;
        this.user = new aws.iam.User(`${name}-user`, { name: args.userName, tags: args.tags }, { parent: this });
        this.arn = this.user.arn;
        this.identity = this.user;
        if (args.createAccessKey ?? false) {
            const key = new aws.iam.AccessKey(`${name}-key`, { user: this.user.name }, { parent: this, additionalSecretOutputs: ["secret"] });
            this.accessKeyId = key.id;
            this.secretAccessKey = pulumi.secret(key.secret);
        }
        this.registerOutputs({ arn: this.arn, accessKeyId: this.accessKeyId, secretAccessKey: this.secretAccessKey });
    }
}
