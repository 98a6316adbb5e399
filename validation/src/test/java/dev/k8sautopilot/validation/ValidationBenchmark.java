package dev.k8sautopilot.validation;

import com.marcnuri.helm.Helm;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.LayerTiming;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark (not a timed test): wall-clock milliseconds per validation layer over a few charts,
 * median of {@value #RUNS} runs after one warm-up, plus one offline heal loop. Run with
 * <pre>
 * mvn -B -q -pl validation -am verify -Dtest=ValidationBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true
 * </pre>
 * or call {@link #main(String[])} from the IDE.
 */
public final class ValidationBenchmark {

    static final int RUNS = 7;

    @Test
    @EnabledIfSystemProperty(named = "benchmark", matches = "true")
    void run() throws IOException {
        main(new String[0]);
    }

    public static void main(String[] args) throws IOException {
        Path tmp = Files.createTempDirectory("k8s-autopilot-bench");
        Helm.create().withName("hc").withDir(tmp).call();
        Map<String, ChartFiles> charts = new LinkedHashMap<>();
        charts.put("webapp (hardened, 2 scenarios)", TestCharts.webapp());
        charts.put("helm create", ChartFiles.read(tmp.resolve("hc")));
        charts.put("webapp + Ingress v1beta1 fault", BrokenChartCorpusTest.faults()
                .filter(f -> f.name().startsWith("Ingress networking")).findFirst().orElseThrow().inject().apply(TestCharts.webapp()));
        DefaultValidator validator = new DefaultValidator();
        ValidationOptions options = ValidationOptions.defaults();
        StringBuilder out = new StringBuilder("| chart | " + String.join(" | ", DefaultValidator.layerNames()) + " | total |\n");
        out.append("|---".repeat(DefaultValidator.layerNames().size() + 2)).append("|\n");
        for (Map.Entry<String, ChartFiles> e : charts.entrySet()) {
            validator.validate(e.getValue(), options);
            Map<String, List<Long>> perLayer = new LinkedHashMap<>();
            List<Long> totals = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                ValidationReport r = validator.validate(e.getValue(), options);
                totals.add((System.nanoTime() - start) / 1_000_000);
                for (LayerTiming t : r.layers()) {
                    perLayer.computeIfAbsent(t.layer(), k -> new ArrayList<>()).add(t.millis());
                }
            }
            out.append("| ").append(e.getKey());
            for (String layer : DefaultValidator.layerNames()) {
                out.append(" | ").append(median(perLayer.getOrDefault(layer, List.of(0L))));
            }
            out.append(" | ").append(median(totals)).append(" |\n");
        }
        long start = System.nanoTime();
        HealLoop.Outcome healed = HealLoop.run(validator, charts.get("helm create"), options, 3);
        out.append("\nheal loop on helm create: ").append((System.nanoTime() - start) / 1_000_000).append(" ms, ")
                .append(healed.before().count(dev.k8sautopilot.model.Severity.ERROR)).append(" → ")
                .append(healed.after().count(dev.k8sautopilot.model.Severity.ERROR)).append(" errors, score ")
                .append(healed.before().score().orElse(-1)).append(" → ").append(healed.after().score().orElse(-1)).append('\n');
        System.out.println(out);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
