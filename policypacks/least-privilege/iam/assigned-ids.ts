/**
 * Creation grants whose new resource gets an id the service assigns: `ec2:CreateNetworkInterface`
 * makes `network-interface/eni-0a1b…`, an id no policy can know before the call, so
 * `network-interface/*` is the narrowest way to write what it creates. Read from the IAM data:
 * the action is `Create<Type>`, `<Type>` is one of its resource types, and that type's ARN
 * template ends in one variable named `<Type>Id` after a literal prefix
 * (`network-interface/${NetworkInterfaceId}`). A template ending in a name (`table/${TableName}`,
 * caller-chosen) or a generic `${ResourceId}`/`${Id}` (some are names) does not count, nor does
 * any other action on the type (`ec2:DeleteNetworkInterface` on `network-interface/*` reaches
 * every existing one). Where the name rule is wrong, `exceptions` says so, with its source.
 */
import { ActionInfo, templateOf } from "./iam-data";
import { narrows, Statement } from "./documents";
import { remember } from "./memo";

const ec2Examples = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ExamplePolicies_EC2.html";

/** Where the data's names mislead, by action: the resource prefixes it creates with assigned ids (none: it does not). */
const exceptions: Record<string, { readonly prefixes: readonly string[]; readonly reason: string; readonly source: string }> = {
    "secretsmanager:CreateSecret": {
        prefixes: [],
        reason: "the data's ${SecretId} is the caller's secret name plus six random characters, so `secret:app/db-*` can name it",
        source: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html",
    },
    "glue:CreateSession": {
        prefixes: [],
        reason: "the data's ${SessionId} is the Id the caller passes to CreateSession (required), so the session can be named",
        source: "https://docs.aws.amazon.com/glue/latest/webapi/API_CreateSession.html",
    },
    "ec2:RunInstances": {
        prefixes: ["instance/", "volume/", "network-interface/"],
        reason: "launches instances with their volumes and interfaces, all with ids EC2 assigns; AWS's RunInstances examples grant `instance/*`, `volume/*` and `network-interface/*` beside the named image, subnet and security group",
        source: ec2Examples,
    },
};

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

const created = new Map<string, readonly string[]>();

/** The resource-part prefixes (`network-interface/`) of what this action creates with service-assigned ids. */
export function assignedIdPrefixes(info: ActionInfo): readonly string[] {
    return remember(created, info.action, () => {
        const exception = exceptions[info.action];
        if (exception !== undefined) return exception.prefixes;
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
 * authorized only inside that call, for the resources it creates (EC2's "tag resources during
 * creation" examples grant it on `instance/*`).
 */
function tagsOnCreate(info: ActionInfo, statement: Statement): boolean {
    return info.action === "ec2:CreateTags" && narrows(statement, "ec2:CreateAction");
}

/** Does a whole-id wildcard (`resource`, an ARN's resource part in `service`) only stand for ids this action's call creates? */
export function wildcardsOnlyNewIds(info: ActionInfo, statement: Statement, service: string, resource: string): boolean {
    if (service.toLowerCase() !== info.service || !resource.endsWith("/*") && !resource.endsWith(":*")) return false;
    const prefix = resource.slice(0, -1);
    if (tagsOnCreate(info, statement)) return !prefix.includes("*");
    return assignedIdPrefixes(info).includes(prefix);
}
