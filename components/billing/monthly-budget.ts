/**
 * A monthly cost budget that emails when spend crosses a threshold: the "billing alerts" the
 * seeds recommend (seed 004 "Set up billing alerts", seed 001 "Set up AWS Budgets alerts").
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../tags";

/** A workload's budget, as stack config gives it. */
export interface BudgetSettings {
    /** Budget name, unique in the account. Default: the workload's. */
    readonly name?: string;
    /** Monthly limit in US dollars. Required. */
    readonly limitUsd: number;
    /** Who gets the alert emails. Required, at least one. */
    readonly emails: readonly string[];
    /** Email when actual spend passes this percentage of the limit. Default: 80. */
    readonly alertAtPercent?: number;
    /**
     * Cost Explorer `Service` values to count (e.g. `Amazon Bedrock`). Default: none, so the
     * whole account's bill counts: a wrong service name would make a budget that never alerts.
     */
    readonly services?: readonly string[];
}

export interface MonthlyBudgetArgs extends BudgetSettings {
    /** Budget name, unique in the account. Required. */
    readonly budgetName: string;
    /** The account the budget watches. Required. */
    readonly accountId: string;
    readonly tags?: Tags;
}

/** An AWS Budgets COST budget, monthly, in USD; alerts on actual spend and on a forecast above the limit. */
export function monthlyBudget(name: string, args: MonthlyBudgetArgs, opts: pulumi.CustomResourceOptions): aws.budgets.Budget {
    if (args.emails.length === 0) throw new Error(`budget ${args.budgetName} needs at least one email address to notify`);
    const subscriberEmailAddresses = [...args.emails];
    return new aws.budgets.Budget(name, {
        name: args.budgetName,
        accountId: args.accountId,
        budgetType: "COST",
        limitAmount: String(args.limitUsd),
        limitUnit: "USD",
        timeUnit: "MONTHLY",
        costFilters: args.services && args.services.length > 0 ? [{ name: "Service", values: [...args.services] }] : undefined,
        notifications: [
            { notificationType: "ACTUAL", comparisonOperator: "GREATER_THAN", threshold: args.alertAtPercent ?? 80, thresholdType: "PERCENTAGE", subscriberEmailAddresses },
            { notificationType: "FORECASTED", comparisonOperator: "GREATER_THAN", threshold: 100, thresholdType: "PERCENTAGE", subscriberEmailAddresses },
        ],
        tags: args.tags,
    }, opts);
}
