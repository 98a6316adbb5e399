package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code workload-selector-missing}: adds {@code spec.selector.matchLabels} to Deployments,
 * StatefulSets, DaemonSets and ReplicaSets — the chart's {@code <chart>.selectorLabels} helper when
 * the pod template uses it, else a copy of the pod template's labels, so the selector always matches.
 */
public final class SelectorHealer extends RuleHealer {

    private static final List<String> KINDS = List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");

    /** Creates the healer. */
    public SelectorHealer() {
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of("workload-selector-missing");
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    protected HealResult fix(ChartFiles files, List<Finding> findings, HealContext context) {
        ChartFiles out = files;
        List<String> applied = new ArrayList<>();
        String helpers = files.get("templates/_helpers.tpl").orElse("");
        for (String path : findings.stream().map(Finding::file).distinct().toList()) {
            String text = files.get(path).orElse(null);
            if (text == null) {
                continue;
            }
            List<String> lines = Lines.split(text);
            int added = 0;
            // Later documents first so earlier insertions do not shift their ranges.
            List<int[]> docs = new ArrayList<>(TemplateEdits.docsOfKind(lines, KINDS));
            java.util.Collections.reverse(docs);
            for (int[] doc : docs) {
                if (TemplateEdits.insertSelector(lines, doc, helpers)) {
                    added++;
                }
            }
            if (added > 0) {
                out = out.with(path, Lines.join(lines));
                applied.add(path + ": added spec.selector.matchLabels to " + added + " workload(s)");
            }
        }
        return new HealResult(out, applied);
    }
}
