package dev.k8sautopilot.model;

import java.util.Optional;

/**
 * A clarification question the planner asks when the request leaves a fact open.
 *
 * @param field        the spec field the answer fills, e.g. {@code image}; answers are keyed by it
 * @param text         the question for a person
 * @param priority     how much it matters
 * @param defaultValue a safe default, if there is one (then {@code --yes} takes it)
 * @param reason       why the planner asks
 */
public record Question(String field, String text, Priority priority, Optional<String> defaultValue, String reason) {

    public Question {
        field = Checks.orDefault(field, "");
        if (field.isEmpty()) {
            throw new SpecException("field", "is required", "name the spec field the answer fills");
        }
        text = Checks.orDefault(text, "");
        priority = priority == null ? Priority.HIGH : priority;
        defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
        reason = reason == null ? "" : reason;
    }

    /** True when the question has a safe default that may be taken without asking. */
    public boolean hasDefault() {
        return defaultValue.isPresent();
    }
}
