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

    it("blocks AmazonEKSAdminPolicy at cluster scope (admin in every namespace), and passes it at namespace scope", async () => {
        const adminPolicy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy";
        const prod = of(await judge("prod", [association({ policyArn: adminPolicy })]), policy);
        assert.deepStrictEqual(prod.map((v) => v.level), ["mandatory"]);
        assert.strictEqual(lines(prod)[0].split("\n")[0],
            'ci-admin › policyArn: AmazonEKSAdminPolicy at cluster scope makes "arn:aws:iam::123456789012:role/ci" Kubernetes admin in every namespace of cluster "engagement", kube-system among them: most resources, Secrets included, and the roles and role bindings of each namespace (AWS: https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html)');
        assert.deepStrictEqual(of(await judge("prod", [association({ policyArn: adminPolicy, accessScope: { type: "namespace", namespaces: ["engagement"] } })]), policy), []);
        assert.deepStrictEqual(of(await judge("prod", [association({ policyArn: `${adminPolicy}/extra` })]), policy), [], "a longer name is another ARN");
    });

    it("judges namespace scope that reaches the cluster: a namespace of wildcards only, or kube-system; a named prefix passes (red-team)", async () => {
        const scoped = (namespaces: unknown[], policyArn = admin) => association({ policyArn, accessScope: { type: "namespace", namespaces } });
        const [every] = lines(of(await judge("prod", [scoped(["*"])]), policy));
        assert.match(every, /^ci-admin › policyArn: AmazonEKSClusterAdminPolicy at namespace scope with "\*", which matches every namespace makes "arn:aws:iam::123456789012:role\/ci" Kubernetes cluster-admin on cluster "engagement"/);
        const [system] = lines(of(await judge("prod", [scoped(["engagement", "kube-system"], "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy")]), policy));
        assert.match(system, /^ci-admin › policyArn: AmazonEKSAdminPolicy in kube-system makes "arn:aws:iam::123456789012:role\/ci" an administrator of kube-system on cluster "engagement", whose Secrets and controller service accounts hold the cluster's own rights: cluster-admin in practice/);
        for (const namespaces of [["dev-*"], ["engagement", "engagement-jobs"]]) assert.deepStrictEqual(of(await judge("prod", [scoped(namespaces)]), policy), [], JSON.stringify(namespaces));
        assert.deepStrictEqual(of(await judge("prod", [scoped(["kube-system"], "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy")]), policy), [], "viewing kube-system");
    });

    describe("the aws-auth ConfigMap", () => {
        const mapRoles = [
            "- rolearn: arn:aws:iam::123456789012:role/nodes",
            "  username: system:node:{{EC2PrivateDNSName}}",
            "  groups: [system:bootstrappers, system:nodes]",
            "- rolearn: arn:aws:iam::123456789012:role/ci",
            "  username: ci",
            "  groups:",
            "    - system:masters",
        ].join("\n");
        const awsAuth = (data: unknown, metadata: Record<string, unknown> = { name: "aws-auth", namespace: "kube-system" }, type = "kubernetes:core/v1:ConfigMap") =>
            ({ type, name: "aws-auth", props: { apiVersion: "v1", kind: "ConfigMap", metadata, data } });

        it("blocks a mapping to system:masters in prod, naming the entry and the principal; advisory in dev", async () => {
            const prod = of(await judge("prod", [awsAuth({ mapRoles })]), policy);
            assert.deepStrictEqual(prod.map((v) => v.level), ["mandatory"]);
            assert.deepStrictEqual(lines(prod), [
                'aws-auth › data.mapRoles[1]: aws-auth puts "arn:aws:iam::123456789012:role/ci" in the group system:masters, the Kubernetes superuser group: every verb on every resource, and no RBAC rule can take it back (Kubernetes: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings)\n' +
                "fix: map the principal to a group of your own that a RoleBinding limits to the workload's namespaces, or replace the mapping with an EKS access entry and AmazonEKSEditPolicy at namespace scope",
            ]);
            assert.deepStrictEqual(of(await judge("dev", [awsAuth({ mapRoles })]), policy).map((v) => v.level), ["advisory"]);
        });

        it("reads mapUsers, a ConfigMapPatch, a namespace left to the provider and one not known at preview", async () => {
            const mapUsers = "- userarn: arn:aws:iam::123456789012:user/ops\n  username: ops\n  groups: [system:masters]\n";
            const first = (violations: { message: string }[]) => violations.map((v) => v.message.split("\n")[1].split(": aws-auth")[0]);
            assert.deepStrictEqual(first(of(await judge("prod", [awsAuth({ mapUsers })]), policy)), ["aws-auth › data.mapUsers[0]"]);
            assert.deepStrictEqual(first(of(await judge("prod", [awsAuth({ mapRoles }, { name: "aws-auth", namespace: "kube-system" }, "kubernetes:core/v1:ConfigMapPatch")]), policy)), ["aws-auth › data.mapRoles[1]"]);
            assert.deepStrictEqual(first(of(await judge("prod", [awsAuth({ mapRoles }, { name: "aws-auth" })]), policy)), ["aws-auth › data.mapRoles[1]"]);
            assert.deepStrictEqual(first(of(await judge("prod", [awsAuth({ mapRoles }, { name: "aws-auth", namespace: unknownString })]), policy)), ["aws-auth › data.mapRoles[1]"]);
        });

        it("reads keys in any case, as the authenticator does, and an empty namespace as the provider's default (red-team)", async () => {
            const first = (violations: { message: string }[]) => violations.map((v) => v.message.split("\n")[1].split(": aws-auth")[0]);
            const crazy = "- RoleArn: arn:aws:iam::123456789012:role/ci\n  UserName: ci\n  Groups:\n    - system:masters\n";
            assert.deepStrictEqual(first(of(await judge("prod", [awsAuth({ mapRoles: crazy })]), policy)), ["aws-auth › data.mapRoles[0]"]);
            const [users] = of(await judge("prod", [awsAuth({ mapUsers: "- USERARN: arn:aws:iam::123456789012:user/ops\n  GROUPS: [system:masters]\n" })]), policy);
            assert.match(users.message, /aws-auth puts "arn:aws:iam::123456789012:user\/ops" in the group system:masters/);
            assert.deepStrictEqual(first(of(await judge("prod", [awsAuth({ mapRoles }, { name: "aws-auth", namespace: "" })]), policy)), ["aws-auth › data.mapRoles[1]"]);
        });

        it("passes groups of the cluster's own, another map's name or namespace, and data not known at preview", async () => {
            const own = "- rolearn: arn:aws:iam::123456789012:role/ci\n  username: ci\n  groups: [deployers, system:mastersx]\n";
            for (const resource of [
                awsAuth({ mapRoles: own }),
                awsAuth({ mapRoles }, { name: "aws-auth-copy", namespace: "kube-system" }),
                awsAuth({ mapRoles }, { name: "aws-auth", namespace: "engagement" }),
                awsAuth({ mapRoles: unknownString }),
                awsAuth(unknownString),
                awsAuth({ mapRoles: "" }),
                awsAuth({ mapRoles }, unknownString as unknown as Record<string, unknown>),
            ]) assert.deepStrictEqual(of(await judge("prod", [resource]), policy), [], JSON.stringify(resource.props));
        });

        it("reports a map it cannot read instead of passing it: text that is not YAML, or YAML that is not a list", async () => {
            const messages = async (data: unknown) => of(await judge("prod", [awsAuth(data)]), policy).map((v) => v.message.split("\n").slice(1).join("\n"));
            const [broken] = await messages({ mapRoles: "- rolearn: [unclosed" });
            assert.match(broken, /^aws-auth › data\.mapRoles: the aws-auth map cannot be judged: it is not YAML \(.+\), and EKS's authenticator reads the same text\nfix: write mapRoles as a YAML list of \{rolearn or userarn, username, groups\}$/);
            assert.deepStrictEqual(await messages({ mapUsers: "rolearn: arn:aws:iam::123456789012:role/ci" }), [
                "aws-auth › data.mapUsers: the aws-auth map cannot be judged: it is not a YAML list of mappings, and EKS's authenticator reads the same text\nfix: write mapUsers as a YAML list of {rolearn or userarn, username, groups}",
            ]);
        });
    });
});
