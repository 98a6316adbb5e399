package dev.k8sautopilot.model;

/** How serious a finding is. Only {@link #ERROR} fails a chart. */
public enum Severity {
    /** The chart is not done while it fires. */
    ERROR,
    /** Should be fixed; does not fail the chart. */
    WARNING,
    /** Advice; never gates. */
    INFO;

    /** True when this severity is at least as serious as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
