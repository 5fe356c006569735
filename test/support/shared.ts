/**
 * The workplace's shared folder (`../shared`: the seeds and the Pulumi project schema), which the
 * tests read as the source of truth. A clone without it beside the repo (a CI checkout) reads the
 * copy in `test/fixtures/shared`; `test/project/shared-copy.spec.ts` fails when that copy is stale.
 */
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
export const workplaceSharedDir = path.resolve(root, "../shared");
export const vendoredSharedDir = path.join(root, "test/fixtures/shared");

export const sharedDir = fs.existsSync(path.join(workplaceSharedDir, "seeds")) ? workplaceSharedDir : vendoredSharedDir;
export const seedsDir = path.join(sharedDir, "seeds");
export const projectSchemaPath = path.join(sharedDir, "schemas/pulumi-project.schema.json");
