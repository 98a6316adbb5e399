package dev.k8sautopilot.spi;

/**
 * A save lost an optimistic-concurrency race: another process saved the same run in between (for
 * example two workers resuming one run). The loser must stop; the run goes on in the winner.
 */
public class CheckpointConflictException extends RuntimeException {

    /**
     * @param runId    the run
     * @param expected the version the saver expected to replace
     * @param actual   the version actually stored
     */
    public CheckpointConflictException(String runId, long expected, long actual) {
        super("run " + runId + " was changed by another process (expected version " + expected + ", found " + actual
                + ") (fix: reload the run; it may have been resumed elsewhere)");
    }
}
