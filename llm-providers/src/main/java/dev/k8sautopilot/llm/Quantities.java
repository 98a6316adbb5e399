package dev.k8sautopilot.llm;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Kubernetes quantities ({@code 250m}, {@code 1.5}, {@code 512Mi}, {@code 2G}) as plain numbers. */
final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$");
    private static final Map<String, Double> FACTORS = Map.ofEntries(
            Map.entry("m", 1e-3), Map.entry("k", 1e3), Map.entry("M", 1e6), Map.entry("G", 1e9), Map.entry("T", 1e12),
            Map.entry("P", 1e15), Map.entry("E", 1e18), Map.entry("Ki", 1024.0), Map.entry("Mi", 1024.0 * 1024),
            Map.entry("Gi", 1024.0 * 1024 * 1024), Map.entry("Ti", 1024.0 * 1024 * 1024 * 1024),
            Map.entry("Pi", Math.pow(1024, 5)), Map.entry("Ei", Math.pow(1024, 6)));

    private Quantities() {
    }

    /**
     * The amount in base units (cores for CPU, bytes for memory), or -1 when the text is not a quantity this
     * reader knows (the ChartSpec model reports those with its own message).
     */
    static double amount(String text) {
        Matcher m = QUANTITY.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return -1;
        }
        double number = Double.parseDouble(m.group(1));
        return m.group(2) == null ? number : number * FACTORS.get(m.group(2));
    }
}
