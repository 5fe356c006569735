// Mocha root hook: the Pulumi runtime runs under the offline mocks for every spec.
import * as pulumi from "@pulumi/pulumi";
import { offlineMocks } from "../stacks/offline/mocks";

export const mochaHooks = {
    async beforeAll(): Promise<void> {
        await pulumi.runtime.setMocks(offlineMocks, "aws-workloads", "test", false);
    },
};
