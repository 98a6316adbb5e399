package dev.k8sautopilot.spi;

/**
 * Opens a {@link Checkpointer} for a URI scheme ({@code memory:}, {@code file:}, {@code jdbc:}).
 * Discovered through {@link java.util.ServiceLoader}; two providers for the same scheme fail fast.
 * See {@code docs/spi-checkpointer.md}.
 */
public interface CheckpointerProvider {

    /** The URI scheme served, lowercase, without the colon, e.g. {@code file}. */
    String scheme();

    /**
     * Opens a checkpointer.
     *
     * @param uri the full URI, e.g. {@code file:~/.k8s-autopilot/runs} or {@code jdbc:postgresql://localhost/db}
     * @throws IllegalArgumentException when the URI is unusable (the message says why)
     */
    Checkpointer open(String uri);
}
