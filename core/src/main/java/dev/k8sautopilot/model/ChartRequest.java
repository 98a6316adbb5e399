package dev.k8sautopilot.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the user asks for: a natural-language request, a structured spec, or both (the spec wins
 * where both say something), plus answers to clarification questions and reviewer feedback.
 *
 * <pre>{@code
 * ChartRequest.of("Create a Helm chart for redis with persistence");
 * ChartRequest.of(spec);                                   // a built spec: defaults count as "not set"
 * ChartRequest.of(ChartSpecs.readIntent(Path.of("web.yaml"))); // exactly the fields the file writes
 * ChartRequest.of("a chart for our billing service").withAnswer("image", "ghcr.io/acme/billing:1.2.0");
 * }</pre>
 *
 * @param text     the request in natural language; may be empty when a spec is given
 * @param spec     a structured spec, optional
 * @param answers  answers to clarification questions, keyed by {@link Question#field()}
 * @param feedback reviewer feedback from rejected gates, oldest first
 * @param intent   a structured intent (a spec document read with {@link ChartSpecs#readIntent}, or built with
 *                 {@link ChartIntent#builder()}); it wins over the text and over {@code spec}, answers and
 *                 feedback win over it
 */
public record ChartRequest(String text, Optional<ChartSpec> spec, Map<String, String> answers, List<String> feedback,
                           Optional<ChartIntent> intent) {

    /** Longest request text accepted, in characters. */
    public static final int MAX_TEXT = 10_000;

    public ChartRequest {
        text = text == null ? "" : text.strip();
        spec = spec == null ? Optional.empty() : spec;
        answers = Checks.map(answers);
        feedback = Checks.list(feedback);
        intent = intent == null ? Optional.empty() : intent;
        if (text.isEmpty() && spec.isEmpty() && intent.isEmpty()) {
            throw new SpecException("request", "is empty", "describe the chart, e.g. \"Create a Helm chart for nginx\", or give a spec");
        }
        if (text.length() > MAX_TEXT) {
            throw new SpecException("request", "is " + text.length() + " characters long; at most " + MAX_TEXT + " are accepted",
                    "describe the chart in a few sentences, or put the details in a spec file");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f || c == '\uFFFD') {
                throw new SpecException("request", "contains binary or control characters",
                        "write the request as plain text");
            }
        }
        answers.forEach((k, v) -> {
            if (v.length() > 2_000) {
                throw new SpecException("answers." + k, "is longer than 2000 characters", "give a short answer");
            }
        });
    }

    /** A request without an intent (the form used before intents existed). */
    public ChartRequest(String text, Optional<ChartSpec> spec, Map<String, String> answers, List<String> feedback) {
        this(text, spec, answers, feedback, Optional.empty());
    }

    /** A natural-language request. */
    public static ChartRequest of(String text) {
        return new ChartRequest(text, Optional.empty(), Map.of(), List.of());
    }

    /**
     * A structured request from a built spec. A built spec cannot tell "not set" from a default, so fields
     * equal to the defaults are left to the planner (see {@link ChartSpecs#intentOf}); use
     * {@link #of(ChartIntent)} to pin them.
     */
    public static ChartRequest of(ChartSpec spec) {
        return new ChartRequest("", Optional.of(spec), Map.of(), List.of());
    }

    /** A structured request from an intent: exactly the fields it sets are explicit. */
    public static ChartRequest of(ChartIntent intent) {
        return new ChartRequest("", Optional.empty(), Map.of(), List.of(), Optional.of(intent));
    }

    /** Returns a copy with this intent (text, spec, answers and feedback kept). */
    public ChartRequest withIntent(ChartIntent structured) {
        return new ChartRequest(text, spec, answers, feedback, Optional.of(structured));
    }

    /** True when a spec or an intent was given (not only text). */
    public boolean structured() {
        return spec.isPresent() || intent.isPresent();
    }

    /** Returns a copy with one more answer (replacing an earlier answer for the same field). */
    public ChartRequest withAnswer(String field, String value) {
        Map<String, String> next = new java.util.LinkedHashMap<>(answers);
        next.put(field, value);
        return new ChartRequest(text, spec, next, feedback, intent);
    }

    /** Returns a copy with all these answers added. */
    public ChartRequest withAnswers(Map<String, String> more) {
        Map<String, String> next = new java.util.LinkedHashMap<>(answers);
        next.putAll(more);
        return new ChartRequest(text, spec, next, feedback, intent);
    }

    /** Returns a copy with one more piece of reviewer feedback. */
    public ChartRequest withFeedback(String note) {
        List<String> next = new java.util.ArrayList<>(feedback);
        next.add(note);
        return new ChartRequest(text, spec, answers, next, intent);
    }
}
