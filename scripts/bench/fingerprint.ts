/**
 * `npm run bench -- --fingerprint`: the verdicts of both benchmark workloads as one digest each, so
 * that an optimisation can be shown to change no message (issue 20: byte-identical verdicts). The
 * synthetic workload is two batches of 2,000 generated documents; the managed one, every AWS
 * managed policy's default version. Prints the message count and the SHA-256 of all messages.
 */
import * as crypto from "crypto";
import { judgeAll } from "./evaluate";
import { generateDocuments, statementPool } from "./generate";
import { managedTexts } from "./managed-policies";

export interface Fingerprint {
    readonly workload: string;
    readonly messages: number;
    readonly sha256: string;
}

async function fingerprintOf(workload: string, documents: readonly string[]): Promise<Fingerprint> {
    const messages: string[] = [];
    await judgeAll(documents, undefined, messages);
    return { workload, messages: messages.length, sha256: crypto.createHash("sha256").update(messages.join("\n")).digest("hex") };
}

/** Both workloads' fingerprints; `renderedDocuments` are the stacks' identity documents the synthetic one draws from. */
export async function fingerprints(renderedDocuments: readonly string[]): Promise<Fingerprint[]> {
    const pool = statementPool(renderedDocuments);
    return [
        await fingerprintOf("synthetic (2 × 2,000 documents × 10 statements)", [1, 2].flatMap((batch) => generateDocuments(pool, 2000, 10, batch))),
        await fingerprintOf("every AWS managed policy", managedTexts()),
    ];
}
