package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * {@code values-invalid}, {@code chart-yaml-invalid}: repairs inconsistent indentation of plain YAML
 * files (values, Chart.yaml, ci values) by snapping each line that matches no open level to the
 * nearest one. Kept only when the file then parses.
 */
public final class YamlIndentHealer extends RuleHealer {

    /** Creates the healer. */
    public YamlIndentHealer() {
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of("values-invalid", "chart-yaml-invalid");
    }

    @Override
    public int order() {
        return 2;
    }

    @Override
    protected HealResult fix(ChartFiles files, List<Finding> findings, HealContext context) {
        // Kept only when the repaired file parses; a file that parses already is not touched.
        return rewriteFiles(files, findings, "repaired inconsistent indentation", text -> text
                .filter(t -> !parses(t))
                .map(t -> reindent(TabIndentHealer.untab(t)))
                .filter(YamlIndentHealer::parses));
    }

    private static boolean parses(String text) {
        try {
            Yaml.load(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String reindent(String text) {
        List<String> lines = Lines.split(text);
        Deque<Integer> levels = new ArrayDeque<>();
        levels.push(0);
        int prevIndent = 0;
        boolean prevOpens = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            int ind = Lines.indent(l);
            if (prevOpens && ind > prevIndent) {
                levels.push(ind);
            } else if (levels.contains(ind)) {
                while (levels.peek() != ind) {
                    levels.pop();
                }
            } else {
                int best = levels.peek();
                for (int level : levels) {
                    if (Math.abs(level - ind) < Math.abs(best - ind)) {
                        best = level;
                    }
                }
                if (prevOpens && Math.abs(prevIndent + 2 - ind) <= Math.abs(best - ind)) {
                    best = prevIndent + 2;
                    levels.push(best);
                } else {
                    while (levels.peek() != best) {
                        levels.pop();
                    }
                }
                lines.set(i, Lines.spaces(best) + s);
                ind = best;
            }
            if (s.startsWith("- ") && !levels.contains(ind + 2)) {
                levels.push(ind + 2);
            }
            prevIndent = s.startsWith("- ") ? ind + 2 : ind;
            String code = s.contains(" #") ? s.substring(0, s.indexOf(" #")).strip() : s;
            prevOpens = code.endsWith(":");
        }
        return Lines.join(lines);
    }
}
