package dev.k8sautopilot.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * The result of validating a chart: findings from every layer, per-layer timing and a 0–100 score.
 *
 * @param findings findings, most severe first
 * @param layers   the layers that ran, in order
 * @param score    security/best-practice score, when that layer ran
 */
public record ValidationReport(List<Finding> findings, List<LayerTiming> layers, OptionalInt score) {

    public ValidationReport {
        List<Finding> sorted = new ArrayList<>(Checks.list(findings));
        sorted.sort(Comparator.comparing(Finding::severity)
                .thenComparing(Finding::file)
                .thenComparingInt(Finding::line)
                .thenComparing(Finding::ruleId)
                .thenComparing(Finding::resource)
                .thenComparing(Finding::message));
        findings = List.copyOf(sorted);
        layers = Checks.list(layers);
        score = score == null ? OptionalInt.empty() : score;
    }

    /** A report with no findings and no layers. */
    public static ValidationReport empty() {
        return new ValidationReport(List.of(), List.of(), OptionalInt.empty());
    }

    /** True when no error-level finding remains. */
    public boolean passed() {
        return count(Severity.ERROR) == 0;
    }

    /** Number of findings of exactly this severity. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Findings at or above a severity. */
    public List<Finding> atLeast(Severity severity) {
        return findings.stream().filter(f -> f.severity().atLeast(severity)).toList();
    }

    /** Findings with a rule id. */
    public List<Finding> byRule(String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    /**
     * A weight used to compare two reports when healing: errors dominate warnings, warnings dominate
     * info. Lower is better.
     */
    public long weight() {
        return count(Severity.ERROR) * 1_000_000L + count(Severity.WARNING) * 1_000L + count(Severity.INFO);
    }

    /** A multi-line human summary. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(passed() ? "PASSED" : "FAILED").append(": ")
                .append(count(Severity.ERROR)).append(" error(s), ")
                .append(count(Severity.WARNING)).append(" warning(s), ")
                .append(count(Severity.INFO)).append(" info");
        score.ifPresent(s -> sb.append(", score ").append(s).append("/100"));
        sb.append('\n');
        for (Finding f : findings) {
            sb.append("  ").append(f.format()).append('\n');
        }
        return sb.toString();
    }
}
