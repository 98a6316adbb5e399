package dev.k8sautopilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.HealResult;
import dev.k8sautopilot.spi.Healer;
import dev.k8sautopilot.spi.Planner;
import dev.k8sautopilot.spi.TemplateCoordinator;
import dev.k8sautopilot.spi.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartPipelineTest {

    static final ChartSpec SPEC = ChartSpec.builder().name("web").image(Image.parse("nginx:1.27.3"))
            .ports(List.of(Port.of("http", 8080))).build();

    /** Writes a tiny chart whose values.yaml carries a marker the fake validator looks at. */
    static final TemplateCoordinator COORDINATOR = plan -> ChartFiles.empty(plan.spec().name())
            .with("Chart.yaml", "apiVersion: v2\nname: " + plan.spec().name() + "\nversion: 0.1.0\n")
            .with("values.yaml", "replicaCount: " + plan.spec().replicas() + "\n");

    /** Flags every file containing "broken" as an error. */
    static final Validator VALIDATOR = (files, options) -> {
        List<Finding> findings = new ArrayList<>();
        files.files().forEach((path, content) -> {
            if (content.contains("broken")) {
                findings.add(Finding.of(Severity.ERROR, "test-broken", "test", path, 1, "file is broken", "remove 'broken'"));
            }
        });
        return new ValidationReport(findings, List.of(), OptionalInt.of(findings.isEmpty() ? 100 : 50));
    };

    static final Healer FIXER = (files, report, ctx) -> {
        ChartFiles out = files;
        List<String> applied = new ArrayList<>();
        for (Finding f : report.findings()) {
            out = out.with(f.file(), out.get(f.file()).orElse("").replace("broken", "fixed"));
            applied.add(f.file() + ": fixed");
        }
        return new HealResult(out, applied);
    };

    static ChartPipeline.Builder pipeline(Path out) {
        return ChartPipeline.builder()
                .outputDirectory(out)
                .templateCoordinator(COORDINATOR)
                .validator(VALIDATOR)
                .discoverHealers(false)
                .checkpointer(new MemoryCheckpointer())
                .approvals(ApprovalHandlers.autoApprove());
    }

    @Nested
    @DisplayName("a run from request to chart on disk")
    class Runs {
        @Test
        void completesAndWritesChart(@TempDir Path out) throws Exception {
            List<String> events = new ArrayList<>();
            RunResult r = pipeline(out).addListener(new PipelineListener() {
                @Override
                public void stageFinished(String runId, Stage stage, long millis) {
                    events.add(stage.key());
                }

                @Override
                public void gateReached(String runId, Gate gate) {
                    events.add("gate:" + gate);
                }
            }).build().run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOf(RunResult.Completed.class);
            RunResult.Completed c = (RunResult.Completed) r;
            assertThat(c.chartDirectory()).isEqualTo(out.resolve("web"));
            assertThat(Files.readString(out.resolve("web/values.yaml"))).isEqualTo("replicaCount: 1\n");
            assertThat(c.passed()).isTrue();
            assertThat(c.usage().stageMillis()).containsKeys("plan", "generate", "validate", "write");
            assertThat(events).containsExactly("plan", "generate", "gate:GENERATION_REVIEW", "validate", "write");
        }

        @Test
        void missingTemplatesModuleIsNamed(@TempDir Path out) {
            ChartPipeline p = ChartPipeline.builder().outputDirectory(out).checkpointer(new MemoryCheckpointer())
                    .approvals(ApprovalHandlers.autoApprove()).build();
            assertThatThrownBy(() -> p.run(ChartRequest.of(SPEC)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("k8s-autopilot-templates");
        }

        @Test
        void existingChartIsNotOverwritten(@TempDir Path out) throws Exception {
            Files.createDirectories(out.resolve("web"));
            Files.writeString(out.resolve("web/Chart.yaml"), "mine");
            RunResult r = pipeline(out).build().run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOf(RunResult.Failed.class);
            RunResult.Failed failed = (RunResult.Failed) r;
            assertThat(failed.reason()).contains("exists already").doesNotContain("--force", "CLI");
            assertThat(failed.kind()).isEqualTo(RunResult.Failed.Kind.CHART_EXISTS);
            assertThat(failed.stage()).isEqualTo("write");
            // Detected right after planning: nothing was generated or validated.
            assertThat(failed.usage().stageMillis()).doesNotContainKeys("generate", "validate");
            assertThat(failed.report().layers()).isEmpty();
            assertThat(Files.readString(out.resolve("web/Chart.yaml"))).isEqualTo("mine");
        }

        @Test
        @DisplayName("a finished run's checkpoint keeps no copy of the chart it wrote (the chart is on disk)")
        void finishedRunStoresNoFiles(@TempDir Path out) {
            MemoryCheckpointer store = new MemoryCheckpointer();
            RunResult r = pipeline(out).checkpointer(store).build().run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOf(RunResult.Completed.class);
            Checkpoint last = store.load(r.runId()).orElseThrow();
            assertThat(last.stage()).isEqualTo("DONE");
            assertThat(last.state()).contains("\"files\":null").doesNotContain("Chart.yaml");
        }

        @Test
        void resultsPrintShort(@TempDir Path out) {
            RunResult r = pipeline(out).build().run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOf(RunResult.Completed.class);
            assertThat(r.toString()).startsWith("Completed[runId=").contains("passed=", "files=").hasSizeLessThan(400);
        }

        @Test
        void pipelineIsReusableAndThreadSafe(@TempDir Path out) throws Exception {
            ChartPipeline p = pipeline(out).build();
            List<Thread> threads = new ArrayList<>();
            List<RunResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 8; i++) {
                ChartSpec s = SPEC.toBuilder().name("web-" + i).replicas(i + 1).build();
                Thread t = new Thread(() -> results.add(p.run(ChartRequest.of(s))));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(results).hasSize(8).allMatch(r -> r instanceof RunResult.Completed);
            for (int i = 0; i < 8; i++) {
                assertThat(Files.readString(out.resolve("web-" + i + "/values.yaml"))).isEqualTo("replicaCount: " + (i + 1) + "\n");
            }
        }
    }

    @Nested
    @DisplayName("gates, deferral and resume")
    class Gates {
        @Test
        void deferAtGenerationReviewThenResume(@TempDir Path out) {
            ChartPipeline deferring = pipeline(out).approvals(ApprovalHandlers.deferring()).build();
            RunResult first = deferring.run(ChartRequest.of(SPEC));
            assertThat(first).isInstanceOf(RunResult.Interrupted.class);
            RunResult.Interrupted i = (RunResult.Interrupted) first;
            assertThat(i.request().gate()).isEqualTo(Gate.GENERATION_REVIEW);
            assertThat(i.request().files()).containsExactly("Chart.yaml", "values.yaml");
            assertThat(i.request().summary()).contains("web");
            assertThat(out.resolve("web")).doesNotExist();

            RunResult resumed = deferring.resume(i.runId(), Decision.approve());
            assertThat(resumed).isInstanceOf(RunResult.Completed.class);
            assertThat(out.resolve("web/Chart.yaml")).exists();

            assertThatThrownBy(() -> deferring.resume(i.runId(), Decision.approve()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already ended");
        }

        @Test
        void resumeInAnotherPipelineSharingTheStoreGivesTheSameChart(@TempDir Path out) {
            MemoryCheckpointer store = new MemoryCheckpointer();
            RunResult.Interrupted i = (RunResult.Interrupted) pipeline(out.resolve("a")).checkpointer(store)
                    .approvals(ApprovalHandlers.deferring()).build().run(ChartRequest.of(SPEC));
            ChartPipeline other = pipeline(out.resolve("a")).checkpointer(store).build();
            RunResult.Completed resumed = (RunResult.Completed) other.resume(i.runId(), Decision.approve());
            RunResult.Completed direct = (RunResult.Completed) pipeline(out.resolve("b")).build().run(ChartRequest.of(SPEC));
            assertThat(resumed.files().contentHash()).isEqualTo(direct.files().contentHash());
        }

        @Test
        void decisionForAnotherGateIsRefused(@TempDir Path out) {
            ChartPipeline p = pipeline(out).approvals(ApprovalHandlers.deferring()).build();
            RunResult.Interrupted i = (RunResult.Interrupted) p.run(ChartRequest.of(SPEC));
            assertThatThrownBy(() -> p.resume(i.runId(), Decision.answer("image", "x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("GENERATION_REVIEW");
            assertThatThrownBy(() -> p.resume("no-such-run", Decision.approve()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no saved run");
        }

        @Test
        void rejectWithFeedbackReplans(@TempDir Path out) {
            AtomicInteger plans = new AtomicInteger();
            Planner planner = (request, ctx) -> {
                plans.incrementAndGet();
                int replicas = request.feedback().contains("more replicas") ? 3 : 1;
                return new PlanOutcome.Planned(ChartPlan.of(SPEC.toBuilder().replicas(replicas).build()));
            };
            AtomicInteger reviews = new AtomicInteger();
            ChartPipeline p = pipeline(out).planner(planner).approvals(ApprovalHandlers.callback(req ->
                    req.gate() == Gate.GENERATION_REVIEW && reviews.incrementAndGet() == 1
                            ? Decision.reject("more replicas") : Decision.approve())).build();
            RunResult.Completed c = (RunResult.Completed) p.run(ChartRequest.of(SPEC));
            assertThat(plans.get()).isEqualTo(2);
            assertThat(c.plan().spec().replicas()).isEqualTo(3);
        }

        @Test
        void clarificationWithoutDefaultStopsAndAnswerContinues(@TempDir Path out) {
            Planner planner = (request, ctx) -> request.answers().containsKey("image")
                    ? new PlanOutcome.Planned(ChartPlan.of(SPEC.toBuilder().image(Image.parse(request.answers().get("image"))).build()))
                    : new PlanOutcome.NeedsInput(List.of(new Question("image", "Which image?", Priority.CRITICAL, Optional.empty(), "unknown app")), "");
            ChartPipeline p = pipeline(out).planner(planner).build();
            RunResult first = p.run(ChartRequest.of("a chart for billing"));
            assertThat(first).isInstanceOf(RunResult.Interrupted.class);
            RunResult.Interrupted i = (RunResult.Interrupted) first;
            assertThat(i.request().gate()).isEqualTo(Gate.CLARIFICATION);
            assertThat(i.request().questions()).extracting(Question::field).containsExactly("image");
            RunResult.Completed c = (RunResult.Completed) p.resume(i.runId(), Decision.answer("image", "acme/billing:1.2.0"));
            assertThat(c.plan().spec().image().reference()).isEqualTo("docker.io/acme/billing:1.2.0");
        }

        @Test
        void abortFails(@TempDir Path out) {
            ChartPipeline p = pipeline(out).approvals(ApprovalHandlers.callback(req -> Decision.abort("no thanks"))).build();
            RunResult r = p.run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOf(RunResult.Failed.class);
            assertThat(((RunResult.Failed) r).reason()).isEqualTo("no thanks");
            assertThat(out.resolve("web")).doesNotExist();
        }

        @Test
        void changeOutputDirectoryAtReview(@TempDir Path out) {
            ChartPipeline p = pipeline(out.resolve("a")).approvals(ApprovalHandlers.callback(req ->
                    req.gate() == Gate.GENERATION_REVIEW && req.outputDirectory().endsWith("a")
                            ? Decision.changeOutput(out.resolve("b").toString()) : Decision.approve())).build();
            RunResult.Completed c = (RunResult.Completed) p.run(ChartRequest.of(SPEC));
            assertThat(c.chartDirectory()).isEqualTo(out.resolve("b/web"));
        }

        @Test
        void checkpointsNeverHoldSecretValues(@TempDir Path out) {
            MemoryCheckpointer store = new MemoryCheckpointer();
            ChartSpec leaky = SPEC.toBuilder().env(List.of(new EnvVar("DB_PASSWORD", "hunter2"))).build();
            RunResult r = pipeline(out).checkpointer(store).approvals(ApprovalHandlers.deferring())
                    .build().run(new ChartRequest("use DB_PASSWORD=hunter2 please", Optional.of(leaky), Map.of(), List.of()));
            Checkpoint cp = store.load(r.runId()).orElseThrow();
            assertThat(cp.state()).doesNotContain("hunter2").contains("<redacted>");
        }
    }

    @Nested
    @DisplayName("healing")
    class Healing {
        private final TemplateCoordinator brokenCoordinator = plan -> new ChartFiles(plan.spec().name(),
                Map.of("Chart.yaml", "name: web\n", "templates/a.yaml", "broken\n"));

        @Test
        void healerFixesAndPatchIsKept(@TempDir Path out) throws Exception {
            List<Boolean> kept = new ArrayList<>();
            RunResult r = pipeline(out).templateCoordinator(brokenCoordinator).addHealer(FIXER)
                    .addListener(new PipelineListener() {
                        @Override
                        public void healingRound(String runId, int round, List<String> applied, long before, long after, boolean k) {
                            kept.add(k);
                        }
                    }).build().run(ChartRequest.of(SPEC));
            RunResult.Completed c = (RunResult.Completed) r;
            assertThat(c.passed()).isTrue();
            assertThat(c.healLog()).containsExactly("templates/a.yaml: fixed");
            assertThat(Files.readString(out.resolve("web/templates/a.yaml"))).isEqualTo("fixed\n");
            assertThat(kept).containsExactly(true);
        }

        @Test
        void patchThatMakesThingsWorseIsDroppedAndEscalationDecides(@TempDir Path out) {
            Healer vandal = (files, report, ctx) -> new HealResult(files.with("extra.yaml", "broken broken"), List.of("vandalised"));
            List<Gate> gates = new ArrayList<>();
            ChartPipeline p = pipeline(out).templateCoordinator(brokenCoordinator).addHealer(vandal)
                    .approvals(ApprovalHandlers.callback(req -> {
                        gates.add(req.gate());
                        return req.gate() == Gate.VALIDATION_ESCALATION ? Decision.abort("still broken") : Decision.approve();
                    })).build();
            RunResult r = p.run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOf(RunResult.Failed.class);
            RunResult.Failed f = (RunResult.Failed) r;
            assertThat(f.report().byRule("test-broken")).hasSize(1);
            assertThat(gates).containsExactly(Gate.GENERATION_REVIEW, Gate.VALIDATION_ESCALATION);
            assertThat(out.resolve("web")).doesNotExist();
        }

        @Test
        void escalationApprovedWritesChartWithErrors(@TempDir Path out) {
            RunResult.Completed c = (RunResult.Completed) pipeline(out).templateCoordinator(brokenCoordinator).build()
                    .run(ChartRequest.of(SPEC));
            assertThat(c.passed()).isFalse();
            assertThat(out.resolve("web/templates/a.yaml")).exists();
        }

        @Test
        void repairFixesInPlaceWithBackup(@TempDir Path out) throws Exception {
            Path chart = out.resolve("legacy");
            Files.createDirectories(chart.resolve("templates"));
            Files.writeString(chart.resolve("Chart.yaml"), "name: legacy\n");
            Files.writeString(chart.resolve("templates/a.yaml"), "broken\n");
            RunResult r = pipeline(out).addHealer(FIXER).backupDirectory(out.resolve("backups")).build().repair(chart);
            assertThat(r).isInstanceOf(RunResult.Completed.class);
            assertThat(Files.readString(chart.resolve("templates/a.yaml"))).isEqualTo("fixed\n");
            assertThat(Files.readString(out.resolve("backups/" + r.runId() + "/templates/a.yaml"))).isEqualTo("broken\n");
            assertThat(chart.resolve(".k8s-autopilot")).doesNotExist();
        }
    }
}
