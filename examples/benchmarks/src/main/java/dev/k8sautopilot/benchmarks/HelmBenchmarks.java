package dev.k8sautopilot.benchmarks;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.PlanningContext;
import dev.k8sautopilot.templates.DefaultTemplateCoordinator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Helm alone on the same corpus charts as {@link StageBenchmarks#pipeline()} (round robin): helm-java
 * {@code lint --strict} plus {@code template}, the yardstick of the in-process pipeline (issue: the pipeline per
 * chart within 2× of this). {@code scenarios=defaults} renders once with the chart's defaults, as a user typing
 * {@code helm lint --strict && helm template} does; {@code scenarios=all} also renders every {@code ci/*-values.yaml},
 * which is the Helm work a full validation needs. The charts are written to disk once, outside the measure.
 *
 * <p>Run: {@code java -jar examples/benchmarks/target/benchmarks.jar HelmBenchmarks} (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class HelmBenchmarks {

    /** {@code defaults}: lint + one template; {@code all}: lint + a template per values scenario. */
    @Param({"defaults", "all"})
    public String scenarios;

    private final List<Path> charts = new ArrayList<>();
    private final List<List<Path>> valuesFiles = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private Path root;
    private int next;

    /** Plans, generates and writes the corpus charts once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("k8s-autopilot-jmh-helm-");
        RuleBasedPlanner planner = new RuleBasedPlanner();
        DefaultTemplateCoordinator coordinator = new DefaultTemplateCoordinator();
        for (Corpus.Entry e : Corpus.completing()) {
            ChartFiles files = coordinator.generate(((PlanOutcome.Planned) planner.plan(e.chartRequest(), PlanningContext.offline())).plan());
            Path dir = root.resolve(charts.size() + "").resolve(files.name());
            List<Path> ci = new ArrayList<>();
            for (Map.Entry<String, String> f : files.files().entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                if (f.getKey().startsWith("ci/") && f.getKey().endsWith("-values.yaml")) {
                    ci.add(p);
                }
            }
            charts.add(dir);
            valuesFiles.add(ci);
            names.add(files.name());
        }
    }

    /** Removes the charts. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Trees.delete(root);
    }

    /** {@code helm lint --strict} and {@code helm template} of the next corpus chart. */
    @Benchmark
    public int lintAndTemplate() {
        int i = next;
        next = (next + 1) % charts.size();
        Helm helm = new Helm(charts.get(i));
        LintResult lint = helm.lint().strict().call();
        if (lint.isFailed()) {
            throw new IllegalStateException("corpus chart " + names.get(i) + " fails helm lint: " + lint.getMessages());
        }
        int size = template(helm, names.get(i), null).length();
        if (scenarios.equals("all")) {
            for (Path values : valuesFiles.get(i)) {
                size += template(helm, names.get(i), values).length();
            }
        }
        return size;
    }

    private static String template(Helm helm, String release, Path values) {
        TemplateCommand cmd = helm.template().withName(release).withNamespace("default")
                .withKubeVersion(ValidationOptions.DEFAULT_KUBE_VERSION);
        if (values != null) {
            cmd.withValuesFile(values);
        }
        return cmd.call();
    }
}
