package dev.k8sautopilot.checkpoint;

import java.util.regex.Pattern;

/** Run id checks shared by the stores: the same rule as {@link dev.k8sautopilot.spi.Checkpoint}. */
final class RunIds {

    // Keep in step with the check in Checkpoint's constructor; CheckpointerContract tests both agree.
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private RunIds() {
    }

    /** Returns {@code runId} when valid; a run id also names a file, so this guards against path tricks. */
    static String check(String runId) {
        if (runId == null || !VALID.matcher(runId).matches()) {
            throw new IllegalArgumentException("runId '" + runId
                    + "' is invalid (fix: use 1 to 128 letters, digits, '-' and '_', starting with a letter or digit)");
        }
        return runId;
    }
}
