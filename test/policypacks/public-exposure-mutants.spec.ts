/** no-public-exposure: the verdicts the mutation run found unspecified (issue 21). */
import * as assert from "assert";
import { buildPolicies } from "../../policypacks/least-privilege/registry";
import { TestResource, policyNamed, validateResource } from "./support";

const exposure = (resource: TestResource) => validateResource(policyNamed(buildPolicies({ environment: "prod" }), "no-public-exposure"), resource);
const bucketAcl = (props: Record<string, unknown>): TestResource => ({ type: "aws:s3/bucketAclV2:BucketAclV2", name: "site-acl", props: { bucket: "site", ...props } });
const owner = { id: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" };

describe("least-privilege pack: no-public-exposure, how values are normalized (mutants)", () => {
    it("a canned ACL is one token: a list, or a comma-separated text, is no canned public ACL", async () => {
        assert.strictEqual((await exposure(bucketAcl({ acl: "public-read" }))).length, 1, "the plain value is public");
        for (const acl of [["public-read"], "public-read,private"]) {
            assert.deepStrictEqual(await exposure(bucketAcl({ acl })), [], JSON.stringify(acl));
        }
    });

    it("a grantee URI drops only a leading http(s)://: the scheme at the end does not make it the AllUsers group", async () => {
        const grant = (uri: string) => bucketAcl({ accessControlPolicy: { owner, grants: [{ grantee: { type: "Group", uri }, permission: "READ" }] } });
        assert.strictEqual((await exposure(grant("https://acs.amazonaws.com/groups/global/AllUsers"))).length, 1, "the plain URI is public");
        assert.deepStrictEqual(await exposure(grant("acs.amazonaws.com/groups/global/AllUsershttp://")), []);
    });
});
