/**
 * What is malformed in one resource element, by the ARN format (IAM User Guide, "IAM
 * identifiers" and the AWS General Reference, "Amazon Resource Names"): six colon-separated
 * fields, a real partition, a resource part, and region and account fields as the service's ARN
 * templates define them (a region on a global service such as IAM or S3 matches nothing).
 */
import { escapeRegExp, hasWildcard, hasWildcardOrVariable } from "./glob";
import { resourceTemplates } from "./iam-data";
import { knownRegions } from "./naming";
import { remember } from "./memo";

/** AWS partitions (General Reference, "Partitions"). */
export const partitions: ReadonlySet<string> = new Set(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]);

/** A field with a wildcard or a policy variable may stand for any value: it is not judged. */
const flexible = hasWildcardOrVariable;

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

/** The positions of an ARN's second to fifth colons. */
export type Colons = readonly [number, number, number, number];

/**
 * The positions of an ARN's second to fifth colons (`arn:partition:service:region:account:`),
 * or `undefined` when it has fewer than six fields. Fields are read by position: this runs for
 * every element of every statement.
 */
export function fieldColons(arn: string): Colons | undefined {
    const c2 = arn.indexOf(":", 4);
    const c3 = c2 < 0 ? -1 : arn.indexOf(":", c2 + 1);
    const c4 = c3 < 0 ? -1 : arn.indexOf(":", c3 + 1);
    const c5 = c4 < 0 ? -1 : arn.indexOf(":", c4 + 1);
    return c5 < 0 ? undefined : [c2, c3, c4, c5];
}

/**
 * A short ARN that ends in a wildcard (`arn:aws:s3:*`, `arn:aws:iam::*`, `arn:*`) as the six-field
 * ARN it stands for: IAM accepts it (`arnRejection`) and its wildcard runs over the fields it
 * leaves out (`*` matches `:`), so it is judged as `arn:aws:s3:*:*:*`. Anything else comes back
 * as written.
 */
export function sixFields(element: string): string {
    if (!element.startsWith("arn:") || fieldColons(element) !== undefined) return element;
    const fields = element.split(":");
    return hasWildcard(fields[fields.length - 1]) ? element + ":*".repeat(6 - fields.length) : element;
}

/** Where an ARN's resource part starts: after the fifth colon, or -1. */
export function resourceStart(arn: string): number {
    let at = -1;
    for (let n = 0; n < 5; n++) {
        at = arn.indexOf(":", at + 1);
        if (at < 0) return -1;
    }
    return at + 1;
}

/**
 * The element with a 12-digit account ID written as `000000000000`, or the element itself: a key
 * for verdicts that hold for every account ID alike (no ARN template of the IAM data has a
 * literal account ID, and `arnProblem` only asks whether the field is 12 digits), so one verdict
 * serves the same statement in every account of a stack.
 */
export function accountFree(element: string): string {
    const colons = element.startsWith("arn:") ? fieldColons(element) : undefined;
    if (colons === undefined || !isAccountId(element, colons[2] + 1, colons[3]) || element.startsWith(anyAccount, colons[2] + 1)) return element;
    return `${element.slice(0, colons[2] + 1)}${anyAccount}${element.slice(colons[3])}`;
}

const anyAccount = "000000000000";

/** Is `text[from, to)` a 12-digit account ID? Read in place: this runs for every element. */
function isAccountId(text: string, from: number, to: number): boolean {
    if (to - from !== 12) return false;
    for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c < 48 || c > 57) return false;
    }
    return true;
}

/**
 * What IAM itself refuses in a resource element (MalformedPolicyDocument at `pulumi up`), or
 * `undefined`: fewer than six fields ("Resource ... must be in ARN format or \"*\""), a partition
 * that is no AWS partition or is a policy variable ("Partition \"${ARN_PARTITION}\" is not valid
 * for resource ..."), a region in an IAM ARN ("IAM resource ... cannot contain region
 * information") or in an S3 bucket or object ARN ("Resource arn:aws:s3:us-west-2:... can not
 * contain region information"). Only these: IAM accepts the rest of what `arnProblem` reports
 * (AWS's own managed policies use `arn:aws:lambda:region:*:...`, empty account and region fields,
 * an empty resource part), so those are inferences from the data, not rejections.
 */
export function arnRejection(element: string): string | undefined {
    if (element === "*" || !element.startsWith("arn:")) return undefined;
    const colons = fieldColons(element);
    if (colons === undefined) {
        const parts = element.split(":");
        return hasWildcard(parts[parts.length - 1]) ? undefined : `has ${parts.length} colon-separated fields; an ARN has six: arn:partition:service:region:account:resource`;
    }
    const [c2, c3, c4] = colons;
    if (!(c2 === 7 && element.startsWith("aws", 4))) {
        const partition = element.slice(4, c2);
        if (partition.includes("${")) return `partition "${partition}" is a policy variable; IAM reads the partition before any variable and refuses it`;
        if (!partitions.has(partition) && !hasWildcard(partition)) return `partition "${partition}" is not an AWS partition (${[...partitions].join(", ")})`;
    }
    const service = element.slice(c2 + 1, c3);
    if (service === "iam" || service === "s3") {
        const region = element.slice(c3 + 1, c4);
        if (region !== "" && !flexible(region)) {
            if (service === "iam") return `IAM ARNs have no region, and IAM refuses one with region "${region}"`;
            const firstSegment = element.slice(colons[3] + 1).split("/")[0];
            if (!hasWildcardOrVariable(firstSegment) && !regionalS3Types().has(firstSegment)) {
                return `S3 bucket and object ARNs have no region, and IAM refuses one with region "${region}" (only access points, jobs, Storage Lens and Access Grants are regional)`;
            }
        }
    }
    return undefined;
}

let regionalS3: ReadonlySet<string> | undefined;

/** The first resource segment of S3's regional ARN templates (`accesspoint`, `job`, ...), once. */
function regionalS3Types(): ReadonlySet<string> {
    regionalS3 ??= new Set((resourceTemplates("s3") ?? []).filter((t) => t.region !== "").map((t) => t.arn.slice(resourceStart(t.arn)).split("/")[0]));
    return regionalS3;
}

/**
 * The problem with an element (not `"*"`), or `undefined`: what `arnRejection` reports, and what
 * the IAM data and the region list say cannot match (a region on a global service, an account
 * that is not 12 digits, an empty field the service's templates all fill). Only the service and region are cut
 * out: the common ARN (`aws` partition, 12-digit account) allocates little.
 */
export function arnProblem(element: string): string | undefined {
    if (element === "*" || !element.startsWith("arn:")) return undefined;
    const rejected = arnRejection(element);
    if (rejected !== undefined) return rejected;
    const colons = fieldColons(element);
    if (colons === undefined) return undefined;
    const [c2, c3, c4, c5] = colons;
    if (!(c2 === 7 && element.startsWith("aws", 4))) {
        const partition = element.slice(4, c2);
        if (!partitions.has(partition) && !flexible(partition)) return `partition "${partition}" is not an AWS partition (${[...partitions].join(", ")})`;
    }
    const service = element.slice(c2 + 1, c3);
    if (service === "") return "has no service field";
    if (c5 === element.length - 1) return "has no resource part after the fifth colon";
    const region = element.slice(c3 + 1, c4);
    if (region !== "" && !knownRegions.has(region) && !flexible(region)) return `region "${region}" is not an AWS region`;
    const accountKind = c5 === c4 + 1 ? "empty" : isAccountId(element, c4 + 1, c5) ? "id" : "other";
    const account = accountKind === "other" ? element.slice(c4 + 1, c5) : "";
    if (accountKind === "other" && account !== "aws" && !flexible(account)) return `account "${account}" is not a 12-digit account ID`;
    const fields = fieldsOf(service);
    if (fields === undefined) return undefined;
    if (region !== "" && !flexible(region) && !fields.someRegional) return `${service} ARNs have no region (a global service), so an ARN with region "${region}" matches nothing`;
    if (region === "" && !fields.someGlobal) return `${service} ARNs need a region; the region field is empty`;
    if (accountKind !== "empty" && !flexible(account) && !fields.someWithAccount) return `${service} ARNs have no account field, so an ARN with account "${element.slice(c4 + 1, c5)}" matches nothing`;
    if (accountKind === "empty" && !fields.someWithoutAccount) return `${service} ARNs need an account; the account field is empty`;
    return undefined;
}

/** The first five fields of the ARNs of one template that `arnProblem` accepts (`wellFormedHead`). */
export interface WellFormedHead {
    readonly service: string;
    /** A known region in the region field, or none. */
    readonly regional: boolean;
    /** A 12-digit account or `aws` in the account field, or none. */
    readonly withAccount: boolean;
}

/**
 * What the first five fields (`arn:` to the fifth colon) of the ARNs that fit the template and in
 * which `arnProblem` finds nothing wrong look like, or `undefined` when the template's head is
 * not the usual `arn:${Partition}:service:${Region}:${Account}:` (region and account variables
 * of any name, either field may be empty) or no such ARN exists. A fit (`fitsHead`) settles both
 * questions at once, so the common element is judged with one test of its resource part.
 */
export function wellFormedHead(template: string): WellFormedHead | undefined {
    const head = /^arn:\$\{Partition\}:([a-z0-9-]+):(\$\{[A-Za-z]+\})?:(\$\{[A-Za-z]+\})?:./.exec(template);
    if (head === null) return undefined;
    const [, service, region, account] = head;
    const fields = fieldsOf(service);
    if (fields !== undefined) {
        if (region ? !fields.someRegional : !fields.someGlobal) return undefined;
        if (account ? !fields.someWithAccount : !fields.someWithoutAccount) return undefined;
    }
    return { service, regional: region !== undefined, withAccount: account !== undefined };
}

/** The first five fields of a text as `fitsHead` compares them; read once per element, compared per template. */
export interface HeadFields {
    readonly service: string;
    readonly knownPartition: boolean;
    readonly region: "none" | "known" | "other";
    readonly account: "none" | "id" | "other";
    /** The text after the fifth colon. */
    readonly resource: string;
}

/** The fields of a text starting `arn:` with at least five colons; `undefined` otherwise. */
export function headFields(text: string): HeadFields | undefined {
    if (!text.startsWith("arn:")) return undefined;
    const colons = fieldColons(text);
    if (colons === undefined) return undefined;
    const [c2, c3, c4, c5] = colons;
    const account = text.slice(c4 + 1, c5);
    return {
        service: text.slice(c2 + 1, c3),
        knownPartition: partitions.has(text.slice(4, c2)),
        region: c4 === c3 + 1 ? "none" : knownRegions.has(text.slice(c3 + 1, c4)) ? "known" : "other",
        account: account === "" ? "none" : isAccountId(account, 0, account.length) || account === "aws" ? "id" : "other",
        resource: text.slice(c5 + 1),
    };
}

/** Do the fields fit the head: a known partition, the service, a known region or none, a 12-digit account or `aws` or none? */
export function fitsHead(head: WellFormedHead, fields: HeadFields): boolean {
    return fields.knownPartition && fields.service === head.service && fields.region === (head.regional ? "known" : "none") && fields.account === (head.withAccount ? "id" : "none");
}

let knownFields: { partition: string; region: string } | undefined;

/** The head as a regular expression source (`arn:` to the fifth colon), for combining many templates into one expression. */
export function wellFormedHeadSource(head: WellFormedHead): string {
    knownFields ??= { partition: [...partitions].map(escapeRegExp).join("|"), region: [...knownRegions].map(escapeRegExp).join("|") };
    return `arn:(?:${knownFields.partition}):${escapeRegExp(head.service)}:${head.regional ? `(?:${knownFields.region})` : ""}:${head.withAccount ? "(?:\\d{12}|aws)" : ""}:`;
}
