/** Tags every taggable resource carries (DESIGN.md rule 6). */
export type Tags = Readonly<Record<string, string>>;

/** `Workload`, `Environment`, `ManagedBy=pulumi`, plus what a seed asks for. */
export function workloadTags(workload: string, environment: string, extra: Tags = {}): Tags {
    return { Workload: workload, Environment: environment, ManagedBy: "pulumi", ...extra };
}
