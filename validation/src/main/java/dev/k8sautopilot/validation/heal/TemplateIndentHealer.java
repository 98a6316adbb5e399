package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code template-yaml-invalid}, {@code rendered-yaml-invalid}: a template whose output is not YAML because
 * a key is indented deeper than the plain {@code key: value} line before it (one level too deep). Helm names
 * the template in its error ("YAML parse error on chart/templates/x.yaml ... line N"); in that template,
 * each such key (with the block under it) is moved back to the indentation of the line before it. Lines
 * after a value that renders a block ({@code nindent}, {@code toYaml}, {@code indent}), after block scalars
 * ({@code |}, {@code >}) and template-only lines are never touched.
 */
public final class TemplateIndentHealer extends RuleHealer {

    private static final Pattern KEY = Pattern.compile("^\\s*(?:-\\s+)?[\"']?[A-Za-z0-9_.\\-/]+[\"']?\\s*:(\\s.*)?$");
    private static final Pattern SCALAR_ENTRY = Pattern.compile("^\\s*(?:-\\s+)?[\"']?[A-Za-z0-9_.\\-/]+[\"']?\\s*:\\s+(\\S.*)$");

    /** Creates the healer. */
    public TemplateIndentHealer() {
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of("template-yaml-invalid", "rendered-yaml-invalid");
    }

    @Override
    public int order() {
        return 3;
    }

    @Override
    protected HealResult fix(ChartFiles files, List<Finding> findings, HealContext context) {
        List<Finding> inTemplates = findings.stream().filter(f -> f.file().startsWith("templates/")).toList();
        return rewriteFiles(files, inTemplates, "moved keys indented one level too deep back to their siblings",
                text -> text.map(TemplateIndentHealer::dedent));
    }

    /** The template with every over-indented key (and its block) moved back; unchanged when none. */
    static String dedent(String text) {
        List<String> lines = new ArrayList<>(Lines.split(text));
        int prev = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (Lines.neutral(line)) {
                continue;
            }
            if (prev >= 0 && KEY.matcher(line).matches() && Lines.indent(line) > Lines.keyIndent(lines.get(prev))
                    && endsScalar(lines.get(prev))) {
                int from = Lines.indent(line);
                int to = Lines.keyIndent(lines.get(prev));
                if (lines.get(prev).strip().startsWith("- ") && line.strip().startsWith("- ")) {
                    to = Lines.indent(lines.get(prev));
                }
                int delta = from - to;
                lines.set(i, line.substring(delta));
                for (int j = i + 1; j < lines.size(); j++) {
                    String l = lines.get(j);
                    if (Lines.neutral(l) && l.strip().isEmpty()) {
                        continue;
                    }
                    if (Lines.indent(l) <= from) {
                        break;
                    }
                    lines.set(j, l.substring(delta));
                }
                line = lines.get(i);
            }
            prev = i;
        }
        return Lines.join(lines);
    }

    /** True when a line is {@code key: value} with a value that renders a scalar. */
    private static boolean endsScalar(String line) {
        var m = SCALAR_ENTRY.matcher(line);
        if (!m.matches()) {
            return false;
        }
        String value = m.group(1).replaceAll("\\s+#.*$", "").strip();
        if (value.isEmpty() || value.startsWith("|") || value.startsWith(">") || value.startsWith("&") || value.startsWith("!")) {
            return false;
        }
        if (value.contains("{{")) {
            // A template value may render a block: only simple expressions count as scalars.
            return !(value.contains("nindent") || value.contains("toYaml") || value.contains("indent "));
        }
        return !value.endsWith(":");
    }
}
