import * as assert from "assert";
import { judge, mandatory, of, unknownString } from "./support";

const policy = "no-cluster-admin";
const admin = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const association = (props: Record<string, unknown>, name = "ci-admin") => ({
    type: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    name,
    props: { clusterName: "engagement", principalArn: "arn:aws:iam::123456789012:role/ci", policyArn: admin, accessScope: { type: "cluster" }, ...props },
});
const lines = (violations: { message: string }[]) => violations.map((v) => v.message.split("\n").slice(1).join("\n"));

describe("least-privilege pack: no-cluster-admin (EKS access entries)", () => {
    it("blocks AmazonEKSClusterAdminPolicy at cluster scope in prod, naming the principal, cluster, scope and fix; advisory in dev", async () => {
        const prod = of(await judge("prod", [association({})]), policy);
        assert.deepStrictEqual(prod.map((v) => v.level), ["mandatory"]);
        assert.deepStrictEqual(lines(prod), [
            'ci-admin › policyArn: AmazonEKSClusterAdminPolicy at cluster scope makes "arn:aws:iam::123456789012:role/ci" Kubernetes cluster-admin on cluster "engagement": every verb on every resource (AWS: https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html)\n' +
            "fix: associate AmazonEKSEditPolicy or AmazonEKSViewPolicy at namespace scope (accessScope type namespace with the workload's namespaces), or a Kubernetes RBAC group that names what the principal does",
        ]);
        assert.deepStrictEqual(of(await judge("dev", [association({})]), policy).map((v) => v.level), ["advisory"]);
        const gov = of(await judge("prod", [association({ policyArn: "arn:aws-us-gov:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy" })]), policy);
        assert.strictEqual(gov.length, 1, "any partition");
    });

    it("passes namespace scope, narrower access policies and other ARNs", async () => {
        for (const props of [
            { accessScope: { type: "namespace", namespaces: ["engagement"] } },
            { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy" },
            { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy" },
            { policyArn: `${admin}-not` },
        ]) {
            assert.deepStrictEqual(of(await judge("prod", [association(props)]), policy), [], JSON.stringify(props));
        }
    });

    it("judges a scope not known at preview as the whole cluster, and says so", async () => {
        const [violation] = of(await judge("prod", [association({ accessScope: unknownString })]), policy);
        assert.match(violation.message, /ci-admin › policyArn: AmazonEKSClusterAdminPolicy at a scope not known at preview \(judged as the whole cluster\) makes/);
        const [inner] = of(await judge("prod", [association({ accessScope: { type: unknownString } })]), policy);
        assert.match(inner.message, /at a scope not known at preview/);
    });

    it("reads aws-native AccessEntry lists and CloudFormation templates", async () => {
        const entry = {
            type: "aws-native:eks:AccessEntry", name: "entry",
            props: { clusterName: "engagement", principalArn: "arn:aws:iam::123456789012:role/ops", accessPolicies: [
                { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: { type: "cluster" } },
                { policyArn: admin, accessScope: { type: "cluster" } },
            ] },
        };
        assert.deepStrictEqual(mandatory(await judge("prod", [entry])).map((v) => `${v.policy} ${v.message.split("\n")[1].split(":")[0]}`), [`${policy} entry › accessPolicies[1].policyArn`]);
        const template = { Resources: { Ops: { Type: "AWS::EKS::AccessEntry", Properties: { ClusterName: "engagement", PrincipalArn: "arn:aws:iam::123456789012:role/ops", AccessPolicies: [{ PolicyArn: admin, AccessScope: { Type: "cluster" } }] } } } };
        const stack = { type: "aws:cloudformation/stack:Stack", name: "legacy", props: { name: "legacy", templateBody: JSON.stringify(template) } };
        const [violation, ...rest] = of(await judge("prod", [stack]), policy);
        assert.deepStrictEqual(rest, []);
        assert.match(violation.message, /legacy › templateBody › Resources\.Ops\.Properties › accessPolicies\[0\]\.policyArn: AmazonEKSClusterAdminPolicy at cluster scope makes "arn:aws:iam::123456789012:role\/ops"/);
    });

    it("takes an exemption for the resource, and prints the finding as advisory with its reason", async () => {
        const config = { [policy]: { exemptions: [{ resource: "ci-admin", reason: "break-glass role, reviewed in SEC-12" }] } };
        const violations = await judge("prod", [association({})], { config });
        assert.deepStrictEqual(of(violations, policy), []);
        const [exempted] = of(violations, "exempted-findings");
        assert.strictEqual(exempted.level, "advisory");
        assert.match(exempted.message, /\[no-cluster-admin\] ci-admin › policyArn: AmazonEKSClusterAdminPolicy[\s\S]*exempted: break-glass role, reviewed in SEC-12/);
    });

    it("reads odd inputs without crashing: list items that are not objects, a missing or unknown principal, a null scope, a policyArn that is not a string", async () => {
        const entry = { type: "aws-native:eks:AccessEntry", name: "entry", props: { clusterName: "", principalArn: unknownString, accessPolicies: [null, "text", 5, { policyArn: admin, accessScope: null }] } };
        assert.deepStrictEqual(of(await judge("prod", [entry]), policy).map((v) => v.message.split("\n")[1].split(": every verb")[0]), [
            'entry › accessPolicies[3].policyArn: AmazonEKSClusterAdminPolicy at cluster scope makes (not known at preview) Kubernetes cluster-admin on cluster (unnamed)',
        ]);
        const [unnamed] = of(await judge("prod", [association({ principalArn: undefined, clusterName: 7 })]), policy);
        assert.match(unnamed.message, /makes \(unnamed\) Kubernetes cluster-admin on cluster \(unnamed\)/);
        assert.deepStrictEqual(of(await judge("prod", [association({ policyArn: 5 }), association({ policyArn: unknownString }, "later")]), policy), []);
    });
});
