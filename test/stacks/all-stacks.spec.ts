import { strict as assert } from "assert";
import { readStackFile } from "../../stacks/offline/stack-file";
import { isTaggable, unknownActions } from "../support/aws-schema";
import { committedStacks, documentsOf, runWith } from "../support/stacks";

describe("every committed stack", () => {
    for (const stack of committedStacks) {
        describe(stack, () => {
            let run: Awaited<ReturnType<typeof runWith>>;
            before(async () => { run = await runWith(stack); });

            it("tags every taggable resource with Workload, Environment and ManagedBy=pulumi", () => {
                const env = JSON.parse(JSON.stringify(readStackFile(stack).config["aws-workloads:environment"]));
                const taggable = run.resources.filter((r) => r.type.startsWith("aws:") && isTaggable(r.type));
                assert.ok(taggable.length > 20, `only ${taggable.length} taggable resources`);
                const missing = taggable.filter((r) => r.inputs.tags?.Workload === undefined || r.inputs.tags?.Environment !== env || r.inputs.tags?.ManagedBy !== "pulumi");
                assert.deepEqual(missing.map((r) => `${r.type} ${r.name}`), []);
            });

            it("uses only actions the Service Authorization Reference knows", async () => {
                const documents = documentsOf(run);
                assert.ok(documents.length > 10);
                const unknown: string[] = [];
                for (const { resource, document } of documents) {
                    for (const action of await unknownActions(document)) unknown.push(`${resource.name}: ${action}`);
                }
                assert.deepEqual(unknown, []);
            });

            it("registers everything through the stack's explicit provider, never a default one", () => {
                assert.deepEqual(run.resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => r.name), ["aws"]);
            });
        });
    }

    it("localstack points every AWS service the program registers resources for at LocalStack", async () => {
        const run = await runWith("localstack");
        const endpoints = JSON.parse(readStackFile("localstack").config["aws:endpoints"])[0];
        const aliases: Record<string, string> = { cloudwatch: "logs" };
        const services = new Set(run.resources.filter((r) => r.type.startsWith("aws:") && !r.type.startsWith("aws:index")).map((r) => r.type.split(":")[1].split("/")[0]));
        const missing = [...services].filter((s) => endpoints[s] === undefined && endpoints[aliases[s]] === undefined);
        assert.deepEqual(missing, []);
        assert.ok(Object.values(endpoints).every((url) => url === "http://localhost:4566"));
        assert.equal(readStackFile("localstack").config["aws:s3UsePathStyle"], "true");
    });
});
