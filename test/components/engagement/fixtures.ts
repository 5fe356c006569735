/** Shared inputs of the engagement specs: the scope, names, IDs, and reads of seed 003 itself. */
import { Arns, scopeFor } from "../../../components/iam/arn";
import { PolicyDocument, render } from "../../../components/iam/document";
import { BedrockIds, defaultAgentModelId } from "../../../components/engagement/bedrock-roles";
import { EngagementNames, engagementNames } from "../../../components/engagement/names";
import { seedText } from "../../support/seeds";
import { Principal } from "../../support/simulate";

export const account = "123456789012";
export const arns = new Arns(scopeFor(account, "us-east-1"));
export const prod: EngagementNames = engagementNames("engagement", "prod");
export const dev: EngagementNames = engagementNames("engagement", "dev");
export const ids: BedrockIds = { modelId: defaultAgentModelId, knowledgeBaseId: "KBPROD0001", agentId: "AGPROD0001", agentAliasId: "ALPROD0001" };

/** A role as the simulator sees it: its ARN and its one inline policy. */
export function role(roleName: string, document: PolicyDocument): Principal {
    return { arn: arns.iamRole(roleName), policies: [render(document)] };
}

/** The text of seed 003. */
export function seed(): string {
    return seedText("003_");
}

/** The lines under the heading containing `heading`, up to the next heading of that level or above. */
export function seedSection(heading: string): string {
    const lines = seed().split("\n");
    const start = lines.findIndex((l) => /^#+ /.test(l) && l.includes(heading));
    if (start < 0) throw new Error(`seed 003 has no heading containing "${heading}"`);
    const level = /^#+/.exec(lines[start])![0].length;
    const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}} `).test(l));
    return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

/** The backticked names on the first line of a section that contains `marker`. */
export function backticked(section: string, marker: string): string[] {
    const line = section.split("\n").find((l) => l.includes(marker));
    if (!line) throw new Error(`no line containing "${marker}"`);
    return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/** The quoted ARNs of the seed's HCL example under a heading. */
export function seedArns(heading: string): string[] {
    return [...seedSection(heading).matchAll(/"(arn:[^"]+)"/g)].map((m) => m[1]);
}
