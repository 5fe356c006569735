/**
 * The `aws-auth` ConfigMap in `kube-system`: EKS's older way to map IAM principals to Kubernetes
 * users and groups (EKS User Guide, "Grant IAM users and roles access to Kubernetes APIs":
 * https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html). Its `mapRoles` and
 * `mapUsers` are YAML lists of `{ rolearn | userarn, username, groups }`. Read from the
 * Kubernetes provider's `ConfigMap` and `ConfigMapPatch` (how programs edit the map EKS made).
 */
import { yaml } from "./embedded-resources";
import { known, unknownValue } from "./unknown-values";

export const awsAuthTypes: readonly string[] = ["kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:ConfigMapPatch"];

/** One entry of `mapRoles` or `mapUsers`. */
export interface AwsAuthMapping {
    /** `data.mapRoles[0]`. */
    readonly path: string;
    /** The `rolearn` or `userarn` as written (any value). */
    readonly principal: unknown;
    readonly groups: readonly string[];
}

export interface AwsAuthRead {
    readonly mappings: readonly AwsAuthMapping[];
    /** Fields that hold no YAML list the authenticator can read, with why. */
    readonly unreadable: readonly { readonly path: string; readonly why: string }[];
}

const fields = [{ key: "mapRoles", arn: "rolearn" }, { key: "mapUsers", arn: "userarn" }];
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
/** An entry's value by key in any case: the authenticator matches `groups`, `Groups` and `gRoUpS` alike (aws-iam-authenticator, pkg/mapper/configmap). */
const field = (item: Record<string, unknown>, key: string): unknown => item[Object.keys(item).find((k) => k.toLowerCase() === key) ?? key];

/**
 * Is this resource the cluster's `aws-auth` map? The name must be `aws-auth`; a namespace left out
 * or empty (the provider's default, which may be `kube-system`) or not known at preview counts.
 */
function isAwsAuth(props: Record<string, unknown>): boolean {
    const metadata = known(props, "metadata");
    if (!isObject(metadata) || known(metadata, "name") !== "aws-auth") return false;
    const namespace = known(metadata, "namespace");
    return namespace === undefined || namespace === unknownValue || namespace === "" || namespace === "kube-system";
}

/** The mappings of an `aws-auth` map, or `undefined` for any other resource; values not known at preview are left to `pulumi up`. */
export function awsAuthMappings(props: Record<string, unknown>): AwsAuthRead | undefined {
    if (!isAwsAuth(props)) return undefined;
    const data = known(props, "data");
    const mappings: AwsAuthMapping[] = [];
    const unreadable: { path: string; why: string }[] = [];
    if (!isObject(data)) return { mappings, unreadable };
    for (const { key, arn } of fields) {
        const text = known(data, key);
        const path = `data.${key}`;
        if (text === undefined || text === unknownValue) continue;
        let list: unknown;
        try {
            list = typeof text === "string" ? yaml().parse(text, { maxAliasCount: 100 }) : text;
        } catch (e) {
            unreadable.push({ path, why: `it is not YAML (${e instanceof Error ? e.message.split("\n")[0] : String(e)})` });
            continue;
        }
        if (list === null || list === undefined) continue;
        if (!Array.isArray(list)) {
            unreadable.push({ path, why: "it is not a YAML list of mappings" });
            continue;
        }
        list.forEach((item, i) => {
            if (!isObject(item)) return;
            const listed = field(item, "groups");
            const groups = Array.isArray(listed) ? listed.filter((g): g is string => typeof g === "string") : typeof listed === "string" ? [listed] : [];
            mappings.push({ path: `${path}[${i}]`, principal: field(item, arn), groups });
        });
    }
    return { mappings, unreadable };
}
