/**
 * `no-cluster-admin` (security): an EKS access entry that makes an IAM principal Kubernetes
 * `cluster-admin`, every verb on every resource of the cluster. It is the cluster's
 * AdministratorAccess, granted outside IAM, so no IAM document shows it. Only
 * `AmazonEKSClusterAdminPolicy` at cluster scope counts: EKS's page calls it the equivalent of
 * `cluster-admin`; at namespace scope its rights stop at the named namespaces. A scope not known
 * at preview is judged as cluster scope (the broader one) and says so.
 */
import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { ExemptedFindings } from "../document-policy";
import { known, unknownValue } from "../iam/resource-documents";
import { ResourceFinding, resourceFindingsPolicy } from "../resource-findings-policy";

const clusterAdmin = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const source = "https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html";

/** Where each type keeps its associations: one on the resource itself, or a list of them. */
const associationsOf: Record<string, (props: Record<string, unknown>) => { path: string; association: Record<string, unknown> }[]> = {
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": (props) => [{ path: "policyArn", association: props }],
    "aws-native:eks:AccessEntry": (props) => {
        const list = known(props, "accessPolicies");
        return Array.isArray(list) ? list.flatMap((item, i) => (typeof item === "object" && item !== null ? [{ path: `accessPolicies[${i}].policyArn`, association: item as Record<string, unknown> }] : [])) : [];
    },
};

const shown = (value: unknown) => (value === unknownValue ? "(not known at preview)" : typeof value === "string" && value !== "" ? JSON.stringify(value) : "(unnamed)");

/** The partition aside (`aws-cn`, `aws-us-gov`), is this the cluster-admin access policy? */
const isClusterAdmin = (arn: unknown) => typeof arn === "string" && arn.replace(/^arn:aws(-[a-z]+)*:/, "arn:aws:") === clusterAdmin;

export function clusterAdminFindings(resourceName: string, type: string, props: Record<string, unknown>): ResourceFinding[] {
    return (associationsOf[type]?.(props) ?? []).flatMap(({ path, association }) => {
        if (!isClusterAdmin(known(association, "policyArn"))) return [];
        const scope = known(association, "accessScope");
        const scopeType = typeof scope === "object" && scope !== null ? known(scope as Record<string, unknown>, "type") : scope;
        if (typeof scopeType === "string" && scopeType.toLowerCase() === "namespace") return [];
        const how = scopeType === unknownValue || scope === unknownValue ? "at a scope not known at preview (judged as the whole cluster)" : "at cluster scope";
        return [{
            path,
            message: `${resourceName} › ${path}: AmazonEKSClusterAdminPolicy ${how} makes ${shown(known(props, "principalArn"))} Kubernetes cluster-admin on cluster ${shown(known(props, "clusterName"))}: every verb on every resource (AWS: ${source})\n` +
                "fix: associate AmazonEKSEditPolicy or AmazonEKSViewPolicy at namespace scope (accessScope type namespace with the workload's namespaces), or a Kubernetes RBAC group that names what the principal does",
        }];
    });
}

export function noClusterAdminPolicy(enforcementLevel: EnforcementLevel, exempted: ExemptedFindings): ResourceValidationPolicy {
    return resourceFindingsPolicy({
        name: "no-cluster-admin",
        description: "No EKS access entry makes an IAM principal Kubernetes cluster-admin (AmazonEKSClusterAdminPolicy at cluster scope).",
        enforcementLevel, exempted, types: new Set(Object.keys(associationsOf)), findings: clusterAdminFindings,
    });
}
