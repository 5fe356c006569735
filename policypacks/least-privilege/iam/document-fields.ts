/**
 * Reads the documents a table entry names out of a resource's inputs: walks each field's path
 * (objects, each item of a list, each value of a map), naming every document by where it was
 * found (`inlinePolicies[1].policy`). Unknown values anywhere on the way become `unknown`
 * documents; shapes that do not fit the path (a list where an object was expected) hold no
 * document.
 */
import { CarriedDocument, carried, unknownDocument, unreadableDocument } from "./carried";
import type { DocumentField, Step } from "./policy-document-table";
import { isUnknownValueError, known, unknownValue } from "./unknown-values";

/** Finds `key` in an object: the key actually used, and its value (`unknownValue` when unknown). */
export type Lookup = (object: Record<string, unknown>, key: string) => { key: string; value: unknown } | undefined;

/** Pulumi inputs: the key as the table writes it. */
export const exactKey: Lookup = (object, key) => {
    const value = known(object, key);
    return value === undefined ? undefined : { key, value };
};

/** CloudFormation properties: PascalCase for the table's camelCase, matched without case. */
export const anyCaseKey: Lookup = (object, key) => {
    if (Object.hasOwn(object, key)) return { key, value: known(object, key) };
    const wanted = key.toLowerCase();
    for (const k of Object.keys(object)) if (k.toLowerCase() === wanted) return { key: k, value: known(object, k) };
    return undefined;
};

export interface ReadOptions {
    readonly lookup: Lookup;
    /** How a path found in the inputs is named in findings. */
    readonly label: (path: string) => string;
    /** Turns each value met on the way before it is walked (CloudFormation intrinsics); a string says why it hides the documents. */
    readonly transform?: (value: unknown) => { value: unknown } | string;
    /** Turns a raw document before it is read (CloudFormation intrinsics); may declare it unreadable. */
    readonly prepare?: (value: unknown, field: string, kind: CarriedDocument["kind"]) => CarriedDocument | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Every document the fields name in `props`; never throws on unknown or odd values. */
export function readFields(props: Record<string, unknown>, fields: readonly DocumentField[], options: ReadOptions): CarriedDocument[] {
    const out: CarriedDocument[] = [];
    for (const field of fields) walk(props, field, 0, "", options, out);
    return out;
}

function walk(object: Record<string, unknown>, field: DocumentField, index: number, path: string, options: ReadOptions, out: CarriedDocument[]): void {
    const step: Step = field.steps[index];
    const found = options.lookup(object, step.key);
    if (found === undefined) return;
    const here = path === "" ? found.key : `${path}.${found.key}`;
    if (found.value === unknownValue) {
        out.push(unknownDocument(options.label(here), field.kind));
        return;
    }
    if (step.each === undefined && options.transform === undefined) {
        // A plain field (`policy`), nothing to transform: no list or map to walk.
        if (index === field.steps.length - 1) leaf(found.value, here, field, options, out);
        else if (isObject(found.value)) walk(found.value, field, index + 1, here, options, out);
        return;
    }
    const container = step.each && options.transform ? options.transform(found.value) : { value: found.value };
    if (typeof container === "string") {
        out.push(unreadableDocument(options.label(here), field.kind, container));
        return;
    }
    const next = (raw: unknown, at: string) => {
        const transformed = options.transform && raw !== unknownValue ? options.transform(raw) : { value: raw };
        if (typeof transformed === "string") {
            out.push(unreadableDocument(options.label(at), field.kind, transformed));
            return;
        }
        const value = transformed.value;
        if (value === unknownValue) out.push(unknownDocument(options.label(at), field.kind));
        else if (index === field.steps.length - 1) leaf(value, at, field, options, out);
        else if (isObject(value)) walk(value, field, index + 1, at, options, out);
    };
    try {
        const value = container.value;
        if (step.each === "list") {
            if (!Array.isArray(value)) return;
            for (let i = 0; i < value.length; i++) next(known(value as unknown as Record<string, unknown>, String(i)), `${here}[${i}]`);
        } else if (step.each === "map") {
            if (!isObject(value)) return;
            for (const key of Object.keys(value)) next(known(value, key), `${here}.${key}`);
        } else {
            next(found.value, here);
        }
    } catch (e) {
        // A list or map whose length or keys the proxy cannot give.
        if (!isUnknownValueError(e)) throw e;
        out.push(unknownDocument(options.label(here), field.kind));
    }
}

function leaf(value: unknown, path: string, field: DocumentField, options: ReadOptions, out: CarriedDocument[]): void {
    if (value === undefined || value === null || (value === "" && field.emptyIsNone)) return;
    const label = options.label(path);
    const prepared = options.prepare?.(value, label, field.kind);
    out.push(prepared ?? carried(label, field.kind, value));
}
