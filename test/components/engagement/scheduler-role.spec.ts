import { strict as assert } from "assert";
import { render } from "../../../components/iam/document";
import { serviceTrustPolicy } from "../../../components/iam/trust";
import { schedulerPolicy, schedulerTrust } from "../../../components/engagement/scheduler-role";
import { mismatches } from "../../support/simulate";
import { arns, dev, prod, role } from "./fixtures";

describe("seed 003 EventBridge Scheduler role", () => {
    const scheduler = role(prod.roles.scheduler, schedulerPolicy(arns, prod));

    it("starts this environment's state machine and nothing else", async () => {
        assert.deepEqual(await mismatches(scheduler, "Allowed", [{ action: "states:StartExecution", resource: arns.stateMachine(prod.stateMachine) }]), []);
        assert.deepEqual(await mismatches(scheduler, "Denied", [
            { action: "states:StartExecution", resource: arns.stateMachine(dev.stateMachine) },
            { action: "states:StartExecution", resource: arns.stateMachine("another-pipeline") },
            { action: "states:StopExecution", resource: `${arns.stateMachineExecutions(prod.stateMachine).slice(0, -1)}run-1` },
            { action: "lambda:InvokeFunction", resource: arns.lambdaFunction(prod.functions.data_prep) },
        ]), []);
    });

    it("is assumed by EventBridge Scheduler only for schedules in the project's group of this account", async () => {
        const roleArn = arns.iamRole(prod.roles.scheduler);
        const trust = { arn: roleArn, policies: [], resourcePolicy: render(serviceTrustPolicy(schedulerTrust(arns, prod))) };
        const ours = { "aws:SourceAccount": "123456789012", "aws:SourceArn": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly-retrain" };
        assert.deepEqual(await mismatches(trust, "Allowed", [{ action: "sts:AssumeRole", resource: roleArn, principal: "scheduler.amazonaws.com", context: ours }]), []);
        assert.deepEqual(await mismatches(trust, "Denied", [
            { action: "sts:AssumeRole", resource: roleArn, principal: "scheduler.amazonaws.com", context: { ...ours, "aws:SourceArn": "arn:aws:scheduler:us-east-1:123456789012:schedule/other-team/x" } },
            { action: "sts:AssumeRole", resource: roleArn, principal: "scheduler.amazonaws.com", context: { ...ours, "aws:SourceAccount": "210987654321" } },
            { action: "sts:AssumeRole", resource: roleArn, principal: "events.amazonaws.com", context: ours },
        ]), []);
    });
});
