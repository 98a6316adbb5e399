package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import java.util.List;
import java.util.Set;

/** {@code yaml-tab-indent}: replaces tabs in the indentation of YAML and template files with two spaces each. */
public final class TabIndentHealer extends RuleHealer {

    /** Creates the healer. */
    public TabIndentHealer() {
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of("yaml-tab-indent");
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    protected HealResult fix(ChartFiles files, List<Finding> findings, HealContext context) {
        return rewriteFiles(files, findings, "replaced tab indentation with spaces", text -> text.map(TabIndentHealer::untab));
    }

    static String untab(String text) {
        List<String> lines = Lines.split(text);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int j = 0;
            StringBuilder lead = new StringBuilder();
            while (j < l.length() && (l.charAt(j) == ' ' || l.charAt(j) == '\t')) {
                lead.append(l.charAt(j) == '\t' ? "  " : " ");
                j++;
            }
            lines.set(i, lead + l.substring(j));
        }
        return Lines.join(lines);
    }
}
