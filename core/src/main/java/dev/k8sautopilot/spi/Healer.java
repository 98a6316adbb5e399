package dev.k8sautopilot.spi;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ValidationReport;

/**
 * Fixes findings. Deterministic healers (one per rule family) live in {@code k8s-autopilot-validation};
 * an LLM healer for what they do not know lives in {@code k8s-autopilot-llm-providers}. All are found
 * through {@link java.util.ServiceLoader} and run in {@link #order()}; explicit healers given to the
 * builder run first. A healer returns {@link HealResult#unchanged} when it has nothing to fix.
 * Thread-safe.
 *
 * <p>A healer's output is untrusted. The pipeline keeps a healing round only when every validation layer
 * that ran before still runs, no finding is new (compared by rule, file, object and message) and one is
 * gone, only files the findings name changed, and no new kind, {@code lookup}, {@code tpl} on values or host
 * access was added; otherwise the round is rejected and the report gains a {@code heal-rejected} finding
 * with the reason. A healer should therefore change only what a finding names and never a value the user
 * set that is not the finding (see docs/validation-rules.md, "When a heal is kept").
 */
public interface Healer {

    /**
     * Proposes fixes.
     *
     * @param files   the chart as validated
     * @param report  the findings to fix
     * @param context chat model (when configured), options, round
     * @return patched files and the list of fixes
     */
    HealResult heal(ChartFiles files, ValidationReport report, HealContext context);

    /** Unique id. */
    default String id() {
        return getClass().getName();
    }

    /** Run order among healers; lower first. Deterministic healers use 0–99, the LLM healer 1000. */
    default int order() {
        return 100;
    }

    /** True when this healer does nothing without a chat model. */
    default boolean requiresChatModel() {
        return false;
    }
}
