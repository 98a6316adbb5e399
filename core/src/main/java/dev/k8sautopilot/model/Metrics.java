package dev.k8sautopilot.model;

/**
 * Prometheus metrics exposed by the app.
 *
 * @param enabled        whether the app exposes metrics
 * @param port           port serving metrics; 0 = the main port
 * @param path           metrics path, default {@code /metrics}
 * @param serviceMonitor create a Prometheus Operator ServiceMonitor
 * @param interval       scrape interval, default {@code 30s}
 */
public record Metrics(boolean enabled, int port, String path, boolean serviceMonitor, String interval) {

    public Metrics {
        Checks.range("port", port, 0, 65535);
        path = Checks.orDefault(path, "/metrics");
        if (!path.startsWith("/") || path.contains(" ") || path.contains("{{")) {
            throw new SpecException("path", "'" + Checks.printable(path) + "' is not a valid HTTP path", "use a path such as /metrics");
        }
        interval = Checks.orDefault(interval, "30s");
        if (!interval.matches("^[0-9]+(ms|s|m|h)$")) {
            throw new SpecException("interval", "'" + Checks.printable(interval) + "' is not a duration", "write it like 30s or 1m");
        }
    }

    /** Metrics off. */
    public static Metrics disabled() {
        return new Metrics(false, 0, null, false, null);
    }
}
