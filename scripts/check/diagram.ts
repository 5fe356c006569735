/**
 * The Mermaid picture in `docs/permissions/<stack>.md` (GitHub renders it): who can assume each
 * role, and which data stores each principal reaches, one box per workload so that the prod
 * stack stays readable. Services that assume roles sit outside the boxes, shared.
 */
import { StackReport } from "./report";
import { workloadTitles } from "./workloads";

const label = (text: string) => `"${text.replace(/"/g, "#quot;")}"`;

/** The short name of a data store: `bucket x`, `foundation-model anthropic.claude-3-haiku...`. */
function storeLabel(resource: string, kind: string): string {
    if (kind === "bucket") return resource;
    const id = resource.split(":").slice(5).join(":");
    return `${kind.split(" ")[0]} ${id}`;
}

export function mermaidDiagram(report: StackReport): string[] {
    const ids = new Map<string, string>();
    const id = (key: string) => {
        let value = ids.get(key);
        if (value === undefined) {
            value = `n${ids.size}`;
            ids.set(key, value);
        }
        return value;
    };
    const principals = report.principals.filter((p) => p.kind !== "resource");
    const workloads = [...new Set(principals.map((p) => p.workload ?? "other"))];
    const lines = ["```mermaid", "flowchart LR"];
    const services = new Set<string>();
    const edges: string[] = [];
    for (const t of report.review.trust) {
        const trust = report.principals.find((p) => p.kind === "role" && p.name === t.role)?.documents.find((d) => d.source === "trust policy");
        for (const row of trust?.rows ?? []) {
            if (row.effect !== "Allow") continue;
            for (const part of row.who.split("; ")) {
                const who = part.startsWith("Service: ") ? part.slice(9).split(", ") : [part];
                for (const w of who) {
                    services.add(w);
                    edges.push(`  ${id(`who:${w}`)} -->|assumes| ${id(`principal:role ${t.role}`)}`);
                }
            }
        }
    }
    for (const s of [...services].sort()) lines.push(`  ${id(`who:${s}`)}([${label(s)}])`);
    for (const workload of workloads) {
        lines.push(`  subgraph ${id(`workload:${workload}`)}[${label(workloadTitles[workload] ?? "other")}]`);
        for (const p of principals.filter((x) => (x.workload ?? "other") === workload)) lines.push(`    ${id(`principal:${p.kind} ${p.name}`)}[${label(`${p.kind} ${p.name}`)}]`);
        for (const r of report.review.byResource.filter((x) => (x.workload ?? "other") === workload)) lines.push(`    ${id(`store:${r.resource}`)}[(${label(storeLabel(r.resource, r.kind))})]`);
        lines.push("  end");
    }
    for (const r of report.review.byResource) {
        const who = new Map<string, string[]>();
        for (const access of ["read", "write", "administer"] as const) for (const p of r[access]) who.set(p, [...(who.get(p) ?? []), access]);
        for (const [p, access] of who) edges.push(`  ${id(`principal:${p}`)} -->|${access.join(", ")}| ${id(`store:${r.resource}`)}`);
    }
    for (const c of report.review.credentials.filter((x) => x.accessKeys > 0)) {
        lines.push(`  ${id(`key:${c.user}`)}>${label(`${c.accessKeys} access key${c.accessKeys > 1 ? "s" : ""}`)}]`);
        edges.push(`  ${id(`key:${c.user}`)} -->|signs in as| ${id(`principal:user ${c.user}`)}`);
    }
    return [...lines, ...edges, "```"];
}
