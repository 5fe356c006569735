import { strict as assert } from "assert";
import {
    bucketKeys, engagementNames, functionKeys, nameProblems, pipelineFunctions, prefixProblem, serviceRoleKeys,
} from "../../../components/engagement/names";
import { arns, backticked, dev, prod, seedArns, seedSection } from "./fixtures";

describe("seed 003 names", () => {
    it("has the seed's eight Lambda functions, by the seed's names", () => {
        assert.deepEqual([...functionKeys], backticked(seedSection("Lambda Functions"), "**Services:**"));
    });

    it("has the seed's five pipeline functions, by the seed's names", () => {
        assert.deepEqual([...pipelineFunctions], backticked(seedSection("Step Functions"), "Invoke:"));
    });

    it("derives the raw bucket the seed's \"Good: Specific Resource ARNs\" example names", () => {
        assert.deepEqual([arns.s3Bucket(dev.buckets.raw), arns.s3Objects(dev.buckets.raw)], seedArns("Good: Specific Resource ARNs"));
    });

    it("gives every environment its own bucket, function, role, table, workgroup, database, repository and secrets path", () => {
        const differ = (pick: (n: typeof dev) => string) => assert.notEqual(pick(dev), pick(prod));
        bucketKeys.forEach((k) => differ((n) => n.buckets[k]));
        functionKeys.forEach((k) => differ((n) => n.functions[k]));
        functionKeys.forEach((k) => differ((n) => n.lambdaRoles[k]));
        serviceRoleKeys.forEach((k) => differ((n) => n.roles[k]));
        for (const pick of [
            (n: typeof dev) => n.predictionTable, (n: typeof dev) => n.athenaWorkgroup, (n: typeof dev) => n.glueDatabase,
            (n: typeof dev) => n.repositories.training, (n: typeof dev) => n.repositories.inference, (n: typeof dev) => n.secretsPath,
            (n: typeof dev) => n.stateMachine, (n: typeof dev) => n.cluster, (n: typeof dev) => n.metricNamespaces.training,
        ]) differ(pick);
    });

    it("puts Lambda and ECS logs where the services write them", () => {
        assert.equal(prod.functionLogGroups.predict, "/aws/lambda/engagement-predict-prod");
        assert.equal(prod.taskLogGroups.training, "/ecs/engagement-training-prod");
        assert.equal(prod.pipelineLogGroup, "/aws/vendedlogs/states/engagement-ml-pipeline-prod");
        assert.equal(prod.glueDatabase, "engagement_prod");
    });

    it("replaces only the names config overrides, and derived names follow them", () => {
        const names = engagementNames("engagement", "prod", {
            buckets: { raw: "acme-raw" }, functions: { predict: "score" }, roles: { predict: "score-role", pipeline: "sfn" },
            names: { trainingTaskFamily: "trainer" },
        });
        assert.equal(names.buckets.raw, "acme-raw");
        assert.equal(names.buckets.processed, prod.buckets.processed);
        assert.equal(names.functions.predict, "score");
        assert.equal(names.functionLogGroups.predict, "/aws/lambda/score");
        assert.equal(names.lambdaRoles.predict, "score-role");
        assert.equal(names.lambdaRoles.ensemble, prod.lambdaRoles.ensemble);
        assert.equal(names.roles.pipeline, "sfn");
        assert.equal(names.taskLogGroups.training, "/ecs/trainer");
    });

    it("finds no problem with the defaults, and names each problem's config path", () => {
        assert.deepEqual(nameProblems(prod), []);
        assert.deepEqual(nameProblems(engagementNames("engagement-analytics", "staging")).map((p) => p.path), ["roles.knowledgeBase"]);
        const bad = nameProblems(engagementNames("engagement", "prod", { buckets: { results: "Results_Bucket" }, names: { secretsPath: "engagement/prod" } }));
        assert.deepEqual(bad.map((p) => [p.path, p.value]), [["buckets.results", "Results_Bucket"], ["names.secretsPath", "engagement/prod"]]);
    });

    it("accepts bucket-safe prefixes only", () => {
        for (const ok of ["engagement", "cep", "e2-platform"]) assert.equal(prefixProblem(ok), undefined, ok);
        for (const bad of ["Engagement", "-engagement", "engagement-", "en--gagement", "e", "engagement_platform", "a-very-long-project-prefix"]) {
            assert.match(prefixProblem(bad) ?? "", /not a project prefix/, bad);
        }
    });
});
