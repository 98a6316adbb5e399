package dev.k8sautopilot.model;

/** What {@link ChartFiles#writeTo} does when the chart directory exists already. */
public enum WriteMode {
    /** Refuse: the existing chart is left alone and the write fails with a clear message. */
    FAIL_IF_EXISTS,
    /** Replace the whole directory (atomically). */
    OVERWRITE,
    /**
     * Regenerate in place, keeping the user's work: files changed since the last generation (per the
     * manifest of content hashes) are kept and the new content is put beside them under
     * {@code .k8s-autopilot/proposed/}; files the user added are kept; unchanged files are updated.
     */
    UPDATE
}
