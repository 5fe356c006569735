/**
 * AWS naming rules as pure functions: each returns what is wrong with a name, or undefined.
 * Shared by stack config validation and the policy pack's name checks.
 */
import { Region } from "@pulumi/aws/types/enums";

/** Every region the provider knows. */
export const knownRegions: ReadonlySet<string> = new Set(Object.values(Region));

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
