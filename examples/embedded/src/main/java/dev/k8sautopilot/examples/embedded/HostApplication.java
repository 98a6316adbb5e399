package dev.k8sautopilot.examples.embedded;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.PipelineListener;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.Stage;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.WriteMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A host application embedding k8s-autopilot. It
 *
 * <ol>
 *   <li>generates a chart from a structured spec and from a sentence (both complete);</li>
 *   <li>regenerates the first chart with a change: its review policy defers because an existing chart
 *       would change, the run is saved in the file checkpointer and comes back {@code Interrupted};
 *       a <em>second</em> pipeline (as another process would) resumes it once "a person" approved;</li>
 *   <li>repairs a chart someone broke by hand; healing cannot fix a privileged container, so the run
 *       comes back {@code Failed} with the findings.</li>
 * </ol>
 *
 * <p>Run it with {@code java -jar k8s-autopilot-example-embedded.jar [WORK_DIR]} (dependencies on the class
 * path) or {@code mvn -q -pl examples/embedded exec:java}; the test {@code HostApplicationTest} runs it in
 * {@code mvn verify}. Charts go to {@code WORK_DIR/charts}, saved runs to {@code WORK_DIR/runs}.
 */
public final class HostApplication {

    /** What the host application saw, one entry per run, for callers and tests. */
    public record Outcome(String step, RunResult result) {
    }

    private static final String SPEC = String.join("\n",
            "name: orders",
            "description: Orders API of the shop",
            "image: ghcr.io/acme/orders-api:2.4.1",
            "ports: [8080]",
            "replicas: 2",
            "env: {LOG_LEVEL: info}",
            "secretEnv: [DATABASE_PASSWORD]",
            "probes:",
            "  liveness: {type: http, path: /healthz}",
            "  readiness: {type: http, path: /ready}",
            "");

    private final Path work;
    private final PrintStream out;

    /**
     * Creates the application.
     *
     * @param work directory for charts and saved runs
     * @param out  where progress and results are printed
     */
    public HostApplication(Path work, PrintStream out) {
        this.work = work.toAbsolutePath().normalize();
        this.out = out;
    }

    /**
     * Entry point.
     *
     * @param args optional work directory (default: a new temporary directory)
     * @throws IOException when the work directory cannot be created
     */
    public static void main(String[] args) throws IOException {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("k8s-autopilot-embedded-");
        List<String> kinds = new HostApplication(work, System.out).run().stream()
                .map(o -> o.result().getClass().getSimpleName()).toList();
        // No System.exit: the application also runs inside Maven (exec:java), which must not be killed.
        if (!kinds.equals(List.of("Completed", "Completed", "Interrupted", "Completed", "Failed"))) {
            throw new IllegalStateException("unexpected results " + kinds + " (see the output above)");
        }
        System.out.println("done: charts in " + work.toAbsolutePath().normalize().resolve("charts"));
    }

    /**
     * Runs the whole scenario.
     *
     * @return each run's outcome, in order
     * @throws IOException when the broken chart for the repair step cannot be prepared
     */
    public List<Outcome> run() throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        ReviewPolicy policy = new ReviewPolicy(Map.of("image", "ghcr.io/acme/default-app:1.0.0"), out);
        // A pipeline opens its checkpointer on first use and closes it (and its lock file) when closed.
        try (ChartPipeline pipeline = pipeline(policy).build()) {
            out.println("1. generate from a spec");
            ChartSpec spec = ChartSpecs.parse(SPEC);
            outcomes.add(react("spec", pipeline, pipeline.run(ChartRequest.of(spec))));

            out.println("2. generate from a sentence");
            outcomes.add(react("sentence", pipeline,
                    pipeline.run(ChartRequest.of("Create a Helm chart for redis with persistence, 2Gi of storage"))));

            out.println("3. regenerate the orders chart with 4 replicas over the existing one");
            try (ChartPipeline updating = pipeline.toBuilder().writeMode(WriteMode.UPDATE).build()) {
                RunResult deferred = updating.run(ChartRequest.of(spec.toBuilder().replicas(4).build()));
                outcomes.add(react("update", updating, deferred));
                if (deferred instanceof RunResult.Interrupted stopped) {
                    // Another process (a web UI, a chat bot, ...) would do this later: a new pipeline on the same
                    // checkpointer finds the saved run by its id and continues it with the person's decision.
                    try (ChartPipeline later = pipeline(policy).writeMode(WriteMode.UPDATE).build()) {
                        out.println("   a person approved the change; resuming " + stopped.runId() + " in a new pipeline");
                        outcomes.add(react("resumed", later, later.resume(stopped.runId(), Decision.approve())));
                    }
                }
            }

            out.println("4. repair a chart that was broken by hand");
            Path broken = breakChart(work.resolve("charts/orders"));
            outcomes.add(react("repair", pipeline, pipeline.repair(broken)));
        }
        return outcomes;
    }

    private ChartPipeline.Builder pipeline(ReviewPolicy policy) {
        return ChartPipeline.builder()
                .outputDirectory(work.resolve("charts"))
                .checkpointer("file:" + work.resolve("runs"))
                .approvals(ApprovalHandlers.callback(policy::review))
                .gate(Gate.PLANNING_REVIEW, true)
                .addListener(new PipelineListener() {
                    @Override
                    public void stageFinished(String runId, Stage stage, long millis) {
                        out.println("   " + stage.key() + " " + millis + " ms");
                    }

                    @Override
                    public void healingRound(String runId, int round, List<String> applied, long errorsBefore,
                                             long errorsAfter, boolean kept) {
                        out.println("   heal round " + round + ": " + errorsBefore + " -> " + errorsAfter + " error(s)"
                                + (kept ? "" : " (discarded)") + " " + applied);
                    }
                });
    }

    /** Reacts to each kind of result, as a host application would. */
    private Outcome react(String step, ChartPipeline pipeline, RunResult result) {
        // Java 17: an instanceof chain over the sealed RunResult (a pattern switch on Java 21+).
        if (result instanceof RunResult.Completed done) {
            out.println("   completed: " + done.chartDirectory() + " (score " + done.report().score().orElse(0) + "/100, "
                    + done.files().paths().size() + " files" + (done.healLog().isEmpty() ? "" : ", healed: " + done.healLog()) + ")");
        } else if (result instanceof RunResult.Interrupted stopped) {
            out.println("   interrupted at " + stopped.request().gate() + ": run " + stopped.runId() + " saved in "
                    + pipeline.checkpointer().describe());
        } else if (result instanceof RunResult.Failed failed) {
            out.println("   failed in " + failed.stage() + ": " + failed.reason());
            for (Finding f : failed.report().atLeast(Severity.ERROR)) {
                out.println("     " + f.format());
            }
        }
        return new Outcome(step, result);
    }

    /** Makes the containers privileged, something no deterministic healer undoes. */
    private static Path breakChart(Path chart) throws IOException {
        Path values = chart.resolve("values.yaml");
        String text = Files.readString(values, StandardCharsets.UTF_8);
        String safe = "  privileged: false\n";
        if (!text.contains(safe)) {
            throw new IllegalStateException("values.yaml of " + chart + " has no 'privileged: false' line to break");
        }
        Files.writeString(values, text.replace(safe, "  privileged: true\n"), StandardCharsets.UTF_8);
        return chart;
    }
}
