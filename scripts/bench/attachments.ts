/**
 * The managed-policy attachment case: N roles, each with a few `RolePolicyAttachment`s of AWS
 * managed policies drawn (seeded) from the generated table, plus every fifth role with its own
 * `aws:iam/policy:Policy` attached through an ARN unknown at preview (linked by
 * `propertyDependencies`, as the engine sends them). Every resource goes through every resource
 * policy of the prod pack, then every stack policy once, as a preview runs them. The first pass
 * in the process also reads the table and judges each distinct policy's document; later passes
 * find those verdicts cached.
 */
import type { PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import { awsManagedPolicyKeys } from "../../policypacks/least-privilege/iam/managed-policies";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { defaultResourceOptions, unknownString } from "../../stacks/offline/run-pack";
import { random } from "./generate";
import { median, timed } from "./timing";

interface Resource { readonly type: string; readonly name: string; readonly props: Record<string, unknown>; readonly dependsOn?: Record<string, string[]> }

const urnOf = (type: string, name: string) => `urn:pulumi:bench::aws-workloads::${type}::${name}`;
const attachmentType = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const policyType = "aws:iam/policy:Policy";

/** `roles` roles with `perRole` AWS managed attachments each, drawn from `distinct` policies of the table. */
export function attachmentResources(roles: number, perRole = 3, distinct = 100, seed = 11): Resource[] {
    const pick = random(seed);
    const keys = [...awsManagedPolicyKeys()];
    const drawn = Array.from({ length: distinct }, () => keys[Math.floor(pick() * keys.length)]);
    const resources: Resource[] = [];
    for (let r = 0; r < roles; r++) {
        for (let a = 0; a < perRole; a++) {
            const key = drawn[Math.floor(pick() * drawn.length)];
            resources.push({ type: attachmentType, name: `role-${r}-${a}`, props: { role: `role-${r}`, policyArn: `arn:aws:iam::aws:policy/${key}` } });
        }
        if (r % 5 === 0) {
            const policy = `own-${r}`;
            resources.push({ type: policyType, name: policy, props: { name: policy, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::bucket-${r}/*` }] }) } });
            resources.push({ type: attachmentType, name: `role-${r}-own`, props: { role: `role-${r}`, policyArn: unknownString }, dependsOn: { policyArn: [urnOf(policyType, policy)] } });
        }
    }
    return resources;
}

const stackTags: ReadonlyMap<string, string> = new Map();
const notApplicable = (reason?: string): never => {
    throw new Error(reason ?? "not applicable");
};

/** One preview's worth of the pack over the resources; returns the violation count. */
export async function judgeAttachments(resources: readonly Resource[]): Promise<number> {
    const policies = buildPolicies({ environment: "prod" });
    let violations = 0;
    const report: ReportViolation = () => {
        violations++;
    };
    const resourcePolicies = policies.filter((p): p is ResourceValidationPolicy => "validateResource" in p);
    for (const r of resources) {
        for (const policy of resourcePolicies) {
            const validations = policy.validateResource === undefined ? [] : Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
            for (const validate of validations) {
                const args: ResourceValidationArgs = {
                    type: r.type, props: unknownCheckingProxy(JSON.parse(JSON.stringify(r.props))), urn: urnOf(r.type, r.name), name: r.name, opts: defaultResourceOptions(),
                    stackTags, isType: () => false, asType: () => undefined, getConfig: <T extends object>() => ({}) as T, notApplicable,
                };
                await validate(args, report);
            }
        }
    }
    const built: PolicyResource[] = resources.map((r) => ({
        type: r.type, props: unknownCheckingProxy(JSON.parse(JSON.stringify(r.props))), urn: urnOf(r.type, r.name), name: r.name, opts: defaultResourceOptions(),
        dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined,
    }));
    const byUrn = new Map(built.map((b) => [b.urn, b]));
    resources.forEach((r, i) => {
        for (const [key, urns] of Object.entries(r.dependsOn ?? {})) built[i].propertyDependencies[key] = urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => x !== undefined);
    });
    for (const policy of policies.filter((p): p is StackValidationPolicy => "validateStack" in p)) {
        await policy.validateStack({ resources: built, stackTags, getConfig: <T extends object>() => ({}) as T, notApplicable }, report);
    }
    return violations;
}

export interface AttachmentFigures {
    readonly roles: number;
    readonly attachments: number;
    readonly resources: number;
    readonly violations: number;
    /** The first pass: reads the table and judges each distinct policy once. */
    readonly firstMs: number;
    /** Median of later passes. */
    readonly warmMs: number;
}

export async function attachmentsCase(roles = 500, passes = 5): Promise<AttachmentFigures> {
    const resources = attachmentResources(roles);
    let violations = 0;
    const firstMs = await timed(async () => {
        violations = await judgeAttachments(resources);
    });
    const warm: number[] = [];
    for (let p = 0; p < passes; p++) warm.push(await timed(() => judgeAttachments(resources)));
    return { roles, attachments: resources.filter((r) => r.type === attachmentType).length, resources: resources.length, violations, firstMs, warmMs: median(warm) };
}
