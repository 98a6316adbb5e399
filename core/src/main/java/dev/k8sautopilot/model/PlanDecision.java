package dev.k8sautopilot.model;

/**
 * One architecture decision of a plan, with its reason: shown to reviewers and in the chart README.
 *
 * @param topic  what was decided, e.g. {@code workload}, {@code sizing}, {@code scaling}
 * @param choice what was chosen, e.g. {@code StatefulSet}
 * @param reason why, in one sentence
 */
public record PlanDecision(String topic, String choice, String reason) {

    public PlanDecision {
        topic = Checks.orDefault(topic, "general");
        choice = choice == null ? "" : choice;
        reason = reason == null ? "" : reason;
    }
}
