package dev.k8sautopilot.validation;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared render of a chart: one entry per values scenario. Produced once per validation by
 * {@link ValidationContext#rendering()} and read by every layer that checks rendered objects.
 *
 * @param scenarios each scenario's outcome
 */
record Rendering(List<Scenario> scenarios) {

    Rendering {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * One {@code helm template} run.
     *
     * @param valuesFile chart-relative values file, {@code ""} for the defaults
     * @param error      helm's error text, empty when rendering succeeded
     * @param objects    parsed objects
     * @param problems   findings about the output itself (unparseable documents)
     */
    record Scenario(String valuesFile, String error, List<RenderedObject> objects, List<Finding> problems) {
        Scenario {
            objects = List.copyOf(objects);
            problems = List.copyOf(problems);
        }

        boolean rendered() {
            return error.isEmpty();
        }

        /** Suffix for messages of non-default scenarios. */
        String label() {
            return valuesFile.isEmpty() ? "" : " [with " + valuesFile + "]";
        }
    }

    /** Every object of every successfully rendered scenario. */
    List<RenderedObject> objects() {
        return scenarios.stream().flatMap(s -> s.objects().stream()).toList();
    }

    /** True when at least one scenario rendered. */
    boolean anyRendered() {
        return scenarios.stream().anyMatch(Scenario::rendered);
    }

    /** Splits {@code helm template} output into objects, keeping the source file of each. */
    @SuppressWarnings("unchecked")
    static Scenario parse(String valuesFile, String output, String chartName) {
        List<RenderedObject> objects = new ArrayList<>();
        List<Finding> problems = new ArrayList<>();
        String source = "";
        StringBuilder doc = new StringBuilder();
        List<String[]> docs = new ArrayList<>();
        for (String line : output.split("\n", -1)) {
            if (line.equals("---") || line.startsWith("--- ")) {
                docs.add(new String[] {source, doc.toString()});
                doc.setLength(0);
                source = "";
                continue;
            }
            if (line.startsWith("# Source: ")) {
                source = stripChart(line.substring("# Source: ".length()).strip(), chartName);
            }
            doc.append(line).append('\n');
        }
        docs.add(new String[] {source, doc.toString()});
        for (String[] d : docs) {
            if (d[1].isBlank()) {
                continue;
            }
            try {
                for (Object o : Yaml.loadAll(d[1])) {
                    if (o instanceof Map<?, ?> m) {
                        objects.add(new RenderedObject(valuesFile, d[0], (Map<String, Object>) m));
                    } else {
                        problems.add(Finding.of(Severity.ERROR, "rendered-yaml-invalid", "template", d[0], 0,
                                "a rendered document is not a YAML mapping" + label(valuesFile),
                                "make the template produce one Kubernetes object per document"));
                    }
                }
            } catch (RuntimeException e) {
                problems.add(Finding.of(Severity.ERROR, "rendered-yaml-invalid", "template", d[0], 0,
                        "rendered output is not valid YAML: " + firstLine(e.getMessage()) + label(valuesFile),
                        "check indentation around include/toYaml (use nindent) in " + (d[0].isEmpty() ? "the template" : d[0])));
            }
        }
        return new Scenario(valuesFile, "", objects, problems);
    }

    static String label(String valuesFile) {
        return valuesFile.isEmpty() ? "" : " [with " + valuesFile + "]";
    }

    private static String stripChart(String source, String chartName) {
        int slash = source.indexOf('/');
        // Sources of subcharts keep their charts/<sub>/ prefix so they stay locatable.
        return slash < 0 ? source : source.substring(slash + 1);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
