/**
 * The optional EventBridge Scheduler role (seed 003, Step Functions 4, "if using scheduled
 * execution"): a schedule in the project's schedule group may start this state machine, nothing else.
 */
import { Arns } from "../iam/arn";
import { PolicyDocument, allow, policy } from "../iam/document";
import { TrustArgs } from "../iam/trust";
import { EngagementNames } from "./names";

export function schedulerPolicy(arns: Arns, names: EngagementNames): PolicyDocument {
    return policy(allow("StartPipelineExecution", ["states:StartExecution"], arns.stateMachine(names.stateMachine)));
}

/** EventBridge Scheduler assumes the role only for this account's schedules in the project's group. */
export function schedulerTrust(arns: Arns, names: EngagementNames): TrustArgs {
    return { services: ["scheduler.amazonaws.com"], accountId: arns.scope.accountId, sourceArns: [arns.scheduleGroup(names.scheduleGroup)] };
}
