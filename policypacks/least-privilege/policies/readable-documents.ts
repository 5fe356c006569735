/**
 * Two checks on the documents themselves. `readable-policy-documents`: invalid JSON, wrong
 * shapes and unknown values (an Effect of "Alow", a resource that is not an ARN) are findings,
 * because AWS rejects them or, worse, reads them differently. `documents-known-at-preview`
 * (always advisory, as CrossGuard treats unknowns): a document the engine cannot show at preview
 * is one the prod gate cannot see until `pulumi up`.
 */
import { DocumentCheck } from "../check";
import { Finding } from "../finding";

export const readableDocuments: DocumentCheck = {
    name: "readable-policy-documents",
    findingClass: "aws-rejects",
    description: "Policy documents are valid JSON with the shapes and values AWS accepts.",
    check(document): Finding[] {
        return document.read.problems.map((problem) => ({
            document: document.field,
            actions: [],
            problem,
            fix: "correct the document; the other policies skip what they cannot read",
        }));
    },
};

export const documentsKnownAtPreview: DocumentCheck = {
    name: "documents-known-at-preview",
    findingClass: "lint",
    description: "Policy documents are known at preview, so the production gate can judge them before `pulumi up`.",
    check(document): Finding[] {
        if (document.unknown === undefined) return [];
        return [{
            document: document.field,
            actions: [],
            problem: `${document.unknown}, so no policy could judge it now; it is checked again at \`pulumi up\``,
            fix: "build the document from config-derived names and ARN builders, not from another resource's outputs (DESIGN.md rule 1)",
        }];
    },
};
