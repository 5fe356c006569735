/**
 * The AWS resources made through another engine: the resources of an inline CloudFormation
 * template (`aws:cloudformation/stack:Stack`, `.../stackSet:StackSet` and aws-native's
 * `cloudformation:Stack` and `StackSet`, `templateBody` as JSON or YAML with the short-form
 * tags `!Ref`, `!Sub`, `!GetAtt`...), and the one resource of a Cloud Control
 * `aws:cloudcontrol/resource:Resource` (`typeName`, `desiredState`). Each comes with where it
 * sits, for messages (`templateBody › Resources.AdminRole.Properties`), and what about the
 * template could not be read.
 */
import type * as YAML from "yaml";
import { hiddenParameter, intrinsicName, resolveIntrinsics, TemplateContext } from "./cfn-intrinsics";
import { isUnknownValueError, known, unknownValue } from "./unknown-values";

export interface EmbeddedResource {
    /** `AWS::IAM::Role`. */
    readonly cfnType: string;
    /** The template's logical ID; empty for Cloud Control, which makes one resource. */
    readonly logicalId: string;
    readonly properties: Record<string, unknown>;
    /** Where its properties sit: `templateBody › Resources.AdminRole.Properties`, `desiredState`. */
    readonly path: string;
}

export interface EmbeddedTemplate {
    readonly resources: readonly EmbeddedResource[];
    readonly context: TemplateContext;
    /** What could not be read, and why: field -> reason. */
    readonly unreadable: readonly { readonly field: string; readonly why: string }[];
    /** Fields whose value is not known at preview. */
    readonly unknown: readonly string[];
}

const stackTypes = new Set(["aws:cloudformation/stack:Stack", "aws:cloudformation/stackSet:StackSet", "aws-native:cloudformation:Stack", "aws-native:cloudformation:StackSet"]);
const cloudControl = "aws:cloudcontrol/resource:Resource";

/** The type tokens whose inputs hold other resources. */
export const embeddingTypes: readonly string[] = [...stackTypes, cloudControl];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const fnName = (tag: string) => (tag === "Ref" || tag === "Condition" ? tag : `Fn::${tag}`);
const shortForms = ["Ref", "Sub", "GetAtt", "Join", "If", "Select", "Split", "FindInMap", "ImportValue", "GetAZs", "Base64", "Cidr", "Equals", "And", "Or", "Not", "Condition", "Transform", "Length", "ToJsonString"];

let yamlModule: typeof YAML | undefined;
/** The YAML parser, loaded the first time a text is YAML (most previews have none: no cost at start). */
export function yaml(): typeof YAML {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yamlModule ??= require("yaml") as typeof YAML;
    return yamlModule;
}

let tags: YAML.Tags | undefined;
/** CloudFormation's YAML short forms, each read as the long form (`!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`). */
function cloudFormationTags(): YAML.Tags {
    tags ??= shortForms.flatMap((name): YAML.Tags => [
        { tag: `!${name}`, resolve: (value: string) => ({ [fnName(name)]: name === "GetAtt" ? value.split(".") : value }) },
        { tag: `!${name}`, collection: "seq", resolve: (seq) => ({ [fnName(name)]: (seq as YAML.YAMLSeq).toJSON() }) },
        { tag: `!${name}`, collection: "map", resolve: (map) => ({ [fnName(name)]: (map as YAML.YAMLMap).toJSON() }) },
    ]);
    return tags;
}

/** A template text or object as an object, or why it is none. */
export function parseTemplate(body: unknown): { template: Record<string, unknown> } | { why: string } {
    if (isObject(body)) return { template: body };
    if (typeof body !== "string") return { why: "it is neither a template text nor an object" };
    try {
        // JSON is read as JSON when it parses (YAML is its superset, but slower, and stricter about tabs).
        const json = /^\s*\{/.test(body) ? safeJson(body) : undefined;
        const parsed: unknown = json ?? yaml().parse(body, { customTags: cloudFormationTags(), maxAliasCount: 100 });
        return isObject(parsed) ? { template: parsed } : { why: "it is not a JSON or YAML object" };
    } catch (e) {
        return { why: `it is neither JSON nor YAML CloudFormation can read (${e instanceof Error ? e.message.split("\n")[0] : String(e)})` };
    }
}

/** The stack's parameter values: a map (`aws`, aws-native `Stack`) or a list of `{ parameterKey, parameterValue }` (aws-native `StackSet`). */
function stackParameters(raw: unknown): Map<string, unknown> {
    const values = new Map<string, unknown>();
    if (raw === unknownValue || raw === undefined || raw === null) return values;
    if (Array.isArray(raw)) {
        for (const entry of raw) {
            if (!isObject(entry)) continue;
            const key = known(entry, "parameterKey");
            if (typeof key === "string") values.set(key, known(entry, "parameterValue"));
        }
    } else if (isObject(raw)) {
        for (const key of Object.keys(raw)) values.set(key, known(raw, key));
    }
    return values;
}

function contextOf(template: Record<string, unknown>, given: Map<string, unknown>): TemplateContext {
    const parameters = new Map<string, unknown>();
    const declared = isObject(template.Parameters) ? template.Parameters : {};
    for (const [name, spec] of Object.entries(declared)) {
        const value = given.has(name) ? given.get(name) : isObject(spec) ? spec.Default : undefined;
        const list = isObject(spec) && typeof spec.Type === "string" && /^(CommaDelimitedList|List<)/.test(spec.Type);
        parameters.set(name, list && typeof value === "string" ? value.split(",").map((v) => v.trim()) : value);
    }
    const resources = new Map<string, string>();
    if (isObject(template.Resources)) {
        for (const [id, r] of Object.entries(template.Resources)) if (isObject(r) && typeof r.Type === "string") resources.set(id, r.Type);
    }
    return { parameters, resources, mappings: isObject(template.Mappings) ? template.Mappings : {} };
}

const nested = new Set(["AWS::CloudFormation::Stack", "AWS::CloudFormation::StackSet"]);
/** Why an `Fn::Transform` (such as `AWS::Include`) where resources or properties are declared hides them. */
const includeWhy = "a macro (AWS::Include reads a template snippet from S3) puts what it stands for there when the stack deploys, so what is created is not what the pack reads (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-include.html)";
const maxNesting = 3;

/** Reads one template: its resources, and what hides resources from the pack (Transform, nested stacks by URL). */
function readTemplate(body: unknown, field: string, given: Map<string, unknown>, out: EmbeddedTemplate[], depth: number): void {
    const parsed = parseTemplate(body);
    if ("why" in parsed) {
        out.push({ resources: [], context: contextOf({}, given), unreadable: [{ field, why: `the template cannot be read: ${parsed.why}` }], unknown: [] });
        return;
    }
    const { template } = parsed;
    const context = contextOf(template, given);
    const unreadable: { field: string; why: string }[] = [];
    const resources: EmbeddedResource[] = [];
    if (template.Transform !== undefined) {
        const names = (Array.isArray(template.Transform) ? template.Transform : [template.Transform]).map((t) => (typeof t === "string" ? t : JSON.stringify(t)));
        unreadable.push({ field: `${field} › Transform`, why: `the template declares Transform ${names.join(", ")}: macros rewrite it when it deploys (AWS::Serverless turns Policies into roles), so what it creates is not what the pack reads` });
    }
    const declared = isObject(template.Resources) ? template.Resources : {};
    const children: { body: unknown; field: string; parameters: Map<string, unknown> }[] = [];
    for (const [logicalId, resource] of Object.entries(declared)) {
        if (logicalId.startsWith("Fn::") || (isObject(resource) && resource.Type === undefined && Object.hasOwn(resource, "Fn::Transform"))) {
            const what = logicalId.startsWith("Fn::") ? `${logicalId} ${JSON.stringify(resource).slice(0, 120)}` : `${logicalId}, which is only an Fn::Transform`;
            unreadable.push({ field: `${field} › Resources`, why: `Resources holds ${what}: ${includeWhy}` });
            continue;
        }
        if (!isObject(resource) || typeof resource.Type !== "string") continue;
        const path = `${field} › Resources.${logicalId}.Properties`;
        const properties = isObject(resource.Properties) ? resource.Properties : {};
        const transform = Object.hasOwn(resource, "Fn::Transform") ? "Fn::Transform" : Object.keys(properties).find((k) => k.startsWith("Fn::"));
        if (transform !== undefined) unreadable.push({ field: path, why: `${resource.Type} ${logicalId} holds ${transform}: ${transform === "Fn::Transform" ? includeWhy : "the function decides its properties when the stack deploys"}` });
        resources.push({ cfnType: resource.Type, logicalId, properties, path });
        if (!nested.has(resource.Type)) continue;
        const inner = properties.TemplateBody;
        if (inner !== undefined && depth < maxNesting) children.push({ body: inner, field: `${path}.TemplateBody`, parameters: childParameters(properties.Parameters, context) });
        else if (properties.TemplateURL !== undefined || inner !== undefined) {
            unreadable.push({ field: path, why: `${resource.Type} ${logicalId} deploys a template ${inner === undefined ? "given by URL (TemplateURL)" : "nested too deep"}, which the pack cannot read` });
        }
    }
    out.push({ resources, context, unreadable, unknown: [] });
    for (const child of children) readTemplate(child.body, child.field, child.parameters, out, depth + 1);
}

/** What a parent template passes to a nested one (a map, or StackSet's `[{ ParameterKey, ParameterValue }]`), resolved in the parent. */
function childParameters(raw: unknown, parent: TemplateContext): Map<string, unknown> {
    const entries: [string, unknown][] = Array.isArray(raw)
        ? raw.filter(isObject).map((e) => [String(e.ParameterKey), e.ParameterValue])
        : isObject(raw) ? Object.entries(raw) : [];
    const values = new Map<string, unknown>();
    for (const [key, value] of entries) {
        if (intrinsicName(value) === undefined) {
            values.set(key, value);
            continue;
        }
        const r = resolveIntrinsics(value, parent);
        values.set(key, r.hidden.length > 0 ? hiddenParameter : r.unknown ? unknownValue : r.value);
    }
    return values;
}

/** Every template a resource embeds, read; empty for other types. Never throws. */
export function embeddedTemplates(type: string, props: Record<string, unknown>): EmbeddedTemplate[] {
    const out: EmbeddedTemplate[] = [];
    const none: TemplateContext = { parameters: new Map(), resources: new Map(), mappings: {} };
    if (stackTypes.has(type)) {
        const body = known(props, "templateBody");
        const url = known(props, "templateUrl");
        if (body === unknownValue) out.push({ resources: [], context: none, unreadable: [], unknown: ["templateBody"] });
        else if (body !== undefined && body !== null && body !== "") readTemplate(body, "templateBody", stackParameters(known(props, "parameters")), out, 0);
        else if (url !== undefined && url !== null && url !== "") {
            out.push({ resources: [], context: none, unreadable: [{ field: "templateUrl", why: "the template is given by URL (templateUrl), so the pack cannot read the IAM it creates" }], unknown: [] });
        }
    } else if (type === cloudControl) {
        const typeName = known(props, "typeName");
        const state = known(props, "desiredState");
        if (typeName === unknownValue || state === unknownValue) {
            out.push({ resources: [], context: none, unreadable: [], unknown: [typeName === unknownValue ? "typeName" : "desiredState"] });
        } else if (typeof typeName === "string") {
            const parsed = typeof state === "string" ? safeJson(state) : state;
            if (isObject(parsed)) out.push({ resources: [{ cfnType: typeName, logicalId: "", properties: parsed, path: "desiredState" }], context: none, unreadable: [], unknown: [] });
            else out.push({ resources: [], context: none, unreadable: [{ field: "desiredState", why: "desiredState is not a JSON object, so the pack cannot read what it creates" }], unknown: [] });
        }
    }
    return out;
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

/**
 * The resources a CloudFormation stack, stack set or Cloud Control resource creates, with their
 * CloudFormation type, logical ID, properties (intrinsics as written) and where they sit.
 * For judging what they attach (`ManagedPolicyArns`) and grant.
 */
export function embeddedResources(type: string, props: Record<string, unknown>): EmbeddedResource[] {
    let key: string | undefined;
    try {
        key = templateKey(type, props);
    } catch (e) {
        if (!isUnknownValueError(e)) throw e;
    }
    const hit = key === undefined ? undefined : recentResources.find((entry) => entry.key === key);
    if (hit !== undefined) return hit.resources;
    const resources = embeddedTemplates(type, props).flatMap((t) => t.resources);
    if (key !== undefined) {
        if (recentResources.length >= recentLimit) recentResources.pop();
        recentResources.unshift({ key, resources });
    }
    return resources;
}

/** The last few templates' resources, by `templateKey`: the exposure, credential and attachment policies each ask for the same resource's in turn. */
const recentResources: { key: string; resources: EmbeddedResource[] }[] = [];
const recentLimit = 8;

/** The template's text, its parameters and type as one key; undefined when the template is an object (aws-native). */
export function templateKey(type: string, props: Record<string, unknown>): string | undefined {
    const text = known(props, type === cloudControl ? "desiredState" : "templateBody");
    if (typeof text !== "string") return undefined;
    const extra = type === cloudControl ? known(props, "typeName") : known(props, "parameters");
    if (extra === unknownValue) return undefined;
    return `${type}\u0000${JSON.stringify(extra ?? null)}\u0000${text}`;
}
