/** Typed, validated reads of one config object; every failure names the full key. */
import { ConfigError } from "./config-error";
import { didYouMean } from "./nearest";

/** What is wrong with a value, or `undefined`; the reader turns it into a ConfigError naming the key. */
export type Check<T = string> = (value: T) => string | undefined;

export class Section {
    /**
     * @param key the full config key of this object, e.g. `aws-workloads:ocr`.
     * @param separator between this key and a setting's name: `.` in objects, `:` at the namespace.
     */
    constructor(readonly key: string, private readonly values: Record<string, unknown>, private readonly separator = ".") {}

    /** Reads an object-valued config key; a missing key is an empty section (all defaults). */
    static of(key: string, raw: unknown): Section {
        if (raw === undefined || raw === null) return new Section(key, {});
        if (typeof raw !== "object" || Array.isArray(raw)) throw new ConfigError(key, raw, "must be an object of settings");
        return new Section(key, raw as Record<string, unknown>);
    }

    /** The full config key of a setting in this section, e.g. `aws-workloads:ocr.createAccessKey`. */
    keyOf(name: string): string {
        return `${this.key}${this.separator}${name}`;
    }

    /** Fails on keys this section does not know: a typo must not silently fall back to a default. */
    allowOnly(names: readonly string[]): this {
        for (const name of Object.keys(this.values)) {
            if (!names.includes(name)) throw new ConfigError(this.keyOf(name), this.values[name], `is not a known setting; expected one of: ${names.join(", ")}${didYouMean(name, names)}`);
        }
        return this;
    }

    has(name: string): boolean {
        return this.values[name] !== undefined;
    }

    /** The raw value of a setting, for settings that take more than one shape. */
    value(name: string): unknown {
        return this.values[name];
    }

    optionalString(name: string, check?: Check<string>): string | undefined {
        const value = this.values[name];
        if (value === undefined) return undefined;
        if (typeof value !== "string" || value.length === 0) throw new ConfigError(this.keyOf(name), value, "must be a non-empty string");
        const problem = check?.(value);
        if (problem) throw new ConfigError(this.keyOf(name), value, problem);
        return value;
    }

    string(name: string, fallback: string, check?: Check<string>): string {
        return this.optionalString(name, check) ?? fallback;
    }

    requiredString(name: string, check?: Check<string>): string {
        const value = this.optionalString(name, check);
        if (value === undefined) throw new ConfigError(this.keyOf(name), undefined, "it is required");
        return value;
    }

    /** One of `allowed`; without a fallback the key is required. */
    oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
        const value = this.values[name] ?? fallback;
        if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
            throw new ConfigError(this.keyOf(name), value, `must be one of: ${allowed.join(", ")}`);
        }
        return value as T;
    }

    optionalInt(name: string, min: number, max: number): number | undefined {
        const value = this.values[name];
        if (value === undefined) return undefined;
        if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
            throw new ConfigError(this.keyOf(name), value, `must be a whole number from ${min} to ${max}`);
        }
        return value;
    }

    int(name: string, fallback: number, min: number, max: number): number {
        return this.optionalInt(name, min, max) ?? fallback;
    }

    bool(name: string, fallback: boolean): boolean {
        const value = this.values[name] ?? fallback;
        if (typeof value !== "boolean") throw new ConfigError(this.keyOf(name), value, "must be true or false");
        return value;
    }

    /** A list of strings; `nonEmpty` refuses `[]`, `unique` a value listed twice, each item is checked. */
    stringList(name: string, fallback: readonly string[], options: { nonEmpty?: boolean; unique?: boolean; check?: Check<string> } = {}): string[] {
        const value = this.values[name] ?? fallback;
        if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v.length === 0)) {
            throw new ConfigError(this.keyOf(name), value, "must be a list of non-empty strings");
        }
        if (options.nonEmpty && value.length === 0) throw new ConfigError(this.keyOf(name), value, "must list at least one value");
        for (const [i, item] of (value as string[]).entries()) {
            const problem = options.check?.(item);
            if (problem) throw new ConfigError(`${this.keyOf(name)}[${i}]`, item, problem);
            const first = (value as string[]).indexOf(item);
            if (options.unique && first !== i) throw new ConfigError(`${this.keyOf(name)}[${i}]`, item, `is listed twice (also at [${first}]); list each value once`);
        }
        return [...(value as string[])];
    }

    section(name: string): Section {
        return Section.of(this.keyOf(name), this.values[name]);
    }
}
