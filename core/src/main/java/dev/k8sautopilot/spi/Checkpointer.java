package dev.k8sautopilot.spi;

import java.util.List;
import java.util.Optional;

/**
 * Durable storage of runs so that a run can stop at a gate and resume later, in this or another JVM.
 * Implementations must be thread-safe and safe across processes sharing the same store.
 *
 * <p>Saving is optimistic: a checkpoint with version 1 creates the run (failing if it exists), a
 * checkpoint with version n replaces version n-1 (failing with {@link CheckpointConflictException}
 * otherwise).
 */
public interface Checkpointer extends AutoCloseable {

    /**
     * Saves a checkpoint.
     *
     * @throws CheckpointConflictException when the stored version is not {@code checkpoint.version() - 1}
     */
    void save(Checkpoint checkpoint);

    /** Loads the latest checkpoint of a run. */
    Optional<Checkpoint> load(String runId);

    /** All runs, newest first. */
    List<Checkpoint> list();

    /** Deletes a run; false when there was none. */
    boolean delete(String runId);

    /** A description for logs, e.g. {@code file:/home/me/.k8s-autopilot/runs}; never contains credentials. */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** Releases resources (connections). */
    @Override
    default void close() {
    }
}
