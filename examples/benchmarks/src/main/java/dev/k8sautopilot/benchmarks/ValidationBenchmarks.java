package dev.k8sautopilot.benchmarks;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.PlanningContext;
import dev.k8sautopilot.templates.DefaultTemplateCoordinator;
import dev.k8sautopilot.validation.DefaultValidator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Average time to validate one generated corpus chart (round robin over the corpus) with every layer
 * ({@code layer=all}) or with one layer and the others skipped. A single Helm-backed layer then includes
 * the {@code helm template} rendering it needs, which the full run does once and shares; the per-layer
 * split of a full run is printed by {@link BatchRun}.
 *
 * <p>Run: {@code java -jar examples/benchmarks/target/benchmarks.jar ValidationBenchmarks} (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ValidationBenchmarks {

    /** {@code all}, or the name of the one validation layer to run. */
    @Param({"all", "structure", "schema", "lint", "template", "kubernetes", "deprecation", "security"})
    public String layer;

    private final DefaultValidator validator = new DefaultValidator();
    private List<ChartFiles> charts;
    private ValidationOptions options;
    private int next;

    /** Plans and generates the corpus charts once. */
    @Setup(Level.Trial)
    public void setUp() {
        RuleBasedPlanner planner = new RuleBasedPlanner();
        DefaultTemplateCoordinator coordinator = new DefaultTemplateCoordinator();
        charts = Corpus.completing().stream()
                .map(e -> ((PlanOutcome.Planned) planner.plan(e.chartRequest(), PlanningContext.offline())).plan())
                .map(coordinator::generate)
                .toList();
        Set<String> skip = new HashSet<>();
        if (!layer.equals("all")) {
            if (!DefaultValidator.layerNames().contains(layer)) {
                throw new IllegalArgumentException("layer: no layer '" + layer + "' (fix: use all or one of "
                        + DefaultValidator.layerNames() + ")");
            }
            skip.addAll(DefaultValidator.layerNames());
            skip.remove(layer);
        }
        options = new ValidationOptions(ValidationOptions.DEFAULT_KUBE_VERSION, true, skip, Optional.empty());
    }

    /** Validates the next corpus chart. */
    @Benchmark
    public ValidationReport validate() {
        ValidationReport report = validator.validate(charts.get(next), options);
        next = (next + 1) % charts.size();
        return report;
    }
}
