/**
 * Values the engine does not know at preview: the sentinel strings of Pulumi's RPC protocol and
 * CrossGuard's `UnknownValueError` (thrown by `unknownCheckingProxy` on access). Read through
 * `known` so that an unknown becomes `unknownValue` instead of an exception out of a policy.
 */

/** The sentinels the engine sends for values not known at preview (Pulumi's RPC protocol constants). */
const unknownSentinels = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
]);

/** CrossGuard's `unknownCheckingProxy` throws an `UnknownValueError` (it carries the sentinel and the path). */
export function isUnknownValueError(e: unknown): e is Error & { props: string[] } {
    return e instanceof Error && "unknownTypeSentinel" in e && Array.isArray((e as { props?: unknown }).props);
}

export const unknownValue: unique symbol = Symbol("unknown at preview");

/** Is this value one of the engine's unknown sentinels? */
export function isSentinel(value: unknown): boolean {
    // Sentinels are 36-character UUIDs: the length test spares hashing a long policy text.
    return typeof value === "string" && value.length === 36 && unknownSentinels.has(value);
}

/** `props[key]`, or `unknownValue` when the engine does not know it yet. */
export function known(props: Record<string, unknown>, key: string): unknown {
    try {
        const value = props[key];
        return isSentinel(value) ? unknownValue : value;
    } catch (e) {
        if (isUnknownValueError(e)) return unknownValue;
        throw e;
    }
}
