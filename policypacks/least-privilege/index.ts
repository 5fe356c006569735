// The pack's entry: only constructs the PolicyPack (policies.ts holds everything else). Which
// stacks are production comes from the stack's name and its aws-workloads:environment, as the CLI
// hands them to the analyzer, the accounts its config names, and the pack's environment variables (environment.ts).
import { PolicyPack } from "@pulumi/policy";
import { detectEnvironment, environmentListsFrom } from "./environment";
import { buildPolicies } from "./registry";
import { mentionedAccounts, stackAccounts } from "./stack-accounts";

const { environment, stack } = detectEnvironment(process.env);

new PolicyPack("least-privilege", {
    policies: buildPolicies({ environment, stack, accounts: stackAccounts(process.env), deploysTo: mentionedAccounts(process.env), ...environmentListsFrom(process.env) }),
});
