package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 0–100 security/best-practice score: 100 minus, for every distinct rule of the security and
 * deprecation layers that fires, 15 for an error, 5 for a warning and 1 for an info; at least 0.
 * Counting rules instead of occurrences keeps big charts comparable to small ones.
 */
final class Score {

    static final int ERROR_PENALTY = 15;
    static final int WARNING_PENALTY = 5;
    static final int INFO_PENALTY = 1;

    private Score() {
    }

    static int of(List<Finding> findings) {
        Map<String, Severity> worst = new TreeMap<>();
        for (Finding f : findings) {
            if (f.layer().equals(SecurityLayer.NAME) || f.layer().equals(DeprecationLayer.NAME)) {
                worst.merge(f.ruleId(), f.severity(), (a, b) -> a.atLeast(b) ? a : b);
            }
        }
        int score = 100;
        for (Severity s : worst.values()) {
            score -= switch (s) {
                case ERROR -> ERROR_PENALTY;
                case WARNING -> WARNING_PENALTY;
                case INFO -> INFO_PENALTY;
            };
        }
        return Math.max(0, score);
    }
}
