package dev.k8sautopilot.templates;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.WriteMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes generated charts and runs real Helm (helm-java, in-process) on them. */
final class HelmSupport {

    static final String KUBE_VERSION = "1.31.0";
    private static final DefaultTemplateCoordinator COORDINATOR = new DefaultTemplateCoordinator();

    private HelmSupport() {
    }

    static ChartFiles generate(ChartSpec spec) {
        return COORDINATOR.generate(ChartPlan.of(spec));
    }

    static Path write(ChartSpec spec, Path dir) {
        ChartFiles files = generate(spec);
        files.writeTo(dir, WriteMode.OVERWRITE);
        return dir.resolve(files.name());
    }

    static LintResult lint(Path chart) {
        return new Helm(chart).lint().strict().call();
    }

    /** Lint messages that are errors or warnings. */
    static List<String> lintProblems(Path chart) {
        LintResult r = lint(chart);
        List<String> out = new ArrayList<>();
        for (String m : r.getMessages()) {
            if (m.contains("[ERROR]") || m.contains("[WARNING]")) {
                out.add(m);
            }
        }
        if (r.isFailed() && out.isEmpty()) {
            out.add("lint failed: " + r.getMessages());
        }
        return out;
    }

    static String template(Path chart, Path valuesFile, Map<String, Object> sets) {
        TemplateCommand cmd = new Helm(chart).template().withName("rel").withNamespace("apps").withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            cmd = cmd.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> e : sets.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        return cmd.call();
    }

    /** Every rendered object as a map. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(String rendered) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : Yaml.loadAll(rendered)) {
            out.add((Map<String, Object>) o);
        }
        return out;
    }
}
