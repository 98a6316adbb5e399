package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ingress-path-type-missing}: adds {@code pathType: ImplementationSpecific} — the behaviour a
 * path had before pathType existed — to every Ingress path without one.
 */
public final class IngressPathTypeHealer extends RuleHealer {

    /** Creates the healer. */
    public IngressPathTypeHealer() {
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of("ingress-path-type-missing");
    }

    @Override
    public int order() {
        return 21;
    }

    @Override
    protected HealResult fix(ChartFiles files, List<Finding> findings, HealContext context) {
        ChartFiles out = files;
        List<String> applied = new ArrayList<>();
        for (String path : findings.stream().map(Finding::file).distinct().toList()) {
            String text = files.get(path).orElse(null);
            if (text == null) {
                continue;
            }
            List<String> lines = Lines.split(text);
            int fixed = 0;
            List<int[]> docs = new ArrayList<>(TemplateEdits.docsOfKind(lines, List.of("Ingress")));
            java.util.Collections.reverse(docs);
            for (int[] doc : docs) {
                fixed += TemplateEdits.addPathTypes(lines, doc, "ImplementationSpecific");
            }
            if (fixed > 0) {
                out = out.with(path, Lines.join(lines));
                applied.add(path + ": added pathType: ImplementationSpecific to " + fixed + " path(s)");
            }
        }
        return new HealResult(out, applied);
    }
}
