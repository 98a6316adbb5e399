package dev.k8sautopilot.model;

import java.util.List;

/**
 * A liveness, readiness or startup probe.
 *
 * @param enabled             whether the probe is on by default
 * @param type                http, tcp, grpc or exec
 * @param path                HTTP path (http only), default {@code /}
 * @param port                name of the container port probed; empty = the first port
 * @param command             command (exec only)
 * @param initialDelaySeconds delay before the first check
 * @param periodSeconds       seconds between checks, default 10
 * @param timeoutSeconds      timeout per check, default 5
 * @param failureThreshold    failures before acting, default 6
 * @param successThreshold    successes to pass, default 1
 */
public record Probe(boolean enabled, ProbeType type, String path, String port, List<String> command,
                    int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int failureThreshold,
                    int successThreshold) {

    public Probe {
        type = type == null ? ProbeType.TCP : type;
        path = Checks.orDefault(path, "/");
        if (!path.startsWith("/") || path.contains(" ") || path.contains("{{")) {
            throw new SpecException("path", "'" + Checks.printable(path) + "' is not a valid HTTP path", "use a path such as /health");
        }
        port = port == null ? "" : port.strip();
        command = Checks.list(command);
        if (type == ProbeType.EXEC && enabled && command.isEmpty()) {
            throw new SpecException("command", "is required for an exec probe", "give the command, e.g. [redis-cli, ping]");
        }
        Checks.range("initialDelaySeconds", initialDelaySeconds, 0, 3600);
        periodSeconds = periodSeconds == 0 ? 10 : periodSeconds;
        timeoutSeconds = timeoutSeconds == 0 ? 5 : timeoutSeconds;
        failureThreshold = failureThreshold == 0 ? 6 : failureThreshold;
        successThreshold = successThreshold == 0 ? 1 : successThreshold;
        Checks.range("periodSeconds", periodSeconds, 1, 3600);
        Checks.range("timeoutSeconds", timeoutSeconds, 1, 3600);
        Checks.range("failureThreshold", failureThreshold, 1, 1000);
        Checks.range("successThreshold", successThreshold, 1, 1000);
    }

    /** An HTTP GET probe on the first port. */
    public static Probe http(String path) {
        return new Probe(true, ProbeType.HTTP, path, null, null, 0, 0, 0, 0, 0);
    }

    /** A TCP socket probe on the first port. */
    public static Probe tcp() {
        return new Probe(true, ProbeType.TCP, null, null, null, 0, 0, 0, 0, 0);
    }

    /** An exec probe running {@code command}. */
    public static Probe exec(List<String> command) {
        return new Probe(true, ProbeType.EXEC, null, null, command, 0, 0, 0, 0, 0);
    }

    /** A disabled probe (values still describe a TCP check). */
    public static Probe disabled() {
        return new Probe(false, ProbeType.TCP, null, null, null, 0, 0, 0, 0, 0);
    }

    /** Returns a copy with another initial delay. */
    public Probe withInitialDelay(int seconds) {
        return new Probe(enabled, type, path, port, command, seconds, periodSeconds, timeoutSeconds, failureThreshold,
                successThreshold);
    }
}
