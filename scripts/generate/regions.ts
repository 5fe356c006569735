/**
 * Writes the pack's table of AWS regions from the provider's own `Region` enum, so the pack knows
 * every region without importing `@pulumi/aws` at run time. `npm run generate:regions`; a spec
 * fails when the committed table is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { Region } from "@pulumi/aws/types/enums";

export const regionsTable = path.resolve(__dirname, "../../policypacks/least-privilege/generated/regions.json");

/** The table's text: the provider's version and its sorted regions. */
export function regionsText(): string {
    const version = JSON.parse(fs.readFileSync(require.resolve("@pulumi/aws/package.json"), "utf8")).version as string;
    const regions = [...new Set(Object.values(Region) as string[])].sort();
    return `${JSON.stringify({ source: `@pulumi/aws ${version} types/enums Region`, regions }, null, 1)}\n`;
}

if (require.main === module) {
    fs.writeFileSync(regionsTable, regionsText());
    console.log(`wrote ${path.relative(process.cwd(), regionsTable)}`);
}
