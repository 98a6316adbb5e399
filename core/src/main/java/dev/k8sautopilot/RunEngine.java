package dev.k8sautopilot;

import dev.k8sautopilot.GateRules.DecisionRefusedException;
import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.internal.AtomicFiles;
import dev.k8sautopilot.internal.ChartWriter;
import dev.k8sautopilot.internal.Diffs;
import dev.k8sautopilot.internal.HealPolicy;
import dev.k8sautopilot.internal.MeteredChatModel;
import dev.k8sautopilot.internal.Redactor;
import dev.k8sautopilot.internal.RunState;
import dev.k8sautopilot.internal.UsageMeter;
import dev.k8sautopilot.model.ChartExistsException;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartWriteException;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.Usage;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.model.WriteResult;
import dev.k8sautopilot.spi.ApprovalHandler;
import dev.k8sautopilot.spi.CheckpointConflictException;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import dev.k8sautopilot.spi.Healer;
import dev.k8sautopilot.spi.PlanningContext;
import dev.k8sautopilot.spi.Validator;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives runs through their stages ({@link RunStage}): plan → [clarification] → [planning review] → generate →
 * [generation review] → validate and heal → [validation escalation] → write. Every transition is saved
 * before the next stage starts, so a run cut off anywhere resumes from its last saved stage; the one exception is
 * a gate whose handler {@linkplain ApprovalHandler#decidesImmediately() decides at once}, which is saved only if
 * the run stops there (nothing can happen between reaching such a gate and leaving it).
 *
 * <p>Failure semantics: any exception from a stage (a bad spec, a failing write, a plug-in throwing, the
 * store failing) ends the run as {@link RunResult.Failed}, saved as {@link RunStage#FAILED} with the reason and
 * reported to the listeners. Two things are not failures of the run and are thrown instead: a decision that
 * does not fit the gate (the run stays saved at that gate), and a conflicting save (another process owns the run).
 */
final class RunEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RunEngine.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final PipelineSettings settings;
    private final RunStore store;

    RunEngine(PipelineSettings settings, RunStore store) {
        this.settings = settings;
        this.store = store;
    }

    RunResult start(ChartRequest request) {
        // Missing modules are a set-up error, reported before a run exists.
        settings.requireCoordinator();
        settings.requireValidator();
        // Chart copies half-written by a killed run (".<chart>.tmp-*") are never a chart: remove the stale ones.
        AtomicFiles.removeStale(settings.outputDirectory(), n -> n.startsWith(".") && n.contains(AtomicFiles.TEMP_MARKER));
        RunState state = RunState.start(newRunId(), RunState.Mode.GENERATE, RunStage.PLAN, request, null,
                settings.outputDirectory().toString(), null);
        return new Run(state, 0, false).begin();
    }

    RunResult repair(Path chartDirectory) {
        settings.requireValidator();
        Path dir = chartDirectory.toAbsolutePath().normalize();
        // Temporaries of an interrupted in-place write must not be read (or packaged) as chart files.
        ChartWriter.removeStaleTemporaries(dir);
        ChartFiles files = ChartFiles.read(dir);
        String runId = newRunId();
        Path backup = settings.backupDirectory().orElseGet(store::defaultBackupRoot).resolve(runId).toAbsolutePath().normalize();
        if (backup.startsWith(dir)) {
            throw new IllegalArgumentException("backup directory " + backup + " is inside the chart " + dir
                    + " (fix: choose a backup directory outside the chart)");
        }
        RunState state = RunState.start(runId, RunState.Mode.REPAIR, RunStage.VALIDATE,
                ChartRequest.of("repair " + dir.getFileName()), files, dir.toString(), backup.toString());
        return new Run(state, 0, false).begin();
    }

    RunResult resume(String runId, Decision decision) {
        RunStore.Saved saved = store.load(runId).orElseThrow(() -> new IllegalArgumentException(
                "no saved run '" + runId + "' in " + store.describe() + " (fix: list saved runs with `runs`)"));
        RunState state = saved.state();
        if (state.stage().ended()) {
            throw new IllegalStateException("run " + runId + " has already ended (" + state.stage().key()
                    + (state.failure().isEmpty() ? "" : ": " + state.failure()) + ") (fix: start a new run)");
        }
        Optional<Gate> gate = state.stage().gate();
        if (gate.isPresent()) {
            GateRules.check(gate.get(), decision, state.questions());
        } else if (!(decision instanceof Decision.Approve)) {
            throw new DecisionRefusedException("run " + runId + " was interrupted in stage " + state.stage()
                    + ", not at a gate (fix: continue it with approve)");
        }
        Run run = new Run(state, saved.version(), state.stage() == RunStage.WRITE);
        return run.drive(gate.isPresent() ? Optional.of(decision) : Optional.empty());
    }

    Optional<RunStatus> status(String runId) {
        return store.load(runId).map(s -> new RunStatus(runId, s.state().repair(), s.state().stage(), s.state().request(),
                s.state().questions(), s.state().failure(), nonEmpty(s.state().chartDirectory()).map(Path::of),
                nonEmpty(s.state().backupDirectory()).map(Path::of), s.updatedAt()));
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    // ------------------------------------------------------------------------------------ one run

    /** One run in progress: its state, checkpoint version and usage meter. Confined to one thread. */
    private final class Run {
        private RunState state;
        private long version;
        private final UsageMeter meter = new UsageMeter();
        /** The run was cut off while writing: the chart may be on disk already. */
        private final boolean interruptedAtWrite;

        Run(RunState state, long version, boolean interruptedAtWrite) {
            this.state = state;
            this.version = version;
            this.interruptedAtWrite = interruptedAtWrite;
        }

        /** Saves the new run, then drives it. */
        RunResult begin() {
            try {
                save();
            } catch (CheckpointConflictException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (RuntimeException e) {
                return fail(state.stage(), "cannot save the run in " + store.describe() + ": " + describe(e), false);
            }
            return drive(Optional.empty());
        }

        RunResult drive(Optional<Decision> pending) {
            Optional<Decision> decision = pending;
            // Reached a gate without saving it (the handler decides at once): saved only if the run stops there.
            boolean gateUnsaved = false;
            try {
                while (true) {
                    RunStage stage = state.stage();
                    Optional<Gate> gate = stage.gate();
                    if (gate.isPresent()) {
                        Decision d;
                        try {
                            d = decision.isPresent() ? decision.get() : ask(gate.get());
                        } catch (DecisionRefusedException e) {
                            if (gateUnsaved) {
                                save();
                            }
                            throw e;
                        }
                        decision = Optional.empty();
                        gateUnsaved = false;
                        if (d instanceof Decision.Defer) {
                            save();
                            return end(new RunResult.Interrupted(state.runId(), approvalRequest(gate.get()), usage()));
                        }
                        Optional<RunResult> ended = apply(gate.get(), d);
                        if (ended.isPresent()) {
                            return ended.get();
                        }
                        save();
                        continue;
                    }
                    switch (stage) {
                        case PLAN -> plan();
                        case GENERATE -> generate();
                        case VALIDATE -> validateAndHeal();
                        case WRITE -> {
                            return write();
                        }
                        default -> throw new IllegalStateException("run " + state.runId() + " cannot continue from stage " + stage);
                    }
                    gateUnsaved = state.stage().gate().isPresent() && settings.approvals().decidesImmediately();
                    if (!gateUnsaved) {
                        save();
                    }
                }
            } catch (DecisionRefusedException e) {
                // The handler's decision does not fit: the run stays saved at its gate, resumable with one that does.
                throw e;
            } catch (CheckpointConflictException e) {
                throw new IllegalStateException(e.getMessage() + " (fix: the run is continued elsewhere; check it with `runs`)", e);
            } catch (ChartExistsException e) {
                return fail(RunStage.WRITE, e.getMessage(), true, RunResult.Failed.Kind.CHART_EXISTS);
            } catch (SpecException | ChartWriteException e) {
                return fail(state.stage(), e.getMessage(), true);
            } catch (RuntimeException e) {
                LOG.warn("Run {} failed in stage {}: {}", state.runId(), state.stage().key(), Redactor.text(describe(e)));
                LOG.debug("Stack trace of the failure of run {}", state.runId(), e);
                return fail(state.stage(), describe(e), true);
            }
        }

        private void plan() {
            PlanOutcome outcome = timed(Stage.PLAN, () -> settings.planner().plan(state.request(),
                    new PlanningContext(settings.models().planner().map(m -> new MeteredChatModel(m, meter, Stage.PLAN.key())),
                            settings.validationOptions().kubeVersion())));
            if (outcome instanceof PlanOutcome.Planned p) {
                // The chart name is known now: refuse an existing directory before generating and validating for nothing.
                Path target = Path.of(state.outputDirectory()).resolve(p.plan().spec().name());
                if (settings.writeMode() == WriteMode.FAIL_IF_EXISTS && state.mode() == RunState.Mode.GENERATE
                        && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ChartExistsException(target);
                }
                state = state.withPlan(p.plan())
                        .at(settings.gateOn(Gate.PLANNING_REVIEW) ? RunStage.PLANNING_REVIEW : RunStage.GENERATE);
            } else if (outcome instanceof PlanOutcome.NeedsInput n) {
                state = state.asking(n).at(RunStage.CLARIFICATION);
            } else {
                throw new IllegalStateException("planner " + settings.planner().id() + " returned no outcome");
            }
        }

        private void generate() {
            ChartFiles files = timed(Stage.GENERATE, () -> settings.requireCoordinator().generate(state.plan()));
            state = state.withFiles(files)
                    .at(settings.gateOn(Gate.GENERATION_REVIEW) ? RunStage.GENERATION_REVIEW : RunStage.VALIDATE);
        }

        private void validateAndHeal() {
            Validator v = settings.requireValidator();
            ChartFiles initial = state.files();
            ChartFiles files = initial;
            ValidationReport report = timed(Stage.VALIDATE, () -> v.validate(initial, settings.validationOptions()));
            List<String> log = new ArrayList<>(state.healLog());
            int round = state.healRounds();
            while (!report.passed() && round < settings.maxHealAttempts() && !settings.healers().isEmpty()) {
                round++;
                final int r = round;
                final ChartFiles before = files;
                final ValidationReport beforeReport = report;
                HealContext ctx = new HealContext(settings.models().healer().map(m -> new MeteredChatModel(m, meter, Stage.HEAL.key())),
                        settings.validationOptions(), r);
                HealResult healed = timed(Stage.HEAL, () -> healAll(before, beforeReport, ctx));
                if (!healed.changed()) {
                    notifyHealing(r, List.of(), beforeReport.count(Severity.ERROR), beforeReport.count(Severity.ERROR), false);
                    break;
                }
                ValidationReport after = timed(Stage.VALIDATE, () -> v.validate(healed.files(), settings.validationOptions()));
                // The one keep/reject decision of a healing round.
                HealPolicy.Verdict verdict = HealPolicy.standard().judge(before, beforeReport, healed.files(), after);
                boolean kept = verdict.kept();
                notifyHealing(r, healed.applied(), beforeReport.count(Severity.ERROR),
                        (kept ? after : beforeReport).count(Severity.ERROR), kept);
                if (!kept) {
                    report = HealPolicy.withRejection(beforeReport, healed.applied(), verdict);
                    break;
                }
                files = healed.files();
                report = after;
                log.addAll(healed.applied());
            }
            state = state.withHealing(files, report, round, log);
            if (state.repair()) {
                state = state.at(log.isEmpty() ? RunStage.WRITE : RunStage.GENERATION_REVIEW);
            } else {
                state = state.at(report.passed() ? RunStage.WRITE : RunStage.VALIDATION_ESCALATION);
            }
        }

        /** Runs every healer in order, each on the output of the previous one; a healer that throws is skipped. */
        private HealResult healAll(ChartFiles files, ValidationReport report, HealContext ctx) {
            ChartFiles current = files;
            List<String> applied = new ArrayList<>();
            for (Healer h : settings.healers()) {
                try {
                    HealResult r = h.heal(current, report, ctx);
                    if (r.changed()) {
                        current = r.files();
                        applied.addAll(r.applied());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Healer {} failed and was skipped: {}", h.id(), Redactor.text(describe(e)));
                }
            }
            return new HealResult(current, applied);
        }

        private RunResult write() {
            if (state.repair()) {
                return writeRepair();
            }
            Path out = Path.of(state.outputDirectory());
            if (interruptedAtWrite && ChartWriter.alreadyWritten(state.files(), out)) {
                // The process died after the chart was renamed into place but before DONE was saved.
                Path dir = out.toAbsolutePath().normalize().resolve(state.files().name());
                LOG.info("Run {}: the chart in {} was written before the run was cut off; finishing the run", state.runId(), dir);
                state = state.done(dir.toString());
                save();
                return end(new RunResult.Completed(state.runId(), dir, state.plan(), state.files(), state.report(),
                        state.healLog(), List.of(), usage()));
            }
            WriteResult written = timed(Stage.WRITE, () -> state.files().writeTo(out, settings.writeMode()));
            state = state.done(written.chartDirectory().toString());
            save();
            return end(new RunResult.Completed(state.runId(), written.chartDirectory(), state.plan(), state.files(),
                    state.report(), state.healLog(), written.keptUserEdits(), usage()));
        }

        private RunResult writeRepair() {
            Path dir = Path.of(state.outputDirectory());
            if (!state.healLog().isEmpty()) {
                ChartFiles files = state.files();
                timed(Stage.WRITE, () -> ChartWriter.writeInPlace(dir, files, Path.of(state.backupDirectory())));
            }
            state = state.done(dir.toString());
            save();
            if (state.report().passed()) {
                return end(new RunResult.Completed(state.runId(), dir, null, state.files(), state.report(), state.healLog(),
                        List.of(), usage()));
            }
            return end(new RunResult.Failed(state.runId(), Stage.VALIDATE.key(),
                    state.report().count(Severity.ERROR) + " error finding(s) remain after repair",
                    state.report(), Optional.empty(), usage()));
        }

        private Decision ask(Gate gate) {
            for (PipelineListener l : settings.listeners()) {
                safely(() -> l.gateReached(state.runId(), gate));
            }
            Decision d = settings.approvals().review(approvalRequest(gate));
            if (d == null) {
                d = Decision.defer();
            }
            GateRules.check(gate, d, state.questions());
            return d;
        }

        /** Applies a decision that fits the gate; returns a result when the run ends here, empty to go on. */
        private Optional<RunResult> apply(Gate gate, Decision d) {
            if (d instanceof Decision.Abort a) {
                return Optional.of(fail(state.stage(), a.reason(), true));
            } else if (d instanceof Decision.ChangeOutput c) {
                state = state.withOutputDirectory(Path.of(c.outputDirectory()).toAbsolutePath().normalize().toString())
                        .at(afterApproval(gate));
            } else if (d instanceof Decision.Reject r) {
                ChartRequest req = r.feedback().isEmpty() ? state.request() : state.request().withFeedback(r.feedback());
                state = state.withRequest(req).at(RunStage.PLAN);
            } else if (d instanceof Decision.Edit e) {
                state = state.withFiles(state.files().withAll(e.files())).at(RunStage.VALIDATE);
            } else if (d instanceof Decision.Answer a) {
                state = state.withRequest(state.request().withAnswers(a.answers())).answered().at(RunStage.PLAN);
            } else if (d instanceof Decision.Approve && gate == Gate.CLARIFICATION) {
                // GateRules.check made sure every open question has a default.
                Map<String, String> defaults = new LinkedHashMap<>();
                for (Question q : state.questions()) {
                    q.defaultValue().ifPresent(v -> defaults.put(q.field(), v));
                }
                state = state.withRequest(state.request().withAnswers(defaults)).answered().at(RunStage.PLAN);
            } else if (d instanceof Decision.Approve) {
                state = state.at(afterApproval(gate));
            }
            return Optional.empty();
        }

        private RunStage afterApproval(Gate gate) {
            return switch (gate) {
                case CLARIFICATION -> RunStage.PLAN;
                case PLANNING_REVIEW -> RunStage.GENERATE;
                case GENERATION_REVIEW -> state.repair() ? RunStage.WRITE : RunStage.VALIDATE;
                case VALIDATION_ESCALATION -> RunStage.WRITE;
            };
        }

        private ApprovalRequest approvalRequest(Gate gate) {
            String summary = state.plan() != null ? state.plan().summary() : "";
            List<String> files = state.files() != null ? state.files().paths() : List.of();
            String diff = "";
            if (gate == Gate.GENERATION_REVIEW && state.files() != null) {
                diff = diffAgainstExisting();
            }
            if (gate == Gate.VALIDATION_ESCALATION || state.repair()) {
                summary = summary + (state.report() != null ? state.report().format() : "")
                        + (state.healLog().isEmpty() ? "" : "Fixes applied:\n  " + String.join("\n  ", state.healLog()) + "\n");
            }
            if (state.repair() && !state.backupDirectory().isEmpty()) {
                summary = summary + "Originals of changed files are kept in " + state.backupDirectory() + "\n";
            }
            boolean asking = gate == Gate.CLARIFICATION;
            return new ApprovalRequest(state.runId(), gate, summary, files, diff, asking ? state.questions() : List.of(),
                    state.report(), state.outputDirectory(), asking ? state.decisions() : List.of(),
                    asking ? state.warnings() : List.of());
        }

        private String diffAgainstExisting() {
            Path existing = state.repair() ? Path.of(state.outputDirectory())
                    : Path.of(state.outputDirectory()).resolve(state.files().name());
            if (!Files.isDirectory(existing)) {
                return "";
            }
            try {
                return Diffs.charts(ChartFiles.read(existing).files(), state.files().files());
            } catch (ChartWriteException e) {
                return "(cannot read the existing chart to diff: " + e.getMessage() + ")";
            }
        }

        /**
         * Ends the run as failed: saved as {@link RunStage#FAILED} with the reason (when {@code persist} and the store
         * works; otherwise the last saved stage stays, which is resumable) and reported to the listeners.
         */
        private RunResult fail(RunStage stage, String reason, boolean persist) {
            return fail(stage, reason, persist, RunResult.Failed.Kind.ERROR);
        }

        private RunResult fail(RunStage stage, String reason, boolean persist, RunResult.Failed.Kind kind) {
            String why = reason == null || reason.isBlank() ? "unknown error" : reason;
            state = state.failed(why);
            if (persist) {
                try {
                    save();
                } catch (CheckpointConflictException e) {
                    throw new IllegalStateException(e.getMessage() + " (fix: the run is continued elsewhere; check it with `runs`)", e);
                } catch (RuntimeException e) {
                    LOG.warn("Run {}: the failure could not be saved in {}: {}", state.runId(), safeDescribe(), describe(e));
                    why = why + " (the run could not be saved: " + describe(e) + ")";
                }
            }
            return end(new RunResult.Failed(state.runId(), stage.key(), Redactor.text(why), state.report(),
                    Optional.ofNullable(state.plan()), usage(), kind));
        }

        private RunResult end(RunResult result) {
            for (PipelineListener l : settings.listeners()) {
                safely(() -> l.runEnded(result));
            }
            return result;
        }

        private Usage usage() {
            return state.usage().plus(meter.snapshot());
        }

        private void save() {
            store.save(state.withUsage(usage()), version + 1);
            version++;
        }

        private <T> T timed(Stage stage, Supplier<T> work) {
            for (PipelineListener l : settings.listeners()) {
                safely(() -> l.stageStarted(state.runId(), stage));
            }
            long start = System.nanoTime();
            try {
                return work.get();
            } finally {
                long ms = (System.nanoTime() - start) / 1_000_000;
                meter.time(stage.key(), ms);
                for (PipelineListener l : settings.listeners()) {
                    safely(() -> l.stageFinished(state.runId(), stage, ms));
                }
            }
        }

        private void notifyHealing(int round, List<String> applied, long before, long after, boolean kept) {
            for (PipelineListener l : settings.listeners()) {
                safely(() -> l.healingRound(state.runId(), round, applied, before, after, kept));
            }
        }

        private String safeDescribe() {
            try {
                return store.describe();
            } catch (RuntimeException e) {
                return "the checkpointer";
            }
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    /** One line for an unexpected exception: its message, or its type when it has none. */
    static String describe(RuntimeException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof SpecException
                || e instanceof ChartWriteException ? line : e.getClass().getSimpleName() + ": " + line;
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("A pipeline listener failed: {}", e.toString());
        }
    }

    private static String newRunId() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return LocalDateTime.now(ZoneOffset.UTC).format(RUN_ID_TIME) + "-" + HexFormat.of().formatHex(b);
    }
}
