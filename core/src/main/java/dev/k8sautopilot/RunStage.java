package dev.k8sautopilot;

import dev.k8sautopilot.hitl.Gate;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a saved run stands: the next thing it does (a working stage), the gate it waits at, or how it
 * ended. This is the {@code stage} of every checkpoint the pipeline saves ({@link #name()}) and of
 * {@link RunStatus}.
 *
 * <pre>{@code
 * pipeline.status(runId).map(RunStatus::stage).filter(RunStage::ended).isPresent();
 * }</pre>
 */
public enum RunStage {
    /** Plan (again) from the request, its answers and feedback. */
    PLAN,
    /** Generate the chart files from the plan. */
    GENERATE,
    /** Validate, and heal while findings remain. */
    VALIDATE,
    /** Write the chart (or, for repair, the fixed files). */
    WRITE,
    /** Waiting at {@link Gate#CLARIFICATION}. */
    CLARIFICATION,
    /** Waiting at {@link Gate#PLANNING_REVIEW}. */
    PLANNING_REVIEW,
    /** Waiting at {@link Gate#GENERATION_REVIEW}. */
    GENERATION_REVIEW,
    /** Waiting at {@link Gate#VALIDATION_ESCALATION}. */
    VALIDATION_ESCALATION,
    /** Ended: the chart was written. */
    DONE,
    /** Ended: the run failed or was aborted; the reason is saved with it. */
    FAILED;

    /** The gate a run in this stage waits at, if it waits at one. */
    public Optional<Gate> gate() {
        return switch (this) {
            case CLARIFICATION -> Optional.of(Gate.CLARIFICATION);
            case PLANNING_REVIEW -> Optional.of(Gate.PLANNING_REVIEW);
            case GENERATION_REVIEW -> Optional.of(Gate.GENERATION_REVIEW);
            case VALIDATION_ESCALATION -> Optional.of(Gate.VALIDATION_ESCALATION);
            default -> Optional.empty();
        };
    }

    /** The stage of a run waiting at {@code gate}. */
    public static RunStage at(Gate gate) {
        return switch (gate) {
            case CLARIFICATION -> CLARIFICATION;
            case PLANNING_REVIEW -> PLANNING_REVIEW;
            case GENERATION_REVIEW -> GENERATION_REVIEW;
            case VALIDATION_ESCALATION -> VALIDATION_ESCALATION;
        };
    }

    /** True for {@link #DONE} and {@link #FAILED}: the run cannot be resumed. */
    public boolean ended() {
        return this == DONE || this == FAILED;
    }

    /** Lower-case name, e.g. {@code generation_review}, as used in {@link RunResult.Failed#stage()}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
