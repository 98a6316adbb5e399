package dev.k8sautopilot.spi;

import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.hitl.Decision;

/**
 * Answers the pipeline's gates: a person at a console, a callback in a host application, or a handler
 * that defers (the run is saved and resumed later with {@code ChartPipeline.resume}). Discovered through
 * {@link java.util.ServiceLoader} when the builder is given none (first found); with none found the
 * pipeline auto-approves and logs a warning. See {@code docs/spi-approval-handler.md}.
 */
public interface ApprovalHandler {

    /**
     * Decides a gate.
     *
     * @param request what is to be decided and everything a person needs to decide it
     * @return the decision; {@link Decision#defer()} to stop the run here and resume later
     */
    Decision review(ApprovalRequest request);

    /**
     * True when this handler decides at once, on the run's thread, without waiting for a person or another process
     * (as {@code ApprovalHandlers.autoApprove()} and {@code deferring()} do). A run then reaches such a gate without
     * saving it first, since nothing can happen before the handler answers: the state after the decision is saved,
     * and a run that stops at the gate (defer, or a decision that does not fit) is saved there as always. Default
     * false: the gate is saved before the handler is asked, so a run waiting for a person can be resumed.
     */
    default boolean decidesImmediately() {
        return false;
    }

    /** Unique id. */
    default String id() {
        return getClass().getName();
    }
}
