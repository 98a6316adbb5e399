package dev.k8sautopilot.spi;

/**
 * One saved run: its stage and its state as versioned JSON. Secret values never appear in
 * {@code state} (the pipeline redacts before saving).
 *
 * @param runId         run id
 * @param version       optimistic-concurrency version: 1 for the first save, +1 for each later one
 * @param stage         the stage the run is in, e.g. {@code GENERATION_REVIEW}
 * @param schemaVersion version of the state document format
 * @param state         the state document (JSON)
 * @param updatedAt     epoch milliseconds of the save
 */
public record Checkpoint(String runId, long version, String stage, int schemaVersion, String state, long updatedAt) {

    public Checkpoint {
        if (runId == null || !runId.matches("^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")) {
            throw new IllegalArgumentException("runId '" + runId + "' is invalid (fix: use letters, digits, '-' and '_')");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        stage = stage == null ? "" : stage;
        state = state == null ? "{}" : state;
    }

    /** The next version of this checkpoint with new stage and state. */
    public Checkpoint next(String newStage, String newState, long now) {
        return new Checkpoint(runId, version + 1, newStage, schemaVersion, newState, now);
    }
}
