package dev.k8sautopilot.validation.junit;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.validation.RenderedManifest;
import java.util.List;
import java.util.stream.Collectors;

/** Text of failure messages, shared by the assertion classes. */
final class Messages {

    /** Findings shown in full in one message; the rest are counted. */
    static final int MAX_FINDINGS = 20;

    private Messages() {
    }

    /**
     * One finding as a block: rule and severity, file and line, the offending source line when known,
     * the message and the fix.
     */
    static String finding(Finding f, ChartFiles chart) {
        StringBuilder sb = new StringBuilder("  - ").append(f.ruleId()).append(" (").append(f.severity()).append(')');
        sb.append(" in ").append(f.file().isEmpty() ? "the chart" : f.file());
        if (f.line() > 0) {
            sb.append(':').append(f.line());
        }
        if (!f.resource().isEmpty()) {
            sb.append(", ").append(f.resource());
        }
        sb.append('\n');
        sourceLine(f, chart).ifPresent(l -> sb.append("      ").append(f.line()).append(" | ").append(l).append('\n'));
        sb.append("      ").append(f.message()).append('\n');
        if (!f.hint().isEmpty()) {
            sb.append("      fix: ").append(f.hint()).append('\n');
        }
        return sb.toString();
    }

    static String findings(List<Finding> findings, ChartFiles chart) {
        StringBuilder sb = new StringBuilder();
        findings.stream().limit(MAX_FINDINGS).forEach(f -> sb.append(finding(f, chart)));
        if (findings.size() > MAX_FINDINGS) {
            sb.append("  ... and ").append(findings.size() - MAX_FINDINGS).append(" more\n");
        }
        return sb.toString();
    }

    private static java.util.Optional<String> sourceLine(Finding f, ChartFiles chart) {
        if (f.line() <= 0 || f.file().isEmpty()) {
            return java.util.Optional.empty();
        }
        return chart.get(f.file()).flatMap(text -> {
            String[] lines = text.split("\n", -1);
            return f.line() <= lines.length ? java.util.Optional.of(lines[f.line() - 1].stripTrailing())
                    : java.util.Optional.empty();
        });
    }

    /** {@code Kind/name (file)} of each object, one a line, for "but it renders" messages. */
    static String inventory(List<RenderedManifest> objects) {
        if (objects.isEmpty()) {
            return "  (no objects)\n";
        }
        return objects.stream().map(m -> "  " + m.resource() + (m.file().isEmpty() ? "" : " (" + m.file() + ")"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
