package dev.k8sautopilot.model;

/**
 * The three probes of the main container.
 *
 * @param liveness  restarts a stuck container; default TCP on the first port
 * @param readiness gates traffic; default TCP on the first port
 * @param startup   protects slow starters; default off
 */
public record Probes(Probe liveness, Probe readiness, Probe startup) {

    public Probes {
        liveness = liveness == null ? Probe.tcp().withInitialDelay(30) : liveness;
        readiness = readiness == null ? Probe.tcp().withInitialDelay(5) : readiness;
        startup = startup == null ? Probe.disabled() : startup;
    }

    /** TCP liveness and readiness, no startup probe. */
    public static Probes defaults() {
        return new Probes(null, null, null);
    }

    /** HTTP liveness and readiness on {@code path}. */
    public static Probes http(String path) {
        return new Probes(Probe.http(path).withInitialDelay(30), Probe.http(path).withInitialDelay(5), null);
    }
}
