/**
 * A document as the policies see it: where it sits on the resource, its kind, and how it read.
 * Built here from a raw value so that unknowns nested in an object document become `unknown`
 * documents instead of CrossGuard's `UnknownValueError` thrown out of a policy.
 */
import { DocumentRead, readDocument } from "./documents";
import { isUnknownValueError, unknownValue } from "./unknown-values";

/** Identity policies grant a principal; trust policies say who may assume a role; resource policies sit on the resource. */
export type DocumentKind = "identity" | "trust" | "resource";

export interface CarriedDocument {
    /** Where the document sits: `policy`, `assumeRolePolicy`, `inlinePolicies[0].policy`, `permission`. */
    readonly field: string;
    readonly kind: DocumentKind;
    readonly read: DocumentRead;
    /** Set when the value cannot be known until `pulumi up`; `read` is then empty. */
    readonly unknown?: string;
    /**
     * Set when the pack cannot read what the resource grants at all (a template given by URL,
     * an intrinsic function where a document or an action should be); `read` is then empty.
     */
    readonly unreadable?: string;
}

export const emptyRead: DocumentRead = { statements: [], problems: [] };

export function unknownDocument(field: string, kind: DocumentKind, what = field): CarriedDocument {
    return { field, kind, read: emptyRead, unknown: `${what} is not known at preview` };
}

export function unreadableDocument(field: string, kind: DocumentKind, why: string): CarriedDocument {
    return { field, kind, read: emptyRead, unreadable: why };
}

/** Reads one document value; unknowns nested in an object document surface here too. */
export function carried(field: string, kind: DocumentKind, value: unknown): CarriedDocument {
    if (value === unknownValue) return unknownDocument(field, kind);
    try {
        return { field, kind, read: readDocument(value) };
    } catch (e) {
        if (isUnknownValueError(e)) return { field, kind, read: emptyRead, unknown: `${e.props.join(".")} is not known at preview` };
        throw e;
    }
}
