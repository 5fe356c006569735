/**
 * Creation grants whose new resource gets an id the service assigns: `ec2:CreateNetworkInterface`
 * makes `network-interface/eni-0a1b…`, an id no policy can know before the call, so
 * `network-interface/*` is the narrowest way to write what it creates. Only EC2, where every
 * resource ID is assigned by EC2 when the resource is created (`assigningService`); in other services
 * a `${<Type>Id}` in the IAM data is sometimes the caller's name (ElastiCache users, IoT jobs),
 * so their whole-id wildcards stay findings. Read from the IAM data: the action is
 * `ec2:Create<Type>`, `<Type>` is one of its resource types, and that type's ARN template ends in
 * one variable named `<Type>Id` after a literal prefix (`network-interface/${NetworkInterfaceId}`).
 * Any other action on the type (`ec2:DeleteNetworkInterface` on `network-interface/*` reaches
 * every existing one) is still judged. Actions that create more than their name says, or less,
 * and three outside EC2 whose wildcard can only stand for ids the call itself produces or that
 * the service handed back to the caller, are in `exceptions`, each with its source.
 */
import { ActionInfo, templateOf } from "./iam-data";
import { narrows, Statement } from "./documents";
import { remember } from "./memo";

const ec2Examples = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ExamplePolicies_EC2.html";
/** The one service whose `${<Type>Id}` is always assigned by the service, with the source that says so. */
const assigningService = { service: "ec2", source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html" };

/** Where the data's names mislead, by action: the resource prefixes it creates with assigned ids (none: it does not). */
const exceptions: Record<string, { readonly prefixes: readonly string[]; readonly reason: string; readonly source: string }> = {
    "ec2:RunInstances": {
        prefixes: ["instance/", "volume/", "network-interface/"],
        reason: "launches instances with their new volumes and network interfaces, ids EC2 assigns; AWS's own RunInstances examples grant `network-interface/*` (it also lets the call attach an existing, detached interface of the account)",
        source: ec2Examples,
    },
    "ec2:CreateFleet": {
        prefixes: ["fleet/", "instance/", "volume/"],
        reason: "an instant fleet launches instances and their new volumes, as RunInstances does",
        source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-fleet-prerequisites.html",
    },
    "ec2:CreateImage": {
        prefixes: ["image/", "snapshot/"],
        reason: "creates the AMI and a new snapshot of each of the instance's volumes",
        source: ec2Examples,
    },
    "ec2:CreateSnapshots": {
        prefixes: ["snapshot/"],
        reason: "creates a new snapshot of each volume of the instance (the plural does not fit Create<Type>)",
        source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSnapshots.html",
    },
    "route53:GetChange": {
        prefixes: ["change/"],
        reason: "reads the status of a change batch; Route 53 assigns the change ID when the batch is submitted and returns it only to the caller",
        source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetChange.html",
    },
    "iam:CreateVirtualMFADevice": {
        prefixes: ["mfa/"],
        reason: "a new virtual MFA device is inert until iam:EnableMFADevice, which is scoped to the user; AWS's self-manage example grants the creation on mfa/*",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html",
    },
};

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

const created = new Map<string, readonly string[]>();

/** The resource-part prefixes (`network-interface/`) of what this action creates with service-assigned ids. */
export function assignedIdPrefixes(info: ActionInfo): readonly string[] {
    return remember(created, info.action, () => {
        const exception = exceptions[info.action];
        if (exception !== undefined) return exception.prefixes;
        if (info.service !== assigningService.service) return [];
        const name = info.action.slice(info.service.length + 1);
        if (!name.startsWith("Create")) return [];
        const type = squash(name.slice("Create".length));
        const prefixes: string[] = [];
        for (const t of info.resourceTypes) {
            if (squash(t.name) !== type) continue;
            const template = templateOf(info, t.name);
            const variable = template && /^\$\{(\w+)\}$/.exec(template.resource.slice(template.prefix.length));
            if (template && template.prefix !== "" && variable && squash(variable[1]) === `${type}id`) prefixes.push(template.prefix);
        }
        return prefixes;
    });
}

/**
 * Tagging on create: `ec2:CreateTags` with `ec2:CreateAction` naming the creating call is
 * authorized only inside that call, for the resources it creates, whatever the element says
 * (EC2's "tag resources during creation" examples grant it on `arn:aws:ec2:<region>:<account>:*\/*`).
 */
function tagsOnCreate(info: ActionInfo, statement: Statement): boolean {
    return info.action === "ec2:CreateTags" && narrows(statement, "ec2:CreateAction");
}

/** Does a whole-id wildcard (`resource`, an ARN's resource part in `service`) only stand for ids this action's call creates? */
export function wildcardsOnlyNewIds(info: ActionInfo, statement: Statement, service: string, resource: string): boolean {
    if (service.toLowerCase() !== info.service) return false;
    return tagsOnCreate(info, statement) || assignedIdPrefixes(info).some((prefix) => resource === `${prefix}*`);
}
