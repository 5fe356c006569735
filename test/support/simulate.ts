/**
 * Access proofs: the offline form of the seeds' "verify permissions" steps. Evaluates a
 * principal's rendered policies with @cloud-copilot/iam-simulate (AGPL; devDependency only).
 */
import { runSimulation, runUnsafeSimulation } from "@cloud-copilot/iam-simulate";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

export interface AccessRequest {
    readonly action: string;
    /** Defaults to `*`, the only resource of actions without resource types. */
    readonly resource?: string;
    readonly context?: Record<string, string | string[]>;
    /** For resource-policy requests (trust policies, Lambda permissions). */
    readonly principal?: string;
    /**
     * Why this request is real though the IAM data does not list its resource for the action, with
     * the source (e.g. Textract's guide: AnalyzeDocument is authorized on the adapter's ARN). Such a
     * request skips the simulator's checks against the data and is evaluated as given.
     */
    readonly beyondData?: string;
}

export interface Principal {
    /** The identity's ARN, e.g. arn:aws:iam::123456789012:role/x. */
    readonly arn: string;
    /** Rendered identity policies (JSON text or objects). */
    readonly policies: readonly (string | object)[];
    /** The resource's own policy, for resource-based grants. */
    readonly resourcePolicy?: string | object;
}

const asObject = (p: string | object) => (typeof p === "string" ? JSON.parse(p) : p);

/** The decision for one request; a request the simulator rejects (bad ARN for the action) fails loudly. */
export async function decide(principal: Principal, request: AccessRequest): Promise<Decision> {
    const accountId = principal.arn.split(":")[4] || "123456789012";
    const simulation = {
        request: {
            principal: request.principal ?? principal.arn,
            action: request.action,
            resource: { resource: request.resource ?? "*", accountId },
            contextVariables: request.context ?? {},
        },
        identityPolicies: principal.policies.map((p, i) => ({ name: `policy${i}`, policy: asObject(p) })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: principal.resourcePolicy ? asObject(principal.resourcePolicy) : undefined,
    };
    if (request.beyondData !== undefined) return runUnsafeSimulation(simulation, {}) as Decision;
    const result = await runSimulation(simulation, {});
    if (result.resultType === "error") {
        throw new Error(`simulator rejected ${request.action} on ${request.resource ?? "*"}: ${JSON.stringify(result.errors)}`);
    }
    return result.overallResult as Decision;
}

/** Runs each request and returns the ones whose decision differs from `expected`, for one assertion. */
export async function mismatches(principal: Principal, expected: Decision | "Denied", requests: readonly AccessRequest[]): Promise<string[]> {
    const wrong: string[] = [];
    for (const request of requests) {
        const decision = await decide(principal, request);
        const ok = expected === "Denied" ? decision !== "Allowed" : decision === expected;
        if (!ok) wrong.push(`${request.action} on ${request.resource ?? "*"} ${JSON.stringify(request.context ?? {})}: ${decision}`);
    }
    return wrong;
}
