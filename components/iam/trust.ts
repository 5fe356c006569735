/**
 * Trust policies for service roles, with confused-deputy conditions where the service
 * sends them. A service that does not populate `aws:SourceAccount` when it assumes a role
 * would be locked out by the condition, so those are listed with the reason.
 */
import { Condition, PolicyDocument, Statement, conditions, policy } from "./document";
import { sourceAccount, sourceArn } from "./conditions";

/**
 * Service principals that assume roles without a source context: the condition would deny them.
 * EC2 assumes an instance profile's role for the instance itself; Lambda assumes the execution
 * role for the function. Both are bound to this account by `iam:PassRole` at attach time instead.
 */
export const servicesWithoutSourceContext: ReadonlySet<string> = new Set(["ec2.amazonaws.com", "lambda.amazonaws.com"]);

/**
 * Service principals that also pass session tags, so the role must trust `sts:TagSession` too.
 * EKS Pod Identity tags each session with the cluster, namespace and service account
 * ("Create IAM role with trust policy required by EKS Pod Identity", Amazon EKS User Guide).
 */
export const servicesThatTagSessions: ReadonlySet<string> = new Set(["pods.eks.amazonaws.com"]);

export interface TrustArgs {
    /** Service principals that may assume the role, e.g. `ecs-tasks.amazonaws.com`. */
    readonly services: readonly string[];
    /** The account the calling service must act for (`aws:SourceAccount`). */
    readonly accountId: string;
    /** Resources the calling service must act for (`aws:SourceArn`, ArnLike); optional. */
    readonly sourceArns?: readonly string[];
}

/** One statement for services that send a source context (guarded), one for those that also tag sessions (guarded), one for those that send none. */
export function serviceTrustPolicy(args: TrustArgs): PolicyDocument {
    if (args.services.length === 0) throw new Error("a service role needs at least one trusted service principal");
    const tagging = args.services.filter((s) => servicesThatTagSessions.has(s));
    const guarded = args.services.filter((s) => !servicesWithoutSourceContext.has(s) && !servicesThatTagSessions.has(s));
    const unguarded = args.services.filter((s) => servicesWithoutSourceContext.has(s));
    const guard: Condition = conditions(
        sourceAccount(args.accountId),
        args.sourceArns && args.sourceArns.length > 0 ? sourceArn(args.sourceArns) : undefined,
    );
    const statements: Statement[] = [];
    if (guarded.length > 0) statements.push(assume("TrustedServicesForThisAccount", guarded, guard));
    if (tagging.length > 0) statements.push(assume("TrustedSessionTaggingServicesForThisAccount", tagging, guard, ["sts:AssumeRole", "sts:TagSession"]));
    if (unguarded.length > 0) statements.push(assume("TrustedComputeServices", unguarded));
    return policy(...statements);
}

function assume(sid: string, services: readonly string[], condition?: Condition, actions: readonly string[] = ["sts:AssumeRole"]): Statement {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: services.length === 1 ? services[0] : [...services] },
        Action: [...actions],
        ...(condition ? { Condition: condition } : {}),
    };
}
