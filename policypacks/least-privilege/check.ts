/** The shape of every document check: a pure function from one carried document to findings. */
import { Finding } from "./finding";
import { CarriedDocument } from "./resource-documents";

export interface DocumentCheck {
    /** The CrossGuard policy name, kebab-case. */
    readonly name: string;
    readonly description: string;
    /** Findings for one document; never throws, whatever the document holds. */
    check(document: CarriedDocument): Finding[];
}
