// The pack's entry: only constructs the PolicyPack (policies.ts holds everything else).
// The environment comes from the stack's config (`aws-workloads:environment`), else the stack
// name; LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS (comma-separated) replaces `prod,production`.
import { PolicyPack } from "@pulumi/policy";
import { detectEnvironment } from "./environment";
import { buildPolicies } from "./policies";

const { environment } = detectEnvironment(process.env);
const productionEnvironments = process.env.LEAST_PRIVILEGE_PRODUCTION_ENVIRONMENTS?.split(",").map((e) => e.trim()).filter((e) => e !== "");

new PolicyPack("least-privilege", {
    policies: buildPolicies({ environment, ...(productionEnvironments && productionEnvironments.length > 0 ? { productionEnvironments } : {}) }),
});
