import { strict as assert } from "assert";
import { render } from "../../../components/iam/document";
import { serviceTrustPolicy } from "../../../components/iam/trust";
import {
    agentPolicy, agentTrust, bedrockIdProblem, defaultAgentModelId, knowledgeBasePolicy, knowledgeBaseTrust, modelIdProblem, titanEmbeddingsV2,
} from "../../../components/engagement/bedrock-roles";
import { mismatches } from "../../support/simulate";
import { arns, dev, ids, prod, role, seedSection } from "./fixtures";

const knowledgeBaseRole = role(prod.roles.knowledgeBase, knowledgeBasePolicy(arns, prod));
const agentRole = role(prod.roles.agent, agentPolicy(arns, ids));
const model = (id: string) => arns.bedrockFoundationModel(id);
const otherModels = [
    "amazon.titan-embed-text-v1", "amazon.titan-embed-image-v1", "cohere.embed-english-v3",
    "anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-5-sonnet-20241022-v2:0", "meta.llama3-70b-instruct-v1:0",
];

describe("seed 003 Bedrock knowledge base role", () => {
    it("is the seed's Titan Embeddings v2 and Claude 3.5 Sonnet", () => {
        assert.match(seedSection("Bedrock Knowledge Base"), /Invoke Titan Embeddings v2 model/);
        assert.match(seedSection("Bedrock Agent"), /Invoke Claude 3\.5 Sonnet model/);
        assert.equal(titanEmbeddingsV2, "amazon.titan-embed-text-v2:0");
        assert.match(defaultAgentModelId, /^anthropic\.claude-3-5-sonnet-/);
    });

    it("reads the knowledge-base bucket, reads and writes the vector store, invokes Titan Embeddings v2", async () => {
        assert.deepEqual(await mismatches(knowledgeBaseRole, "Allowed", [
            { action: "s3:GetObject", resource: arns.s3Objects(prod.buckets.knowledgeBase, "faq/churn.md") },
            { action: "s3:ListBucket", resource: arns.s3Bucket(prod.buckets.knowledgeBase) },
            ...["GetObject", "PutObject", "DeleteObject"].map((a) => ({ action: `s3:${a}`, resource: arns.s3Objects(prod.buckets.vectorStore, "index/0001") })),
            { action: "s3:ListBucket", resource: arns.s3Bucket(prod.buckets.vectorStore) },
            { action: "bedrock:InvokeModel", resource: model(titanEmbeddingsV2) },
        ]), []);
    });

    it("invokes no other model and touches no other bucket", async () => {
        assert.deepEqual(await mismatches(knowledgeBaseRole, "Denied", [
            ...[...otherModels, defaultAgentModelId].map((id) => ({ action: "bedrock:InvokeModel", resource: model(id) })),
            { action: "bedrock:InvokeModel", resource: arns.in("us-west-2").bedrockFoundationModel(titanEmbeddingsV2) },
            { action: "s3:PutObject", resource: arns.s3Objects(prod.buckets.knowledgeBase, "faq/churn.md") },
            { action: "s3:GetObject", resource: arns.s3Objects(dev.buckets.knowledgeBase, "faq/churn.md") },
            { action: "s3:GetObject", resource: arns.s3Objects(prod.buckets.results, "x") },
            { action: "s3:DeleteBucket", resource: arns.s3Bucket(prod.buckets.vectorStore) },
        ]), []);
    });
});

describe("seed 003 Bedrock agent role", () => {
    it("invokes its model and retrieves from its knowledge base", async () => {
        assert.deepEqual(await mismatches(agentRole, "Allowed", [
            { action: "bedrock:InvokeModel", resource: model(ids.modelId) },
            { action: "bedrock:Retrieve", resource: arns.bedrockKnowledgeBase(ids.knowledgeBaseId!) },
        ]), []);
    });

    it("invokes no other model, retrieves from no other knowledge base, and never invokes agents or reads S3", async () => {
        assert.deepEqual(await mismatches(agentRole, "Denied", [
            ...[...otherModels, titanEmbeddingsV2].map((id) => ({ action: "bedrock:InvokeModel", resource: model(id) })),
            { action: "bedrock:Retrieve", resource: arns.bedrockKnowledgeBase("KBOTHER001") },
            { action: "bedrock:Retrieve", resource: arns.in("eu-west-1").bedrockKnowledgeBase(ids.knowledgeBaseId!) },
            { action: "bedrock:InvokeAgent", resource: arns.bedrockAgentAlias(ids.agentId!, ids.agentAliasId!) },
            { action: "s3:GetObject", resource: arns.s3Objects(prod.buckets.knowledgeBase, "faq/churn.md") },
        ]), []);
    });

    it("invokes a configured model instead of the default, and retrieves nothing before the knowledge base exists", async () => {
        const other = role(prod.roles.agent, agentPolicy(arns, { modelId: "anthropic.claude-3-5-sonnet-20241022-v2:0" }));
        assert.deepEqual(await mismatches(other, "Allowed", [{ action: "bedrock:InvokeModel", resource: model("anthropic.claude-3-5-sonnet-20241022-v2:0") }]), []);
        assert.deepEqual(await mismatches(other, "Denied", [
            { action: "bedrock:InvokeModel", resource: model(defaultAgentModelId) },
            { action: "bedrock:Retrieve", resource: arns.bedrockKnowledgeBase(ids.knowledgeBaseId!) },
        ]), []);
    });
});

describe("seed 003 Bedrock trust", () => {
    for (const [kind, trust, resource, source] of [
        ["knowledge base", knowledgeBaseTrust(arns), prod.roles.knowledgeBase, arns.bedrockKnowledgeBase("KBPROD0001")],
        ["agent", agentTrust(arns), prod.roles.agent, arns.bedrockAgent("AGPROD0001")],
    ] as const) {
        it(`lets Bedrock assume the ${kind} role for this account's ${kind}s only`, async () => {
            const roleArn = arns.iamRole(resource);
            const principal = { arn: roleArn, policies: [], resourcePolicy: render(serviceTrustPolicy(trust)) };
            const ours = { "aws:SourceAccount": "123456789012", "aws:SourceArn": source };
            assert.deepEqual(await mismatches(principal, "Allowed", [{ action: "sts:AssumeRole", resource: roleArn, principal: "bedrock.amazonaws.com", context: ours }]), []);
            assert.deepEqual(await mismatches(principal, "Denied", [
                { action: "sts:AssumeRole", resource: roleArn, principal: "bedrock.amazonaws.com", context: { ...ours, "aws:SourceAccount": "210987654321" } },
                { action: "sts:AssumeRole", resource: roleArn, principal: "bedrock.amazonaws.com", context: { ...ours, "aws:SourceArn": source.replace(/(agent|knowledge-base)\//, "flow/") } },
                { action: "sts:AssumeRole", resource: roleArn, principal: "bedrock.amazonaws.com" },
                { action: "sts:AssumeRole", resource: roleArn, principal: "lambda.amazonaws.com", context: ours },
            ]), []);
        });
    }
});

describe("seed 003 Bedrock IDs", () => {
    it("accepts foundation model IDs and refuses anything else, saying what a model ID looks like", () => {
        for (const ok of [defaultAgentModelId, titanEmbeddingsV2, "anthropic.claude-3-5-sonnet-20241022-v2:0", "meta.llama3-1-70b-instruct-v1:0", "amazon.nova-pro-v1:0"]) {
            assert.equal(modelIdProblem(ok), undefined, ok);
        }
        for (const bad of ["claude-3-5-sonnet", "Anthropic.Claude-3-5-Sonnet", "anthropic.claude-3-5-sonnet-20240620-v1:0 ", "anthropic.*", "arn:aws:bedrock:us-east-1::foundation-model/x.y"]) {
            assert.match(modelIdProblem(bad) ?? "", /not a Bedrock foundation model ID/, bad);
        }
        assert.match(modelIdProblem("us.anthropic.claude-3-5-sonnet-20240620-v1:0") ?? "", /inference profile/);
    });

    it("accepts ten uppercase letters or digits as knowledge base, agent and alias IDs", () => {
        for (const ok of ["KBPROD0001", "TSTALIASID", "0123456789"]) assert.equal(bedrockIdProblem(ok), undefined, ok);
        for (const bad of ["kbprod0001", "KBPROD001", "KBPROD00001", "KB-PROD-01", "*"]) assert.match(bedrockIdProblem(bad) ?? "", /not a Bedrock ID/, bad);
    });
});
