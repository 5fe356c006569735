/**
 * CloudFormation intrinsic functions inside a policy document, resolved where the template
 * itself says what they are, and refused where they hide what is granted.
 *
 * Resolved: `Ref` and `${...}` of a parameter (the stack's value, else the template's Default),
 * pseudo parameters (`AWS::Partition` is `aws`, `AWS::URLSuffix` is `amazonaws.com`; the stack's
 * own `AWS::AccountId`, `AWS::Region`, `AWS::StackName` become `${AWS.AccountId}`..., a policy
 * variable to the checks, spelled with `.` because `::` would split an ARN's fields), `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::FindInMap` of the
 * template's Mappings, `Fn::ToJsonString`.
 *
 * A reference to a resource of the same template (`Ref`, `Fn::GetAtt`, `${Bucket}`, `${Role.Arn}`)
 * names exactly one resource, so where the grant is about resources and principals (inside
 * `Resource`, `NotResource`, `Principal`, `NotPrincipal`, `Condition`) it is read as that named
 * resource: `${Bucket}` inside a text becomes the literal `Bucket`, and a whole-element reference
 * becomes `arn:aws:<service>:${AWS.Region}:${AWS.AccountId}:<LogicalId>`. Anywhere else (an
 * action, an effect, the document or a statement list itself) it hides the grant, as do
 * `Fn::If`, `Fn::ImportValue`, `Fn::GetAZs`, `Fn::Split`, `Fn::Base64`, `Fn::Cidr`,
 * `Fn::Transform`, dynamic references (`{{resolve:ssm:...}}`) and anything unknown: the document
 * is then unreadable, and said so.
 */
import { unknownValue } from "./unknown-values";

export interface TemplateContext {
    /** Parameter name -> value (the stack's, else the Default); `unknownValue` when not known at preview. */
    readonly parameters: ReadonlyMap<string, unknown>;
    /** Logical ID -> CloudFormation type. */
    readonly resources: ReadonlyMap<string, string>;
    readonly mappings: Readonly<Record<string, unknown>>;
}

export interface Resolution {
    readonly value: unknown;
    /** What hides the grant, one line each. */
    readonly hidden: readonly string[];
    /** A parameter the value depends on is not known at preview. */
    readonly unknown: boolean;
}

/** Keys under which a reference to one resource of the template names that resource. */
const namingKeys = new Set(["Resource", "NotResource", "Principal", "NotPrincipal", "Condition"]);

const pseudo: Readonly<Record<string, string | undefined>> = {
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
    // The stack's own values, as variables; `::` would split an ARN's fields, so `.` stands for it.
    "AWS::AccountId": "${AWS.AccountId}",
    "AWS::Region": "${AWS.Region}",
    "AWS::StackName": "${AWS.StackName}",
    "AWS::StackId": "${AWS.StackId}",
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `{ "Ref": ... }` or `{ "Fn::...": ... }`: the function's name, else undefined. */
export function intrinsicName(value: unknown): string | undefined {
    if (!isObject(value)) return undefined;
    const keys = Object.keys(value);
    return keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::")) ? keys[0] : undefined;
}

/** `AWS::NoValue`: the property is removed. */
const noValue: unique symbol = Symbol("AWS::NoValue");

interface State { readonly ctx: TemplateContext; readonly hidden: string[]; unknown: boolean }

/** Resolves every intrinsic in `value`; `naming` when the value already sits where a reference names a resource. */
export function resolveIntrinsics(value: unknown, ctx: TemplateContext, naming = false, where = ""): Resolution {
    const state: State = { ctx, hidden: [], unknown: false };
    const resolved = resolve(value, state, naming, where);
    return { value: resolved === noValue ? undefined : resolved, hidden: state.hidden, unknown: state.unknown };
}

function resolve(value: unknown, state: State, naming: boolean, where: string): unknown {
    if (Array.isArray(value)) return value.map((item, i) => resolve(item, state, naming, `${where}[${i}]`)).filter((item) => item !== noValue);
    if (typeof value === "string") return withoutDynamicReference(value, state, where);
    if (!isObject(value)) return value;
    const name = intrinsicName(value);
    if (name !== undefined) {
        const out = intrinsic(name, value[name], state, naming, where);
        return typeof out === "string" ? withoutDynamicReference(out, state, where) : out;
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
        const resolved = resolve(item, state, naming || namingKeys.has(key), where === "" ? key : `${where}.${key}`);
        if (resolved !== noValue) out[key] = resolved;
    }
    return out;
}

/**
 * A dynamic reference (`{{resolve:ssm:/name}}`, `{{resolve:secretsmanager:...}}`) is replaced by
 * the parameter's or secret's value when the stack deploys, anywhere in the template:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
 */
function withoutDynamicReference(text: string, state: State, where: string): string {
    const at = text.indexOf("{{resolve:");
    if (at < 0) return text;
    const end = text.indexOf("}}", at);
    return hide(state, where, `the dynamic reference ${text.slice(at, end < 0 ? undefined : end + 2)} (its value is read from SSM Parameter Store or Secrets Manager when the stack deploys)`);
}

function hide(state: State, where: string, what: string): string {
    state.hidden.push(`${what} at ${where === "" ? "the document" : where}`);
    return "";
}

/** A stand-in ARN for one resource of the template, in its service's shape where that is global (IAM, S3). */
function placeholder(state: State, logicalId: string): string {
    const [, service = "cloudformation", kind = ""] = (state.ctx.resources.get(logicalId) ?? "").toLowerCase().split("::");
    if (service === "iam") return `arn:aws:iam::\${AWS.AccountId}:${kind === "managedpolicy" ? "policy" : kind}/${logicalId}`;
    if (service === "s3" && kind === "bucket") return `arn:aws:s3:::${logicalId}`;
    return `arn:aws:${service}:\${AWS.Region}:\${AWS.AccountId}:${logicalId}`;
}

/** A parameter the parent template passes with an intrinsic the pack cannot resolve. */
export const hiddenParameter: unique symbol = Symbol("parameter hidden by the parent template");

function parameter(state: State, name: string, where: string): unknown {
    const value = state.ctx.parameters.get(name);
    if (value === hiddenParameter) return hide(state, where, `parameter ${name} (the parent template passes it with an intrinsic function)`);
    if (value === unknownValue) {
        state.unknown = true;
        return "";
    }
    return value;
}

function intrinsic(name: string, arg: unknown, state: State, naming: boolean, where: string): unknown {
    const { ctx } = state;
    switch (name) {
        case "Ref": {
            if (typeof arg !== "string") return hide(state, where, "a Ref to something that is not a name");
            if (arg === "AWS::NoValue") return noValue;
            if (arg in pseudo) return pseudo[arg];
            if (ctx.parameters.has(arg)) return parameter(state, arg, where);
            if (ctx.resources.has(arg)) return naming ? placeholder(state, arg) : hide(state, where, `Ref ${arg} (a resource of the template)`);
            return hide(state, where, `Ref ${arg}, which the template does not declare`);
        }
        case "Fn::GetAtt": {
            const [id] = typeof arg === "string" ? arg.split(".") : Array.isArray(arg) ? arg : [];
            if (typeof id === "string" && ctx.resources.has(id)) return naming ? placeholder(state, id) : hide(state, where, `Fn::GetAtt ${id} (an attribute of a resource of the template)`);
            return hide(state, where, "Fn::GetAtt of a resource the template does not declare");
        }
        case "Fn::Sub": {
            const [text, vars] = typeof arg === "string" ? [arg, {}] : Array.isArray(arg) ? [arg[0], arg[1] ?? {}] : [undefined, {}];
            if (typeof text !== "string" || !isObject(vars)) return hide(state, where, "Fn::Sub without a text");
            return text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
                if (inner.startsWith("!")) return `\${${inner.slice(1)}}`;
                if (Object.hasOwn(vars, inner)) {
                    const v = resolve(vars[inner], state, naming, `${where} \${${inner}}`);
                    return typeof v === "string" ? v : hide(state, where, `Fn::Sub variable ${inner}`);
                }
                if (inner in pseudo) return pseudo[inner] ?? "";
                if (ctx.parameters.has(inner)) {
                    const v = parameter(state, inner, where);
                    return Array.isArray(v) ? v.join(",") : String(v ?? "");
                }
                const id = inner.split(".")[0];
                if (ctx.resources.has(id)) {
                    if (!naming) return hide(state, where, `\${${inner}} (a resource of the template)`);
                    return whole === text ? placeholder(state, id) : id;
                }
                return hide(state, where, `\${${inner}}, which the template does not declare`);
            });
        }
        case "Fn::Join": {
            if (!Array.isArray(arg) || typeof arg[0] !== "string") return hide(state, where, "Fn::Join without a delimiter");
            const list = resolve(arg[1], state, naming, where);
            if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) return hide(state, where, "Fn::Join of values that are not texts");
            return list.join(arg[0]);
        }
        case "Fn::Select": {
            const [index, list] = Array.isArray(arg) ? [resolve(arg[0], state, false, where), resolve(arg[1], state, naming, where)] : [];
            const i = Number(index);
            if (!Array.isArray(list) || !Number.isInteger(i) || i < 0 || i >= list.length) return hide(state, where, "Fn::Select of a list the template does not spell out");
            return list[i];
        }
        case "Fn::FindInMap": {
            const keys = Array.isArray(arg) ? arg.slice(0, 3).map((k) => resolve(k, state, false, where)) : [];
            const found = keys.length === 3 && keys.every((k) => typeof k === "string") ? (ctx.mappings as any)?.[keys[0] as string]?.[keys[1] as string]?.[keys[2] as string] : undefined;
            return found === undefined ? hide(state, where, "Fn::FindInMap of a key the template's Mappings do not hold") : resolve(found, state, naming, where);
        }
        case "Fn::ToJsonString":
            return JSON.stringify(resolve(arg, state, naming, where));
        default:
            return hide(state, where, `${name} (its value is decided when the stack deploys)`);
    }
}
