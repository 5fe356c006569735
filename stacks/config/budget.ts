/** The `budget` object a workload section may hold: a monthly cost alert (seeds 001 and 004). */
import { BudgetSettings } from "../../components/billing/monthly-budget";
import { ConfigError } from "./config-error";
import { Section } from "./section";

const email = (s: string) => (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s) ? undefined : "is not an email address");

/** Undefined when the section has no `budget`; otherwise every field validated. */
export function readBudget(parent: Section): BudgetSettings | undefined {
    if (!parent.has("budget")) return undefined;
    const budget = parent.section("budget").allowOnly(["name", "limitUsd", "emails", "alertAtPercent", "services"]);
    const limitUsd = budget.optionalInt("limitUsd", 1, 1_000_000);
    if (limitUsd === undefined) throw new ConfigError(`${budget.key}.limitUsd`, undefined, "it is required: the monthly limit in whole US dollars");
    return {
        name: budget.optionalString("name"),
        limitUsd,
        emails: budget.stringList("emails", [], { nonEmpty: true, check: email }),
        alertAtPercent: budget.optionalInt("alertAtPercent", 1, 1000),
        services: budget.has("services") ? budget.stringList("services", [], { nonEmpty: true }) : undefined,
    };
}
