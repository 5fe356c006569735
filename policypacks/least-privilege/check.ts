/** The shape of every document check: a pure function from one carried document to findings. */
import { Finding } from "./finding";
import { CarriedDocument } from "./iam/resource-documents";

/**
 * What a finding means (DESIGN.md): `aws-rejects`, the API call at `pulumi up` would fail (certain;
 * mandatory everywhere); `security`, an over-permissive grant or exposure (mandatory in production);
 * `lint`, probably a mistake, inferred from data known to be incomplete (advisory unless raised).
 */
export type FindingClass = "aws-rejects" | "security" | "lint";

/** The resource a document sits on, for checks that need more than the document (whose role an inline policy is). */
export interface CheckedResource {
    readonly type: string;
    readonly props: Record<string, unknown>;
}

/** What the pack knows of the stack beyond one resource, from the stack config (`stack-accounts.ts`). */
export interface StackFacts {
    /** The accounts the stack deploys to; `undefined` when the config names none. */
    readonly accounts?: readonly string[];
}

export interface DocumentCheck {
    /** The CrossGuard policy name, kebab-case. */
    readonly name: string;
    readonly description: string;
    /** Decides the policy's level and is its CrossGuard `tags`. */
    readonly findingClass: FindingClass;
    /** Findings for one document; never throws, whatever the document holds. */
    check(document: CarriedDocument, resource?: CheckedResource, stack?: StackFacts): Finding[];
}
