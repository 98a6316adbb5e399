package dev.k8sautopilot.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;

/**
 * One architecture decision of a plan, with its reason and where the chosen value came from: shown to
 * reviewers, in {@code --json} output and in the chart README.
 *
 * @param topic   what was decided, e.g. {@code workload}, {@code sizing}, {@code scaling}
 * @param choice  what was chosen, e.g. {@code StatefulSet}
 * @param reason  why, in one sentence; never credits the request for a value it did not contain
 * @param source  where the chosen value came from
 * @param outcome whether the value was applied to the chart or dropped (e.g. an ungrounded model proposal)
 */
public record PlanDecision(String topic, String choice, String reason, ValueSource source, Outcome outcome) {

    /** What became of a decided value. */
    public enum Outcome {
        /** The value is in the chart. */
        APPLIED,
        /** The value was proposed but left out of the chart; the reason says why. */
        DROPPED;

        /** The lower-case name used in JSON, e.g. {@code dropped}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PlanDecision {
        topic = Checks.orDefault(topic, "general");
        choice = choice == null ? "" : choice;
        reason = reason == null ? "" : reason;
        if (source == null) {
            throw new SpecException("decision.source", "is required", "say where the value came from, e.g. ValueSource.RULE");
        }
        outcome = outcome == null ? Outcome.APPLIED : outcome;
    }

    /** An applied decision. */
    public PlanDecision(String topic, String choice, String reason, ValueSource source) {
        this(topic, choice, reason, source, Outcome.APPLIED);
    }

    /** An applied decision. */
    public static PlanDecision applied(String topic, String choice, ValueSource source, String reason) {
        return new PlanDecision(topic, choice, reason, source, Outcome.APPLIED);
    }

    /** A proposed value that was left out of the chart, with the reason. */
    public static PlanDecision dropped(String topic, String choice, ValueSource source, String reason) {
        return new PlanDecision(topic, choice, reason, source, Outcome.DROPPED);
    }

    /** True when the value reached the chart (derived from {@link #outcome()}, so not written to checkpoints). */
    @JsonIgnore
    public boolean isApplied() {
        return outcome == Outcome.APPLIED;
    }
}
