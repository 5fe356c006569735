/**
 * Grants spelled as arguments instead of a document: one resource-policy statement each, which
 * AWS writes into the resource's policy. They are synthesized into statements so that the same
 * policies judge them; the narrowing arguments (`sourceArn`, `sourceAccount`, an organization)
 * become the conditions AWS adds. Their resource is the resource they sit on, so no Resource is
 * judged.
 *
 * Covered: Lambda function permissions and layer version permissions (`@pulumi/aws` and
 * aws-native, and `AWS::Lambda::Permission` in templates), EventBridge bus permissions
 * (`aws:cloudwatch/eventPermission`, aws-native `events:EventBusPolicy`, whose `statement` is one
 * statement of the bus policy), and AWS Signer signing-profile permissions. Not statements, so not
 * here: KMS grants, RAM shares and Lake Formation permissions (their own permission models).
 */
import { CarriedDocument, carried, unknownDocument } from "./carried";
import type { Conditions, Statement } from "./documents";
import type { Lookup } from "./document-fields";
import { unknownValue } from "./unknown-values";

export type ArgumentGrant = (props: Record<string, unknown>, lookup: Lookup, field: string) => CarriedDocument[];

interface Spec {
    readonly action: string;
    /** The action when the argument is optional and absent. */
    readonly defaultAction?: string;
    readonly principal: string;
    readonly statementId?: string;
    /** Argument -> the condition AWS adds for it. */
    readonly conditions: readonly { readonly argument: string; readonly operator: string; readonly key: string }[];
    /** A `{ key, type, value }` argument that is written as one condition (EventBridge). */
    readonly conditionObject?: string;
}

const sourceConditions = [
    { argument: "sourceArn", operator: "ArnLike", key: "AWS:SourceArn" },
    { argument: "sourceAccount", operator: "StringEquals", key: "AWS:SourceAccount" },
    { argument: "principalOrgId", operator: "StringEquals", key: "aws:PrincipalOrgID" },
    { argument: "eventSourceToken", operator: "StringEquals", key: "lambda:EventSourceToken" },
    { argument: "functionUrlAuthType", operator: "StringEquals", key: "lambda:FunctionUrlAuthType" },
];

const lambdaPermission: Spec = { action: "action", principal: "principal", statementId: "statementId", conditions: sourceConditions };
const layerPermission: Spec = { action: "action", principal: "principal", statementId: "statementId", conditions: [{ argument: "organizationId", operator: "StringEquals", key: "aws:PrincipalOrgID" }] };
const signerPermission: Spec = { action: "action", principal: "principal", statementId: "statementId", conditions: [] };
const eventPermission: Spec = { action: "action", defaultAction: "events:PutEvents", principal: "principal", statementId: "statementId", conditions: [], conditionObject: "condition" };

function principalOf(principal: string): Statement["principal"] {
    if (principal === "*") return { any: true, entries: {} };
    return { any: false, entries: { [principal.endsWith(".amazonaws.com") ? "Service" : "AWS"]: [principal] } };
}

function synthesize(spec: Spec, props: Record<string, unknown>, lookup: Lookup, field: string): CarriedDocument[] {
    const read = (argument: string): { value: unknown } | CarriedDocument => {
        const value = lookup(props, argument)?.value;
        return value === unknownValue ? unknownDocument(`${field}.${argument}`, "resource") : { value };
    };
    const values: Record<string, unknown> = {};
    const names = [spec.action, spec.principal, ...(spec.statementId ? [spec.statementId] : []), ...spec.conditions.map((c) => c.argument), ...(spec.conditionObject ? [spec.conditionObject] : [])];
    for (const name of names) {
        const got = read(name);
        if ("kind" in got) return [got];
        values[name] = got.value;
    }
    const action = values[spec.action] ?? spec.defaultAction;
    const principal = values[spec.principal];
    const problems: string[] = [];
    if (typeof action !== "string" || action === "") problems.push(`${field}: action must be a non-empty string`);
    if (typeof principal !== "string" || principal === "") problems.push(`${field}: principal must be a non-empty string`);
    if (problems.length > 0) return [{ field, kind: "resource", read: { statements: [], problems } }];
    const conditions: Record<string, Record<string, string[]>> = {};
    const add = (operator: string, key: string, value: unknown) => {
        if (typeof value === "string" && value !== "") conditions[operator] = { ...(conditions[operator] ?? {}), [key]: [value] };
    };
    for (const c of spec.conditions) add(c.operator, c.key, values[c.argument]);
    const object = spec.conditionObject ? values[spec.conditionObject] : undefined;
    if (typeof object === "object" && object !== null) {
        const get = (k: string) => lookup(object as Record<string, unknown>, k)?.value;
        const [key, type, value] = [get("key"), get("type"), get("value")];
        if ([key, type, value].includes(unknownValue)) return [unknownDocument(`${field}.${spec.conditionObject}`, "resource")];
        if (typeof key === "string" && typeof type === "string") add(type, key, value);
    }
    const sid = spec.statementId ? values[spec.statementId] : undefined;
    const statement: Statement = {
        index: 0,
        label: typeof sid === "string" && sid !== "" ? sid : "#0",
        effect: "Allow",
        actions: [String(action)],
        principal: principalOf(String(principal)),
        conditions: conditions as Conditions,
    };
    return [{ field, kind: "resource", read: { statements: [statement], problems: [] } }];
}

/** aws-native `events:EventBusPolicy`: a whole `statement`, or the same arguments as `aws:cloudwatch/eventPermission`. */
const eventBusPolicy: ArgumentGrant = (props, lookup, field) => {
    const statement = lookup(props, "statement")?.value;
    if (statement === unknownValue) return [unknownDocument(`${field}.statement`, "resource")];
    if (statement !== undefined && statement !== null) return [carried(`${field}.statement`, "resource", { Version: "2012-10-17", Statement: [statement] })];
    return synthesize(eventPermission, props, lookup, field);
};

const spelled = (spec: Spec): ArgumentGrant => (props, lookup, field) => synthesize(spec, props, lookup, field);

/** Type token -> how its arguments read as one statement. */
export const argumentGrants: ReadonlyMap<string, ArgumentGrant> = new Map<string, ArgumentGrant>([
    ["aws:lambda/permission:Permission", spelled(lambdaPermission)],
    ["aws-native:lambda:Permission", spelled(lambdaPermission)],
    ["aws:lambda/layerVersionPermission:LayerVersionPermission", spelled(layerPermission)],
    ["aws-native:lambda:LayerVersionPermission", spelled(layerPermission)],
    ["aws:cloudwatch/eventPermission:EventPermission", spelled(eventPermission)],
    ["aws-native:events:EventBusPolicy", eventBusPolicy],
    ["aws:signer/signingProfilePermission:SigningProfilePermission", spelled(signerPermission)],
]);
