/**
 * What the stack policies could not know at preview. CrossGuard turns a stack policy that throws
 * (`UnknownValueError` from its `unknownCheckingProxy`, for an unknown nested anywhere) advisory
 * as a whole, so each unknown part is caught where it is read, set aside with what it was, and
 * the rest of the stack is still judged; `stack-values-known-at-preview` prints the parts.
 */
import { isUnknownValueError, unknownValue } from "./resource-documents";

export interface UnknownPart {
    readonly urn: string;
    readonly message: string;
}

/** Runs `read`; an unknown value met anywhere inside comes back as `unknownValue` instead of an exception. */
export function tolerant<T>(read: () => T): T | typeof unknownValue {
    try {
        return read();
    } catch (e) {
        if (isUnknownValueError(e)) return unknownValue;
        throw e;
    }
}
