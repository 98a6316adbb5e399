package dev.k8sautopilot;

import static dev.k8sautopilot.ChartPipelineTest.FIXER;
import static dev.k8sautopilot.ChartPipelineTest.SPEC;
import static dev.k8sautopilot.ChartPipelineTest.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.ValueSource;
import dev.k8sautopilot.spi.ApprovalHandler;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.Checkpointer;
import dev.k8sautopilot.spi.Planner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run engine behind {@link ChartPipeline}: failure semantics, lifecycle, repair hygiene and refused decisions. */
class RunEngineTest {

    /** Records the results listeners are told about. */
    static final class Ended implements PipelineListener {
        final List<RunResult> results = new ArrayList<>();

        @Override
        public void runEnded(RunResult result) {
            results.add(result);
        }
    }

    /** A store that can be "killed": from then on every save fails, as if the process had died. */
    static class KillableStore implements Checkpointer {
        final MemoryCheckpointer delegate = new MemoryCheckpointer();
        final AtomicBoolean killed = new AtomicBoolean();
        RunStage killAfter;

        @Override
        public void save(Checkpoint checkpoint) {
            if (killed.get()) {
                throw new IllegalStateException("store down");
            }
            delegate.save(checkpoint);
            if (checkpoint.stage().equals(killAfter == null ? "" : killAfter.name())) {
                killed.set(true);
            }
        }

        @Override
        public Optional<Checkpoint> load(String runId) {
            return delegate.load(runId);
        }

        @Override
        public List<Checkpoint> list() {
            return delegate.list();
        }

        @Override
        public boolean delete(String runId) {
            return delegate.delete(runId);
        }
    }

    @Nested
    @DisplayName("every failure becomes RunResult.Failed with a FAILED checkpoint")
    class Failures {
        @Test
        void aPlannerThatThrowsFailsTheRunAndTellsTheListeners(@TempDir Path out) {
            Planner broken = (request, ctx) -> {
                throw new NullPointerException("model answer missing");
            };
            Ended ended = new Ended();
            ChartPipeline p = pipeline(out).planner(broken).addListener(ended).build();
            RunResult r = p.run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOf(RunResult.Failed.class);
            RunResult.Failed f = (RunResult.Failed) r;
            assertThat(f.stage()).isEqualTo("plan");
            assertThat(f.reason()).isEqualTo("NullPointerException: model answer missing");
            assertThat(ended.results).containsExactly(r);
            RunStatus status = p.status(r.runId()).orElseThrow();
            assertThat(status.stage()).isEqualTo(RunStage.FAILED);
            assertThat(status.failure()).contains("model answer missing");
            assertThatThrownBy(() -> p.resume(r.runId(), Decision.approve()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already ended");
        }

        @Test
        void aGeneratorOrValidatorThatThrowsFailsInItsStage(@TempDir Path out) {
            RunResult gen = pipeline(out).templateCoordinator(plan -> {
                throw new IllegalStateException("template missing");
            }).build().run(ChartRequest.of(SPEC));
            assertThat(gen).isInstanceOfSatisfying(RunResult.Failed.class, f -> {
                assertThat(f.stage()).isEqualTo("generate");
                assertThat(f.reason()).isEqualTo("template missing");
                assertThat(f.plan()).isPresent();
            });
            RunResult val = pipeline(out).validator((files, options) -> {
                throw new UnsupportedOperationException("helm crashed");
            }).build().run(ChartRequest.of(SPEC));
            assertThat(val).isInstanceOfSatisfying(RunResult.Failed.class, f -> {
                assertThat(f.stage()).isEqualTo("validate");
                assertThat(f.reason()).contains("helm crashed");
            });
            assertThat(out.resolve("web")).doesNotExist();
        }

        @Test
        void aFailingStoreEndsTheRunAsFailedAndKeepsTheLastSavedStage(@TempDir Path out) {
            KillableStore store = new KillableStore();
            store.killAfter = RunStage.GENERATE;
            Ended ended = new Ended();
            RunResult r = pipeline(out).checkpointer(store).addListener(ended).build().run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOfSatisfying(RunResult.Failed.class,
                    f -> assertThat(f.reason()).contains("store down").contains("could not be saved"));
            assertThat(ended.results).containsExactly(r);
            assertThat(store.delegate.load(r.runId()).orElseThrow().stage()).isEqualTo("GENERATE");
        }

        @Test
        void failureReasonsInCheckpointsAreRedacted(@TempDir Path out) {
            MemoryCheckpointer store = new MemoryCheckpointer();
            Planner leaky = (request, ctx) -> {
                throw new IllegalStateException("cannot parse DATABASE_DSN=postgres://app:pw9@db/app");
            };
            RunResult r = pipeline(out).planner(leaky).checkpointer(store).build().run(ChartRequest.of(SPEC));
            assertThat(((RunResult.Failed) r).reason()).doesNotContain("pw9");
            assertThat(store.load(r.runId()).orElseThrow().state()).doesNotContain("pw9");
        }

        @Test
        void plannerNotesInCheckpointsAreRedacted(@TempDir Path out) {
            MemoryCheckpointer store = new MemoryCheckpointer();
            PlanDecision leaky = PlanDecision.dropped("env", "API_TOKEN=tok-123", ValueSource.LLM, "see https://u:pw5@host/x");
            String warning = "LLM planner: dropped env = API_TOKEN=tok-123";
            Planner asks = (request, ctx) -> new PlanOutcome.NeedsInput(List.of(new Question("image", "Which image?",
                    Priority.CRITICAL, Optional.empty(), "unknown app")), "", List.of(leaky), List.of(warning));
            Planner plans = (request, ctx) -> new PlanOutcome.Planned(new ChartPlan(SPEC, List.of(leaky), List.of(warning), "test"));

            RunResult asked = pipeline(out).planner(asks).checkpointer(store).approvals(ApprovalHandlers.deferring()).build()
                    .run(ChartRequest.of("a chart for billing"));
            RunResult planned = pipeline(out).planner(plans).checkpointer(store).approvals(ApprovalHandlers.deferring()).build()
                    .run(ChartRequest.of(SPEC));

            for (RunResult r : List.of(asked, planned)) {
                assertThat(store.load(r.runId()).orElseThrow().state()).contains("API_TOKEN").doesNotContain("tok-123")
                        .doesNotContain("pw5");
            }
            assertThat(((RunResult.Interrupted) asked).request().warnings()).as("the person answering sees them whole")
                    .containsExactly(warning);
        }

        @Test
        void aDsnValueNeverReachesTheCheckpoint(@TempDir Path out) {
            MemoryCheckpointer store = new MemoryCheckpointer();
            RunResult r = pipeline(out).checkpointer(store).approvals(ApprovalHandlers.deferring()).build()
                    .run(ChartRequest.of(SPEC.toBuilder().env(List.of(new EnvVar("DATABASE_DSN", "postgres://app:pw7@db/app"),
                            new EnvVar("DB_PASS", "hunter3"))).build()));
            String state = store.load(r.runId()).orElseThrow().state();
            assertThat(state).doesNotContain("pw7").doesNotContain("hunter3").contains("DATABASE_DSN");
        }
    }

    @Nested
    @DisplayName("lifecycle: lazy checkpointer, close, explicit configuration")
    class Lifecycle {
        @Test
        void theCheckpointerIsOpenedOnFirstUseAndClosedWithThePipeline(@TempDir Path tmp) {
            Path runs = tmp.resolve("runs");
            ChartPipeline p = pipeline(tmp.resolve("out")).checkpointer("file:" + runs).build();
            p.validate(ChartFiles.empty("web").with("Chart.yaml", "name: web\n"));
            assertThat(runs).doesNotExist();
            RunResult r = p.run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOf(RunResult.Completed.class);
            Checkpointer opened = p.checkpointer();
            assertThat(p.status(r.runId())).map(RunStatus::stage).contains(RunStage.DONE);
            p.close();
            p.close();
            assertThatThrownBy(opened::list).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThatThrownBy(() -> p.run(ChartRequest.of(SPEC))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }

        @Test
        void aGivenCheckpointerStaysTheCallers(@TempDir Path out) {
            AtomicBoolean closed = new AtomicBoolean();
            Checkpointer watched = new KillableStore() {
                @Override
                public void close() {
                    closed.set(true);
                }
            };
            try (ChartPipeline p = pipeline(out).checkpointer(watched).build()) {
                assertThat(p.run(ChartRequest.of(SPEC))).isInstanceOf(RunResult.Completed.class);
            }
            assertThat(closed).isFalse();
        }

        @Test
        void theBuilderIgnoresAmbientConfiguration(@TempDir Path out) {
            String key = "k8sautopilot." + dev.k8sautopilot.config.AutopilotConfig.LLM_PROVIDER;
            System.setProperty(key, "no-such-provider");
            try (ChartPipeline p = pipeline(out).build()) {
                assertThat(p.online()).isFalse();
                assertThat(p.validate(ChartFiles.empty("web").with("Chart.yaml", "name: web\n")).passed()).isTrue();
            } finally {
                System.clearProperty(key);
            }
            System.setProperty(key, "no-such-provider");
            try {
                assertThatThrownBy(() -> pipeline(out).config(dev.k8sautopilot.config.AutopilotConfig.load()).build())
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-provider");
            } finally {
                System.clearProperty(key);
            }
        }
    }

    @Nested
    @DisplayName("a run cut off after its chart was written resumes to DONE")
    class InterruptedWrite {
        @Test
        void resumeFinishesWithoutWritingAgain(@TempDir Path out) throws Exception {
            KillableStore store = new KillableStore();
            store.killAfter = RunStage.WRITE;
            RunResult first = pipeline(out).checkpointer(store).build().run(ChartRequest.of(SPEC));
            assertThat(first).isInstanceOf(RunResult.Failed.class);
            assertThat(store.delegate.load(first.runId()).orElseThrow().stage()).isEqualTo("WRITE");
            assertThat(out.resolve("web/values.yaml")).exists();
            FileTime written = Files.getLastModifiedTime(out.resolve("web/values.yaml"));

            store.killed.set(false);
            store.killAfter = null;
            try (ChartPipeline p = pipeline(out).checkpointer(store).build()) {
                RunResult resumed = p.resume(first.runId(), Decision.approve());
                assertThat(resumed).isInstanceOfSatisfying(RunResult.Completed.class,
                        c -> assertThat(c.chartDirectory()).isEqualTo(out.resolve("web")));
                assertThat(p.status(first.runId())).map(RunStatus::stage).contains(RunStage.DONE);
            }
            assertThat(Files.getLastModifiedTime(out.resolve("web/values.yaml"))).isEqualTo(written);
        }

        @Test
        void aChartChangedSinceIsNotTakenForTheRunsOwn(@TempDir Path out) throws Exception {
            KillableStore store = new KillableStore();
            store.killAfter = RunStage.WRITE;
            RunResult first = pipeline(out).checkpointer(store).build().run(ChartRequest.of(SPEC));
            Files.writeString(out.resolve("web/values.yaml"), "replicaCount: 9\n");
            store.killed.set(false);
            store.killAfter = null;
            RunResult resumed = pipeline(out).checkpointer(store).build().resume(first.runId(), Decision.approve());
            assertThat(resumed).isInstanceOfSatisfying(RunResult.Failed.class,
                    f -> assertThat(f.reason()).contains("exists already"));
            assertThat(Files.readString(out.resolve("web/values.yaml"))).isEqualTo("replicaCount: 9\n");
        }
    }

    @Nested
    @DisplayName("repair hygiene")
    class RepairHygiene {
        private Path legacyChart(Path root) throws Exception {
            Path chart = root.resolve("legacy");
            Files.createDirectories(chart.resolve("templates"));
            Files.writeString(chart.resolve("Chart.yaml"), "name: legacy\n");
            Files.writeString(chart.resolve("templates/a.yaml"), "broken\n");
            return chart;
        }

        @Test
        void backupsGoNextToTheRunsOfAFileStoreNeverIntoTheChart(@TempDir Path tmp) throws Exception {
            Path chart = legacyChart(tmp);
            Path runs = tmp.resolve("runs");
            try (ChartPipeline p = pipeline(tmp).checkpointer("file:" + runs).addHealer(FIXER).build()) {
                RunResult r = p.repair(chart);
                assertThat(r).isInstanceOf(RunResult.Completed.class);
                Path backup = p.status(r.runId()).orElseThrow().backup().orElseThrow();
                assertThat(backup).startsWith(runs.toRealPath().resolve("backups"));
                assertThat(Files.readString(backup.resolve("templates/a.yaml"))).isEqualTo("broken\n");
            }
            try (var walk = Files.walk(chart)) {
                assertThat(walk.map(chart::relativize).map(Path::toString))
                        .containsExactlyInAnyOrder("", "Chart.yaml", "templates", "templates/a.yaml");
            }
        }

        @Test
        void repairedFilesKeepTheirPermissionsAndBackupsAreOwnerOnly(@TempDir Path tmp) throws Exception {
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
            Path chart = legacyChart(tmp);
            Path file = chart.resolve("templates/a.yaml");
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
            RunResult r = pipeline(tmp).addHealer(FIXER).backupDirectory(tmp.resolve("bak")).build().repair(chart);
            assertThat(Files.readString(file)).isEqualTo("fixed\n");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-rw-r--");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    tmp.resolve("bak").resolve(r.runId()).resolve("templates/a.yaml")))).isEqualTo("rw-------");
        }

        @Test
        void aBackupDirectoryInsideTheChartIsRefused(@TempDir Path tmp) throws Exception {
            Path chart = legacyChart(tmp);
            assertThatThrownBy(() -> pipeline(tmp).addHealer(FIXER).backupDirectory(chart.resolve("bak")).build().repair(chart))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inside the chart");
            assertThat(Files.readString(chart.resolve("templates/a.yaml"))).isEqualTo("broken\n");
        }

        @Test
        void temporaryFilesOfAKilledRepairAreRemovedBeforeReading(@TempDir Path tmp) throws Exception {
            Path chart = legacyChart(tmp);
            Path stale = chart.resolve("templates/.a.yaml.tmp-123");
            Path oldStyle = chart.resolve("templates/.repair-456.tmp");
            Path fresh = chart.resolve("templates/.b.yaml.tmp-789");
            for (Path p : List.of(stale, oldStyle, fresh)) {
                Files.writeString(p, "half");
            }
            FileTime old = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
            Files.setLastModifiedTime(stale, old);
            Files.setLastModifiedTime(oldStyle, old);
            RunResult r = pipeline(tmp).addHealer(FIXER).backupDirectory(tmp.resolve("bak")).build().repair(chart);
            assertThat(r).isInstanceOf(RunResult.Completed.class);
            assertThat(stale).doesNotExist();
            assertThat(oldStyle).doesNotExist();
            assertThat(fresh).as("may belong to a run still going").exists();
        }

        @Test
        void staleTemporariesOfAKilledWriteAreRemovedAndAnInterruptedSwapIsUndone(@TempDir Path out) throws Exception {
            Path staleTemp = out.resolve(".web.tmp-111");
            Files.createDirectories(staleTemp);
            Files.writeString(staleTemp.resolve("values.yaml"), "half");
            Files.setLastModifiedTime(staleTemp, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
            Path otherChartsTemp = Files.createDirectories(out.resolve(".api.tmp-333"));
            Files.setLastModifiedTime(otherChartsTemp, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
            // A process killed between moving the old chart away and moving the new one in.
            Path movedAway = out.resolve(".web.old-222");
            Files.createDirectories(movedAway);
            Files.writeString(movedAway.resolve("values.yaml"), "mine\n");
            RunResult r = pipeline(out).build().run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOfSatisfying(RunResult.Failed.class, f -> assertThat(f.reason()).contains("exists already"));
            assertThat(Files.readString(out.resolve("web/values.yaml"))).isEqualTo("mine\n");
            assertThat(staleTemp).doesNotExist();
            assertThat(otherChartsTemp).as("cleaned when a run starts").doesNotExist();
            assertThat(movedAway).doesNotExist();
        }
    }

    @Nested
    @DisplayName("a decision that does not fit the gate is refused and the run stays resumable")
    class Refusals {
        private final Planner asksForImage = (request, ctx) -> request.answers().containsKey("image")
                ? new PlanOutcome.Planned(ChartPlan.of(SPEC))
                : new PlanOutcome.NeedsInput(List.of(new Question("image", "Which image?", Priority.CRITICAL, Optional.empty(),
                "unknown app")), "");

        @Test
        void approveAtAQuestionWithoutDefaultIsRefusedThenAnAnswerWorks(@TempDir Path out) {
            ChartPipeline p = pipeline(out).planner(asksForImage).approvals(ApprovalHandlers.deferring()).build();
            RunResult.Interrupted i = (RunResult.Interrupted) p.run(ChartRequest.of("a chart for billing"));
            assertThatThrownBy(() -> p.resume(i.runId(), Decision.approve()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("question 'image' has no default")
                    .hasMessageContaining("answer it (image=...)");
            RunStatus waiting = p.status(i.runId()).orElseThrow();
            assertThat(waiting.stage()).isEqualTo(RunStage.CLARIFICATION);
            assertThat(waiting.gate()).contains(Gate.CLARIFICATION);
            assertThat(waiting.questions()).extracting(Question::field).containsExactly("image");
            assertThat(waiting.request().text()).isEqualTo("a chart for billing");
            RunResult done = pipeline(out).planner(asksForImage).checkpointer(p.checkpointer()).build()
                    .resume(i.runId(), Decision.answer("image", "acme/billing:1.2.0"));
            assertThat(done).isInstanceOf(RunResult.Completed.class);
        }

        @Test
        void aHandlerDecisionThatDoesNotFitIsRefusedAndTheRunWaitsAtItsGate(@TempDir Path out) {
            MemoryCheckpointer store = new MemoryCheckpointer();
            Ended ended = new Ended();
            ChartPipeline p = pipeline(out).checkpointer(store).addListener(ended)
                    .approvals(ApprovalHandlers.callback(req -> Decision.answer("image", "x"))).build();
            assertThatThrownBy(() -> p.run(ChartRequest.of(SPEC)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GENERATION_REVIEW");
            Checkpoint saved = store.list().get(0);
            assertThat(saved.stage()).isEqualTo("GENERATION_REVIEW");
            assertThat(ended.results).isEmpty();
            RunResult resumed = pipeline(out).checkpointer(store).build().resume(saved.runId(), Decision.approve());
            assertThat(resumed).isInstanceOf(RunResult.Completed.class);
        }

        @Test
        void approveTakesTheDefaultsWhenEveryQuestionHasOne(@TempDir Path out) {
            Planner withDefault = (request, ctx) -> request.answers().containsKey("replicas")
                    ? new PlanOutcome.Planned(ChartPlan.of(SPEC.toBuilder().replicas(Integer.parseInt(request.answers().get("replicas"))).build()))
                    : new PlanOutcome.NeedsInput(List.of(new Question("replicas", "How many?", Priority.HIGH, Optional.of("2"),
                    "")), "");
            ChartPipeline p = pipeline(out).planner(withDefault).approvals(ApprovalHandlers.deferring()).build();
            RunResult.Interrupted i = (RunResult.Interrupted) p.run(ChartRequest.of("a chart"));
            RunResult.Interrupted review = (RunResult.Interrupted) p.resume(i.runId(), Decision.approve());
            assertThat(review.request().gate()).isEqualTo(Gate.GENERATION_REVIEW);
            RunResult.Completed c = (RunResult.Completed) p.resume(i.runId(), Decision.approve());
            assertThat(c.plan().spec().replicas()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("a gate is saved before asking only when the handler may wait")
    class GateSaves {
        /** Records the stage of every save. */
        final class Recording extends KillableStore {
            final List<String> stages = new ArrayList<>();

            @Override
            public void save(Checkpoint checkpoint) {
                super.save(checkpoint);
                stages.add(checkpoint.stage());
            }
        }

        /** Decides at once, but with a decision no gate of a planned run accepts. */
        private final ApprovalHandler immediateMisfit = new ApprovalHandler() {
            @Override
            public Decision review(ApprovalRequest request) {
                return Decision.answer("image", "x");
            }

            @Override
            public boolean decidesImmediately() {
                return true;
            }
        };

        @Test
        void autoApprovalPassesTheGateWithoutSavingIt(@TempDir Path out) {
            Recording store = new Recording();
            RunResult r = pipeline(out).checkpointer(store).build().run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOf(RunResult.Completed.class);
            assertThat(store.stages).containsExactly("PLAN", "GENERATE", "VALIDATE", "WRITE", "DONE");
        }

        @Test
        void aHandlerThatMayWaitFindsTheGateSaved(@TempDir Path out) {
            Recording store = new Recording();
            List<String> savedWhenAsked = new ArrayList<>();
            RunResult r = pipeline(out).checkpointer(store).approvals(ApprovalHandlers.callback(req -> {
                savedWhenAsked.add(store.load(req.runId()).orElseThrow().stage());
                return Decision.approve();
            })).build().run(ChartRequest.of(SPEC));
            assertThat(r).isInstanceOf(RunResult.Completed.class);
            assertThat(savedWhenAsked).containsExactly("GENERATION_REVIEW");
            assertThat(store.stages).containsExactly("PLAN", "GENERATE", "GENERATION_REVIEW", "VALIDATE", "WRITE", "DONE");
        }

        @Test
        void aDeferringHandlerSavesTheGateOnceAndTheRunResumes(@TempDir Path out) {
            Recording store = new Recording();
            RunResult.Interrupted i = (RunResult.Interrupted) pipeline(out).checkpointer(store)
                    .approvals(ApprovalHandlers.deferring()).build().run(ChartRequest.of(SPEC));
            assertThat(store.stages).containsExactly("PLAN", "GENERATE", "GENERATION_REVIEW");
            RunResult done = pipeline(out).checkpointer(store).build().resume(i.runId(), Decision.approve());
            assertThat(done).isInstanceOf(RunResult.Completed.class);
        }

        @Test
        void anImmediateDecisionThatDoesNotFitLeavesTheRunSavedAtItsGate(@TempDir Path out) {
            Recording store = new Recording();
            assertThatThrownBy(() -> pipeline(out).checkpointer(store).approvals(immediateMisfit).build().run(ChartRequest.of(SPEC)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GENERATION_REVIEW");
            Checkpoint saved = store.list().get(0);
            assertThat(saved.stage()).isEqualTo("GENERATION_REVIEW");
            RunResult resumed = pipeline(out).checkpointer(store).build().resume(saved.runId(), Decision.approve());
            assertThat(resumed).isInstanceOf(RunResult.Completed.class);
        }

        @Test
        void autoApprovalDefersAQuestionWithoutDefaultAndSavesTheRunThere(@TempDir Path out) {
            Recording store = new Recording();
            Planner asks = (request, ctx) -> new PlanOutcome.NeedsInput(List.of(new Question("image", "Which image?",
                    Priority.CRITICAL, Optional.empty(), "unknown app")), "");
            RunResult r = pipeline(out).checkpointer(store).planner(asks).build().run(ChartRequest.of("a chart for billing"));
            assertThat(r).isInstanceOf(RunResult.Interrupted.class);
            assertThat(store.stages).containsExactly("PLAN", "CLARIFICATION");
            assertThat(store.load(r.runId()).orElseThrow().state()).contains("Which image?");
        }
    }

    @Test
    void runsSavedByTheVersionBeforeTypedStagesStillResume(@TempDir Path out) throws Exception {
        MemoryCheckpointer store = new MemoryCheckpointer();
        RunResult.Interrupted i = (RunResult.Interrupted) pipeline(out).checkpointer(store)
                .approvals(ApprovalHandlers.deferring()).build().run(ChartRequest.of(SPEC));
        Checkpoint now = store.load(i.runId()).orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(now.state());
        assertThat(doc.path("mode").asText()).isEqualTo("GENERATE");
        doc.put("mode", "generate").put("schemaVersion", 1).remove(List.of("backupDirectory", "decisions", "warnings"));
        MemoryCheckpointer old = new MemoryCheckpointer();
        old.save(new Checkpoint(i.runId(), 1, "GENERATION_REVIEW", 1, doc.toString(), now.updatedAt()));
        RunResult resumed = pipeline(out).checkpointer(old).build().resume(i.runId(), Decision.approve());
        assertThat(resumed).isInstanceOf(RunResult.Completed.class);
        assertThat(old.load(i.runId()).orElseThrow().stage()).isEqualTo("DONE");
    }

    @Nested
    @DisplayName("a run that stops to ask carries what planning dropped")
    class ClarificationNotes {
        private final PlanDecision dropped = PlanDecision.dropped("image", "docker.io/evilcorp/billing:6.6.6", ValueSource.LLM,
                "the request does not name this image reference");
        private final String warning = "LLM planner: dropped image = docker.io/evilcorp/billing:6.6.6: the request does not name it";
        private final Planner dropsAndAsks = (request, ctx) -> request.answers().containsKey("image")
                ? new PlanOutcome.Planned(ChartPlan.of(SPEC))
                : new PlanOutcome.NeedsInput(List.of(new Question("image", "Which image?", Priority.CRITICAL, Optional.empty(),
                "unknown app")), "", List.of(dropped), List.of(warning));

        @Test
        void theGateTheResultAndAResumeFromTheCheckpointShowThem(@TempDir Path out) {
            MemoryCheckpointer store = new MemoryCheckpointer();
            List<ApprovalRequest> asked = new ArrayList<>();
            ChartPipeline p = pipeline(out).planner(dropsAndAsks).checkpointer(store).approvals(ApprovalHandlers.callback(req -> {
                asked.add(req);
                return Decision.defer();
            })).build();

            RunResult.Interrupted i = (RunResult.Interrupted) p.run(ChartRequest.of("a chart for billing"));

            assertThat(asked).singleElement().satisfies(req -> {
                assertThat(req.decisions()).containsExactly(dropped);
                assertThat(req.warnings()).containsExactly(warning);
            });
            assertThat(i.request().decisions()).containsExactly(dropped);
            assertThat(i.request().warnings()).containsExactly(warning);
            RunResult.Interrupted again = (RunResult.Interrupted) pipeline(out).planner(dropsAndAsks).checkpointer(store).build()
                    .resume(i.runId(), Decision.defer());
            assertThat(again.request().decisions()).as("read back from the checkpoint").containsExactly(dropped);
            assertThat(again.request().warnings()).containsExactly(warning);
        }

        @Test
        void answeringClearsThemAndTheReviewGatesNeverShowThem(@TempDir Path out) {
            MemoryCheckpointer store = new MemoryCheckpointer();
            ChartPipeline p = pipeline(out).planner(dropsAndAsks).checkpointer(store).approvals(ApprovalHandlers.deferring()).build();
            RunResult.Interrupted i = (RunResult.Interrupted) p.run(ChartRequest.of("a chart for billing"));

            RunResult.Interrupted review = (RunResult.Interrupted) p.resume(i.runId(), Decision.answer("image", "nginx:1.27.3"));

            assertThat(review.request().gate()).isEqualTo(Gate.GENERATION_REVIEW);
            assertThat(review.request().decisions()).isEmpty();
            assertThat(review.request().warnings()).isEmpty();
            assertThat(store.load(i.runId()).orElseThrow().state()).doesNotContain("evilcorp");
        }

        @Test
        void aCheckpointSavedBeforeThemStillLoadsWithNone(@TempDir Path out) throws Exception {
            MemoryCheckpointer store = new MemoryCheckpointer();
            RunResult.Interrupted i = (RunResult.Interrupted) pipeline(out).planner(dropsAndAsks).checkpointer(store)
                    .approvals(ApprovalHandlers.deferring()).build().run(ChartRequest.of("a chart for billing"));
            Checkpoint now = store.load(i.runId()).orElseThrow();
            assertThat(now.schemaVersion()).isEqualTo(3);
            com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(now.state());
            assertThat(doc.has("decisions")).isTrue();
            doc.put("schemaVersion", 2).remove(List.of("decisions", "warnings"));
            MemoryCheckpointer old = new MemoryCheckpointer();
            old.save(new Checkpoint(i.runId(), 1, "CLARIFICATION", 2, doc.toString(), now.updatedAt()));

            RunResult.Interrupted again = (RunResult.Interrupted) pipeline(out).planner(dropsAndAsks).checkpointer(old).build()
                    .resume(i.runId(), Decision.defer());

            assertThat(again.request().questions()).extracting(Question::field).containsExactly("image");
            assertThat(again.request().decisions()).isEmpty();
            assertThat(again.request().warnings()).isEmpty();
        }
    }

    @Test
    void stagesAreTyped() {
        assertThat(RunStage.at(Gate.VALIDATION_ESCALATION).gate()).contains(Gate.VALIDATION_ESCALATION);
        assertThat(RunStage.WRITE.gate()).isEmpty();
        assertThat(RunStage.DONE.ended()).isTrue();
        assertThat(RunStage.GENERATION_REVIEW.ended()).isFalse();
        for (Gate g : Gate.values()) {
            assertThat(RunStage.at(g).name()).isEqualTo(g.name());
        }
    }
}
