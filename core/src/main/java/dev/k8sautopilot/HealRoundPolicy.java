package dev.k8sautopilot;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.spi.HealResult;

/**
 * The one place that decides whether a healing round is kept or rolled back. The heal loop in
 * {@link RunEngine} asks it after every round and never decides by itself.
 */
final class HealRoundPolicy {

    private HealRoundPolicy() {
    }

    /**
     * One healing round: the chart and report before it, what the healers proposed, and the report of the
     * proposed chart.
     *
     * @param round   1-based round number
     * @param before  the chart before the round
     * @param reportBefore its report
     * @param healed  the healers' proposal
     * @param reportAfter the report of {@code healed.files()}
     */
    record Round(int round, ChartFiles before, ValidationReport reportBefore, HealResult healed, ValidationReport reportAfter) {
    }

    /** Keeps the round when it lowers the weighted finding count of the chart. */
    static boolean keep(Round r) {
        return r.reportAfter().weight() < r.reportBefore().weight();
    }
}
