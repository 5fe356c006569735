/** JSON renderings: `--json` on the console, and the per-stack policy documents `--out` writes. */
import { StackReport } from "./report";

/** What `--json` prints for one stack: the report plus the time it took. */
export function consoleJson(report: StackReport, elapsedMs: number): object {
    return { ...report, principals: report.principals.map((t) => ({ ...t, documents: t.documents.map(({ rendered, ...rest }) => rest) })), elapsedMs: Math.round(elapsedMs) };
}

/** The rendered policy documents per principal, as the stack would deploy them. */
export function documentsJson(report: StackReport): object {
    return {
        stack: report.stack,
        environment: report.environment,
        file: report.file,
        principals: report.principals.map((t) => ({
            kind: t.kind,
            ...(t.resourceKind ? { resourceKind: t.resourceKind } : {}),
            name: t.name,
            documents: t.documents.map((d) => ({ source: d.source, kind: d.kind, resource: d.resource, document: d.rendered })),
        })),
    };
}
