package dev.k8sautopilot.hitl;

import java.util.Map;

/**
 * A gate's decision.
 *
 * <pre>{@code
 * Decision.approve();
 * Decision.reject("use a StatefulSet");              // re-plan with the feedback
 * Decision.answer(Map.of("image", "ghcr.io/acme/billing:1.2.0"));
 * Decision.defer();                                  // save the run; resume later
 * }</pre>
 */
public sealed interface Decision permits Decision.Approve, Decision.Reject, Decision.Edit, Decision.Answer,
        Decision.ChangeOutput, Decision.Abort, Decision.Defer {

    /** Go on (at clarification: take the defaults). */
    record Approve() implements Decision {
    }

    /**
     * Reject with feedback: the run re-plans with the feedback added to the request.
     *
     * @param feedback what to change
     */
    record Reject(String feedback) implements Decision {
        public Reject {
            feedback = feedback == null ? "" : feedback.strip();
        }
    }

    /**
     * Replace files (chart-relative path → content), then validate.
     *
     * @param files the replacements
     */
    record Edit(Map<String, String> files) implements Decision {
        public Edit {
            files = files == null ? Map.of() : Map.copyOf(files);
        }
    }

    /**
     * Answers to clarification questions, keyed by question field.
     *
     * @param answers field → value
     */
    record Answer(Map<String, String> answers) implements Decision {
        public Answer {
            answers = answers == null ? Map.of() : Map.copyOf(answers);
        }
    }

    /**
     * Write the chart to another output directory, then go on.
     *
     * @param outputDirectory the new output directory
     */
    record ChangeOutput(String outputDirectory) implements Decision {
        public ChangeOutput {
            if (outputDirectory == null || outputDirectory.isBlank()) {
                throw new IllegalArgumentException("outputDirectory is required");
            }
        }
    }

    /**
     * Stop the run; it ends as failed.
     *
     * @param reason why
     */
    record Abort(String reason) implements Decision {
        public Abort {
            reason = reason == null || reason.isBlank() ? "aborted by reviewer" : reason;
        }
    }

    /** Stop here, save the run, and return {@code Interrupted}; resume later with a decision. */
    record Defer() implements Decision {
    }

    /** Approve. */
    static Decision approve() {
        return new Approve();
    }

    /** Reject with feedback. */
    static Decision reject(String feedback) {
        return new Reject(feedback);
    }

    /** Replace files. */
    static Decision edit(Map<String, String> files) {
        return new Edit(files);
    }

    /** Answer questions. */
    static Decision answer(Map<String, String> answers) {
        return new Answer(answers);
    }

    /** Answer one question. */
    static Decision answer(String field, String value) {
        return new Answer(Map.of(field, value));
    }

    /** Change the output directory and go on. */
    static Decision changeOutput(String outputDirectory) {
        return new ChangeOutput(outputDirectory);
    }

    /** Abort the run. */
    static Decision abort(String reason) {
        return new Abort(reason);
    }

    /** Defer: save and stop. */
    static Decision defer() {
        return new Defer();
    }
}
