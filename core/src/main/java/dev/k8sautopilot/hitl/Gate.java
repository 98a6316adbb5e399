package dev.k8sautopilot.hitl;

/** The points where a person (or a handler) decides. */
public enum Gate {
    /** The planner found gaps and asks questions. Always on: a question without a safe default must be answered. */
    CLARIFICATION(true),
    /** Review the plan before any file is generated. Off by default. */
    PLANNING_REVIEW(false),
    /** Review the generated files (list, summary, diff against an existing chart). On by default. */
    GENERATION_REVIEW(true),
    /** Healing gave up: approve the chart anyway, edit it, or abort. Always on. */
    VALIDATION_ESCALATION(true);

    private final boolean enabledByDefault;

    Gate(boolean enabledByDefault) {
        this.enabledByDefault = enabledByDefault;
    }

    /** Whether the gate is on unless configured otherwise. */
    public boolean enabledByDefault() {
        return enabledByDefault;
    }
}
