/**
 * What is malformed in one resource element, by the ARN format (IAM User Guide, "IAM
 * identifiers" and the AWS General Reference, "Amazon Resource Names"): six colon-separated
 * fields, a real partition, a resource part, and region and account fields as the service's ARN
 * templates define them (a region on a global service such as IAM or S3 matches nothing).
 */
import { hasWildcard } from "./glob";
import { resourceTemplates } from "./iam-data";
import { knownRegions } from "../../components/naming";
import { remember } from "./memo";
import { parseArn } from "./resource-elements";

/** AWS partitions (General Reference, "Partitions"). */
export const partitions: ReadonlySet<string> = new Set(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]);

const accountId = /^\d{12}$/;

/** A field with a wildcard or a policy variable may stand for any value: it is not judged. */
const flexible = (field: string) => field.includes("*") || field.includes("?") || field.includes("${");

interface ServiceFields {
    readonly someRegional: boolean;
    readonly someGlobal: boolean;
    readonly someWithAccount: boolean;
    readonly someWithoutAccount: boolean;
}

const serviceFields = new Map<string, ServiceFields | undefined>();

/** Which region and account fields the service's ARN templates have, once per service; `undefined` without templates. */
function fieldsOf(service: string): ServiceFields | undefined {
    return remember(serviceFields, service, () => {
        const templates = resourceTemplates(service) ?? [];
        return templates.length === 0 ? undefined : {
            someRegional: templates.some((t) => t.region !== ""),
            someGlobal: templates.some((t) => t.region === ""),
            someWithAccount: templates.some((t) => t.account !== ""),
            someWithoutAccount: templates.some((t) => t.account === ""),
        };
    });
}

/** Where an ARN's resource part starts: after the fifth colon (`arn:partition:service:region:account:`), or -1. */
export function resourceStart(arn: string): number {
    let at = -1;
    for (let n = 0; n < 5; n++) {
        at = arn.indexOf(":", at + 1);
        if (at < 0) return -1;
    }
    return at + 1;
}

/** The problem with an element (not `"*"`), or `undefined`. */
export function arnProblem(element: string): string | undefined {
    if (element === "*" || !element.startsWith("arn:")) return undefined;
    const arn = parseArn(element);
    if (arn === undefined) {
        const parts = element.split(":");
        return hasWildcard(parts[parts.length - 1]) ? undefined : `has ${parts.length} colon-separated fields; an ARN has six: arn:partition:service:region:account:resource`;
    }
    const { partition, service, region, account, resource } = arn;
    if (!partitions.has(partition) && !flexible(partition)) return `partition "${partition}" is not an AWS partition (${[...partitions].join(", ")})`;
    if (service === "") return "has no service field";
    if (resource === "") return "has no resource part after the fifth colon";
    if (region !== "" && !knownRegions.has(region) && !flexible(region)) return `region "${region}" is not an AWS region`;
    if (account !== "" && account !== "aws" && !accountId.test(account) && !flexible(account)) return `account "${account}" is not a 12-digit account ID`;
    const fields = fieldsOf(service);
    if (fields === undefined) return undefined;
    if (region !== "" && !flexible(region) && !fields.someRegional) return `${service} ARNs have no region (a global service), so an ARN with region "${region}" matches nothing`;
    if (region === "" && !fields.someGlobal) return `${service} ARNs need a region; the region field is empty`;
    if (account !== "" && !flexible(account) && !fields.someWithAccount) return `${service} ARNs have no account field, so an ARN with account "${account}" matches nothing`;
    if (account === "" && !fields.someWithoutAccount) return `${service} ARNs need an account; the account field is empty`;
    return undefined;
}
