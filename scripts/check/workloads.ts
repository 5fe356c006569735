/** Which workload (and so which config key) a registered resource belongs to. */
import { RecordedResource } from "../../stacks/offline/mocks";

/** The workload sections, in the order the stack files and reports list them, with their seed's name. */
export const workloadTitles: Readonly<Record<string, string>> = {
    "aws-workloads:ocr": "MedDocParser OCR (seed 000)",
    "aws-workloads:bedrock": "Wealth management Bedrock access (seed 001)",
    "aws-workloads:sms": "AWS EUM X SMS sender (seed 004)",
    "aws-workloads:engagement": "Customer engagement platform (seed 003)",
};

/** The workload a type token names (`aws-workloads:ocr:TextractOcr` -> `aws-workloads:ocr`), if any. */
function workloadOfType(type: string): string | undefined {
    const match = /^aws-workloads:([a-z]+):/.exec(type);
    const key = match ? `aws-workloads:${match[1]}` : undefined;
    return key !== undefined && key in workloadTitles ? key : undefined;
}

/** The outermost workload in a URN's type chain (the engine keeps the whole chain; the SDK's mocks only the parent). */
export function workloadKeyOf(urn: string): string | undefined {
    const chain = (urn.split("::")[2] ?? "").split("$");
    return chain.map(workloadOfType).find((k) => k !== undefined);
}

/**
 * A lookup of each resource's workload by walking its parents (recorded with what the SDK sent
 * the engine) up to the outermost workload component; by resource or by URN.
 */
export function workloadIndex(resources: readonly RecordedResource[]): (r: RecordedResource | string | undefined) => string | undefined {
    const byUrn = new Map<string, RecordedResource>();
    for (const r of resources) byUrn.set(r.wire?.urn ?? r.urn, r);
    const cache = new Map<RecordedResource, string | undefined>();
    const of = (r: RecordedResource): string | undefined => {
        if (cache.has(r)) return cache.get(r);
        cache.set(r, undefined);
        const parent = r.wire?.parent === undefined ? undefined : byUrn.get(r.wire.parent);
        const found = (parent && of(parent)) ?? workloadOfType(r.type) ?? workloadKeyOf(r.wire?.urn ?? r.urn);
        cache.set(r, found);
        return found;
    };
    return (r) => {
        if (r === undefined) return undefined;
        if (typeof r !== "string") return of(r);
        const resource = byUrn.get(r);
        return resource ? of(resource) : workloadKeyOf(r);
    };
}
