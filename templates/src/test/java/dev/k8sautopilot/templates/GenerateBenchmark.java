package dev.k8sautopilot.templates;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain-main benchmark (not a test): time to generate the representative and corpus charts.
 *
 * <pre>
 * mvn -q -o -pl templates -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "templates/target/classes:templates/target/test-classes:$(cat templates/target/cp.txt)" dev.k8sautopilot.templates.GenerateBenchmark
 * </pre>
 */
public final class GenerateBenchmark {

    private GenerateBenchmark() {
    }

    /** Runs warm-up rounds, then measured rounds, and prints per-chart and total times. */
    public static void main(String[] args) {
        List<ChartSpec> specs = new ArrayList<>(List.of(TestSpecs.webApp(), TestSpecs.database(), TestSpecs.traefikApp(),
                TestSpecs.job(), TestSpecs.cronJob(), TestSpecs.nginxIngressTls(), TestSpecs.hpa(), TestSpecs.everything()));
        specs.addAll(TestSpecs.corpus().values());
        DefaultTemplateCoordinator coordinator = new DefaultTemplateCoordinator();
        long coldStart = System.nanoTime();
        coordinator.generate(ChartPlan.of(specs.get(0)));
        long cold = System.nanoTime() - coldStart;
        for (int i = 0; i < 50; i++) {
            specs.forEach(s -> coordinator.generate(ChartPlan.of(s)));
        }
        int rounds = 200;
        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            for (ChartSpec s : specs) {
                bytes += coordinator.generate(ChartPlan.of(s)).size();
            }
        }
        long total = System.nanoTime() - start;
        double perChartMs = total / 1e6 / rounds / specs.size();
        System.out.printf(Locale.ROOT, "charts per round: %d, rounds: %d%n", specs.size(), rounds);
        System.out.printf(Locale.ROOT, "first chart (cold, incl. class loading): %.1f ms%n", cold / 1e6);
        System.out.printf(Locale.ROOT, "all %d charts: %.2f ms per round, %.3f ms per chart, %.1f KiB per chart%n",
                specs.size(), total / 1e6 / rounds, perChartMs, bytes / 1024.0 / rounds / specs.size());
    }
}
