package dev.k8sautopilot;

/** The working stages of a run, as reported to {@link PipelineListener}s and in {@link dev.k8sautopilot.model.Usage}. */
public enum Stage {
    /** Understanding the request and planning the chart. */
    PLAN("plan"),
    /** Rendering the chart files from the plan. */
    GENERATE("generate"),
    /** Validating the chart (all layers). */
    VALIDATE("validate"),
    /** Healing findings, one round at a time. */
    HEAL("heal"),
    /** Writing the chart to disk. */
    WRITE("write");

    private final String key;

    Stage(String key) {
        this.key = key;
    }

    /** Lowercase key used in usage maps and JSON output. */
    public String key() {
        return key;
    }
}
