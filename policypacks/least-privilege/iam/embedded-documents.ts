/**
 * The documents of the IAM and resource-policy resources inside CloudFormation templates and
 * Cloud Control resources, read with the same table as aws-native (its tokens mirror
 * CloudFormation types) and the same argument grants, so every check judges them. Intrinsic
 * functions are resolved as `cfn-intrinsics.ts` says; what hides a grant, and templates the
 * pack cannot read, come back as `unreadable` documents for `readable-embedded-templates`.
 */
import { argumentGrants } from "./argument-grants";
import { CarriedDocument, carried, unknownDocument, unreadableDocument } from "./carried";
import { intrinsicName, resolveIntrinsics, TemplateContext } from "./cfn-intrinsics";
import { anyCaseKey, readFields } from "./document-fields";
import { EmbeddedResource, embeddedTemplates, templateKey } from "./embedded-resources";
import { cfnDocumentFields, nativeTypeOf } from "./policy-document-table";
import { isUnknownValueError } from "./unknown-values";

export { embeddingTypes } from "./embedded-resources";

const fixIntrinsics = "write the statement out (names and ARNs from parameters or `${AWS::...}` pseudo parameters are read), or create the IAM resources with Pulumi";

/** `templateBody › Resources.R.Properties` + `Policies[0].PolicyDocument`; Cloud Control: `desiredState › Policies[0]...`. */
const joinPath = (base: string, path: string) => (base.includes(" › ") ? `${base}.${path}` : `${base} › ${path}`);

function hiddenWhy(hidden: readonly string[]): string {
    return `${hidden.slice(0, 3).join("; ")}${hidden.length > 3 ? `; +${hidden.length - 3} more` : ""} hides what is granted`;
}

function documentsOfResource(resource: EmbeddedResource, context: TemplateContext): CarriedDocument[] {
    const out: CarriedDocument[] = [];
    const fields = cfnDocumentFields(resource.cfnType);
    if (fields) {
        out.push(...readFields(resource.properties, fields, {
            lookup: anyCaseKey,
            label: (path) => joinPath(resource.path, path),
            transform: (value) => {
                if (intrinsicName(value) === undefined) return { value };
                const r = resolveIntrinsics(value, context);
                return r.hidden.length > 0 ? hiddenWhy(r.hidden) : { value: r.value };
            },
            prepare: (value, field, kind) => {
                const r = resolveIntrinsics(value, context);
                if (r.hidden.length > 0) return unreadableDocument(field, kind, hiddenWhy(r.hidden));
                if (r.unknown) return unknownDocument(field, kind, `a parameter of ${field}`);
                return carried(field, kind, r.value);
            },
        }));
    }
    const native = nativeTypeOf(resource.cfnType);
    const grant = native === undefined ? undefined : argumentGrants.get(native);
    if (grant) {
        // Principal and the narrowing arguments name resources; the action must be spelled out.
        const props: Record<string, unknown> = {};
        const hidden: string[] = [];
        let unknown = false;
        for (const [key, value] of Object.entries(resource.properties)) {
            const r = resolveIntrinsics(value, context, !/^action$/i.test(key), key);
            hidden.push(...r.hidden);
            unknown ||= r.unknown;
            props[key] = r.value;
        }
        if (hidden.length > 0) out.push(unreadableDocument(resource.path, "resource", hiddenWhy(hidden)));
        else if (unknown) out.push(unknownDocument(resource.path, "resource", `a parameter of ${resource.path}`));
        else out.push(...grant(props, anyCaseKey, resource.path));
    }
    return out;
}

/**
 * The last few templates read, by their text: every document policy of the pack asks for the
 * same resource's documents in turn, and a template is parsed once for all of them.
 */
const recent: { key: string; documents: CarriedDocument[] }[] = [];
const recentLimit = 8;


/** Every document inside the templates a resource embeds; never throws. */
export function embeddedDocuments(type: string, props: Record<string, unknown>): CarriedDocument[] {
    let key: string | undefined;
    try {
        key = templateKey(type, props);
    } catch (e) {
        if (!isUnknownValueError(e)) throw e;
    }
    if (key !== undefined) {
        for (const entry of recent) if (entry.key === key) return entry.documents;
    }
    const documents = readEmbeddedDocuments(type, props);
    if (key !== undefined) {
        if (recent.length >= recentLimit) recent.pop();
        recent.unshift({ key, documents });
    }
    return documents;
}

function readEmbeddedDocuments(type: string, props: Record<string, unknown>): CarriedDocument[] {
    try {
        const out: CarriedDocument[] = [];
        for (const template of embeddedTemplates(type, props)) {
            for (const field of template.unknown) out.push(unknownDocument(field, "identity"));
            for (const { field, why } of template.unreadable) out.push(unreadableDocument(field, "identity", why));
            for (const resource of template.resources) out.push(...documentsOfResource(resource, template.context));
        }
        return out;
    } catch (e) {
        if (isUnknownValueError(e)) return [unknownDocument(e.props.join("."), "identity")];
        throw e;
    }
}

export const embeddedTemplateFix = fixIntrinsics;
