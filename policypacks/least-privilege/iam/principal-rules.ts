/**
 * Who a named-but-shared principal lets in, and the conditions that narrow it:
 * - a federated principal (OIDC, Cognito, SAML, web identity) in a trust policy lets in every
 *   identity its provider vouches for, unless the provider's subject and audience keys name yours;
 * - a service principal lets in every customer's use of that service (the confused deputy),
 *   unless a source key (`aws:SourceArn`, `aws:SourceAccount`, ...) names your account or resource.
 * The data and its sources are in `principal-data.ts`.
 */
import type { Statement } from "./documents";
import { ConditionVerdict, judgeWith, narrowingReport, sourceKeys } from "./narrowing";
import { FederatedKeys, oidcKeys, samlKeys, servicesWithoutSourceContext, sourceAccountInPath, tenantIssuers, wellKnownProviders } from "./principal-data";

/** The entries of one principal type (`Service`, `Federated`), matched case-insensitively. */
export function principalsOfType(statement: Statement, type: string): readonly string[] {
    const entries = statement.principal?.entries ?? {};
    const wanted = type.toLowerCase();
    return Object.keys(entries).filter((t) => t.toLowerCase() === wanted).flatMap((t) => entries[t]);
}

interface Provider {
    /** How messages name it. */
    readonly name: string;
    readonly kind: "OIDC" | "SAML" | "web identity";
    readonly keys: FederatedKeys;
}

/** The provider a `Principal.Federated` entry names, and the keys that narrow it. */
export function providerOf(entry: string): Provider {
    const arn = /^arn:[^:]*:iam::[^:]*:(oidc-provider|saml-provider)\/(.+)$/i.exec(entry);
    if (arn && arn[1].toLowerCase() === "saml-provider") return { name: arn[2], kind: "SAML", keys: samlKeys };
    const path = arn ? arn[2] : entry;
    const known = wellKnownProviders.get(path.toLowerCase());
    if (known) return { name: path, kind: "web identity", keys: known };
    const tenant = tenantIssuers.find((t) => t.issuer.test(path));
    if (tenant) return { name: path, kind: "OIDC", keys: { audience: `${path}:aud`, reason: tenant.reason, source: tenant.source } };
    return { name: path, kind: "OIDC", keys: { subject: `${path}:sub`, audience: `${path}:aud`, ...oidcKeys } };
}

/**
 * The claim tag a subject starts with (`repo:`, `project_path:`, `organization:`), EKS's two
 * levels included (`system:serviceaccount:`, then the namespace names the owner).
 */
const claimTag = /^(system:serviceaccount:|[A-Za-z_]+:)/;

/**
 * A subject names someone when the fixed text before its first wildcard, past the claim tag,
 * holds a whole first segment (an owner, group or organization, ended by `/` or `:`):
 * `repo:org/*`, `repo:org/app-*`, `repo:org/app:*`, `system:serviceaccount:ns:*` pass; `*`,
 * `repo:*`, `repo:*\/*`, `repo:org*` (any owner whose name starts with org) do not.
 */
function subjectOpen(pattern: string): string | undefined {
    const wildcard = pattern.search(/[*?]/);
    if (wildcard < 0) return undefined;
    const fixed = pattern.slice(0, wildcard).replace(claimTag, "");
    if (fixed === "") return "leaves the subject open: it matches every repository, project or identity the provider issues tokens for";
    if (!/[/:]/.test(fixed)) return `leaves the owner open after ${JSON.stringify(pattern.slice(0, wildcard))}: an owner, group or organization named anything that starts with it matches`;
    return undefined;
}

/** An audience is an exact identifier (a client ID, an identity pool ID): any wildcard leaves it open. */
function audienceOpen(pattern: string): string | undefined {
    return /[*?]/.test(pattern) ? "leaves the audience open: an audience is an exact client, app or identity pool ID" : undefined;
}

/** The verdicts of every condition of the statement on `key` (case-insensitive), under `rule`. */
function verdictsOn(statement: Statement, key: string, rule: (pattern: string) => string | undefined): ConditionVerdict[] {
    const wanted = key.toLowerCase();
    const found: ConditionVerdict[] = [];
    for (const operator of Object.keys(statement.conditions)) {
        const block = statement.conditions[operator];
        for (const k of Object.keys(block)) if (k.toLowerCase() === wanted) found.push(judgeWith(operator, k, block[k], rule));
    }
    return found;
}

export interface PrincipalGap {
    /** What is let in, e.g. `the OIDC provider token.actions.githubusercontent.com`. */
    readonly principal: string;
    readonly problem: string;
    readonly fix: string;
}

/** What each federated principal of an Allow statement still lets in; empty when every one is narrowed. */
export function federatedGaps(statement: Statement): PrincipalGap[] {
    const gaps: PrincipalGap[] = [];
    for (const entry of principalsOfType(statement, "Federated")) {
        if (entry === "*") continue;
        const provider = providerOf(entry);
        const missing: string[] = [];
        const required: [string, (p: string) => string | undefined][] = [];
        if (provider.keys.subject) required.push([provider.keys.subject, subjectOpen]);
        required.push([provider.keys.audience, audienceOpen]);
        for (const [key, rule] of required) {
            const verdicts = verdictsOn(statement, key, rule);
            if (verdicts.some((v) => v.narrows)) continue;
            missing.push(verdicts.length === 0 ? `no condition on ${key}` : verdicts.map((v) => v.reason).join("; "));
        }
        if (/[*?]/.test(provider.name)) missing.unshift(`the provider ${JSON.stringify(entry)} is a pattern, so no provider's keys can narrow it`);
        if (missing.length === 0) continue;
        const principal = `the ${provider.kind} provider ${provider.name}`;
        gaps.push({
            principal,
            problem: `trusts ${principal} without conditions that narrow who: ${missing.join("; ")} (${provider.keys.reason})`,
            fix: federatedFix(provider),
        });
    }
    return gaps;
}

function federatedFix(provider: Provider): string {
    if (provider.kind === "SAML") return `add "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}`;
    if (provider.keys.subject === undefined) return `add "Condition": {"StringEquals": {"${provider.keys.audience}": "<the audience your issuer puts in your tokens>"}}`;
    if (provider.kind === "web identity") return `add "Condition": {"StringEquals": {"${provider.keys.audience}": "<your app or identity pool ID>"}}`;
    const subject = provider.name.toLowerCase().startsWith("token.actions.githubusercontent.com") ? "repo:<owner>/<repo>:ref:refs/heads/<branch>" : "<the subject your workload's tokens carry>";
    return `add "Condition": {"StringEquals": {"${provider.keys.audience}": "sts.amazonaws.com"}, "StringLike": {"${provider.keys.subject}": "${subject}"}}`;
}

/** Is this service one that assumes roles without a source context (`principal-data.ts`)? */
export function sendsNoSourceContext(service: string): boolean {
    // The China partitions spell service principals with a `.cn` suffix (`ec2.amazonaws.com.cn`).
    return servicesWithoutSourceContext.has(service.toLowerCase().replace(/\.cn$/, ""));
}

/**
 * Does the statement only let the service write (`s3:PutObject`) under a path that names the
 * source account (`sourceAccountInPath`), on every element? With the stack's accounts known, the
 * path must name one of them: another account's path lets that account's load balancers in.
 */
function pathNamesSource(statement: Statement, service: string, accounts: readonly string[] | undefined): boolean {
    const fact = sourceAccountInPath.get(service.toLowerCase());
    const elements = statement.resources ?? [];
    if (fact === undefined || elements.length === 0 || statement.actions === undefined || !statement.actions.every((a) => a.toLowerCase() === "s3:putobject")) return false;
    return elements.every((e) => {
        const account = fact.element.exec(e)?.[2];
        return account !== undefined && (accounts === undefined || accounts.includes(account));
    });
}

/**
 * The service principals of an Allow statement that a source key must narrow and does not: every
 * service in a resource policy; in a trust policy, those that send a source context.
 */
export function serviceGap(statement: Statement, kind: "trust" | "resource", accounts?: readonly string[]): PrincipalGap | undefined {
    const services = principalsOfType(statement, "Service").filter((s) => s !== "*" && (kind === "resource" || !sendsNoSourceContext(s)) && !pathNamesSource(statement, s, accounts));
    if (services.length === 0) return undefined;
    const report = narrowingReport(statement, sourceKeys);
    if (report.narrowing.length > 0) return undefined;
    const principal = `the service principal${services.length > 1 ? "s" : ""} ${services.join(", ")}`;
    const why = report.reasons.length > 0 ? `: ${report.reasons.join("; ")}` : "";
    return {
        principal,
        problem: `lets ${principal} in without aws:SourceArn or aws:SourceAccount naming your account or resource${why}, so any AWS customer's ${services.length > 1 ? "use of these services" : "use of the service"} can reach it (the confused deputy)`,
        fix: `add "Condition": {"StringEquals": {"aws:SourceAccount": "<your account ID>"}, "ArnLike": {"aws:SourceArn": "<the calling resource's ARN>"}}`,
    };
}
