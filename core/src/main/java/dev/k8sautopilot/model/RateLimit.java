package dev.k8sautopilot.model;

/**
 * Traefik rate limit: {@code average} requests per second with bursts up to {@code burst}.
 *
 * @param average average requests per second, ≥ 1
 * @param burst   burst size, ≥ 1 (defaults to 2 × average)
 */
public record RateLimit(int average, int burst) {

    public RateLimit {
        Checks.range("average", average, 1, 1_000_000);
        if (burst == 0) {
            burst = average * 2;
        }
        Checks.range("burst", burst, 1, 10_000_000);
    }
}
