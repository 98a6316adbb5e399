package dev.k8sautopilot;

import dev.k8sautopilot.hitl.Gate;
import java.util.List;

/**
 * Progress events of a run, e.g. to drive a progress display. All methods have empty defaults;
 * implement what you need. Called on the thread running the pipeline; a listener that throws is logged
 * and ignored, never breaking the run.
 */
public interface PipelineListener {

    /** A stage starts. */
    default void stageStarted(String runId, Stage stage) {
    }

    /** A stage finished after {@code millis}. */
    default void stageFinished(String runId, Stage stage, long millis) {
    }

    /** The run reached a gate and asks the approval handler. */
    default void gateReached(String runId, Gate gate) {
    }

    /**
     * One healing round ended.
     *
     * @param round        1-based round
     * @param applied      fixes proposed by the healers that ran
     * @param errorsBefore error findings before the round
     * @param errorsAfter  error findings after the round (equal to before when the patch was not kept)
     * @param kept         whether the patch was kept
     */
    default void healingRound(String runId, int round, List<String> applied, long errorsBefore, long errorsAfter, boolean kept) {
    }

    /** The run ended (completed, interrupted or failed). */
    default void runEnded(RunResult result) {
    }
}
