/**
 * Issue 19: everything in a stack file is read, or refused by name with what was expected.
 * Keys no one reads, options of the other principal, values AWS refuses (service principals,
 * ISO countries, Budgets names, Cost Explorer service names, duplicates), a missing key told
 * as missing, and a name two workloads share.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { recordedResources } from "../../stacks/offline/mocks";
import { providerKeys } from "../../stacks/config/provider-keys";
import { refuseDuplicateNames } from "../../scripts/check/duplicate-names";
import { runWith, sectionOf } from "../support/stacks";

async function rejection(stack: string, changes: Record<string, unknown>): Promise<string> {
    const error = await runWith(stack, changes).then(() => undefined, (e: Error) => e);
    assert.ok(error, "the stack ran despite config it does not read or cannot use");
    assert.equal(recordedResources().length, 0, "resources were registered before the config was validated");
    return error.message;
}

const change = (stack: string, section: string, values: Record<string, unknown>) =>
    ({ [`aws-workloads:${section}`]: { ...sectionOf(stack, `aws-workloads:${section}`), ...values } });
const budget = (values: Record<string, unknown>) => change("prod", "bedrock", { budget: { limitUsd: 200, emails: ["a@example.com"], ...values } });

describe("stack config: everything read, or refused", () => {
    describe("keys the program does not read", () => {
        it("aws:region is refused: the program reads aws-workloads:region", async () => {
            assert.equal(await rejection("prod", { "aws:region": "eu-west-1" }),
                'Invalid stack config aws:region: "eu-west-1" is not read: the program builds its AWS provider from aws-workloads:region (set that instead and remove aws:region)');
        });

        it("a namespace typo names the key meant", async () => {
            assert.equal(await rejection("prod", { "aws-workload:region": "us-east-1" }),
                'Invalid stack config aws-workload:region: "us-east-1" is not read: the namespace "aws-workload" is not this project\'s (aws-workloads) nor the provider\'s (aws); did you mean aws-workloads:region?');
        });

        it("an aws: key the provider is not given lists those it is", async () => {
            assert.match(await rejection("prod", { "aws:profile": "default" }),
                /^Invalid stack config aws:profile: "default" is not a provider setting this program passes on; the aws: keys it reads are accessKey, secretKey, endpoints, /);
        });

        it("a misspelt project key gets the nearest one", async () => {
            assert.match(await rejection("prod", { "aws-workloads:regoin": "us-east-1" }), /aws-workloads:regoin: "us-east-1" is not a known setting; expected one of: .*; did you mean region\?$/);
        });

        it("the aws: keys allowed are exactly those stacks/provider.ts reads", () => {
            const source = fs.readFileSync(path.join(__dirname, "..", "..", "stacks", "provider.ts"), "utf8");
            const read = [...source.matchAll(/cfg\.get\w*(?:<[^>]*>)?\("(\w+)"\)/g)].map((m) => m[1]);
            assert.deepEqual([...read].sort(), [...providerKeys].sort());
        });
    });

    describe("options of the other principal", () => {
        for (const [key, value] of [["userName", "ocr-user"], ["createAccessKey", true], ["viewOwnPermissions", true]] as const) {
            it(`${key} on a role principal`, async () => {
                assert.equal(await rejection("staging", change("staging", "ocr", { [key]: value })),
                    `Invalid stack config aws-workloads:ocr.${key}: ${JSON.stringify(value)} applies only to principal: user, and principal is role; remove ${key} or set principal: user`);
            });
        }
        it("roleName on a user principal", async () => {
            assert.equal(await rejection("dev", change("dev", "bedrock", { roleName: "r" })),
                'Invalid stack config aws-workloads:bedrock.roleName: "r" applies only to principal: role, and principal is user; remove roleName or set principal: role');
        });
        it("trustedServices on a user principal", async () => {
            assert.match(await rejection("dev", change("dev", "sms", { trustedServices: ["ecs-tasks.amazonaws.com"] })),
                /aws-workloads:sms\.trustedServices: \["ecs-tasks\.amazonaws\.com"\] applies only to principal: role, and principal is user/);
        });
    });

    describe("values checked against AWS's rules and data", () => {
        it("ecs-task.amazonaws.com is not a service principal: did you mean ecs-tasks.amazonaws.com", async () => {
            assert.equal(await rejection("prod", change("prod", "bedrock", { trustedServices: ["ecs-task.amazonaws.com"] })),
                'Invalid stack config aws-workloads:bedrock.trustedServices[0]: "ecs-task.amazonaws.com" is not an AWS service principal; did you mean ecs-tasks.amazonaws.com?');
        });
        it("a well-formed principal no one knows names the sourced list", async () => {
            assert.match(await rejection("prod", change("prod", "ocr", { trustedServices: ["example.amazonaws.com"] })),
                /ocr\.trustedServices\[0\]: "example\.amazonaws\.com" is not a service principal that runs application code and assumes roles; expected one of: ec2\.amazonaws\.com, .*stacks\/config\/data\/service-principals\.ts/);
        });
        it("the sender ID EUMX/XX names no country", async () => {
            assert.equal(await rejection("prod", change("prod", "sms", { senderIds: ["EUMX/XX"] })),
                'Invalid stack config aws-workloads:sms.senderIds[0]: "EUMX/XX" names the country XX, which is not an ISO 3166-1 alpha-2 country code; sender IDs are registered per country, e.g. EUMX/GB');
        });
        it("EUMX/UK says the United Kingdom is GB", async () => {
            assert.match(await rejection("prod", change("prod", "sms", { senderIds: ["EUMX/UK"] })), /country UK, which is not an ISO 3166-1 alpha-2 country code \(the United Kingdom is GB\)/);
        });
        it("a region listed twice", async () => {
            assert.equal(await rejection("prod", change("prod", "sms", { regions: ["us-east-1", "eu-west-2", "us-east-1"] })),
                'Invalid stack config aws-workloads:sms.regions[2]: "us-east-1" is listed twice (also at [0]); list each value once');
        });
        for (const [what, name, message] of [
            ["a colon", "bedrock:alerts", 'contains ":"; AWS Budgets names may not contain ":" or "\\"'],
            ["a backslash", "bedrock\\alerts", 'contains "\\\\"; AWS Budgets names may not contain ":" or "\\"'],
            ["101 characters", "b".repeat(101), "is 101 characters long; AWS Budgets names are 1 to 100 characters"],
        ] as const) {
            it(`a budget name with ${what}`, async () => {
                const message0 = await rejection("prod", budget({ name }));
                assert.ok(message0.startsWith("Invalid stack config aws-workloads:bedrock.budget.name: "), message0);
                assert.ok(message0.endsWith(message), message0);
            });
        }
        it("a budget name of 100 characters is accepted", async () => {
            await runWith("prod", budget({ name: "b".repeat(100) }));
        });
        it('the Cost Explorer service "Amazon Bedrok" is refused with the nearest name', async () => {
            assert.equal(await rejection("prod", budget({ services: ["Amazon Bedrok"] })),
                'Invalid stack config aws-workloads:bedrock.budget.services[0]: "Amazon Bedrok" is not a Cost Explorer service name, so the budget would count nothing and never alert; did you mean "Amazon Bedrock"?');
        });
        it('"Amazon Bedrock" is accepted as a budget filter', async () => {
            const run = await runWith("prod", budget({ services: ["Amazon Bedrock"] }));
            const b = run.resources.find((r) => r.type === "aws:budgets/budget:Budget" && r.name.includes("bedrock"));
            assert.deepEqual(b?.inputs.costFilters, [{ name: "Service", values: ["Amazon Bedrock"] }]);
        });
    });

    describe("messages say what is missing and what YAML did", () => {
        it("a budget with no emails key says the key is missing, not emails: []", async () => {
            assert.equal(await rejection("prod", change("prod", "bedrock", { budget: { limitUsd: 10 } })),
                "Invalid stack config aws-workloads:bedrock.budget.emails: is missing; it is required: a list of at least one address to alert, e.g. emails: [alerts@example.com]");
        });
        it("an 11-digit account ID suggests YAML dropped a leading zero", async () => {
            assert.equal(await rejection("prod", { "aws-workloads:accountId": "12345678901" }),
                'Invalid stack config aws-workloads:accountId: "12345678901" must be exactly 12 digits; it has 11 (if the stack file writes it unquoted, YAML read it as a number and dropped its leading zeros: quote it, "012345678901")');
        });
    });

    describe("names across workloads are unique", () => {
        it("an OCR bucket named like an engagement bucket is a name used twice", async () => {
            const run = await runWith("prod", change("prod", "ocr", { bucketName: "engagement-features-prod" }));
            assert.throws(() => refuseDuplicateNames(run.resources), {
                name: "ConfigError",
                message: 'Invalid stack config aws-workloads:ocr and aws-workloads:engagement: a name used twice: the bucket name "engagement-features-prod" is given to '
                    + "meddocparser-ocr-temp (aws-workloads:ocr) and to engagement-data-features (aws-workloads:engagement); bucket names are unique across all of AWS, "
                    + "so AWS would refuse the second; set a different name in one of them",
            });
        });
        it("the committed prod stack has no name twice", async () => {
            refuseDuplicateNames((await runWith("prod")).resources);
        });
        it("an SMS role named like the Bedrock role is refused too", async () => {
            const run = await runWith("prod", change("prod", "sms", { roleName: "wealth-management-bedrock-prod" }));
            assert.throws(() => refuseDuplicateNames(run.resources), /a name used twice: the IAM role name "wealth-management-bedrock-prod" is given to .*\(aws-workloads:bedrock\) and to .*\(aws-workloads:sms\)/);
        });
    });
});
