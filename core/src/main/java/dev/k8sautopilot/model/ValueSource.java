package dev.k8sautopilot.model;

import java.util.Locale;

/**
 * Where a value of a chart came from. Every decision of a plan names one, so a reviewer can tell what
 * was asked from what was assumed; explicit sources ({@link #REQUEST}, {@link #SPEC}, {@link #ANSWER},
 * {@link #FEEDBACK}) always win over derived ones ({@link #CATALOG}, {@link #RULE}, {@link #DEFAULT}),
 * and values proposed by a language model ({@link #LLM}) are untrusted until something explicit grounds
 * them.
 */
public enum ValueSource {
    /** Said in the natural-language request. */
    REQUEST,
    /** Written in a structured spec (YAML/JSON or a builder). */
    SPEC,
    /** Given as the answer to a clarification question. */
    ANSWER,
    /** Given as feedback when a plan or a generated chart was rejected. */
    FEEDBACK,
    /** Taken from the built-in app catalog for a well-known app. */
    CATALOG,
    /** Derived by a planning rule (tier, high availability, sizing...). */
    RULE,
    /** The documented default, because nothing else decided. */
    DEFAULT,
    /** Proposed by a language model and not grounded by anything explicit. */
    LLM;

    /** True for the sources a user stated: request, spec, answer and feedback. */
    public boolean explicit() {
        return this == REQUEST || this == SPEC || this == ANSWER || this == FEEDBACK;
    }

    /** The lower-case name used in JSON and YAML, e.g. {@code request}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name such as {@code catalog}; case-insensitive. */
    public static ValueSource parse(String wire) {
        for (ValueSource s : values()) {
            if (s.wire().equalsIgnoreCase(wire == null ? "" : wire.strip())) {
                return s;
            }
        }
        throw new SpecException("source", "'" + Checks.printable(String.valueOf(wire)) + "' is not a value source",
                "use one of request, spec, answer, feedback, catalog, rule, default, llm");
    }
}
