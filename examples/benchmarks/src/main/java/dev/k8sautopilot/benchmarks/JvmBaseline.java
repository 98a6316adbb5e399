package dev.k8sautopilot.benchmarks;

/** The JVM's own start and exit, from the same jar: the baseline of {@link ProcessTimings}. */
public final class JvmBaseline {

    private JvmBaseline() {
    }

    /** Does nothing. */
    public static void main(String[] args) {
        // Intentionally empty: the measure is the JVM start-up and shutdown.
    }
}
