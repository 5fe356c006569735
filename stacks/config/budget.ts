/** The `budget` object a workload section may hold: a monthly cost alert (seeds 001 and 004). */
import { BudgetSettings } from "../../components/billing/monthly-budget";
import { ConfigError } from "./config-error";
import { costExplorerServiceProblem } from "./data/cost-explorer-services";
import { Section } from "./section";

/** AWS Budgets: a name of 1 to 100 characters without ":" or "\\" (Budget.BudgetName in the Budgets API reference). */
export function budgetNameProblem(name: string): string | undefined {
    if (name.length > 100) return `is ${name.length} characters long; AWS Budgets names are 1 to 100 characters`;
    const bad = [":", "\\"].find((c) => name.includes(c));
    return bad === undefined ? undefined : `contains ${JSON.stringify(bad)}; AWS Budgets names may not contain ":" or "\\"`;
}

const email = (s: string) => (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s) ? undefined : "is not an email address");

/** Undefined when the section has no `budget`; otherwise every field validated. */
export function readBudget(parent: Section): BudgetSettings | undefined {
    if (!parent.has("budget")) return undefined;
    const budget = parent.section("budget").allowOnly(["name", "limitUsd", "emails", "alertAtPercent", "services"]);
    const limitUsd = budget.optionalInt("limitUsd", 1, 1_000_000);
    if (limitUsd === undefined) throw new ConfigError(`${budget.key}.limitUsd`, undefined, "it is required: the monthly limit in whole US dollars");
    if (!budget.has("emails")) throw new ConfigError(`${budget.key}.emails`, undefined, "it is required: a list of at least one address to alert, e.g. emails: [alerts@example.com]");
    return {
        name: budget.optionalString("name", budgetNameProblem),
        limitUsd,
        emails: budget.stringList("emails", [], { nonEmpty: true, check: email }),
        alertAtPercent: budget.optionalInt("alertAtPercent", 1, 1000),
        services: budget.has("services") ? budget.stringList("services", [], { nonEmpty: true, check: costExplorerServiceProblem }) : undefined,
    };
}
