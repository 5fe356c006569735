import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";

const root = path.resolve(__dirname, "../..");
const schema = JSON.parse(fs.readFileSync(path.resolve(root, "../shared/schemas/pulumi-project.schema.json"), "utf8"));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

describe("Pulumi.yaml", () => {
    const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));

    it("validates against the schema the Pulumi CLI uses", () => {
        assert.ok(validate(project), JSON.stringify(validate.errors));
    });

    it("the schema check can fail: an unknown runtime shape is rejected", () => {
        assert.equal(validate({ ...project, runtime: { name: "nodejs", typo: true } }), false);
    });

    it("points at the program entry and the stack config directory that exist", () => {
        assert.ok(fs.existsSync(path.join(root, project.main)), project.main);
        assert.ok(fs.readdirSync(path.join(root, project.stackConfigDir)).includes("Pulumi.prod.yaml"));
    });

    it("types and describes every scalar key the program reads at the top level", () => {
        for (const key of ["environment", "accountId", "region"]) {
            assert.equal(project.config[key].type, "string", key);
            assert.ok(project.config[key].description.length > 20, key);
        }
    });
});
