package dev.k8sautopilot.plan;

import java.util.Locale;

/** Turns free text into chart names: DNS labels of at most 53 characters. */
final class ChartNames {

    private ChartNames() {
    }

    /** Lowercase, non-alphanumerics folded to '-', trimmed to 53 characters; {@code app} if nothing is left. */
    static String label(String value) {
        String s = value == null ? "" : value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 53) {
            s = s.substring(0, 53).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "app" : s;
    }
}
