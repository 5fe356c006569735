import * as assert from "assert";
import { credentialFinding, longLivedCredentials } from "../../policypacks/least-privilege/policies/long-lived-credentials";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { TestResource, Violation, judge, of, policyNamed, unknownString, validateResource } from "./support";

const check = (resource: TestResource, environment = "prod") => validateResource(policyNamed(buildPolicies({ environment }), "no-long-lived-credentials"), resource);
const body = (v: Violation) => v.message.split("\n").slice(1).join("\n");
const fix = "fix: run the application under a role (stack config principal: role with trustedServices) and remove the credential; keep access keys to dev";

describe("least-privilege pack: no-long-lived-credentials", () => {
    it("an access key in prod is blocked with the seeds' rule and the role fix; in dev it is advisory", async () => {
        const key: TestResource = { type: "aws:iam/accessKey:AccessKey", name: "sender-key", props: { user: "aws-eum-x-sender" } };
        const prod = await check(key);
        assert.deepStrictEqual(prod.map((v) => [v.level, body(v)]), [["mandatory",
            'sender-key › credential: an access key (a secret that works until someone deletes it) for user "aws-eum-x-sender" is a long-lived credential; ' +
            "seeds 000 and 004: production runs as a role with temporary credentials, no static credentials (AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html)\n" + fix]]);
        assert.deepStrictEqual((await check(key, "dev")).map((v) => [v.level, v.message]), [["advisory", prod[0].message]]);
        assert.deepStrictEqual((await check(key, "staging")).map((v) => v.level), ["advisory"]);
        assert.deepStrictEqual((await check(key, "")).map((v) => v.level), ["mandatory"], "an unnamed environment fails closed");
    });

    it("console passwords, service-specific credentials, signing certificates and SSH keys", async () => {
        const cases: [TestResource, RegExp][] = [
            [{ type: "aws:iam/userLoginProfile:UserLoginProfile", name: "p", props: { user: "alice", passwordResetRequired: true } }, /^p › credential: a console password for an IAM user for user "alice"/],
            [{ type: "aws:iam/serviceSpecificCredential:ServiceSpecificCredential", name: "s", props: { serviceName: "bedrock.amazonaws.com", userName: "app", credentialAgeDays: 30 } }, /^s › credential: a service-specific credential .* for user "app"/],
            [{ type: "aws:iam/signingCertificate:SigningCertificate", name: "c", props: { certificateBody: "-----BEGIN CERTIFICATE-----", userName: "app" } }, /^c › credential: an X\.509 signing certificate/],
            [{ type: "aws:iam/sshKey:SshKey", name: "k", props: { username: "app", encoding: "SSH", publicKey: "ssh-rsa AAAA" } }, /^k › credential: an SSH public key .* for user "app"/],
            [{ type: "aws-native:iam:User", name: "u", props: { userName: "alice", loginProfile: { password: unknownString } } }, /^u › loginProfile: a console password for an IAM user \(loginProfile\) for user "alice"/],
            [{ type: "aws:iam/accessKey:AccessKey", name: "later", props: { user: unknownString } }, /^later › credential: an access key .* for user \(not known at preview\)/],
        ];
        for (const [resource, pattern] of cases) {
            const violations = await check(resource);
            assert.strictEqual(violations.length, 1, resource.type);
            assert.strictEqual(violations[0].level, "mandatory");
            assert.match(body(violations[0]), pattern);
        }
    });

    it("users without credentials, roles and server certificates pass", async () => {
        assert.deepStrictEqual(await check({ type: "aws-native:iam:User", name: "u", props: { userName: "alice" } }), []);
        assert.deepStrictEqual(await check({ type: "aws:iam/user:User", name: "u", props: { name: "alice" } }), []);
        assert.deepStrictEqual(await check({ type: "aws:iam/role:Role", name: "r", props: { name: "app" } }), []);
        assert.deepStrictEqual(await check({ type: "aws:iam/serverCertificate:ServerCertificate", name: "tls", props: { certificateBody: "x", privateKey: "y" } }), []);
    });

    it("an exemption for one named key prints it as advisory with its reason", async () => {
        const key: TestResource = { type: "aws:iam/accessKey:AccessKey", name: "vendor-key", props: { user: "vendor" } };
        const config = { "no-long-lived-credentials": { exemptions: [{ resource: "vendor-key", reason: "vendor SFTP bridge cannot assume roles; rotates every 90 days; SEC-9" }] } };
        const violations = await judge("prod", [key], { config });
        assert.deepStrictEqual(of(violations, "no-long-lived-credentials"), []);
        assert.match(of(violations, "exempted-findings")[0].message, /\[no-long-lived-credentials\] vendor-key › credential: an access key .*\nfix: .*\nexempted: vendor SFTP bridge cannot assume roles; rotates every 90 days; SEC-9$/);
    });

    it("every entry cites an AWS page", () => {
        for (const credential of longLivedCredentials) assert.match(credential.source, credential.type.startsWith("AWS::") ? /^https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/UserGuide\/aws-resource-iam-/ : /^https:\/\/docs\.aws\.amazon\.com\/IAM\//, credential.type);
    });
    it("names the user when the input is a non-empty string, and says (unnamed) for a missing, empty or non-string one", async () => {
        const userOf = async (props: Record<string, unknown>) => (await check({ type: "aws:iam/accessKey:AccessKey", name: "k", props })).map((v) => /for user (.*) is a long-lived credential/.exec(v.message)?.[1]);
        assert.deepStrictEqual(await userOf({}), ["(unnamed)"]);
        assert.deepStrictEqual(await userOf({ user: "" }), ["(unnamed)"]);
        assert.deepStrictEqual(await userOf({ user: 5 }), ["(unnamed)"]);
        assert.deepStrictEqual(await userOf({ user: "app" }), ['"app"']);
    });

    it("prints the policy's description above each finding", async () => {
        const [violation] = await check({ type: "aws:iam/accessKey:AccessKey", name: "k", props: { user: "app" } });
        assert.strictEqual(violation.message.split("\n")[0], "No IAM access keys, console passwords, service-specific credentials, signing certificates or SSH keys (production uses roles; seeds 000, 004).");
    });

    it("a user whose loginProfile is null has no console password", async () => {
        assert.deepStrictEqual(await check({ type: "aws-native:iam:User", name: "u", props: { userName: "alice", loginProfile: null } }), []);
    });

    it("makes no finding for a type that carries no credential", () => {
        assert.strictEqual(credentialFinding("r", "aws:iam/role:Role", { name: "app" }), undefined);
    });

    it("an exemption's resourcePattern matches the input the finding is about: credential, or loginProfile on a native user", async () => {
        const exempt = (resourcePattern: string) => ({ "no-long-lived-credentials": { exemptions: [{ resource: "k", resourcePattern, reason: "vendor bridge; SEC-9" }] } });
        const key: TestResource = { type: "aws:iam/accessKey:AccessKey", name: "k", props: { user: "vendor" } };
        const user: TestResource = { type: "aws-native:iam:User", name: "k", props: { userName: "vendor", loginProfile: { password: "x" } } };
        const blocked = async (resource: TestResource, pattern: string) => of(await judge("prod", [resource], { config: exempt(pattern) }), "no-long-lived-credentials").length;
        assert.strictEqual(await blocked(key, "credential"), 0);
        assert.strictEqual(await blocked(key, "loginProfile"), 1);
        assert.strictEqual(await blocked(user, "loginProfile"), 0);
        assert.strictEqual(await blocked(user, "credential"), 1);
    });
});
