package dev.k8sautopilot.benchmarks;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.PlanningContext;
import dev.k8sautopilot.templates.DefaultTemplateCoordinator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Average time of planning, generation and the whole offline pipeline per corpus chart: every invocation
 * takes the next chart of the corpus round robin, so a score is the mean over the corpus. {@code pipeline}
 * is the whole offline run: rule-based plan, generation, every validation layer, healing and the atomic
 * write to disk. Validation alone is in {@link ValidationBenchmarks}.
 *
 * <p>Run: {@code java -jar examples/benchmarks/target/benchmarks.jar StageBenchmarks} (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class StageBenchmarks {

    private final RuleBasedPlanner planner = new RuleBasedPlanner();
    private final DefaultTemplateCoordinator coordinator = new DefaultTemplateCoordinator();
    private final PlanningContext offline = PlanningContext.offline();

    private List<ChartRequest> requests;
    private List<ChartPlan> plans;
    private ChartPipeline pipeline;
    private Path output;
    private int next;

    /** Plans and generates the corpus once, so each benchmark measures only its own stage. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        requests = Corpus.completing().stream().map(Corpus.Entry::chartRequest).toList();
        plans = requests.stream().map(r -> ((PlanOutcome.Planned) planner.plan(r, offline)).plan()).toList();
        output = Files.createTempDirectory("k8s-autopilot-jmh-");
        pipeline = ChartPipeline.builder()
                .outputDirectory(output)
                .writeMode(WriteMode.OVERWRITE)
                .checkpointer(new MemoryCheckpointer())
                .approvals(ApprovalHandlers.autoApprove())
                .build();
    }

    /** Removes the charts written by {@link #pipeline()}. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Trees.delete(output);
    }

    private int nextIndex() {
        int i = next;
        next = (next + 1) % requests.size();
        return i;
    }

    /** Rule-based planning of one corpus request. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PlanOutcome plan() {
        return planner.plan(requests.get(nextIndex()), offline);
    }

    /** Template generation of one corpus plan. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ChartFiles generate() {
        return coordinator.generate(plans.get(nextIndex()));
    }

    /** The whole offline pipeline for one corpus request, chart written to disk. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RunResult pipeline() {
        RunResult result = pipeline.run(requests.get(nextIndex()));
        if (!(result instanceof RunResult.Completed c) || !c.passed()) {
            throw new IllegalStateException("corpus run did not complete: " + result);
        }
        pipeline.checkpointer().delete(result.runId());
        return result;
    }
}
