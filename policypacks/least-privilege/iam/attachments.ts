/**
 * Attachments are grants: which managed policies a resource attaches, to whom. Read from the
 * resource's inputs as the engine sends them, matched on type tokens (`@pulumi/aws` 7,
 * `@pulumi/aws-native`), and from CloudFormation resource properties (for templates embedded in
 * `aws.cloudformation.Stack` or Cloud Control). A value unknown at preview (the engine's
 * sentinels, or the `UnknownValueError` of CrossGuard's proxy) becomes an `unknown` reference;
 * nothing here throws on a malformed or unknown value.
 */
import { known, unknownValue } from "./resource-documents";

export type PrincipalKind = "role" | "user" | "group" | "permission set" | "QuickSight assignment";

/** Who receives the policy; `name` is absent when it is not known at preview. */
export interface AttachmentPrincipal {
    readonly kind: PrincipalKind;
    readonly name?: string;
    /** The attaching resource is the principal itself (`Role.managedPolicyArns`). */
    readonly itself?: boolean;
}

/** What is attached. */
export type PolicyReference =
    | { readonly kind: "arn"; readonly arn: string }
    /** An ARN not known at preview; `propertyDependencies[dependencyKey]` may say where it comes from. */
    | { readonly kind: "unknown"; readonly why: string }
    /** A customer managed policy named in each target account (IAM Identity Center references). */
    | { readonly kind: "name"; readonly name: string; readonly path: string }
    /** The attaching resource is the managed policy (aws-native `ManagedPolicy.roles`, CloudFormation `AWS::IAM::ManagedPolicy`). */
    | { readonly kind: "itself" }
    /** CloudFormation: `Ref`/`Fn::GetAtt` to another resource of the same template. */
    | { readonly kind: "template"; readonly logicalId: string };

export interface Attachment {
    /** Where the reference sits: `policyArn`, `managedPolicyArns[2]`, `customerManagedPolicyReference`. */
    readonly field: string;
    /** The top-level input the engine's `propertyDependencies` are keyed by. */
    readonly dependencyKey: string;
    readonly principals: readonly AttachmentPrincipal[];
    readonly policy: PolicyReference;
}

type Props = Record<string, unknown>;
type Extractor = (props: Props) => Attachment[];

/** `value` when it is a non-empty string, else undefined (unknown, absent or malformed). */
function text(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** A principal named by a plain input (`role`, `userName`): the name, or the last path segment of an ARN. */
function principalNamed(kind: PrincipalKind, value: unknown): AttachmentPrincipal {
    const name = text(value);
    if (name === undefined) return { kind };
    return { kind, name: name.startsWith("arn:") ? name.slice(name.lastIndexOf("/") + 1) : name };
}

function reference(value: unknown, field: string): PolicyReference {
    if (value === unknownValue) return { kind: "unknown", why: `${field} is not known at preview` };
    if (typeof value === "string") return { kind: "arn", arn: value };
    return { kind: "unknown", why: `${field} is ${value === null ? "null" : typeof value}, not an ARN` };
}

/** The elements of a list input; an unknown list (or element) is one unknown reference. */
function listed(props: Props, key: string): { field: string; value: unknown }[] {
    const list = known(props, key);
    if (list === undefined || list === null) return [];
    if (list === unknownValue) return [{ field: key, value: unknownValue }];
    if (!Array.isArray(list)) return [{ field: key, value: list }];
    const items: { field: string; value: unknown }[] = [];
    for (let i = 0; i < list.length; i++) items.push({ field: `${key}[${i}]`, value: known(list as unknown as Props, String(i)) });
    return items;
}

/** One policy input (`policyArn`) attached to one principal input (`role`). */
const single = (kind: PrincipalKind, principalKey: string, policyKey = "policyArn"): Extractor => (props) =>
    [{ field: policyKey, dependencyKey: policyKey, principals: [principalNamed(kind, known(props, principalKey))], policy: reference(known(props, policyKey), policyKey) }];

/** A list of policy ARNs (`policyArns`, `managedPolicyArns`) attached to one principal. */
const many = (principal: (props: Props) => AttachmentPrincipal, policyKey: string): Extractor => (props) => {
    const principals = [principal(props)];
    return listed(props, policyKey).map(({ field, value }) => ({ field, dependencyKey: policyKey, principals, policy: reference(value, field) }));
};

/** Principals from lists (`roles`, `users`, `groups`), each name or unknown. */
function principalLists(props: Props, keys: readonly [string, PrincipalKind][]): AttachmentPrincipal[] {
    return keys.flatMap(([key, kind]) => listed(props, key).map(({ value }) => principalNamed(kind, value)));
}

const nameOf = (kind: PrincipalKind, key: string, itself = true) => (props: Props): AttachmentPrincipal => ({ ...principalNamed(kind, known(props, key)), ...(itself ? { itself } : {}) });

const permissionSet = (props: Props): AttachmentPrincipal => principalNamed("permission set", known(props, "permissionSetArn"));

/** IAM Identity Center customer managed policy references: `{name, path}` objects. */
function customerReferences(props: Props, key: string, principal: AttachmentPrincipal, nameKey = "name", pathKey = "path"): Attachment[] {
    const value = known(props, key);
    if (value === undefined || value === null) return [];
    const entries = Array.isArray(value) ? listed(props, key) : [{ field: key, value }];
    return entries.map(({ field, value: entry }) => {
        let policy: PolicyReference = { kind: "unknown", why: `${field} is not known at preview` };
        if (typeof entry === "object" && entry !== null) {
            const name = text(known(entry as Props, nameKey));
            const path = known(entry as Props, pathKey);
            if (name !== undefined && path !== unknownValue) policy = { kind: "name", name, path: text(path) ?? "/" };
        }
        return { field, dependencyKey: key, principals: [principal], policy };
    });
}

const extractors: ReadonlyMap<string, Extractor> = new Map<string, Extractor>([
    ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", single("role", "role")],
    ["aws:iam/userPolicyAttachment:UserPolicyAttachment", single("user", "user")],
    ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", single("group", "group")],
    ["aws:iam/policyAttachment:PolicyAttachment", (props) => [{
        field: "policyArn",
        dependencyKey: "policyArn",
        principals: principalLists(props, [["roles", "role"], ["users", "user"], ["groups", "group"]]),
        policy: reference(known(props, "policyArn"), "policyArn"),
    }]],
    ["aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", many(nameOf("role", "roleName", false), "policyArns")],
    ["aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", many(nameOf("user", "userName", false), "policyArns")],
    ["aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", many(nameOf("group", "groupName", false), "policyArns")],
    ["aws:iam/role:Role", many(nameOf("role", "name"), "managedPolicyArns")],
    ["aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", (props) => [{
        field: "managedPolicyArn", dependencyKey: "managedPolicyArn", principals: [permissionSet(props)], policy: reference(known(props, "managedPolicyArn"), "managedPolicyArn"),
    }]],
    ["aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive", many(permissionSet, "managedPolicyArns")],
    ["aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment", (props) => customerReferences(props, "customerManagedPolicyReference", permissionSet(props))],
    ["aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive", (props) => customerReferences(props, "customerManagedPolicyReferences", permissionSet(props))],
    ["aws:quicksight/iamPolicyAssignment:IamPolicyAssignment", (props) => (known(props, "policyArn") === undefined ? [] : single("QuickSight assignment", "assignmentName")(props))],
    ["aws-native:iam:Role", many(nameOf("role", "roleName"), "managedPolicyArns")],
    ["aws-native:iam:User", many(nameOf("user", "userName"), "managedPolicyArns")],
    ["aws-native:iam:Group", many(nameOf("group", "groupName"), "managedPolicyArns")],
    ["aws-native:iam:ManagedPolicy", (props) => {
        const principals = principalLists(props, [["roles", "role"], ["users", "user"], ["groups", "group"]]);
        return principals.length === 0 ? [] : [{ field: "roles/users/groups", dependencyKey: "roles", principals, policy: { kind: "itself" } }];
    }],
    ["aws-native:sso:PermissionSet", (props) => {
        const principal = nameOf("permission set", "name")(props);
        return [...many(() => principal, "managedPolicies")(props), ...customerReferences(props, "customerManagedPolicyReferences", principal)];
    }],
]);

/** The type tokens whose resources attach managed policies. */
export const attachmentTypes: ReadonlySet<string> = new Set(extractors.keys());

export function carriesAttachments(type: string): boolean {
    return extractors.has(type);
}

/** Every managed policy a resource attaches, with its principals; never throws. */
export function attachmentsOf(type: string, props: Props): Attachment[] {
    const extract = extractors.get(type);
    return extract ? extract(props) : [];
}

/** `"role \"app\""`, `"this role"`, `"a role not known at preview"`; principals joined with commas. */
export function describePrincipals(principals: readonly AttachmentPrincipal[]): string {
    if (principals.length === 0) return "no principal";
    const shown = principals.slice(0, 3).map((p) => (p.name !== undefined ? `${p.kind} "${p.name}"` : p.itself ? `this ${p.kind}` : `a ${p.kind} not known at preview`));
    return `${shown.join(", ")}${principals.length > 3 ? `, +${principals.length - 3} more` : ""}`;
}

// ---- CloudFormation ---------------------------------------------------------------------------

/** Resolves the intrinsic functions an ARN is commonly spelled with; anything else is a reference or unknown. */
function cfnValue(value: unknown, field: string): PolicyReference {
    if (typeof value === "string") return { kind: "arn", arn: value };
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { kind: "unknown", why: `${field} is not a string` };
    const fn = value as Record<string, unknown>;
    const ref = fn.Ref;
    if (typeof ref === "string") return ref.startsWith("AWS::") ? { kind: "unknown", why: `${field} is the pseudo parameter ${ref}` } : { kind: "template", logicalId: ref };
    const getAtt = fn["Fn::GetAtt"];
    if (Array.isArray(getAtt) && typeof getAtt[0] === "string") return { kind: "template", logicalId: getAtt[0] };
    if (typeof getAtt === "string") return { kind: "template", logicalId: getAtt.split(".")[0] };
    const resolved = resolveCfnString(value);
    return resolved !== undefined ? { kind: "arn", arn: resolved } : { kind: "unknown", why: `${field} uses an intrinsic function the pack cannot resolve (${Object.keys(fn).join(", ")})` };
}

/** Pseudo parameters an AWS managed policy ARN depends on; the partition is judged as `aws`. */
const pseudo: Readonly<Record<string, string>> = { "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com" };

/** `Fn::Sub` without variables other than the partition, `Fn::Join` of such parts, `Ref: AWS::Partition`. */
function resolveCfnString(value: unknown): string | undefined {
    if (typeof value === "string") return value;
    if (typeof value !== "object" || value === null) return undefined;
    const fn = value as Record<string, unknown>;
    if (typeof fn.Ref === "string") return pseudo[fn.Ref];
    const sub = fn["Fn::Sub"];
    const template = typeof sub === "string" ? sub : Array.isArray(sub) && typeof sub[0] === "string" && (sub[1] === undefined || (typeof sub[1] === "object" && sub[1] !== null && Object.keys(sub[1]).length === 0)) ? sub[0] : undefined;
    if (template !== undefined) {
        let unresolved = false;
        const out = template.replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => pseudo[name] ?? ((unresolved = true), ""));
        return unresolved ? undefined : out.replace(/\$\{!/g, "${");
    }
    const join = fn["Fn::Join"];
    if (Array.isArray(join) && typeof join[0] === "string" && Array.isArray(join[1])) {
        const parts = join[1].map(resolveCfnString);
        return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
    }
    return undefined;
}

function cfnList(properties: Props, key: string): { field: string; value: unknown }[] {
    const list = properties[key];
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) return [{ field: key, value: list }];
    return list.map((value, i) => ({ field: `${key}[${i}]`, value }));
}

const cfnPrincipal = (kind: PrincipalKind, value: unknown, itself = false): AttachmentPrincipal =>
    typeof value === "string" && value !== "" ? { kind, name: value, ...(itself ? { itself } : {}) } : { kind, ...(itself ? { itself } : {}) };

/**
 * The managed policies a CloudFormation resource attaches (`AWS::IAM::Role|User|Group`
 * `ManagedPolicyArns`, `AWS::IAM::ManagedPolicy` `Roles/Users/Groups`, `AWS::SSO::PermissionSet`
 * `ManagedPolicies` and `CustomerManagedPolicyReferences`); never throws.
 */
export function cloudFormationAttachments(type: string, properties: unknown): Attachment[] {
    if (typeof properties !== "object" || properties === null || Array.isArray(properties)) return [];
    const props = properties as Props;
    const arns = (key: string, principal: AttachmentPrincipal): Attachment[] =>
        cfnList(props, key).map(({ field, value }) => ({ field, dependencyKey: key, principals: [principal], policy: cfnValue(value, field) }));
    switch (type) {
        case "AWS::IAM::Role":
            return arns("ManagedPolicyArns", cfnPrincipal("role", props.RoleName, true));
        case "AWS::IAM::User":
            return arns("ManagedPolicyArns", cfnPrincipal("user", props.UserName, true));
        case "AWS::IAM::Group":
            return arns("ManagedPolicyArns", cfnPrincipal("group", props.GroupName, true));
        case "AWS::IAM::ManagedPolicy": {
            const principals = ([["Roles", "role"], ["Users", "user"], ["Groups", "group"]] as const).flatMap(([key, kind]) => cfnList(props, key).map(({ value }) => cfnPrincipal(kind, value)));
            return principals.length === 0 ? [] : [{ field: "Roles/Users/Groups", dependencyKey: "Roles", principals, policy: { kind: "itself" } }];
        }
        case "AWS::SSO::PermissionSet": {
            const principal = cfnPrincipal("permission set", props.Name, true);
            const references = cfnList(props, "CustomerManagedPolicyReferences").map(({ field, value }): Attachment => {
                const entry = typeof value === "object" && value !== null ? (value as Props) : {};
                const policy: PolicyReference = typeof entry.Name === "string" && entry.Name !== ""
                    ? { kind: "name", name: entry.Name, path: typeof entry.Path === "string" && entry.Path !== "" ? entry.Path : "/" }
                    : { kind: "unknown", why: `${field}.Name is not a string` };
                return { field, dependencyKey: "CustomerManagedPolicyReferences", principals: [principal], policy };
            });
            return [...arns("ManagedPolicies", principal), ...references];
        }
        default:
            return [];
    }
}
