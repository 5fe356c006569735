/**
 * The table of policy-carrying inputs, generated from the providers' type declarations
 * (`npm run generate:policy-types`, `generated/policy-document-types.ts`), compiled on first use
 * into type token -> fields with their paths split into steps. CloudFormation types are found
 * through aws-native's tokens, which mirror them (`AWS::IAM::Role` is `aws-native:iam:Role`,
 * properties in camelCase instead of PascalCase), plus `cfn-document-types.ts` for the few types
 * aws-native does not model.
 */
import type { DocumentKind } from "./carried";
import { cfnOnlyDocumentTypes } from "./cfn-document-types";
import { policyDocumentTypes } from "../generated/policy-document-types";

export interface GeneratedField {
    /** `policy`, `inlinePolicies[].policy`, `replicas[].resourcePolicy.policyDocument`, `x{}.policy` (each value of a map). */
    readonly path: string;
    readonly kind: DocumentKind;
    /** Optional inputs: absent or `""` means no document. A required one that is empty is read (AWS rejects it). */
    readonly emptyIsNone: boolean;
}

export interface GeneratedTable {
    readonly providers: Readonly<Record<string, string>>;
    readonly types: Readonly<Record<string, readonly GeneratedField[]>>;
}

/** One step of a path: a key, then each item of a list (`[]`) or each value of a map (`{}`). */
export interface Step {
    readonly key: string;
    readonly each?: "list" | "map";
}

export interface DocumentField extends GeneratedField {
    readonly steps: readonly Step[];
}

export function stepsOf(path: string): Step[] {
    return path.split(".").map((segment) => {
        if (segment.endsWith("[]")) return { key: segment.slice(0, -2), each: "list" as const };
        if (segment.endsWith("{}")) return { key: segment.slice(0, -2), each: "map" as const };
        return { key: segment };
    });
}

const compile = (fields: readonly GeneratedField[]): DocumentField[] => fields.map((f) => ({ ...f, steps: stepsOf(f.path) }));

let byType: Map<string, DocumentField[]> | undefined;
let byCfnType: Map<string, DocumentField[]> | undefined;

function tables(): { byType: Map<string, DocumentField[]>; byCfnType: Map<string, DocumentField[]> } {
    if (byType === undefined || byCfnType === undefined) {
        byType = new Map();
        byCfnType = new Map();
        for (const [type, fields] of Object.entries(policyDocumentTypes.types)) {
            const compiled = compile(fields);
            byType.set(type, compiled);
            const native = /^aws-native:([^:]+):(.+)$/.exec(type);
            if (native) byCfnType.set(`aws::${native[1]}::${native[2]}`.toLowerCase(), compiled);
        }
        for (const [cfnType, entry] of Object.entries(cfnOnlyDocumentTypes)) byCfnType.set(cfnType.toLowerCase(), compile(entry.fields));
    }
    return { byType, byCfnType };
}

/** The document fields of a Pulumi type token, or undefined when it carries none. */
export function documentFields(type: string): readonly DocumentField[] | undefined {
    return tables().byType.get(type);
}

/** Every type token of the table. */
export function tableTypes(): IterableIterator<string> {
    return tables().byType.keys();
}

/** The document fields of a CloudFormation type (`AWS::IAM::Role`), paths matched case-insensitively. */
export function cfnDocumentFields(cfnType: string): readonly DocumentField[] | undefined {
    return tables().byCfnType.get(cfnType.toLowerCase());
}

/** The aws-native token of a CloudFormation type, for the grants spelled as arguments. */
export function nativeTypeOf(cfnType: string): string | undefined {
    const m = /^AWS::([A-Za-z0-9]+)::([A-Za-z0-9]+)$/i.exec(cfnType);
    return m ? `aws-native:${m[1].toLowerCase()}:${m[2]}` : undefined;
}
