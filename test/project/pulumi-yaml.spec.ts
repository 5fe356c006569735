import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { projectSchemaPath } from "../support/shared";

const root = path.resolve(__dirname, "../..");
const schema = JSON.parse(fs.readFileSync(projectSchemaPath, "utf8"));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

describe("Pulumi.yaml", () => {
    const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));

    it("validates against the schema the Pulumi CLI uses", () => {
        assert.ok(validate(project), JSON.stringify(validate.errors));
    });

    it("the schema check can fail: an unknown runtime shape is rejected", () => {
        assert.equal(validate({ ...project, runtime: { name: "nodejs", typo: true } }), false);
    });

    it("runs the program package.json names from the project root (where tsconfig.json is), with stack files in stacks/", () => {
        assert.equal(project.main, undefined);
        const entry = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).main;
        assert.match(fs.readFileSync(path.join(root, entry), "utf8"), /export = deployStack\(\)/);
        assert.ok(fs.readdirSync(path.join(root, project.stackConfigDir)).includes("Pulumi.prod.yaml"));
    });

    it("types and describes every scalar key the program reads at the top level", () => {
        for (const key of ["environment", "accountId", "region"]) {
            assert.equal(project.config[key].type, "string", key);
            assert.ok(project.config[key].description.length > 20, key);
        }
    });
});
