/**
 * The policy documents the five seeds print, read from the seed files themselves (not retyped),
 * so the pack is judged on exactly what the seeds recommend. Fragments (seed 002's sync example
 * lacks its outer braces; seed 004 prints the Resource and Condition parts) are wrapped in braces.
 */
import { seedText } from "../support/seeds";



function parseBlock(body: string): any {
    try {
        return JSON.parse(body);
    } catch {
        return JSON.parse(`{${body}}`);
    }
}

/**
 * The code blocks (```json or bare ```) in the section whose heading contains `heading`; when the
 * heading text repeats (seed 002's table of contents), the first section that has blocks.
 */
export function seedBlocks(seed: string, heading: string): any[] {
    const lines = seedText(seed).split("\n");
    const starts = lines.flatMap((l, i) => (/^#+ /.test(l) && l.includes(heading) ? [i] : []));
    if (starts.length === 0) throw new Error(`seed ${seed} has no heading containing "${heading}"`);
    for (const start of starts) {
        const level = /^#+/.exec(lines[start])![0].length;
        const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}} `).test(l));
        const section = lines.slice(start, end < 0 ? undefined : end).join("\n");
        const blocks = [...section.matchAll(/```(?:json)?[ \t]*\n([\s\S]*?)```/g)].map((m) => parseBlock(m[1]));
        if (blocks.length > 0) return blocks;
    }
    return [];
}

/** The one document in a section. */
export function seedDocument(seed: string, heading: string): any {
    const blocks = seedBlocks(seed, heading);
    if (blocks.length !== 1) throw new Error(`seed ${seed} "${heading}" has ${blocks.length} blocks, expected one`);
    return blocks[0];
}

/** Seed 000 (MedDocParser OCR). */
export const ocrSeed = {
    base: () => seedDocument("000", "Policy Name: `MeddocparserTextractOCRPolicy`"),
    dev: () => seedDocument("000", "Development Policy (Restrictive)"),
    prod: () => seedDocument("000", "Production Policy (Restrictive)"),
};

/** Seed 001 (Bedrock): the four scope options and the recommended policy. */
export const bedrockSeed = {
    option: (n: 1 | 2 | 3 | 4) => seedDocument("001", `### Option ${n}:`),
    recommended: () => seedDocument("001", "RECOMMENDED POLICY FOR YOUR PROJECT"),
};

/** Seed 002 (Textract IAM reference). */
export const textractSeed = {
    viewOwnPermissions: () => seedDocument("002", "## Allow Users to View Their Own Permissions"),
    sync: () => seedDocument("002", "## Giving Access to Synchronous Operations"),
    async: () => seedDocument("002", "## Giving Access to Asynchronous Operations"),
};

/**
 * Seed 004 (SMS) prints its policy in parts: the three required actions, "Resource": "*" by
 * default, the region condition, and phone-number / sender-id ARNs "for production".
 */
export const smsSeed = {
    actions: () => [...seedText("004").matchAll(/^- `(sms-voice:[A-Za-z]+)`/gm)].map((m) => m[1]),
    regionCondition: () => seedBlocks("004", "### Region Restriction")[0].Condition,
    productionResources: () => seedBlocks("004", "### Resource Scoping").map((b) => b.Resource as string),
    minimal(): any {
        return { Version: "2012-10-17", Statement: [{ Sid: "AWSEUMXSendSms", Effect: "Allow", Action: this.actions(), Resource: "*", Condition: this.regionCondition() }] };
    },
    /** The seed's production scoping: sending on the phone-number and sender-id ARNs, the Describe calls on "*". */
    productionScoped(): any {
        const describe = this.actions().filter((a) => a.includes(":Describe"));
        const send = this.actions().filter((a) => !a.includes(":Describe"));
        return {
            Version: "2012-10-17",
            Statement: [
                { Sid: "SendFromOwnNumbers", Effect: "Allow", Action: send, Resource: this.productionResources(), Condition: this.regionCondition() },
                { Sid: "DiscoverNumbersAndSenderIds", Effect: "Allow", Action: describe, Resource: "*", Condition: this.regionCondition() },
            ],
        };
    },
};
