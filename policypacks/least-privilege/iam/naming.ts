/**
 * AWS naming rules as pure functions: each returns what is wrong with a name, or undefined.
 * The pack's name checks use them, and so do the components and the stack config readers, which
 * import them from here: the pack is the project's ground floor and imports nothing outside it.
 */
import { regions } from "../generated/regions.json";

/** Every region the provider knows (generated from `@pulumi/aws`'s `Region` enum). */
export const knownRegions: ReadonlySet<string> = new Set(regions);

/** S3 general purpose bucket naming rules (S3 User Guide, "Bucket naming rules"). */
export function bucketNameProblem(name: string): string | undefined {
    if (name.length < 3 || name.length > 63) return `is ${name.length} characters long; bucket names are 3 to 63 characters`;
    if (!/^[a-z0-9.-]+$/.test(name)) return "may only contain lowercase letters, digits, dots and hyphens";
    if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must begin and end with a lowercase letter or digit";
    if (name.includes("..")) return "must not contain two adjacent dots";
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "must not be formatted as an IP address";
    const reservedPrefix = ["xn--", "sthree-", "amzn-s3-demo-"].find((p) => name.startsWith(p));
    if (reservedPrefix) return `must not start with the reserved prefix "${reservedPrefix}"`;
    const reservedSuffix = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].find((s) => name.endsWith(s));
    if (reservedSuffix) return `must not end with the reserved suffix "${reservedSuffix}"`;
    return undefined;
}

export function accountIdProblem(id: string): string | undefined {
    return /^\d{12}$/.test(id) ? undefined : "must be exactly 12 digits";
}

export function regionProblem(region: string): string | undefined {
    return knownRegions.has(region) ? undefined : "is not an AWS region (for example us-east-1, eu-west-2)";
}

/**
 * IAM names (IAM API Reference: CreateRole/CreateUser RoleName/UserName 1-64, CreatePolicy
 * PolicyName 1-128, PutRolePolicy/PutUserPolicy PolicyName 1-128; pattern `[\w+=,.@-]+`).
 */
export const iamNameLimits = { role: 64, user: 64, policy: 128, "inline policy": 128 } as const;

export function iamNameProblem(kind: keyof typeof iamNameLimits, name: string): string | undefined {
    const limit = iamNameLimits[kind];
    if (name.length < 1 || name.length > limit) return `is ${name.length} characters long; IAM ${kind} names are 1 to ${limit} characters`;
    if (!/^[\w+=,.@-]+$/.test(name)) return "may only contain letters, digits and + = , . @ _ -";
    return undefined;
}

/** IAM paths (IAM API Reference, `Path`): `/` alone, or 1-512 characters of `!`-`~` starting and ending with `/`, no `//`. */
export function iamPathProblem(path: string): string | undefined {
    if (path.length < 1 || path.length > 512) return `is ${path.length} characters long; IAM paths are 1 to 512 characters`;
    if (!path.startsWith("/") || !path.endsWith("/")) return 'must begin and end with "/" (e.g. "/" or "/division/")';
    if (!/^[\u0021-\u007E]+$/.test(path)) return "may only contain printable ASCII characters without spaces";
    if (path.includes("//")) return 'must not contain an empty segment ("//")';
    return undefined;
}

/** Lambda function names (Lambda API Reference, CreateFunction FunctionName): 1-64 letters, digits, hyphens, underscores. */
export function lambdaFunctionNameProblem(name: string): string | undefined {
    if (name.length < 1 || name.length > 64) return `is ${name.length} characters long; Lambda function names are 1 to 64 characters`;
    if (!/^[a-zA-Z0-9_-]+$/.test(name)) return "may only contain letters, digits, hyphens and underscores";
    return undefined;
}

/**
 * CloudWatch Logs group names (CloudWatch Logs API Reference, CreateLogGroup logGroupName): 1-512
 * characters of letters, digits and `_ - / . #`; names starting with `aws/` are reserved for AWS.
 */
export function logGroupNameProblem(name: string): string | undefined {
    if (name.length < 1 || name.length > 512) return `is ${name.length} characters long; log group names are 1 to 512 characters`;
    if (!/^[\w\-/.#]+$/.test(name)) return "may only contain letters, digits and _ - / . #";
    if (name.startsWith("aws/")) return 'must not start with "aws/" (reserved for AWS services)';
    return undefined;
}

/**
 * Textract adapter IDs (Textract API Reference, `Adapter.AdapterId`: 12 to 1011 characters; AWS
 * publishes no pattern and issues 12 hex digits). The ID becomes part of an ARN in a policy, where
 * `*`, `?`, `/` or `${` would widen or break the grant, so only letters, digits, `-` and `_`.
 */
export function textractAdapterIdProblem(id: string): string | undefined {
    if (id.length < 12 || id.length > 1011) return `is ${id.length} characters long; Textract adapter IDs are 12 to 1011 characters`;
    if (!/^[A-Za-z0-9_-]+$/.test(id)) return "is not a Textract adapter ID (letters, digits, hyphens and underscores, as CreateAdapter returns; no wildcards)";
    return undefined;
}

/** Characters AWS allows in tag keys and values (Tagging API Reference, `TagKey`/`TagValue` pattern). */
const tagCharacters = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Tag keys: 1 to 128 characters, AWS's tag characters, not the reserved `aws:` prefix. */
export function tagKeyProblem(key: string): string | undefined {
    if (key.length < 1 || key.length > 128) return `is ${key.length} characters long; tag keys are 1 to 128 characters`;
    if (/^aws:/i.test(key)) return 'must not start with "aws:", which AWS reserves for its own tags';
    if (!tagCharacters.test(key)) return "may only contain letters, digits, spaces and _ . : / = + - @";
    return undefined;
}

/** Tag values: 0 to 256 characters of AWS's tag characters. */
export function tagValueProblem(value: string): string | undefined {
    if (value.length > 256) return `is ${value.length} characters long; tag values are 0 to 256 characters`;
    if (!tagCharacters.test(value)) return "may only contain letters, digits, spaces and _ . : / = + - @";
    return undefined;
}

/**
 * A KMS key ARN in `partition`: `arn:<partition>:kms:<region>:<account>:key/<key id>`, the key ID a
 * UUID or a multi-Region `mrk-` ID (KMS Developer Guide, "Key identifiers"). Alias ARNs are refused:
 * an identity policy naming an alias ARN does not authorize use of the key behind it.
 */
export function kmsKeyArnProblem(arn: string, partition: string): string | undefined {
    const match = /^arn:([a-z-]+):kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/.exec(arn);
    if (!match) return "is not a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key id>)";
    const [, arnPartition, region, , kind, id] = match;
    if (kind === "alias") return "is an alias ARN; IAM authorizes key use by the key's ARN: give arn:...:key/<key id>";
    if (arnPartition !== partition) return `is in partition ${arnPartition}; the stack's partition is ${partition}`;
    if (!knownRegions.has(region)) return `names region ${region}, which is not an AWS region`;
    if (!/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/.test(id)) {
        return "has a key ID that is neither a key UUID nor a multi-Region mrk- ID";
    }
    return undefined;
}
