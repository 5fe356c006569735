/**
 * `no-cluster-admin` (security): what makes an IAM principal an administrator of an EKS
 * cluster's Kubernetes API, which no IAM document shows:
 * - an access entry with `AmazonEKSClusterAdminPolicy` at cluster scope: EKS's page calls it the
 *   equivalent of `cluster-admin`, every verb on every resource;
 * - an access entry with `AmazonEKSAdminPolicy` at cluster scope: Kubernetes' `admin` role, which
 *   is meant for one namespace, in every namespace (kube-system's Secrets among them);
 * - either of them at namespace scope over `"*"` (every namespace) or `kube-system`;
 * - an `aws-auth` mapping to the group `system:masters` (`aws-auth.ts`): the superuser group,
 *   which RBAC cannot limit.
 * At namespace scope the access policies stop at the named namespaces. A scope not known at
 * preview is judged as cluster scope (the broader one) and says so.
 */
import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { ExemptedFindings } from "../document-policy";
import { awsAuthMappings, awsAuthTypes } from "../iam/aws-auth";
import { known, unknownValue } from "../iam/resource-documents";
import { ResourceFinding, resourceFindingsPolicy } from "../resource-findings-policy";

const accessPolicies = "https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html";
const masters = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings";
const namespacedFix = "associate AmazonEKSEditPolicy or AmazonEKSViewPolicy at namespace scope (accessScope type namespace with the workload's namespaces), or a Kubernetes RBAC group that names what the principal does";

/** The access policies that are admin beyond one namespace, by name, and what they make the principal. */
const adminPolicies = new Map([
    ["AmazonEKSClusterAdminPolicy", "Kubernetes cluster-admin on cluster {cluster}: every verb on every resource"],
    ["AmazonEKSAdminPolicy", "Kubernetes admin in every namespace of cluster {cluster}, kube-system among them: most resources, Secrets included, and the roles and role bindings of each namespace"],
]);

/** What admin in kube-system makes a principal: its Secrets and the controllers' service accounts are the cluster's own rights. */
const kubeSystemMakes = "an administrator of kube-system on cluster {cluster}, whose Secrets and controller service accounts hold the cluster's own rights: cluster-admin in practice";

/** Where each type keeps its associations: one on the resource itself, or a list of them. */
const associationsOf: Record<string, (props: Record<string, unknown>) => { path: string; association: Record<string, unknown> }[]> = {
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": (props) => [{ path: "policyArn", association: props }],
    "aws-native:eks:AccessEntry": (props) => {
        const list = known(props, "accessPolicies");
        return Array.isArray(list) ? list.flatMap((item, i) => (typeof item === "object" && item !== null ? [{ path: `accessPolicies[${i}].policyArn`, association: item as Record<string, unknown> }] : [])) : [];
    },
};

const shown = (value: unknown) => (value === unknownValue ? "(not known at preview)" : typeof value === "string" && value !== "" ? JSON.stringify(value) : "(unnamed)");

/** The name of an EKS access policy ARN in any partition (`aws-cn`, `aws-us-gov`), or `undefined`. */
const accessPolicyName = (arn: unknown) => (typeof arn === "string" ? /^arn:aws(-[a-z]+)*:eks::aws:cluster-access-policy\/([A-Za-z]+)$/.exec(arn)?.[2] : undefined);

const kubeSystem = "in kube-system";

/**
 * For namespace scope: `""` when the namespaces stop the policy at the workload's own, else how
 * they reach the cluster: a namespace of wildcards only (EKS matches `*` in namespace names, so
 * `"*"` is every namespace), or `kube-system`, whose Secrets and controller service accounts hold
 * the cluster's own rights.
 */
function wideNamespaces(scope: Record<string, unknown>): string {
    const listed = known(scope, "namespaces");
    const names = Array.isArray(listed) ? listed.filter((n): n is string => typeof n === "string") : [];
    const every = names.find((n) => /^[*?]+$/.test(n.trim()));
    if (every !== undefined) return `at namespace scope with ${JSON.stringify(every)}, which matches every namespace`;
    return names.some((n) => n.trim() === "kube-system") ? kubeSystem : "";
}

function accessEntryFindings(resourceName: string, type: string, props: Record<string, unknown>): ResourceFinding[] {
    return (associationsOf[type]?.(props) ?? []).flatMap(({ path, association }) => {
        const name = accessPolicyName(known(association, "policyArn"));
        const makes = name === undefined ? undefined : adminPolicies.get(name);
        if (makes === undefined) return [];
        const scope = known(association, "accessScope");
        const scopeType = typeof scope === "object" && scope !== null ? known(scope as Record<string, unknown>, "type") : scope;
        const wide = typeof scopeType === "string" && scopeType.toLowerCase() === "namespace" ? wideNamespaces(scope as Record<string, unknown>) : undefined;
        if (wide === "") return [];
        const how = wide !== undefined ? wide : scopeType === unknownValue || scope === unknownValue ? "at a scope not known at preview (judged as the whole cluster)" : "at cluster scope";
        return [{
            path,
            message: `${resourceName} › ${path}: ${name} ${how} makes ${shown(known(props, "principalArn"))} ${(how === kubeSystem ? kubeSystemMakes : makes).replace("{cluster}", shown(known(props, "clusterName")))} (AWS: ${accessPolicies})\nfix: ${namespacedFix}`,
        }];
    });
}

function awsAuthFindings(resourceName: string, props: Record<string, unknown>): ResourceFinding[] {
    const read = awsAuthMappings(props);
    if (read === undefined) return [];
    return [
        ...read.mappings.filter((m) => m.groups.includes("system:masters")).map((m) => ({
            path: m.path,
            message: `${resourceName} › ${m.path}: aws-auth puts ${shown(m.principal)} in the group system:masters, the Kubernetes superuser group: every verb on every resource, and no RBAC rule can take it back (Kubernetes: ${masters})\n` +
                "fix: map the principal to a group of your own that a RoleBinding limits to the workload's namespaces, or replace the mapping with an EKS access entry and AmazonEKSEditPolicy at namespace scope",
        })),
        ...read.unreadable.map((u) => ({
            path: u.path,
            message: `${resourceName} › ${u.path}: the aws-auth map cannot be judged: ${u.why}, and EKS's authenticator reads the same text\nfix: write ${u.path.slice(5)} as a YAML list of {rolearn or userarn, username, groups}`,
        })),
    ];
}

export function clusterAdminFindings(resourceName: string, type: string, props: Record<string, unknown>): ResourceFinding[] {
    return awsAuthTypes.includes(type) ? awsAuthFindings(resourceName, props) : accessEntryFindings(resourceName, type, props);
}

export function noClusterAdminPolicy(enforcementLevel: EnforcementLevel, exempted: ExemptedFindings): ResourceValidationPolicy {
    return resourceFindingsPolicy({
        name: "no-cluster-admin",
        description: "No IAM principal is made an administrator of an EKS cluster's Kubernetes API: AmazonEKSClusterAdminPolicy or AmazonEKSAdminPolicy at cluster scope, or an aws-auth mapping to system:masters.",
        enforcementLevel, exempted, types: new Set([...Object.keys(associationsOf), ...awsAuthTypes]), findings: clusterAdminFindings,
    });
}
