/**
 * Check 5 of issue 8, `aws-name-rules`: physical names AWS would reject at `pulumi up`: IAM role,
 * user and policy names and paths, S3 bucket names, Lambda function names and log group names.
 * The rules live in `naming.ts`, shared with stack config validation. Names left to
 * Pulumi's auto-naming (absent) or unknown at preview are not judged.
 */
import type { EnforcementLevel, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { bucketNameProblem, iamNameProblem, iamPathProblem, lambdaFunctionNameProblem, logGroupNameProblem } from "../iam/naming";
import { known } from "../iam/resource-documents";

interface NameRule {
    readonly field: string;
    readonly what: string;
    readonly problem: (value: string) => string | undefined;
}

const iamPath: NameRule = { field: "path", what: "IAM path", problem: iamPathProblem };

/** Type token -> the name fields AWS constrains. */
const rules: ReadonlyMap<string, readonly NameRule[]> = new Map<string, readonly NameRule[]>([
    ["aws:iam/role:Role", [{ field: "name", what: "IAM role name", problem: (n) => iamNameProblem("role", n) }, iamPath]],
    ["aws:iam/user:User", [{ field: "name", what: "IAM user name", problem: (n) => iamNameProblem("user", n) }, iamPath]],
    ["aws:iam/policy:Policy", [{ field: "name", what: "IAM policy name", problem: (n) => iamNameProblem("policy", n) }, iamPath]],
    ["aws:iam/rolePolicy:RolePolicy", [{ field: "name", what: "inline policy name", problem: (n) => iamNameProblem("inline policy", n) }]],
    ["aws:iam/userPolicy:UserPolicy", [{ field: "name", what: "inline policy name", problem: (n) => iamNameProblem("inline policy", n) }]],
    ["aws:s3/bucket:Bucket", [{ field: "bucket", what: "S3 bucket name", problem: bucketNameProblem }]],
    ["aws:s3/bucketV2:BucketV2", [{ field: "bucket", what: "S3 bucket name", problem: bucketNameProblem }]],
    ["aws:lambda/function:Function", [{ field: "name", what: "Lambda function name", problem: lambdaFunctionNameProblem }]],
    ["aws:cloudwatch/logGroup:LogGroup", [{ field: "name", what: "log group name", problem: logGroupNameProblem }]],
]);

/** The name problems of one resource, as violation messages. */
export function nameProblems(resourceName: string, type: string, props: Record<string, unknown>): string[] {
    const messages: string[] = [];
    for (const rule of rules.get(type) ?? []) {
        const value = known(props, rule.field);
        if (typeof value !== "string") continue;
        const problem = rule.problem(value);
        if (problem) messages.push(`${resourceName} › ${rule.field}: ${rule.what} ${JSON.stringify(value)} ${problem}; AWS rejects it at \`pulumi up\`\nfix: rename it to follow the rule (every physical name can be set in stack config)`);
    }
    return messages;
}

export function awsNameRulesPolicy(enforcementLevel: EnforcementLevel): ResourceValidationPolicy {
    return {
        name: "aws-name-rules",
        description: "IAM, S3, Lambda and CloudWatch Logs names follow the rules AWS enforces (naming.ts).",
        enforcementLevel,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!rules.has(args.type)) return;
            for (const message of nameProblems(args.name, args.type, args.props)) reportViolation(message);
        },
    };
}
