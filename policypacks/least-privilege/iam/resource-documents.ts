/**
 * Which resource types carry which policy documents, matched on type tokens (importing
 * `@pulumi/aws` into the analyzer costs seconds per preview). Three sources:
 * - the table generated from the providers' own type declarations
 *   (`generated/policy-document-types.ts`, refreshed by `npm run generate:policy-types`);
 * - grants spelled as arguments (`argument-grants.ts`: Lambda permissions...);
 * - IAM made through CloudFormation or Cloud Control (`embedded-documents.ts`).
 * Each document comes back read by `documents.ts`, tagged with its field and kind; a document
 * whose value is unknown at preview comes back as `unknown` instead of throwing CrossGuard's
 * `UnknownValueError` out of a policy.
 */
import { argumentGrants } from "./argument-grants";
import { CarriedDocument } from "./carried";
import { known } from "./unknown-values";
import { exactKey, readFields } from "./document-fields";
import { embeddedDocuments, embeddingTypes } from "./embedded-documents";
import { documentFields, tableTypes } from "./policy-document-table";

export type { CarriedDocument, DocumentKind } from "./carried";
export { isUnknownValueError, known, unknownValue } from "./unknown-values";

type Extractor = (props: Record<string, unknown>) => CarriedDocument[];

const sameLabel = (path: string) => path;

let extractors: Map<string, Extractor> | undefined;

/** Type token -> how to find its documents, built on first use. */
function extractorMap(): Map<string, Extractor> {
    if (extractors !== undefined) return extractors;
    const map = new Map<string, Extractor>();
    for (const type of tableTypes()) {
        const fields = documentFields(type) ?? [];
        const read: Extractor = (props) => readFields(props, fields, { lookup: exactKey, label: sameLabel });
        map.set(type, fields.every((f) => f.steps.length === 1 && f.steps[0].each === undefined) ? lastReading(fields.map((f) => f.steps[0].key), read) : read);
    }
    for (const [type, grant] of argumentGrants) map.set(type, (props) => grant(props, exactKey, "permission"));
    for (const type of embeddingTypes) map.set(type, (props) => embeddedDocuments(type, props));
    extractors = map;
    return map;
}

/**
 * For a type whose documents sit in top-level inputs (`policy`, `assumeRolePolicy`): the last
 * reading, reused while those inputs hold the very same values. CrossGuard hands every policy of
 * the pack the same resource in turn, each time as a fresh props object of equal values, so one
 * resource is read once, not once per policy. Values compare with `===` (equal texts, the same
 * unknown); an object document is a fresh object each time and is read again.
 */
function lastReading(keys: readonly string[], read: Extractor): Extractor {
    let values: unknown[] = [];
    let documents: CarriedDocument[] = [];
    return (props) => {
        let same = values.length === keys.length;
        const now = keys.map((key, i) => {
            const value = known(props, key);
            if (value !== values[i]) same = false;
            return value;
        });
        if (same) return documents;
        documents = read(props);
        values = now;
        return documents;
    };
}

/** The type tokens this pack reads documents from (a new set each call; `carriesDocuments` is the fast test). */
export function documentTypes(): ReadonlySet<string> {
    return new Set(extractorMap().keys());
}

/** The fast path every document policy takes first: one map lookup. */
export function carriesDocuments(type: string): boolean {
    return extractorMap().has(type);
}

/** The documents a resource carries; never throws for unknown or malformed values. */
export function documentsOf(type: string, props: Record<string, unknown>): CarriedDocument[] {
    const extract = extractorMap().get(type);
    return extract ? extract(props) : [];
}
