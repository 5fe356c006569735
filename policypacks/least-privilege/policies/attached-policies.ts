/**
 * Attached managed policies are grants, judged by what they contain (issue 14, item 1).
 *
 * - `attached-aws-managed-policies` (per resource): an AWS managed policy ARN is always known, so
 *   its default version's document, from the generated data table, goes through the pack's
 *   security checks (wildcard resource and action, NotAction/NotResource, unscoped PassRole) as
 *   an identity policy; findings are reported on the attaching resource, naming the principal,
 *   the policy, the broad statements and the data version. An ARN under `iam::aws:policy/` that
 *   the data does not hold is a finding too: the pack cannot see what it grants.
 * - `attached-customer-policies` (stack): every other attachment. A policy created in the same
 *   stack (linked through the engine's `propertyDependencies`, which is all there is at preview,
 *   or by its ARN or name) is judged on its own resource by the document policies, with their
 *   exemptions, so the attachment adds nothing. Anything else comes from outside the stack and
 *   cannot be judged: a finding whose fix spells out the exemption to write.
 * Each attachment is judged by exactly one of the two.
 */
import type { EnforcementLevel, PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Attachment, attachmentsOf, carriesAttachments, cloudFormationAttachments, describePrincipals } from "../iam/attachments";
import { DocumentCheck } from "../check";
import { EmbeddedResource, embeddedResources, embeddingTypes } from "../iam/embedded-resources";
import { closest } from "../iam/closest";
import { exemptionsConfigSchema, exemptionsFrom, exemptionsReader, findExemption } from "../config";
import { ExemptedFindings } from "../document-policy";
import { awsManagedPolicy, awsManagedPolicyKeys, managedPolicyDataVersion, parseAwsManagedArn } from "../iam/managed-policies";
import { remember } from "../iam/memo";
import { noNotAction } from "./no-not-action";
import { noWildcardAction } from "./no-wildcard-action";
import { noWildcardResource } from "./no-wildcard-resource";
import { passRoleScoped } from "./pass-role";
import { known } from "../iam/resource-documents";
import { Membership, carriesMemberships, createdGroupName, createsGroup, membershipsOf, nameOf } from "../iam/group-memberships";

export const awsManagedPolicyName = "attached-aws-managed-policies";
export const customerPolicyName = "attached-customer-policies";

/** The security checks an attached document must pass, as for a policy the stack writes itself. */
const contentChecks: readonly DocumentCheck[] = [noWildcardResource, noWildcardAction, noNotAction, passRoleScoped];
const shownExamples = 3;

const refreshHint = "npm run generate:managed-policies";

/** What is too broad in one AWS managed policy, as lines of a message; computed once per policy. */
const verdicts = new Map<string, { readonly lines: readonly string[]; readonly total: number }>();

function judgeContent(key: string): { readonly lines: readonly string[]; readonly total: number } {
    return remember(verdicts, key, () => {
        const policy = awsManagedPolicy(key);
        if (policy === undefined) return { lines: [], total: 0 };
        const document = { field: key, kind: "identity" as const, read: policy.read };
        const lines: string[] = [];
        for (const check of contentChecks) {
            for (const finding of check.check(document)) {
                const actions = finding.actions.slice(0, 3).map((a) => a.action);
                const more = finding.actions.length - actions.length;
                const details = [
                    actions.length > 0 ? `actions: ${actions.join(", ")}${more > 0 ? `, +${more} more` : ""}` : "",
                    finding.element !== undefined ? `resource: ${JSON.stringify(finding.element)}` : "",
                ].filter((d) => d !== "").join("; ");
                lines.push(`statement ${finding.statement ?? "(document)"} [${check.name}]: ${finding.problem}${details === "" ? "" : ` (${details})`}`);
            }
        }
        return { lines, total: lines.length };
    });
}

/** Candidate keys for a misspelled one: the same name under another path first, then the nearest spelling. */
function suggestionFor(key: string): string | undefined {
    const keys = awsManagedPolicyKeys();
    const last = key.slice(key.lastIndexOf("/") + 1).replace(/[:/\s].*$/, "");
    const samePolicy = keys.find((k) => k.slice(k.lastIndexOf("/") + 1).toLowerCase() === last.toLowerCase());
    return samePolicy ?? closest(keys, key);
}

/** The message for one attachment of an AWS managed policy, or undefined when its content passes. */
export function awsManagedFinding(resourceName: string, attachment: Attachment, arn: string): string | undefined {
    const parsed = parseAwsManagedArn(arn);
    if (parsed === undefined) return undefined;
    const who = describePrincipals(attachment.principals);
    const where = `${resourceName} › ${attachment.field}`;
    const policy = awsManagedPolicy(parsed.key);
    if (policy === undefined) {
        const suggestion = suggestionFor(parsed.key);
        return `${where}: attaches ${JSON.stringify(arn)} to ${who}, but no AWS managed policy has that name in the ${managedPolicyDataVersion()}: `
            + "it is misspelled (a missing or extra path such as service-role/, a suffix), deprecated, or newer than the data, so the pack cannot see what it grants"
            + `${suggestion !== undefined ? `; did you mean arn:${parsed.partition}:iam::aws:policy/${suggestion}?` : ""}`
            + `\nfix: attach the exact ARN of an existing AWS managed policy, or a policy of your own that names the resources; if the policy is newer than the data, refresh it (${refreshHint})`;
    }
    const { lines, total } = judgeContent(policy.key);
    if (total === 0) return undefined;
    const examples = lines.slice(0, shownExamples).map((line) => `  ${line}`).join("\n");
    const notes = [
        policy.spelledAs !== undefined ? `the ARN spells it ${JSON.stringify(policy.spelledAs)}; IAM names are unique regardless of case` : "",
        parsed.partition !== "aws" ? `judged by the aws partition's version of it (partition ${JSON.stringify(parsed.partition)})` : "",
    ].filter((n) => n !== "");
    return `${where}: attaches the AWS managed policy ${policy.key} (default version ${policy.versionId}, last changed ${policy.updated}) to ${who}, and it grants more than a workload needs`
        + `${notes.length > 0 ? ` (${notes.join("; ")})` : ""}: ${total} finding${total > 1 ? "s" : ""} in its document${total > shownExamples ? `, for example` : ""}:\n${examples}`
        + `\n${managedPolicyDataVersion()}`
        + `\nfix: attach a policy of your own that names the resources and actions the workload uses, instead of ${arn.trim()}`;
}

export interface AttachedPoliciesOptions {
    readonly enforcementLevel: EnforcementLevel;
    readonly exempted: ExemptedFindings;
}

export function attachedAwsManagedPoliciesPolicy(options: AttachedPoliciesOptions): ResourceValidationPolicy {
    const exemptionsOf = exemptionsReader(awsManagedPolicyName);
    return {
        name: awsManagedPolicyName,
        description: "Attached AWS managed policies are judged by their current document (from data): no wildcard resources or actions, NotAction/NotResource or unscoped iam:PassRole.",
        enforcementLevel: options.enforcementLevel,
        configSchema: exemptionsConfigSchema,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (embeddingTypes.includes(args.type)) {
                reportTemplateAttachments(args, reportViolation, options.exempted);
                return;
            }
            if (!carriesAttachments(args.type)) return;
            const managed = attachmentsOf(args.type, args.props).filter((a) => a.policy.kind === "arn" && parseAwsManagedArn(a.policy.arn) !== undefined);
            if (managed.length === 0) return;
            const exemptions = exemptionsOf(args.getConfig(), reportViolation);
            const exemptedMessages: string[] = [];
            for (const attachment of managed) {
                const arn = (attachment.policy as { arn: string }).arn;
                const message = awsManagedFinding(args.name, attachment, arn);
                if (message === undefined) continue;
                const exemption = findExemption(exemptions, args.name, undefined, arn);
                if (exemption === undefined) reportViolation(message);
                else exemptedMessages.push(`[${awsManagedPolicyName}] ${message}\nexempted: ${exemption.reason}`);
            }
            options.exempted.put(args.urn, awsManagedPolicyName, exemptedMessages);
        },
    };
}

/**
 * What the IAM resources inside a CloudFormation template or Cloud Control resource attach: judged
 * with the same verdicts (`cloudFormationAttachmentFindings`), exempted like the resource's own.
 */
function reportTemplateAttachments(args: ResourceValidationArgs, reportViolation: ReportViolation, exempted: ExemptedFindings): void {
    const resources = embeddedResources(args.type, args.props);
    if (resources.length === 0) return;
    const logicalIds = new Set(resources.map((r) => r.logicalId).filter((id) => id !== ""));
    const policyNames = new Set(resources.filter((r) => r.cfnType === "AWS::IAM::ManagedPolicy" && typeof r.properties.ManagedPolicyName === "string").map((r) => r.properties.ManagedPolicyName as string));
    const groups = templateGroups(resources);
    const { exemptions } = exemptionsFrom(args.getConfig());
    const exemptedMessages: string[] = [];
    for (const resource of resources) {
        for (const message of [...cloudFormationAttachmentFindings(args.name, resource.path, resource.cfnType, resource.properties, logicalIds, policyNames), ...cloudFormationMembershipFindings(`${args.name} › ${resource.path}`, resource, groups)]) {
            const exemption = findExemption(exemptions, args.name, undefined, undefined);
            if (exemption === undefined) reportViolation(message);
            else exemptedMessages.push(`[${awsManagedPolicyName}] ${message}\nexempted: ${exemption.reason}`);
        }
    }
    exempted.put(args.urn, awsManagedPolicyName, exemptedMessages);
}

/** The groups a template creates: their logical IDs and the names they are given. */
function templateGroups(resources: readonly EmbeddedResource[]): { readonly logicalIds: ReadonlySet<string>; readonly names: ReadonlySet<string> } {
    const groups = resources.filter((r) => r.cfnType === "AWS::IAM::Group");
    return { logicalIds: new Set(groups.map((g) => g.logicalId)), names: new Set(groups.flatMap((g) => (typeof g.properties.GroupName === "string" ? [g.properties.GroupName] : []))) };
}

/**
 * The groups an `AWS::IAM::User` (`Groups`) or `AWS::IAM::UserToGroupAddition` (`GroupName`)
 * inside a template joins that the template does not create: like a membership made directly,
 * the pack cannot see what those groups' policies grant.
 */
function cloudFormationMembershipFindings(where: string, resource: EmbeddedResource, groups: ReturnType<typeof templateGroups>): string[] {
    const [key, users] = resource.cfnType === "AWS::IAM::User" ? ["Groups", `the user ${resource.logicalId}`] : resource.cfnType === "AWS::IAM::UserToGroupAddition" ? ["GroupName", "its users"] : [];
    if (key === undefined || users === undefined || resource.properties[key] === undefined) return [];
    const raw = resource.properties[key];
    const entries = key === "Groups" && Array.isArray(raw) ? raw.map((value, i) => ({ value, field: `${key}[${i}]` })) : [{ value: raw, field: key }];
    return entries.flatMap(({ value, field }) => {
        const ref = typeof value === "object" && value !== null ? (value as Record<string, unknown>).Ref : undefined;
        if ((typeof ref === "string" && groups.logicalIds.has(ref)) || (typeof value === "string" && groups.names.has(value))) return [];
        const membership: Membership = { field, dependencyKey: key, group: nameOf(value), users };
        return [outsideGroupMessage(where, membership, [])];
    });
}

/** Resource types that create a customer managed policy, and how to read its name, path and ARN. */
const policyTypes: ReadonlyMap<string, { name: string; path: string; arn: string; namePrefix?: string }> = new Map([
    ["aws:iam/policy:Policy", { name: "name", path: "path", arn: "arn", namePrefix: "namePrefix" }],
    ["aws-native:iam:ManagedPolicy", { name: "managedPolicyName", path: "path", arn: "policyArn" }],
]);

interface StackPolicy {
    readonly urn: string;
    /** The name it is given, or the prefix of the name Pulumi or AWS generates (the logical name). */
    readonly name?: string;
    readonly prefix: string;
    readonly path: string;
    readonly arn?: string;
}

const stringOf = (props: Record<string, unknown>, key: string): string | undefined => {
    const value = known(props, key);
    return typeof value === "string" && value !== "" ? value : undefined;
};

function stackPolicyOf(resource: PolicyResource): StackPolicy | undefined {
    const fields = policyTypes.get(resource.type);
    if (fields === undefined) return undefined;
    const name = stringOf(resource.props, fields.name);
    const prefix = fields.namePrefix !== undefined ? stringOf(resource.props, fields.namePrefix) : undefined;
    return { urn: resource.urn, name, prefix: name ?? prefix ?? resource.name, path: stringOf(resource.props, fields.path) ?? "/", arn: stringOf(resource.props, fields.arn) };
}

/** `arn:<partition>:iam::<account>:policy/<path>/<name>` -> its path (`/` or `/a/b/`) and name. */
function customerPolicyParts(arn: string): { path: string; name: string } | undefined {
    const match = /^arn:[^:]+:iam::[^:]*:policy(\/.*)$/.exec(arn);
    if (match === null) return undefined;
    const rest = match[1];
    const cut = rest.lastIndexOf("/");
    return { path: rest.slice(0, cut + 1), name: rest.slice(cut + 1) };
}

/** What Pulumi's auto-naming (`-` and 7 hex digits) or the provider's `namePrefix` (26 digits) appends. */
const generatedSuffix = /^(-[0-9a-f]{7}|[0-9]{26})$/;

/** Does this attachment attach a policy the stack creates? */
function createdInStack(attachment: Attachment, dependencies: readonly PolicyResource[], policies: readonly StackPolicy[]): boolean {
    const dependedOn = dependencies.map(stackPolicyOf).filter((p): p is StackPolicy => p !== undefined);
    const reference = attachment.policy;
    switch (reference.kind) {
        case "itself":
        case "template":
            return true;
        case "unknown":
            // At preview the ARN of a policy created in this run is unknown; the engine says which resources it came from.
            return dependedOn.length > 0;
        case "name":
            return policies.some((p) => p.name === reference.name && p.path === reference.path);
        case "arn": {
            if (policies.some((p) => p.arn === reference.arn)) return true;
            const parts = customerPolicyParts(reference.arn);
            if (parts === undefined) return false;
            if (policies.some((p) => p.name === parts.name && p.path === parts.path)) return true;
            // A generated name is known only as the policy's output: a dependency on the policy with its prefix, or the prefix and a generated suffix.
            const generatedFrom = (p: StackPolicy) => p.name === undefined && p.path === parts.path && parts.name.startsWith(p.prefix);
            return dependedOn.some(generatedFrom) || policies.some((p) => generatedFrom(p) && generatedSuffix.test(parts.name.slice(p.prefix.length)));
        }
    }
}

function outsideMessage(resourceName: string, attachment: Attachment, dependencies: readonly PolicyResource[], where = `${resourceName} › ${attachment.field}`): { message: string; element?: string } {
    const who = describePrincipals(attachment.principals);
    const reference = attachment.policy;
    let what: string;
    let element: string | undefined;
    if (reference.kind === "arn") {
        what = `attaches ${JSON.stringify(reference.arn)} to ${who}; no policy created in this stack has that ARN or name`;
        element = reference.arn;
    } else if (reference.kind === "name") {
        what = `attaches the customer managed policy ${JSON.stringify(`${reference.path}${reference.name}`)} to ${who}; no policy created in this stack has that name and path`;
    } else {
        const from = dependencies.length > 0 ? `it comes from ${[...new Set(dependencies.map((d) => d.type))].join(", ")}` : "it depends on no resource of this stack";
        what = `attaches a policy to ${who} whose ARN is not known (${reference.kind === "unknown" ? reference.why : "unresolved"}) and ${from}, not on a policy the stack creates`;
    }
    const exemption = { resource: resourceName, ...(element !== undefined ? { resourcePattern: element } : {}), reason: "<why this policy is narrow; ticket>" };
    return {
        element,
        message: `${where}: ${what}, so the pack cannot see what it grants\n`
            + "fix: create the policy in this stack (aws.iam.Policy, whose document the pack judges) or attach a policy of your own that names the resources; "
            + `if this policy is known to be narrow, exempt the attachment with --policy-pack-config: ${JSON.stringify({ [customerPolicyName]: { exemptions: [exemption] } })}`,
    };
}

export function attachedCustomerPoliciesPolicy(options: AttachedPoliciesOptions): StackValidationPolicy {
    return {
        name: customerPolicyName,
        description: "Attached customer managed policies and joined groups are created in this stack (so their documents are judged); a policy or group from outside the stack cannot be judged.",
        enforcementLevel: options.enforcementLevel,
        configSchema: exemptionsConfigSchema,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const { exemptions, errors } = exemptionsFrom(args.getConfig());
            if (errors.length > 0) reportViolation(`pack config for ${customerPolicyName} is invalid:\n${errors.join("\n")}`);
            let policies: StackPolicy[] | undefined;
            let groups: ReadonlySet<string> | undefined;
            for (const resource of args.resources) {
                if (!carriesAttachments(resource.type) && !carriesMemberships(resource.type)) continue;
                const exemptedMessages: string[] = [];
                const reportOrExempt = (message: string, element: string | undefined) => {
                    const exemption = findExemption(exemptions, resource.name, undefined, element);
                    if (exemption === undefined) reportViolation(message, resource.urn);
                    else exemptedMessages.push(`[${customerPolicyName}] ${message}\nexempted: ${exemption.reason}`);
                };
                for (const attachment of attachmentsOf(resource.type, resource.props)) {
                    if (attachment.policy.kind === "arn" && parseAwsManagedArn(attachment.policy.arn) !== undefined) continue; // judged per resource
                    policies ??= args.resources.map(stackPolicyOf).filter((p): p is StackPolicy => p !== undefined);
                    const dependencies = resource.propertyDependencies?.[attachment.dependencyKey] ?? [];
                    if (createdInStack(attachment, dependencies, policies)) continue;
                    const { message, element } = outsideMessage(resource.name, attachment, dependencies);
                    reportOrExempt(message, element);
                }
                for (const membership of membershipsOf(resource.type, resource.props)) {
                    groups ??= new Set(args.resources.flatMap((r) => createdGroupName(r.type, r.props) ?? []));
                    const dependencies = resource.propertyDependencies?.[membership.dependencyKey] ?? [];
                    // The engine links an input to the resource it came from (an auto-named group's name output); a name given as text matches the group's own.
                    if (dependencies.some((d) => createsGroup(d.type)) || (membership.group !== undefined && groups.has(membership.group))) continue;
                    reportOrExempt(outsideGroupMessage(resource.name, membership, dependencies), membership.group);
                }
                options.exempted.put(resource.urn, customerPolicyName, exemptedMessages);
            }
        },
    };
}

/** A user joins a group this stack does not create: its policies cannot be judged. */
function outsideGroupMessage(resourceName: string, membership: Membership, dependencies: readonly PolicyResource[]): string {
    const what = membership.group !== undefined
        ? `adds ${membership.users} to the group ${JSON.stringify(membership.group)}, which this stack does not create`
        : `adds ${membership.users} to a group whose name is not known at preview and ${dependencies.length > 0 ? `comes from ${[...new Set(dependencies.map((d) => d.type))].join(", ")}` : "depends on no resource of this stack"}, not on a group the stack creates`;
    const exemption = { resource: resourceName, ...(membership.group !== undefined ? { resourcePattern: membership.group } : {}), reason: "<why this group is narrow; ticket>" };
    return `${resourceName} › ${membership.field}: ${what}, so the pack cannot see what the group's policies grant\n`
        + "fix: create the group and its policies in this stack (aws.iam.Group with aws.iam.GroupPolicy, whose documents the pack judges), or attach a policy of your own to the user; "
        + `if the group is known to be narrow, exempt the membership with --policy-pack-config: ${JSON.stringify({ [customerPolicyName]: { exemptions: [exemption] } })}`;
}

/**
 * For IAM made inside a CloudFormation template (`aws.cloudformation.Stack`, Cloud Control): the
 * findings of one template resource's attachments, as messages on the Pulumi resource `resourceName`
 * (the name an exemption names) at `path` inside it (e.g. `templateBody › Resources.AppRole`).
 * AWS managed policies are judged by content; a `Ref`/`Fn::GetAtt` to a resource of the same
 * template (`templateResources`, its logical ids) or a policy named by a template `ManagedPolicyName`
 * (`templatePolicyNames`) is judged there; anything else comes from outside the template.
 */
export function cloudFormationAttachmentFindings(resourceName: string, path: string, type: string, properties: unknown, templateResources: ReadonlySet<string>, templatePolicyNames: ReadonlySet<string> = new Set()): string[] {
    const messages: string[] = [];
    for (const attachment of cloudFormationAttachments(type, properties)) {
        const reference = attachment.policy;
        if (reference.kind === "itself" || (reference.kind === "template" && templateResources.has(reference.logicalId))) continue;
        if (reference.kind === "arn" && parseAwsManagedArn(reference.arn) !== undefined) {
            const message = awsManagedFinding(`${resourceName} › ${path}`, attachment, reference.arn);
            if (message !== undefined) messages.push(message);
            continue;
        }
        if (reference.kind === "name" && templatePolicyNames.has(reference.name)) continue;
        if (reference.kind === "arn") {
            const parts = customerPolicyParts(reference.arn);
            if (parts !== undefined && templatePolicyNames.has(parts.name)) continue;
        }
        const unresolved: Attachment = reference.kind === "template" ? { ...attachment, policy: { kind: "unknown", why: `${attachment.field} refers to ${reference.logicalId}, which the template does not define` } } : attachment;
        messages.push(outsideMessage(resourceName, unresolved, [], `${resourceName} › ${path} › ${attachment.field}`).message);
    }
    return messages;
}

/** Prints what the stack policies above set aside as exempted (always advisory; last in the pack). */
export function exemptedStackFindingsPolicy(exempted: ExemptedFindings): StackValidationPolicy {
    return {
        name: "exempted-stack-findings",
        description: "Findings of stack policies exempted by pack config, printed with their reason (advisory).",
        enforcementLevel: "advisory",
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            for (const resource of args.resources) for (const message of exempted.take(resource.urn)) reportViolation(message, resource.urn);
        },
    };
}
