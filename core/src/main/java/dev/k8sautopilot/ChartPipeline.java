package dev.k8sautopilot;

import dev.k8sautopilot.checkpoint.Checkpointers;
import dev.k8sautopilot.config.AutopilotConfig;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.internal.ChartWriter;
import dev.k8sautopilot.internal.Diffs;
import dev.k8sautopilot.internal.HealPolicy;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.MeteredChatModel;
import dev.k8sautopilot.internal.Redactor;
import dev.k8sautopilot.internal.RunState;
import dev.k8sautopilot.internal.ServiceProviders;
import dev.k8sautopilot.internal.UsageMeter;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartIntent;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartExistsException;
import dev.k8sautopilot.model.ChartWriteException;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.IntentField;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.Sourced;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.Usage;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.model.WriteResult;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.ApprovalHandler;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.CheckpointConflictException;
import dev.k8sautopilot.spi.Checkpointer;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import dev.k8sautopilot.spi.Healer;
import dev.k8sautopilot.spi.LlmProvider;
import dev.k8sautopilot.spi.LlmSettings;
import dev.k8sautopilot.spi.Planner;
import dev.k8sautopilot.spi.PlanningContext;
import dev.k8sautopilot.spi.TemplateCoordinator;
import dev.k8sautopilot.spi.Validator;
import dev.langchain4j.model.chat.ChatModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door: plans, generates, validates, heals and writes a Helm chart, stopping at gates for
 * approval and saving every transition through a {@link Checkpointer}.
 *
 * <pre>{@code
 * ChartPipeline pipeline = ChartPipeline.builder()
 *     .outputDirectory(Path.of("charts"))
 *     .approvals(request -> Decision.approve())
 *     .build();
 * RunResult result = pipeline.run(ChartRequest.of("Create a Helm chart for redis with persistence"));
 * }</pre>
 *
 * Without a chat model the pipeline runs fully offline (rule-based planner, deterministic healers).
 * The default {@link TemplateCoordinator} and {@link Validator} are found through {@link java.util.ServiceLoader}
 * in the {@code k8s-autopilot-templates} and {@code k8s-autopilot-validation} jars.
 *
 * <p>Instances are immutable and thread-safe: one pipeline may serve many runs in parallel.
 */
public final class ChartPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ChartPipeline.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private static final String PLAN = "PLAN";
    private static final String GENERATE = "GENERATE";
    private static final String VALIDATE = "VALIDATE";
    private static final String WRITE = "WRITE";
    private static final String DONE = "DONE";
    private static final String FAILED = "FAILED";

    private final Builder settings;
    private final Planner planner;
    private final Optional<TemplateCoordinator> coordinator;
    private final Optional<Validator> validator;
    private final List<Healer> healers;
    private final ApprovalHandler approvals;
    private final Checkpointer checkpointer;
    private final Optional<ChatModel> plannerModel;
    private final Optional<ChatModel> healerModel;
    private final Map<Gate, Boolean> gates;
    private final Path outputDirectory;
    private final WriteMode writeMode;
    private final ValidationOptions validationOptions;
    private final int maxHealAttempts;
    private final List<PipelineListener> listeners;

    private ChartPipeline(Builder b) {
        this.settings = b.copy();
        AutopilotConfig config = b.config != null ? b.config : AutopilotConfig.load();
        ClassLoader loader = b.classLoader != null ? b.classLoader : ServiceProviders.defaultLoader();

        ChatModel shared = b.chatModel;
        if (shared == null && b.plannerChatModel == null && b.healerChatModel == null) {
            String provider = b.llmProvider != null ? b.llmProvider : config.get(AutopilotConfig.LLM_PROVIDER, "");
            if (!provider.isEmpty()) {
                LlmProvider p = findProvider(provider, loader);
                LlmSettings base = llmSettings(config, provider);
                shared = p.create(base);
                String plannerModelName = config.get(AutopilotConfig.PLANNER_LLM_MODEL, "");
                String healerModelName = config.get(AutopilotConfig.HEALER_LLM_MODEL, "");
                b = b.copy();
                if (!plannerModelName.isEmpty()) {
                    b.plannerChatModel = p.create(base.withModel(plannerModelName));
                }
                if (!healerModelName.isEmpty()) {
                    b.healerChatModel = p.create(base.withModel(healerModelName));
                }
            }
        }
        this.plannerModel = Optional.ofNullable(b.plannerChatModel != null ? b.plannerChatModel : shared);
        this.healerModel = Optional.ofNullable(b.healerChatModel != null ? b.healerChatModel : shared);

        this.planner = b.planner != null ? b.planner : discoverPlanner(loader, plannerModel.isPresent());
        this.coordinator = b.coordinator != null ? Optional.of(b.coordinator)
                : first(ServiceProviders.byId(TemplateCoordinator.class, loader, TemplateCoordinator::id));
        this.validator = b.validator != null ? Optional.of(b.validator)
                : first(ServiceProviders.byId(Validator.class, loader, Validator::id));
        List<Healer> hs = new ArrayList<>(b.healers);
        if (b.discoverHealers) {
            List<Healer> found = new ArrayList<>(ServiceProviders.byId(Healer.class, loader, Healer::id).values());
            found.sort(Comparator.comparingInt(Healer::order).thenComparing(Healer::id));
            hs.addAll(found);
        }
        hs.removeIf(h -> h.requiresChatModel() && healerModel.isEmpty());
        this.healers = List.copyOf(hs);
        if (b.approvals != null) {
            this.approvals = b.approvals;
        } else {
            List<ApprovalHandler> found = ServiceProviders.load(ApprovalHandler.class, loader);
            if (found.isEmpty()) {
                LOG.warn("No ApprovalHandler configured or discovered: every gate is approved automatically");
                this.approvals = ApprovalHandlers.autoApprove();
            } else {
                this.approvals = found.get(0);
            }
        }
        this.checkpointer = b.checkpointer != null ? b.checkpointer
                : Checkpointers.open(config.get(AutopilotConfig.CHECKPOINTER, "memory:"), loader);
        Map<Gate, Boolean> g = new EnumMap<>(Gate.class);
        for (Gate gate : Gate.values()) {
            g.put(gate, gate.enabledByDefault());
        }
        g.put(Gate.PLANNING_REVIEW, config.getBoolean(AutopilotConfig.GATE_PLANNING_REVIEW));
        g.put(Gate.GENERATION_REVIEW, config.getBoolean(AutopilotConfig.GATE_GENERATION_REVIEW));
        g.putAll(b.gates);
        this.gates = Map.copyOf(g);
        this.outputDirectory = (b.outputDirectory != null ? b.outputDirectory : Path.of("charts")).toAbsolutePath().normalize();
        this.writeMode = b.writeMode != null ? b.writeMode : WriteMode.FAIL_IF_EXISTS;
        ValidationOptions vo = b.validationOptions != null ? b.validationOptions : ValidationOptions.defaults()
                .withKubeVersion(config.get(AutopilotConfig.KUBE_VERSION, ValidationOptions.DEFAULT_KUBE_VERSION));
        this.validationOptions = vo;
        int attempts = b.maxHealAttempts != null ? b.maxHealAttempts : config.getInt(AutopilotConfig.HEAL_MAX_ATTEMPTS);
        if (attempts < 0 || attempts > 50) {
            throw new IllegalArgumentException("heal.maxAttempts: " + attempts + " is out of range (fix: use 0 to 50)");
        }
        this.maxHealAttempts = attempts;
        this.listeners = List.copyOf(b.listeners);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder with this pipeline's settings, to derive another pipeline. */
    public Builder toBuilder() {
        return settings.copy();
    }

    // ------------------------------------------------------------------------------------------ API

    /**
     * Runs a request to the end or to the first deferred gate.
     *
     * @throws SpecException         when the request is invalid (message names the field and the fix)
     * @throws IllegalStateException when a required module is missing (message names the jar)
     */
    public RunResult run(ChartRequest request) {
        Objects.requireNonNull(request, "request");
        String runId = newRunId();
        RunState state = new RunState(RunState.SCHEMA_VERSION, runId, "generate", PLAN, request, null, null, null,
                List.of(), outputDirectory.toString(), 0, List.of(), null, null, null);
        Run run = new Run(state, 0);
        run.save();
        return run.drive(null);
    }

    /**
     * Continues a saved run with a decision for the gate it waits at. A run that was cut off mid-stage (the
     * process died) continues with {@link Decision#approve()}.
     *
     * @throws IllegalArgumentException when there is no such run, or the decision does not fit its gate
     * @throws IllegalStateException    when the run already ended, or another process resumed it first
     */
    public RunResult resume(String runId, Decision decision) {
        Objects.requireNonNull(decision, "decision");
        Checkpoint cp = checkpointer.load(runId).orElseThrow(() -> new IllegalArgumentException(
                "no saved run '" + runId + "' in " + checkpointer.describe() + " (fix: list saved runs with `runs`)"));
        RunState state = readState(cp);
        if (state.stage().equals(DONE) || state.stage().equals(FAILED)) {
            throw new IllegalStateException("run " + runId + " has already ended (" + state.stage().toLowerCase()
                    + ") (fix: start a new run)");
        }
        Optional<Gate> gate = gateOf(state.stage());
        if (gate.isPresent()) {
            checkDecisionFits(gate.get(), decision);
        } else if (!(decision instanceof Decision.Approve)) {
            throw new IllegalArgumentException("run " + runId + " was interrupted in stage " + state.stage()
                    + ", not at a gate; only approve continues it");
        }
        Run run = new Run(state, cp.version());
        return run.drive(gate.isPresent() ? decision : null);
    }

    /**
     * Validates and heals an existing chart directory in place (after the generation-review gate, with a
     * backup of every changed file under {@code .k8s-autopilot/backup/}).
     *
     * @return Completed when the chart passes afterwards, Failed with the report otherwise, or Interrupted at a gate
     */
    public RunResult repair(Path chartDirectory) {
        Path dir = chartDirectory.toAbsolutePath().normalize();
        ChartFiles files = ChartFiles.read(dir);
        String runId = newRunId();
        RunState state = new RunState(RunState.SCHEMA_VERSION, runId, "repair", VALIDATE,
                ChartRequest.of("repair " + dir.getFileName()), null, files, null, List.of(), dir.toString(), 0, List.of(),
                null, null, null);
        Run run = new Run(state, 0);
        run.save();
        return run.drive(null);
    }

    /**
     * Validates chart files with the configured validator (no healing, nothing written).
     *
     * @throws IllegalStateException when no validator is available (names the jar to add)
     */
    public ValidationReport validate(ChartFiles files) {
        return requireValidator().validate(files, validationOptions);
    }

    /** The checkpointer in use (to list or delete saved runs). */
    public Checkpointer checkpointer() {
        return checkpointer;
    }

    /** The planner in use. */
    public Planner planner() {
        return planner;
    }

    /** The output directory charts are written to. */
    public Path outputDirectory() {
        return outputDirectory;
    }

    /** Whether a chat model is configured for planning. */
    public boolean online() {
        return plannerModel.isPresent();
    }

    /** Reads a saved run's state; public so tools can show it. */
    public static RunState readState(Checkpoint cp) {
        if (cp.schemaVersion() > RunState.SCHEMA_VERSION) {
            throw new IllegalStateException("run " + cp.runId() + " was saved by a newer k8s-autopilot (state version "
                    + cp.schemaVersion() + ", this one reads " + RunState.SCHEMA_VERSION + ") (fix: resume it with that version)");
        }
        try {
            return Json.mapper().readValue(cp.state(), RunState.class);
        } catch (IOException e) {
            throw new IllegalStateException("run " + cp.runId() + " has an unreadable checkpoint: " + ChartPipeline.firstLine(e.getMessage())
                    + " (fix: delete the run and start again)", e);
        }
    }

    // ------------------------------------------------------------------------------------ the loop

    /** One run in progress: its state, checkpoint version and usage meter. Confined to one thread. */
    private final class Run {
        private RunState state;
        private long version;
        private final UsageMeter meter = new UsageMeter();

        Run(RunState state, long version) {
            this.state = state;
            this.version = version;
        }

        RunResult drive(Decision pending) {
            Decision decision = pending;
            try {
                while (true) {
                    String stage = state.stage();
                    Optional<Gate> gate = gateOf(stage);
                    if (gate.isPresent()) {
                        Decision d = decision != null ? decision : ask(gate.get());
                        decision = null;
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
                        default -> throw new IllegalStateException("run " + state.runId() + " is in unknown stage " + stage);
                    }
                    save();
                }
            } catch (ChartExistsException e) {
                return fail(Stage.WRITE.key(), e.getMessage(), RunResult.Failed.Kind.CHART_EXISTS);
            } catch (SpecException | ChartWriteException e) {
                return fail(state.stage().toLowerCase(), e.getMessage());
            } catch (CheckpointConflictException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        private void plan() {
            PlanOutcome outcome = timed(Stage.PLAN, () -> planner.plan(state.request(),
                    new PlanningContext(plannerModel.map(m -> new MeteredChatModel(m, meter, Stage.PLAN.key())),
                            validationOptions.kubeVersion())));
            if (outcome instanceof PlanOutcome.Planned p) {
                // The chart name is known now: refuse an existing directory before generating and validating for nothing.
                Path target = Path.of(state.outputDirectory()).resolve(p.plan().spec().name());
                if (writeMode == WriteMode.FAIL_IF_EXISTS && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ChartExistsException(target);
                }
                state = state.withPlan(p.plan()).at(gates.get(Gate.PLANNING_REVIEW) ? Gate.PLANNING_REVIEW.name() : GENERATE);
            } else if (outcome instanceof PlanOutcome.NeedsInput n) {
                state = state.withQuestions(n.questions()).at(Gate.CLARIFICATION.name());
            }
        }

        private void generate() {
            TemplateCoordinator c = coordinator.orElseThrow(() -> new IllegalStateException(
                    "no TemplateCoordinator found (fix: add dev.k8sautopilot:k8s-autopilot-templates to the classpath)"));
            ChartFiles files = timed(Stage.GENERATE, () -> c.generate(state.plan()));
            state = state.withFiles(files).at(gates.get(Gate.GENERATION_REVIEW) ? Gate.GENERATION_REVIEW.name() : VALIDATE);
        }

        private void validateAndHeal() {
            Validator v = requireValidator();
            ChartFiles initial = state.files();
            ChartFiles files = initial;
            ValidationReport report = timed(Stage.VALIDATE, () -> v.validate(initial, validationOptions));
            List<String> log = new ArrayList<>(state.healLog());
            int round = state.healRounds();
            while (!report.passed() && round < maxHealAttempts && !healers.isEmpty()) {
                round++;
                final int r = round;
                final ChartFiles before = files;
                final ValidationReport beforeReport = report;
                HealContext ctx = new HealContext(healerModel.map(m -> new MeteredChatModel(m, meter, Stage.HEAL.key())),
                        validationOptions, r);
                HealResult healed = timed(Stage.HEAL, () -> healAll(before, beforeReport, ctx));
                if (!healed.changed()) {
                    notifyHealing(r, List.of(), beforeReport.count(Severity.ERROR),
                            beforeReport.count(Severity.ERROR), false);
                    break;
                }
                ValidationReport after = timed(Stage.VALIDATE, () -> v.validate(healed.files(), validationOptions));
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
            if (state.mode().equals("repair")) {
                boolean changed = !log.isEmpty();
                state = state.at(changed ? Gate.GENERATION_REVIEW.name() : WRITE);
            } else {
                state = state.at(report.passed() ? WRITE : Gate.VALIDATION_ESCALATION.name());
            }
        }

        /** Runs every healer in order, each on the output of the previous one. */
        private HealResult healAll(ChartFiles files, ValidationReport report, HealContext ctx) {
            ChartFiles current = files;
            List<String> applied = new ArrayList<>();
            for (Healer h : healers) {
                try {
                    HealResult r = h.heal(current, report, ctx);
                    if (r.changed()) {
                        current = r.files();
                        applied.addAll(r.applied());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Healer {} failed and was skipped: {}", h.id(), e.getMessage());
                }
            }
            return new HealResult(current, applied);
        }

        private RunResult write() {
            if (state.mode().equals("repair")) {
                return writeRepair();
            }
            Path out = Path.of(state.outputDirectory());
            WriteResult written = timed(Stage.WRITE, () -> state.files().writeTo(out, writeMode));
            state = state.done(written.chartDirectory().toString());
            save();
            return end(new RunResult.Completed(state.runId(), written.chartDirectory(), state.plan(), state.files(),
                    state.report(), state.healLog(), written.keptUserEdits(), usage()));
        }

        private RunResult writeRepair() {
            Path dir = Path.of(state.outputDirectory());
            if (!state.healLog().isEmpty()) {
                ChartFiles files = state.files();
                timed(Stage.WRITE, () -> writeInPlace(dir, files, state.runId()));
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
            for (PipelineListener l : listeners) {
                safely(() -> l.gateReached(state.runId(), gate));
            }
            Decision d = approvals.review(approvalRequest(gate));
            if (d == null) {
                d = Decision.defer();
            }
            checkDecisionFits(gate, d);
            return d;
        }

        /** Applies a decision; returns a result when the run ends here, empty to go on. */
        private Optional<RunResult> apply(Gate gate, Decision d) {
            if (d instanceof Decision.Abort a) {
                return Optional.of(fail(gate.name().toLowerCase(), a.reason()));
            } else if (d instanceof Decision.ChangeOutput c) {
                state = state.withOutputDirectory(Path.of(c.outputDirectory()).toAbsolutePath().normalize().toString())
                        .at(afterApproval(gate));
            } else if (d instanceof Decision.Reject r) {
                ChartRequest req = r.feedback().isEmpty() ? state.request() : state.request().withFeedback(r.feedback());
                state = state.withRequest(req).at(PLAN);
            } else if (d instanceof Decision.Edit e) {
                state = state.withFiles(state.files().withAll(e.files())).at(VALIDATE);
            } else if (d instanceof Decision.Answer a) {
                state = state.withRequest(state.request().withAnswers(a.answers())).withQuestions(List.of()).at(PLAN);
            } else if (d instanceof Decision.Approve && gate == Gate.CLARIFICATION) {
                Map<String, String> defaults = new LinkedHashMap<>();
                for (Question q : state.questions()) {
                    if (q.defaultValue().isEmpty()) {
                        return Optional.of(fail("clarification", "question '" + q.field() + "' has no default and was not answered"
                                + " (fix: answer it with a Decision.answer for '" + q.field() + "')"));
                    }
                    defaults.put(q.field(), q.defaultValue().get());
                }
                state = state.withRequest(state.request().withAnswers(defaults)).withQuestions(List.of()).at(PLAN);
            } else if (d instanceof Decision.Approve) {
                state = state.at(afterApproval(gate));
            }
            return Optional.empty();
        }

        private String afterApproval(Gate gate) {
            return switch (gate) {
                case CLARIFICATION -> PLAN;
                case PLANNING_REVIEW -> GENERATE;
                case GENERATION_REVIEW -> state.mode().equals("repair") ? WRITE : VALIDATE;
                case VALIDATION_ESCALATION -> WRITE;
            };
        }

        private ApprovalRequest approvalRequest(Gate gate) {
            String summary = state.plan() != null ? state.plan().summary() : "";
            List<String> files = state.files() != null ? state.files().paths() : List.of();
            String diff = "";
            if (gate == Gate.GENERATION_REVIEW && state.files() != null) {
                diff = diffAgainstExisting();
            }
            if (gate == Gate.VALIDATION_ESCALATION || state.mode().equals("repair")) {
                summary = summary + (state.report() != null ? state.report().format() : "")
                        + (state.healLog().isEmpty() ? "" : "Fixes applied:\n  " + String.join("\n  ", state.healLog()) + "\n");
            }
            return new ApprovalRequest(state.runId(), gate, summary, files, diff,
                    gate == Gate.CLARIFICATION ? state.questions() : List.of(),
                    state.report(), state.outputDirectory());
        }

        private String diffAgainstExisting() {
            Path existing = state.mode().equals("repair") ? Path.of(state.outputDirectory())
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

        private RunResult fail(String stage, String reason) {
            return fail(stage, reason, RunResult.Failed.Kind.ERROR);
        }

        private RunResult fail(String stage, String reason, RunResult.Failed.Kind kind) {
            state = state.failed(reason);
            save();
            return end(new RunResult.Failed(state.runId(), stage, reason, state.report(), Optional.ofNullable(state.plan()),
                    usage(), kind));
        }

        private RunResult end(RunResult result) {
            for (PipelineListener l : listeners) {
                safely(() -> l.runEnded(result));
            }
            return result;
        }

        private Usage usage() {
            return state.usage().plus(meter.snapshot());
        }

        void save() {
            // A finished run's chart is on disk (chartDirectory): keeping its files here too would store it twice.
            ChartFiles files = state.stage().equals(DONE) ? null : state.files();
            RunState persisted = redact(new RunState(state.schemaVersion(), state.runId(), state.mode(), state.stage(),
                    state.request(), state.plan(), files, state.report(), state.questions(), state.outputDirectory(),
                    state.healRounds(), state.healLog(), usage(), state.failure(), state.chartDirectory()));
            String json = Json.write(persisted);
            long now = System.currentTimeMillis();
            checkpointer.save(new Checkpoint(state.runId(), version + 1, state.stage(), RunState.SCHEMA_VERSION, json, now));
            version++;
        }

        private <T> T timed(Stage stage, Supplier<T> work) {
            for (PipelineListener l : listeners) {
                safely(() -> l.stageStarted(state.runId(), stage));
            }
            long start = System.nanoTime();
            try {
                return work.get();
            } finally {
                long ms = (System.nanoTime() - start) / 1_000_000;
                meter.time(stage.key(), ms);
                for (PipelineListener l : listeners) {
                    safely(() -> l.stageFinished(state.runId(), stage, ms));
                }
            }
        }

        private void notifyHealing(int round, List<String> applied, long before, long after, boolean kept) {
            for (PipelineListener l : listeners) {
                safely(() -> l.healingRound(state.runId(), round, applied, before, after, kept));
            }
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    private Validator requireValidator() {
        return validator.orElseThrow(() -> new IllegalStateException(
                "no Validator found (fix: add dev.k8sautopilot:k8s-autopilot-validation to the classpath)"));
    }

    /** Writes the changed files in place, each atomically, after backing up the originals; returns the paths written. */
    private static List<String> writeInPlace(Path dir, ChartFiles files, String runId) {
        List<String> written = new ArrayList<>();
        Path backup = dir.resolve(ChartFiles.STATE_DIR).resolve("backup").resolve(runId);
        try {
            ChartFiles original = ChartFiles.read(dir);
            for (Map.Entry<String, String> e : files.files().entrySet()) {
                String old = original.files().get(e.getKey());
                if (e.getValue().equals(old)) {
                    continue;
                }
                Path target = dir.resolve(ChartFiles.checkPath(e.getKey())).normalize();
                if (!target.startsWith(dir)) {
                    throw new ChartWriteException("path " + e.getKey() + " leaves the chart directory", "use chart-relative paths");
                }
                if (old != null) {
                    Path b = backup.resolve(e.getKey());
                    Files.createDirectories(b.getParent());
                    Files.writeString(b, old, StandardCharsets.UTF_8);
                }
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), ".repair-", ".tmp");
                Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(e.getKey());
            }
            return written;
        } catch (IOException e) {
            throw new ChartWriteException("cannot write the repaired chart: " + e.getMessage(),
                    "restore files from " + backup + " if needed");
        }
    }

    private static void checkDecisionFits(Gate gate, Decision d) {
        boolean ok;
        if (d instanceof Decision.Answer) {
            ok = gate == Gate.CLARIFICATION;
        } else if (d instanceof Decision.Reject) {
            ok = gate != Gate.CLARIFICATION;
        } else if (d instanceof Decision.Edit) {
            ok = gate == Gate.GENERATION_REVIEW || gate == Gate.VALIDATION_ESCALATION;
        } else if (d instanceof Decision.ChangeOutput) {
            ok = gate == Gate.PLANNING_REVIEW || gate == Gate.GENERATION_REVIEW;
        } else {
            ok = true; // approve, abort and defer fit every gate
        }
        if (!ok) {
            throw new IllegalArgumentException("decision " + d.getClass().getSimpleName().toLowerCase()
                    + " does not apply to gate " + gate + " (fix: " + allowed(gate) + ")");
        }
    }

    private static String allowed(Gate gate) {
        return switch (gate) {
            case CLARIFICATION -> "answer the questions, approve to take the defaults, or abort";
            case PLANNING_REVIEW -> "approve, reject with feedback, change the output directory, or abort";
            case GENERATION_REVIEW -> "approve, reject with feedback, edit files, change the output directory, or abort";
            case VALIDATION_ESCALATION -> "approve anyway, edit files, reject with feedback, or abort";
        };
    }

    private static Optional<Gate> gateOf(String stage) {
        for (Gate g : Gate.values()) {
            if (g.name().equals(stage)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    private static RunState redact(RunState s) {
        ChartRequest r = s.request();
        Map<String, String> answers = new LinkedHashMap<>();
        r.answers().forEach((k, v) -> answers.put(k, Redactor.secretName(k) ? Redactor.MASK : Redactor.text(v)));
        ChartRequest redacted = new ChartRequest(Redactor.text(r.text()), r.spec().map(ChartPipeline::redact), answers,
                r.feedback().stream().map(Redactor::text).toList(), r.intent().map(ChartPipeline::redact));
        ChartPlan plan = s.plan() == null ? null
                : new ChartPlan(redact(s.plan().spec()), s.plan().decisions(), s.plan().warnings(), s.plan().planner());
        return new RunState(s.schemaVersion(), s.runId(), s.mode(), s.stage(), redacted, plan, s.files(), s.report(),
                s.questions(), s.outputDirectory(), s.healRounds(), s.healLog(), s.usage(), Redactor.text(s.failure()),
                s.chartDirectory());
    }

    private static ChartSpec redact(ChartSpec spec) {
        if (spec.env().stream().noneMatch(e -> Redactor.secretName(e.name()) && !e.value().isEmpty())) {
            return spec;
        }
        List<EnvVar> env = spec.env().stream()
                .map(e -> Redactor.secretName(e.name()) && !e.value().isEmpty() ? new EnvVar(e.name(), Redactor.MASK) : e)
                .toList();
        return spec.toBuilder().env(env).build();
    }

    private static ChartIntent redact(ChartIntent intent) {
        Optional<Sourced<List<EnvVar>>> env = intent.get(IntentField.ENV);
        if (env.isEmpty() || env.get().value().stream().noneMatch(e -> Redactor.secretName(e.name()) && !e.value().isEmpty())) {
            return intent;
        }
        List<EnvVar> masked = env.get().value().stream()
                .map(e -> Redactor.secretName(e.name()) && !e.value().isEmpty() ? new EnvVar(e.name(), Redactor.MASK) : e)
                .toList();
        return intent.toBuilder().set(IntentField.ENV, masked, env.get().source()).build();
    }

    private static String newRunId() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return LocalDateTime.now(ZoneOffset.UTC).format(RUN_ID_TIME) + "-" + HexFormat.of().formatHex(b);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("A pipeline listener failed: {}", e.toString());
        }
    }

    private static <T> Optional<T> first(Map<String, T> found) {
        return found.values().stream().findFirst();
    }

    private static Planner discoverPlanner(ClassLoader loader, boolean haveModel) {
        return ServiceProviders.byId(Planner.class, loader, Planner::id).values().stream()
                .filter(p -> haveModel || !p.requiresChatModel())
                .max(Comparator.comparingInt(Planner::priority))
                .filter(p -> p.priority() > 0)
                .orElseGet(RuleBasedPlanner::new);
    }

    private static LlmProvider findProvider(String id, ClassLoader loader) {
        Map<String, LlmProvider> providers = ServiceProviders.byId(LlmProvider.class, loader, LlmProvider::id);
        LlmProvider p = providers.get(id.toLowerCase(java.util.Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("llm.provider: no provider '" + id + "' (known: " + providers.keySet()
                    + ") (fix: use one of those, or add dev.k8sautopilot:k8s-autopilot-llm-providers to the classpath)");
        }
        return p;
    }

    private static LlmSettings llmSettings(AutopilotConfig config, String provider) {
        return new LlmSettings(provider, config.get(AutopilotConfig.LLM_MODEL, ""),
                config.getDouble(AutopilotConfig.LLM_TEMPERATURE), config.getInt(AutopilotConfig.LLM_MAX_TOKENS),
                config.getDuration(AutopilotConfig.LLM_TIMEOUT), config.get(AutopilotConfig.LLM_BASE_URL, ""), "",
                config.getInt(AutopilotConfig.LLM_MAX_RETRIES), config.getBoolean(AutopilotConfig.LLM_STRICT_SCHEMA));
    }

    // ------------------------------------------------------------------------------------ builder

    /**
     * Builder of {@link ChartPipeline}. Explicit instances win over discovered ones and over configuration.
     * Not thread-safe; {@link #build()} returns an immutable pipeline.
     */
    public static final class Builder {
        private ChatModel chatModel;
        private ChatModel plannerChatModel;
        private ChatModel healerChatModel;
        private String llmProvider;
        private AutopilotConfig config;
        private Planner planner;
        private TemplateCoordinator coordinator;
        private Validator validator;
        private final List<Healer> healers = new ArrayList<>();
        private boolean discoverHealers = true;
        private ApprovalHandler approvals;
        private Checkpointer checkpointer;
        private final Map<Gate, Boolean> gates = new EnumMap<>(Gate.class);
        private Path outputDirectory;
        private WriteMode writeMode;
        private ValidationOptions validationOptions;
        private Integer maxHealAttempts;
        private final List<PipelineListener> listeners = new ArrayList<>();
        private ClassLoader classLoader;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.chatModel = chatModel;
            b.plannerChatModel = plannerChatModel;
            b.healerChatModel = healerChatModel;
            b.llmProvider = llmProvider;
            b.config = config;
            b.planner = planner;
            b.coordinator = coordinator;
            b.validator = validator;
            b.healers.addAll(healers);
            b.discoverHealers = discoverHealers;
            b.approvals = approvals;
            b.checkpointer = checkpointer;
            b.gates.putAll(gates);
            b.outputDirectory = outputDirectory;
            b.writeMode = writeMode;
            b.validationOptions = validationOptions;
            b.maxHealAttempts = maxHealAttempts;
            b.listeners.addAll(listeners);
            b.classLoader = classLoader;
            return b;
        }

        /** The chat model for every stage (planning and healing); none = offline. */
        public Builder chatModel(ChatModel model) {
            this.chatModel = model;
            return this;
        }

        /** A chat model for planning only (wins over {@link #chatModel}). */
        public Builder plannerChatModel(ChatModel model) {
            this.plannerChatModel = model;
            return this;
        }

        /** A chat model for healing only (wins over {@link #chatModel}). */
        public Builder healerChatModel(ChatModel model) {
            this.healerChatModel = model;
            return this;
        }

        /** Creates the chat model through the {@code LlmProvider} with this id, using the {@code llm.*} configuration. */
        public Builder llm(String providerId) {
            this.llmProvider = providerId;
            return this;
        }

        /** Configuration (default {@link AutopilotConfig#load()}). */
        public Builder config(AutopilotConfig config) {
            this.config = config;
            return this;
        }

        /** The planner (default: the best discovered one, else the rule-based planner). */
        public Builder planner(Planner planner) {
            this.planner = planner;
            return this;
        }

        /** The template coordinator (default: discovered from k8s-autopilot-templates). */
        public Builder templateCoordinator(TemplateCoordinator coordinator) {
            this.coordinator = coordinator;
            return this;
        }

        /** The validator (default: discovered from k8s-autopilot-validation). */
        public Builder validator(Validator validator) {
            this.validator = validator;
            return this;
        }

        /** Adds a healer that runs before the discovered ones. */
        public Builder addHealer(Healer healer) {
            this.healers.add(Objects.requireNonNull(healer, "healer"));
            return this;
        }

        /** Whether to add the healers found through ServiceLoader (default true). */
        public Builder discoverHealers(boolean discover) {
            this.discoverHealers = discover;
            return this;
        }

        /** The approval handler (default: first discovered, else auto-approve with a warning). */
        public Builder approvals(ApprovalHandler handler) {
            this.approvals = handler;
            return this;
        }

        /** The checkpointer (default: from the {@code checkpointer} configuration key, {@code memory:}). */
        public Builder checkpointer(Checkpointer checkpointer) {
            this.checkpointer = checkpointer;
            return this;
        }

        /** Opens the checkpointer from a URI such as {@code file:~/.k8s-autopilot/runs}. */
        public Builder checkpointer(String uri) {
            this.checkpointer = Checkpointers.open(uri);
            return this;
        }

        /** Switches a gate on or off (CLARIFICATION and VALIDATION_ESCALATION cannot be switched off). */
        public Builder gate(Gate gate, boolean enabled) {
            if (!enabled && (gate == Gate.CLARIFICATION || gate == Gate.VALIDATION_ESCALATION)) {
                throw new IllegalArgumentException("gate " + gate + " cannot be switched off (fix: answer it with an ApprovalHandler)");
            }
            this.gates.put(gate, enabled);
            return this;
        }

        /** Where charts are written (default {@code ./charts}). */
        public Builder outputDirectory(Path directory) {
            this.outputDirectory = directory;
            return this;
        }

        /** What to do when the chart directory exists (default {@link WriteMode#FAIL_IF_EXISTS}). */
        public Builder writeMode(WriteMode mode) {
            this.writeMode = mode;
            return this;
        }

        /** Validation options (default: configuration {@code kubeVersion}, strict lint, all layers). */
        public Builder validationOptions(ValidationOptions options) {
            this.validationOptions = options;
            return this;
        }

        /** Healing rounds before the escalation gate (default {@code heal.maxAttempts}, 3). */
        public Builder maxHealAttempts(int attempts) {
            this.maxHealAttempts = attempts;
            return this;
        }

        /** Adds a progress listener. */
        public Builder addListener(PipelineListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The class loader for ServiceLoader discovery (default: the thread's context class loader). */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /**
         * Builds the pipeline.
         *
         * @throws IllegalArgumentException for invalid settings (message names the setting)
         * @throws IllegalStateException    when two discovered providers share an id
         */
        public ChartPipeline build() {
            return new ChartPipeline(this);
        }
    }
}
