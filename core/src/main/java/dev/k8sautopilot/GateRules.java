package dev.k8sautopilot;

import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.model.Question;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which decisions fit which gate. A decision that does not fit is refused before anything changes. */
final class GateRules {

    private GateRules() {
    }

    /**
     * Refuses a decision that does not fit {@code gate}.
     *
     * @param questions the open questions (for approve at {@link Gate#CLARIFICATION}: every one needs a default)
     * @throws DecisionRefusedException naming the gate and what fits it
     */
    static void check(Gate gate, Decision d, List<Question> questions) {
        boolean fits;
        if (d instanceof Decision.Answer) {
            fits = gate == Gate.CLARIFICATION;
        } else if (d instanceof Decision.Reject) {
            fits = gate != Gate.CLARIFICATION;
        } else if (d instanceof Decision.Edit) {
            fits = gate == Gate.GENERATION_REVIEW || gate == Gate.VALIDATION_ESCALATION;
        } else if (d instanceof Decision.ChangeOutput) {
            fits = gate == Gate.PLANNING_REVIEW || gate == Gate.GENERATION_REVIEW;
        } else {
            fits = true; // approve, abort and defer fit every gate
        }
        if (!fits) {
            throw new DecisionRefusedException("decision " + d.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                    + " does not apply to gate " + gate + " (fix: " + allowed(gate) + ")");
        }
        if (d instanceof Decision.Approve && gate == Gate.CLARIFICATION) {
            List<Question> open = questions.stream().filter(q -> q.defaultValue().isEmpty()).toList();
            if (!open.isEmpty()) {
                String fields = open.stream().map(Question::field).collect(Collectors.joining(", "));
                String example = open.stream().map(q -> q.field() + "=...").collect(Collectors.joining(", "));
                throw new DecisionRefusedException("approve cannot take the defaults at gate CLARIFICATION: "
                        + (open.size() == 1 ? "question '" + fields + "' has" : "questions " + fields + " have")
                        + " no default; the run is still waiting (fix: answer " + (open.size() == 1 ? "it" : "them")
                        + " (" + example + "), or abort)");
            }
        }
    }

    private static String allowed(Gate gate) {
        return switch (gate) {
            case CLARIFICATION -> "answer the questions, approve to take the defaults, or abort";
            case PLANNING_REVIEW -> "approve, reject with feedback, change the output directory, or abort";
            case GENERATION_REVIEW -> "approve, reject with feedback, edit files, change the output directory, or abort";
            case VALIDATION_ESCALATION -> "approve anyway, edit files, reject with feedback, or abort";
        };
    }

    /** A decision that does not fit the gate the run waits at; the run stays saved at that gate. */
    static final class DecisionRefusedException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        DecisionRefusedException(String message) {
            super(message);
        }
    }
}
