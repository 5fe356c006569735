/**
 * Generates `policypacks/least-privilege/generated/policy-document-types.ts`: every resource input
 * of the installed `@pulumi/aws` and `@pulumi/aws-native` that carries an IAM policy document,
 * with its kind and whether empty means none, read from the providers' own `.d.ts` (rules in
 * `policy-document-rules.ts`). Type tokens are the `__pulumiType` each resource's `.js` registers,
 * which is what the engine sends the pack.
 *
 *   npm run generate:policy-types          # writes the table
 *   generatePolicyDocumentTypes()          # the same table in memory (the staleness spec)
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import type { GeneratedField, GeneratedTable } from "../../policypacks/least-privilege/iam/policy-document-table";
import { DocumentKind, identifierName, jsonDocPattern, kindRules, notDocumentNames, notIamDocuments, policyDocPattern, policyNamePattern } from "./policy-document-rules";

export const providers = ["@pulumi/aws", "@pulumi/aws-native"] as const;
export const tablePath = path.join(__dirname, "../../policypacks/least-privilege/generated/policy-document-types.ts");

const maxDepth = 5;

/** The namespaces of `types/input.d.ts`: `iam.RoleInlinePolicy` -> its interface. */
function inputInterfaces(root: string): Map<string, ts.InterfaceDeclaration> {
    const file = path.join(root, "types/input.d.ts");
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const found = new Map<string, ts.InterfaceDeclaration>();
    const visit = (node: ts.Node, prefix: string) => {
        if (ts.isModuleDeclaration(node) && node.body) {
            const name = `${prefix}${node.name.getText(source)}.`;
            if (ts.isModuleBlock(node.body)) node.body.statements.forEach((s) => visit(s, name));
            else visit(node.body, name);
        } else if (ts.isInterfaceDeclaration(node)) {
            found.set(`${prefix}${node.name.text}`, node);
        }
    };
    source.statements.forEach((s) => visit(s, ""));
    return found;
}

function jsFiles(dir: string): string[] {
    const out: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === "node_modules" || entry.name === "types") continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...jsFiles(full));
        else if (entry.name.endsWith(".js")) out.push(full);
    }
    return out;
}

function docComment(node: ts.Node): string {
    return ts.getJSDocCommentsAndTags(node).map((d) => (typeof d.comment === "string" ? d.comment : d.getText())).join(" ");
}

interface Leaf { path: string; optional: boolean; document: boolean; textual: boolean; json: boolean; doc: string; name: string }

/** What a type node holds, through `pulumi.Input<...>`, unions, arrays and maps. */
function walkType(node: ts.TypeNode, pathSoFar: string, depth: number, inputs: Map<string, ts.InterfaceDeclaration>, onLeaf: (suffix: string, flags: { document: boolean; textual: boolean; json?: boolean }) => void, onNested: (iface: ts.InterfaceDeclaration, suffix: string) => void, suffix = ""): void {
    if (ts.isTypeReferenceNode(node)) {
        const name = node.typeName.getText();
        if ((name === "pulumi.Input" || name === "Input" || name === "pulumi.Output") && node.typeArguments?.[0]) {
            walkType(node.typeArguments[0], pathSoFar, depth, inputs, onLeaf, onNested, suffix);
            return;
        }
        if (/(^|\.)PolicyDocument$/.test(name)) { onLeaf(suffix, { document: true, textual: false, json: true }); return; }
        const key = name.replace(/^inputs\./, "");
        const iface = inputs.get(key);
        if (iface && depth < maxDepth) onNested(iface, suffix);
        else onLeaf(suffix, { document: false, textual: false, json: false });
        return;
    }
    if (ts.isUnionTypeNode(node)) { node.types.forEach((t) => walkType(t, pathSoFar, depth, inputs, onLeaf, onNested, suffix)); return; }
    if (ts.isParenthesizedTypeNode(node)) { walkType(node.type, pathSoFar, depth, inputs, onLeaf, onNested, suffix); return; }
    if (ts.isArrayTypeNode(node)) { walkType(node.elementType, pathSoFar, depth, inputs, onLeaf, onNested, `${suffix}[]`); return; }
    if (ts.isTypeLiteralNode(node)) {
        for (const member of node.members) {
            if (ts.isIndexSignatureDeclaration(member) && member.type) walkType(member.type, pathSoFar, depth, inputs, onLeaf, onNested, `${suffix}{}`);
        }
        return;
    }
    // `any` is how aws-native types a JSON object input (every document there); `string` a JSON text.
    if (node.kind === ts.SyntaxKind.AnyKeyword || node.kind === ts.SyntaxKind.UnknownKeyword) onLeaf(suffix, { document: false, textual: true, json: true });
    else if (node.kind === ts.SyntaxKind.StringKeyword) onLeaf(suffix, { document: false, textual: true, json: false });
}

/** Every leaf input of an Args interface, nested objects walked, with the flags that decide whether it is a document. */
function leavesOf(iface: ts.InterfaceDeclaration, inputs: Map<string, ts.InterfaceDeclaration>, prefix = "", optionalSoFar = false, depth = 0, seen = new Set<ts.InterfaceDeclaration>()): Leaf[] {
    if (seen.has(iface)) return [];
    const inner = new Set(seen).add(iface);
    const out = new Map<string, Leaf>();
    for (const member of iface.members) {
        if (!ts.isPropertySignature(member) || !member.type) continue;
        const name = member.name.getText();
        const optional = optionalSoFar || member.questionToken !== undefined;
        const base = `${prefix}${prefix === "" ? "" : "."}${name}`;
        const doc = docComment(member);
        walkType(member.type, base, depth, inputs,
            (suffix, flags) => {
                const p = `${base}${suffix}`;
                const previous = out.get(p);
                out.set(p, { path: p, optional: optional || suffix !== "", name, doc, document: flags.document || (previous?.document ?? false), textual: flags.textual || (previous?.textual ?? false), json: (flags.json ?? false) || (previous?.json ?? false) });
            },
            (nested, suffix) => { for (const leaf of leavesOf(nested, inputs, `${base}${suffix}`, optional || suffix !== "", depth + 1, inner)) out.set(leaf.path, leaf); });
    }
    return [...out.values()];
}

/** Why a leaf is not a document, or undefined when it is one (the rules in `policy-document-rules.ts`). */
export function rejection(type: string, leaf: { path: string; name: string; document: boolean; textual: boolean; json: boolean; doc: string }): string | undefined {
    const excluded = notIamDocuments.find((x) => x.type === type && x.path === leaf.path);
    if (excluded) return excluded.reason;
    if (leaf.document) return undefined;
    if (!leaf.textual) return "not a string or an object";
    if (identifierName.test(leaf.name)) return "an identifier or a label (name, ARN, ID, alias, tags), not a document";
    const setting = notDocumentNames.find((n) => n.pattern.test(leaf.name));
    if (setting) return setting.reason;
    if (policyNamePattern.test(leaf.name)) return undefined;
    if (policyDocPattern.test(leaf.doc) && (leaf.json || jsonDocPattern.test(leaf.doc))) return undefined;
    return "neither its type, name nor description says policy document";
}

export function kindOf(type: string, fieldPath: string): DocumentKind {
    for (const rule of kindRules) {
        if ((rule.type === undefined || rule.type.test(type)) && (rule.path === undefined || rule.path.test(fieldPath))) return rule.kind;
    }
    return "resource";
}

/** Type token -> its Args interface, for every custom resource of a provider package. */
function resourcesOf(root: string): { type: string; args: ts.InterfaceDeclaration }[] {
    const out: { type: string; args: ts.InterfaceDeclaration }[] = [];
    for (const js of jsFiles(root)) {
        const text = fs.readFileSync(js, "utf8");
        const match = /static __pulumiType = '([^']+)'/.exec(text);
        if (!match || !/extends pulumi\.CustomResource/.test(text) && !/CustomResource/.test(text)) continue;
        const dts = js.replace(/\.js$/, ".d.ts");
        if (!fs.existsSync(dts)) continue;
        const source = ts.createSourceFile(dts, fs.readFileSync(dts, "utf8"), ts.ScriptTarget.Latest, true);
        let argsName: string | undefined;
        for (const statement of source.statements) {
            if (!ts.isClassDeclaration(statement)) continue;
            const heritage = statement.heritageClauses?.map((h) => h.getText(source)).join(" ") ?? "";
            if (!/CustomResource/.test(heritage)) continue;
            for (const member of statement.members) {
                if (!ts.isConstructorDeclaration(member)) continue;
                const args = member.parameters.find((p) => p.name.getText(source) === "args");
                if (args?.type && ts.isTypeReferenceNode(args.type)) argsName = args.type.typeName.getText(source);
            }
        }
        const args = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === argsName);
        if (args) out.push({ type: match[1], args });
    }
    return out;
}

export type { GeneratedField, GeneratedTable };

export interface Survey { table: GeneratedTable; rejected: { type: string; path: string; reason: string }[] }

/** Reads the installed providers and applies the rules: the table, and every candidate it left out with why. */
export function surveyPolicyDocumentTypes(): Survey {
    const types: Record<string, GeneratedField[]> = {};
    const versions: Record<string, string> = {};
    const rejected: Survey["rejected"] = [];
    for (const provider of providers) {
        const root = path.dirname(require.resolve(`${provider}/package.json`));
        versions[provider] = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
        const inputs = inputInterfaces(root);
        for (const { type, args } of resourcesOf(root)) {
            const fields: GeneratedField[] = [];
            for (const leaf of leavesOf(args, inputs)) {
                const why = rejection(type, leaf);
                if (why === undefined) fields.push({ path: leaf.path, kind: kindOf(type, leaf.path), emptyIsNone: leaf.optional });
                else if (/polic/i.test(leaf.name) && why !== "not a string or an object") rejected.push({ type, path: leaf.path, reason: why });
            }
            if (fields.length > 0) types[type] = fields.sort((a, b) => a.path.localeCompare(b.path));
        }
    }
    const sorted: Record<string, GeneratedField[]> = {};
    for (const key of Object.keys(types).sort()) sorted[key] = types[key];
    return { table: { providers: versions, types: sorted }, rejected };
}

export function generatePolicyDocumentTypes(): GeneratedTable {
    return surveyPolicyDocumentTypes().table;
}

export function renderTable(table: GeneratedTable): string {
    return [
        "// Generated by `npm run generate:policy-types` (scripts/generate/policy-document-types.ts); do not edit.",
        "// Every resource input of the providers below that carries an IAM policy document: type token -> fields.",
        `import type { GeneratedTable } from "../iam/policy-document-table";`,
        "",
        "export const policyDocumentTypes: GeneratedTable = {",
        `    providers: ${JSON.stringify(table.providers)},`,
        "    types: {",
        ...Object.entries(table.types).map(([type, fields]) => `        ${JSON.stringify(type)}: ${JSON.stringify(fields)},`),
        "    },",
        "};",
        "",
    ].join("\n");
}

if (require.main === module) {
    const survey = surveyPolicyDocumentTypes();
    fs.mkdirSync(path.dirname(tablePath), { recursive: true });
    fs.writeFileSync(tablePath, renderTable(survey.table));
    const counts = (prefix: string) => {
        const entries = Object.entries(survey.table.types).filter(([t]) => t.startsWith(prefix));
        return `${entries.length} types, ${entries.reduce((n, [, f]) => n + f.length, 0)} fields`;
    };
    console.log(`wrote ${path.relative(process.cwd(), tablePath)}: @pulumi/aws ${counts("aws:")}, @pulumi/aws-native ${counts("aws-native:")}`);
    if (process.argv.includes("--rejected")) for (const r of survey.rejected) console.log(`rejected ${r.type} ${r.path}: ${r.reason}`);
}
