/**
 * The resources inside a CloudFormation stack or a Cloud Control resource (`embedded-resources.ts`)
 * as the exposure and credential rules read resources: under their own CloudFormation type when a
 * rule lists it (`AWS::IAM::AccessKey`), else as the `@pulumi/aws-native` type of the same name
 * (matched without case: `AWS::RDS::DBInstance` is `aws-native:rds:DbInstance`) with the
 * properties' names in aws-native's camelCase (`AuthType` -> `authType`, `DBInstanceClass` ->
 * `dbInstanceClass`). Intrinsic functions stay as written: a rule that needs a literal finds none.
 */
import { EmbeddedResource, embeddedResources, embeddingTypes } from "./embedded-resources";
import { remember } from "./memo";
import { nativeTypeOf } from "./policy-document-table";
import { known } from "./unknown-values";

export interface EmbeddedInputs {
    readonly type: string;
    readonly props: Record<string, unknown>;
    readonly resource: EmbeddedResource;
}

const embedding = new Set(embeddingTypes);

/** Does this type carry other resources (a stack, a stack set, a Cloud Control resource)? */
export const embedsResources = (type: string): boolean => embedding.has(type);

/** `DBInstanceClass` -> `dbInstanceClass`, `VPCId` -> `vpcId`, `AuthType` -> `authType`, `ACL` -> `acl`. */
export function camelName(name: string): string {
    const capitals = /^[A-Z]+/.exec(name)?.[0] ?? "";
    if (capitals.length <= 1 || capitals.length === name.length) return name.slice(0, capitals.length).toLowerCase() + name.slice(capitals.length);
    return capitals.slice(0, -1).toLowerCase() + name.slice(capitals.length - 1);
}

/** A copy with camelCase keys; values read through `known`, so one unknown at preview (an aws-native template object) becomes `unknownValue` instead of CrossGuard's throw. */
function camelCased(value: unknown): unknown {
    if (typeof value !== "object" || value === null) return value;
    const object = value as Record<string, unknown>;
    if (Array.isArray(value)) return value.map((_, i) => camelCased(known(object, String(i))));
    return Object.fromEntries(Object.keys(object).map((key) => [key.includes("::") || key === "Ref" ? key : camelName(key), camelCased(known(object, key))]));
}

/** A rule set's type tokens by their lowercase spelling, once per set. */
const lowerCased = new WeakMap<ReadonlySet<string>, ReadonlyMap<string, string>>();

/** The embedded resources of `type`/`props` that one of `types` names, read as that type's inputs. */
export function embeddedInputs(type: string, props: Record<string, unknown>, types: ReadonlySet<string>): EmbeddedInputs[] {
    const byLowerCase = remember(lowerCased, types, () => new Map([...types].map((t) => [t.toLowerCase(), t])));
    const out: EmbeddedInputs[] = [];
    for (const resource of embeddedResources(type, props)) {
        if (types.has(resource.cfnType)) {
            out.push({ type: resource.cfnType, props: resource.properties, resource });
            continue;
        }
        const native = byLowerCase.get(nativeTypeOf(resource.cfnType)?.toLowerCase() ?? "");
        if (native !== undefined) out.push({ type: native, props: camelCased(resource.properties) as Record<string, unknown>, resource });
    }
    return out;
}
