/**
 * `--policy-pack-config <file>` as the Pulumi CLI reads it before a preview: a JSON object whose
 * keys are policy names (or `all`) and whose values are an enforcement level (a bare string) or an
 * object with an optional `enforcementLevel` and the policy's own properties. Each policy's config
 * is validated against the `configSchema` the pack reports in GetAnalyzerInfo, with
 * `enforcementLevel` added as the CLI adds it; `all` sets every policy's level, a named policy's
 * own entry wins; a name the pack does not have is refused. The result is what Configure sends.
 */
import * as fs from "fs";
import Ajv from "ajv";
import type { EnforcementLevel } from "@pulumi/policy";
import type { PolicyConfig, PolicyInfo } from "./pack-process";

/** A pack config the CLI would refuse; the message says which policy, which field and why. */
export class PackConfigError extends Error {
    override readonly name = "PackConfigError";
}

const enforcementLevels: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** Reads the file; unreadable or invalid JSON is a PackConfigError naming the file. */
export function readPackConfigFile(file: string): Record<string, unknown> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new PackConfigError(`--policy-pack-config ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        throw new PackConfigError(`--policy-pack-config ${file}: not valid JSON (${(e as Error).message})`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new PackConfigError(`--policy-pack-config ${file}: must be a JSON object of policy names to levels or configs, not ${Array.isArray(parsed) ? "a list" : JSON.stringify(parsed)}`);
    }
    return parsed as Record<string, unknown>;
}

/** One entry: a bare level, or `{ enforcementLevel?, ...properties }`. */
function entryOf(name: string, value: unknown): { level?: EnforcementLevel; properties: Record<string, unknown> } {
    if (typeof value === "string") {
        if (!enforcementLevels.includes(value as EnforcementLevel)) throw new PackConfigError(`policy ${name}: "${value}" is not an enforcement level (${enforcementLevels.join(", ")})`);
        return { level: value as EnforcementLevel, properties: {} };
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new PackConfigError(`policy ${name}: expected an enforcement level or an object, not ${JSON.stringify(value)}`);
    }
    const { enforcementLevel, ...properties } = value as Record<string, unknown>;
    if (enforcementLevel !== undefined && !enforcementLevels.includes(enforcementLevel as EnforcementLevel)) {
        throw new PackConfigError(`policy ${name}: enforcementLevel "${String(enforcementLevel)}" is not one of ${enforcementLevels.join(", ")}`);
    }
    return { level: enforcementLevel as EnforcementLevel | undefined, properties };
}

/** Every policy's level and properties, validated; throws PackConfigError with every problem found. */
export function resolvePackConfig(raw: Readonly<Record<string, unknown>>, pack: { name: string; policies: readonly PolicyInfo[] }): Record<string, PolicyConfig> {
    const known = new Set(pack.policies.map((p) => p.name));
    const unknown = Object.keys(raw).filter((k) => k !== "all" && !known.has(k));
    if (unknown.length > 0) {
        throw new PackConfigError(`policy pack ${pack.name} has no polic${unknown.length > 1 ? "ies" : "y"} named ${unknown.map((u) => `"${u}"`).join(", ")}; its policies are ${[...known].join(", ")}`);
    }
    const all = raw.all === undefined ? undefined : entryOf("all", raw.all);
    if (all && Object.keys(all.properties).length > 0) throw new PackConfigError(`policy all: only enforcementLevel may be set for all policies, not ${Object.keys(all.properties).join(", ")}`);
    const ajv = new Ajv({ allErrors: true, strict: false });
    const problems: string[] = [];
    const resolved: Record<string, PolicyConfig> = {};
    for (const policy of pack.policies) {
        const own = raw[policy.name] === undefined ? undefined : entryOf(policy.name, raw[policy.name]);
        const level = own?.level ?? all?.level ?? policy.enforcementLevel;
        const properties = own?.properties ?? {};
        const schema = { type: "object", ...(policy.configSchema ?? {}), properties: { ...((policy.configSchema?.properties as object) ?? {}), enforcementLevel: { type: "string", enum: enforcementLevels } } };
        const validate = ajv.compile(schema);
        if (!validate({ ...properties, enforcementLevel: level })) {
            for (const error of validate.errors ?? []) {
                const at = error.instancePath === "" ? "" : ` ${error.instancePath.slice(1).replace(/\//g, ".")}`;
                problems.push(`${policy.name}:${at} ${error.message}${error.params && "additionalProperty" in error.params ? ` ("${String(error.params.additionalProperty)}")` : ""}`);
            }
        }
        resolved[policy.name] = { enforcementLevel: level, properties };
    }
    if (problems.length > 0) throw new PackConfigError(`validating policy config: ${pack.name}\n  ${problems.join("\n  ")}`);
    return resolved;
}
