/**
 * The pack through CrossGuard's own analyze RPC handler (`@pulumi/policy` server.js), fed a real
 * AnalyzeRequest protobuf, without starting the gRPC server: the closest offline stand-in for
 * `pulumi preview --policy-pack`. It proves the harness in support.ts is faithful on the cases
 * that matter: levels, unknowns at preview and invalid documents.
 */
import * as assert from "assert";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { unknownString } from "./support";

/* eslint-disable @typescript-eslint/no-var-requires */
const analyzerproto = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { makeAnalyzeRpcFun } = require("@pulumi/policy/server");

interface Diagnostic {
    policy: string;
    level: string;
    message: string;
}

const levels = ["advisory", "mandatory", "disabled", "remediate"];

async function analyze(environment: string, type: string, name: string, props: Record<string, unknown>): Promise<Diagnostic[]> {
    const request = new analyzerproto.AnalyzeRequest();
    request.setType(type);
    request.setName(name);
    request.setUrn(`urn:pulumi:${environment}::aws-workloads::${type}::${name}`);
    request.setProperties(Struct.fromJavaScript(props));
    request.setOptions(new analyzerproto.AnalyzerResourceOptions());
    const rpc = makeAnalyzeRpcFun("least-privilege", "0.1.0", "advisory", buildPolicies({ environment }));
    const response = await new Promise<any>((resolve, reject) => rpc({ request }, (err: Error | undefined, res: any) => (err ? reject(err) : resolve(res))));
    return response.getDiagnosticsList().map((d: any) => ({ policy: d.getPolicyname(), level: levels[d.getEnforcementlevel()], message: d.getMessage() }));
}

describe("least-privilege pack: through CrossGuard's analyze RPC handler", () => {
    it("blocks a wildcard grant in prod as mandatory and reports it as advisory in dev", async () => {
        const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "AllModels", Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:us-east-2::foundation-model/*" }] });
        const prod = await analyze("prod", "aws:iam/userPolicy:UserPolicy", "bedrock-access", { user: "u", policy });
        assert.deepStrictEqual(prod.map((d) => [d.policy, d.level]), [["no-wildcard-resource", "mandatory"]]);
        assert.match(prod[0].message, /bedrock-access › policy › statement AllModels: "arn:aws:bedrock:us-east-2::foundation-model\/\*" wildcards the whole resource id/);
        const dev = await analyze("dev", "aws:iam/userPolicy:UserPolicy", "bedrock-access", { user: "u", policy });
        assert.deepStrictEqual(dev.map((d) => [d.policy, d.level]), [["no-wildcard-resource", "advisory"]]);
    });

    it("reports a document unknown at preview as one advisory diagnostic, not an error", async () => {
        const diagnostics = await analyze("prod", "aws:iam/policy:Policy", "later", { name: "later", policy: unknownString });
        assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.level]), [["documents-known-at-preview", "advisory"]]);
    });

    it("reports invalid JSON as a diagnostic, not an error", async () => {
        const diagnostics = await analyze("prod", "aws:iam/policy:Policy", "broken", { name: "broken", policy: "{ not json" });
        assert.deepStrictEqual(diagnostics.map((d) => [d.policy, d.level]), [["readable-policy-documents", "mandatory"]]);
        assert.match(diagnostics[0].message, /broken › policy: the document is not valid JSON/);
    });

    it("says nothing about resources without documents", async () => {
        assert.deepStrictEqual(await analyze("prod", "aws:s3/bucketVersioning:BucketVersioning", "v", { bucket: "b" }), []);
    });
});
