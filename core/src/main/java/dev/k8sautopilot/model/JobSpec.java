package dev.k8sautopilot.model;

/**
 * Settings for Job and CronJob workloads.
 *
 * @param schedule                cron schedule (CronJob only), e.g. {@code 0 3 * * *}
 * @param backoffLimit            retries before the Job fails, default 3
 * @param ttlSecondsAfterFinished seconds before a finished Job is removed, default 3600
 * @param concurrencyPolicy       CronJob concurrency: Forbid (default), Allow or Replace
 */
public record JobSpec(String schedule, int backoffLimit, int ttlSecondsAfterFinished, String concurrencyPolicy) {

    public JobSpec {
        schedule = Checks.orDefault(schedule, "0 3 * * *");
        if (!schedule.matches("^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|([^\\s]+\\s+){4}[^\\s]+)$")) {
            throw new SpecException("schedule", "'" + Checks.printable(schedule) + "' is not a cron schedule", "write five fields, e.g. 0 3 * * *");
        }
        backoffLimit = backoffLimit == 0 ? 3 : backoffLimit;
        Checks.range("backoffLimit", backoffLimit, 0, 100);
        ttlSecondsAfterFinished = ttlSecondsAfterFinished == 0 ? 3600 : ttlSecondsAfterFinished;
        Checks.range("ttlSecondsAfterFinished", ttlSecondsAfterFinished, 1, 31_536_000);
        concurrencyPolicy = Checks.orDefault(concurrencyPolicy, "Forbid");
        if (!concurrencyPolicy.matches("^(Allow|Forbid|Replace)$")) {
            throw new SpecException("concurrencyPolicy", "'" + Checks.printable(concurrencyPolicy) + "' is not a concurrency policy", "use Allow, Forbid or Replace");
        }
    }

    /** Defaults: daily at 03:00, 3 retries, cleaned up after an hour, no overlap. */
    public static JobSpec defaults() {
        return new JobSpec(null, 0, 0, null);
    }
}
