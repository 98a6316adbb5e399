package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code chart-field-type}, {@code chart-version-invalid}, {@code chart-api-version}: quotes
 * version/appVersion/kubeVersion exactly as written (so {@code 1.10} stays {@code "1.10"}), pads a
 * short chart version to SemVer ({@code 1.0} → {@code "1.0.0"}) and sets {@code apiVersion: v2}.
 * Edits only the affected top-level lines of Chart.yaml.
 */
public final class ChartMetadataHealer extends RuleHealer {

    private static final Pattern LINE = Pattern.compile("^(version|appVersion|kubeVersion|apiVersion):\\s*(.*?)\\s*(#.*)?$");
    private static final Pattern SHORT = Pattern.compile("^v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?$");

    /** Creates the healer. */
    public ChartMetadataHealer() {
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of("chart-field-type", "chart-version-invalid", "chart-api-version");
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    protected HealResult fix(ChartFiles files, List<Finding> findings, HealContext context) {
        String text = files.get("Chart.yaml").orElse(null);
        if (text == null) {
            return HealResult.unchanged(files);
        }
        Set<String> rules = Set.copyOf(findings.stream().map(Finding::ruleId).toList());
        List<String> lines = Lines.split(text);
        List<String> applied = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1);
            String raw = m.group(2);
            String comment = m.group(3) == null ? "" : " " + m.group(3);
            String value = unquote(raw);
            String next = null;
            if (key.equals("apiVersion")) {
                if (rules.contains("chart-api-version") && !value.equals("v2")) {
                    next = "v2";
                }
            } else if (key.equals("version") && rules.contains("chart-version-invalid")) {
                Matcher s = SHORT.matcher(value);
                if (s.matches()) {
                    next = Yaml.scalar(s.group(1) + "." + (s.group(2) == null ? "0" : s.group(2)) + "."
                            + (s.group(3) == null ? "0" : s.group(3)));
                    next = quoted(next);
                }
            }
            if (next == null && rules.contains("chart-field-type") && !key.equals("apiVersion") && !raw.startsWith("\"")
                    && !raw.startsWith("'") && !raw.isEmpty()) {
                next = quoted(value);
            }
            if (next != null && !next.equals(raw)) {
                lines.set(i, key + ": " + next + comment);
                applied.add("Chart.yaml: " + key + " " + raw + " → " + next);
            }
        }
        if (applied.isEmpty()) {
            return HealResult.unchanged(files);
        }
        return new HealResult(files.with("Chart.yaml", Lines.join(lines)), applied);
    }

    private static String quoted(String value) {
        String v = unquote(value);
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String unquote(String raw) {
        if (raw.length() >= 2 && (raw.startsWith("\"") && raw.endsWith("\"") || raw.startsWith("'") && raw.endsWith("'"))) {
            return raw.substring(1, raw.length() - 1);
        }
        return raw;
    }
}
