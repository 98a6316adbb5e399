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

    /** Unique id. */
    default String id() {
        return getClass().getName();
    }
}
