package dev.k8sautopilot;

import dev.k8sautopilot.config.AutopilotConfig;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.internal.ServiceProviders;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.ApprovalHandler;
import dev.k8sautopilot.spi.Checkpointer;
import dev.k8sautopilot.spi.Healer;
import dev.k8sautopilot.spi.Planner;
import dev.k8sautopilot.spi.TemplateCoordinator;
import dev.k8sautopilot.spi.Validator;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door: plans, generates, validates, heals and writes a Helm chart, stopping at gates for
 * approval and saving every transition through a {@link Checkpointer}.
 *
 * <pre>{@code
 * try (ChartPipeline pipeline = ChartPipeline.builder()
 *         .outputDirectory(Path.of("charts"))
 *         .approvals(request -> Decision.approve())
 *         .build()) {
 *     RunResult result = pipeline.run(ChartRequest.of("Create a Helm chart for redis with persistence"));
 * }
 * }</pre>
 *
 * Without a chat model the pipeline runs fully offline (rule-based planner, deterministic healers).
 * The default {@link TemplateCoordinator} and {@link Validator} are found through {@link java.util.ServiceLoader}
 * in the {@code k8s-autopilot-templates} and {@code k8s-autopilot-validation} jars.
 *
 * <p>Configuration is explicit: the builder reads only what it is given ({@link Builder#config}); it never
 * reads the environment or system properties by itself. Pass {@link AutopilotConfig#load()} to honour them,
 * as the command line does.
 *
 * <p>Every failure of a run comes back as {@link RunResult.Failed} (the run is saved as {@link RunStage#FAILED}
 * with the reason); see {@link #run}, {@link #resume} and {@link #repair} for the few things that are thrown.
 *
 * <p>Instances are immutable and thread-safe: one pipeline may serve many runs in parallel. A checkpointer the
 * pipeline opens itself (from a URI or the configuration) is opened on first use and closed by {@link #close()};
 * a {@link Checkpointer} instance given to the builder stays the caller's to close.
 */
public final class ChartPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChartPipeline.class);

    private final Builder settings;
    private final PipelineSettings resolved;
    private final RunStore store;
    private final RunEngine engine;

    private ChartPipeline(Builder b) {
        this.settings = b.copy();
        AutopilotConfig config = b.config != null ? b.config : AutopilotConfig.defaults();
        ClassLoader loader = b.classLoader != null ? b.classLoader : ServiceProviders.defaultLoader();
        this.resolved = resolve(b, config, loader);
        this.store = b.checkpointer != null ? RunStore.of(b.checkpointer)
                : RunStore.opening(b.checkpointerUri != null ? b.checkpointerUri : config.get(AutopilotConfig.CHECKPOINTER, "memory:"),
                        loader);
        this.engine = new RunEngine(resolved, store);
    }

    private static PipelineSettings resolve(Builder b, AutopilotConfig config, ClassLoader loader) {
        ChatModels models = ChatModels.resolve(b.chatModel, b.plannerChatModel, b.healerChatModel, b.llmProvider, config, loader);
        Planner planner = b.planner != null ? b.planner : discoverPlanner(loader, models.planner().isPresent());
        Optional<TemplateCoordinator> coordinator = b.coordinator != null ? Optional.of(b.coordinator)
                : first(ServiceProviders.byId(TemplateCoordinator.class, loader, TemplateCoordinator::id));
        Optional<Validator> validator = b.validator != null ? Optional.of(b.validator)
                : first(ServiceProviders.byId(Validator.class, loader, Validator::id));
        List<Healer> healers = new ArrayList<>(b.healers);
        if (b.discoverHealers) {
            List<Healer> found = new ArrayList<>(ServiceProviders.byId(Healer.class, loader, Healer::id).values());
            found.sort(Comparator.comparingInt(Healer::order).thenComparing(Healer::id));
            healers.addAll(found);
        }
        healers.removeIf(h -> h.requiresChatModel() && models.healer().isEmpty());
        ApprovalHandler approvals = b.approvals;
        if (approvals == null) {
            List<ApprovalHandler> found = ServiceProviders.load(ApprovalHandler.class, loader);
            if (found.isEmpty()) {
                LOG.warn("No ApprovalHandler configured or discovered: every gate is approved automatically");
                approvals = ApprovalHandlers.autoApprove();
            } else {
                approvals = found.get(0);
            }
        }
        Map<Gate, Boolean> gates = new EnumMap<>(Gate.class);
        for (Gate gate : Gate.values()) {
            gates.put(gate, gate.enabledByDefault());
        }
        gates.put(Gate.PLANNING_REVIEW, config.getBoolean(AutopilotConfig.GATE_PLANNING_REVIEW));
        gates.put(Gate.GENERATION_REVIEW, config.getBoolean(AutopilotConfig.GATE_GENERATION_REVIEW));
        gates.putAll(b.gates);
        Path out = (b.outputDirectory != null ? b.outputDirectory : Path.of("charts")).toAbsolutePath().normalize();
        WriteMode writeMode = b.writeMode != null ? b.writeMode : WriteMode.FAIL_IF_EXISTS;
        ValidationOptions vo = b.validationOptions != null ? b.validationOptions : ValidationOptions.defaults()
                .withKubeVersion(config.get(AutopilotConfig.KUBE_VERSION, ValidationOptions.DEFAULT_KUBE_VERSION));
        int attempts = b.maxHealAttempts != null ? b.maxHealAttempts : config.getInt(AutopilotConfig.HEAL_MAX_ATTEMPTS);
        if (attempts < 0 || attempts > 50) {
            throw new IllegalArgumentException("heal.maxAttempts: " + attempts + " is out of range (fix: use 0 to 50)");
        }
        return new PipelineSettings(planner, coordinator, validator, healers, approvals, gates, out, writeMode, vo, attempts,
                b.listeners, models, Optional.ofNullable(b.backupDirectory).map(p -> p.toAbsolutePath().normalize()));
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
     * Runs a request to the end or to the first deferred gate. Every failure of the run (a bad spec, a failing
     * write, a plug-in that throws, a store that fails) is returned as {@link RunResult.Failed}.
     *
     * @throws IllegalStateException    when a required module is missing (message names the jar), the pipeline is
     *                                  closed, or another process saved the same run
     * @throws IllegalArgumentException when the approval handler returns a decision that does not fit the gate; the run
     *                                  stays saved at that gate and can be resumed with one that fits
     */
    public RunResult run(ChartRequest request) {
        Objects.requireNonNull(request, "request");
        return engine.start(request);
    }

    /**
     * Continues a saved run with a decision for the gate it waits at. A run that was cut off mid-stage (the
     * process died) continues with {@link Decision#approve()}; one cut off after its chart was written finishes
     * without writing again.
     *
     * @throws IllegalArgumentException when there is no such run, or the decision does not fit its gate (for example
     *                                  approve at a clarification question without a default); the run stays saved
     *                                  and can be resumed with a decision that fits
     * @throws IllegalStateException    when the run already ended, or another process resumed it first
     */
    public RunResult resume(String runId, Decision decision) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(decision, "decision");
        return engine.resume(runId, decision);
    }

    /**
     * Validates and heals an existing chart directory in place (after the generation-review gate). The original of
     * every changed file is copied first to a backup directory outside the chart: {@link Builder#backupDirectory}, or
     * {@code backups/<run id>} next to the runs of a {@code file:} checkpointer, or the temp directory otherwise (see
     * {@link RunStatus#backup()}).
     *
     * @return Completed when the chart passes afterwards, Failed with the report otherwise, or Interrupted at a gate
     * @throws dev.k8sautopilot.model.ChartWriteException when the directory cannot be read
     * @throws IllegalStateException when the validation module is missing
     */
    public RunResult repair(Path chartDirectory) {
        Objects.requireNonNull(chartDirectory, "chartDirectory");
        return engine.repair(chartDirectory);
    }

    /**
     * Validates chart files with the configured validator (no healing, nothing written, no checkpointer opened).
     *
     * @throws IllegalStateException when no validator is available (names the jar to add)
     */
    public ValidationReport validate(ChartFiles files) {
        return resolved.requireValidator().validate(files, resolved.validationOptions());
    }

    /** Where a saved run stands, read from its checkpoint; empty when there is no such run. */
    public Optional<RunStatus> status(String runId) {
        return engine.status(runId);
    }

    /** The checkpointer in use (to list or delete saved runs); opened now if the pipeline opens its own. */
    public Checkpointer checkpointer() {
        return store.checkpointer();
    }

    /** The planner in use. */
    public Planner planner() {
        return resolved.planner();
    }

    /** The output directory charts are written to. */
    public Path outputDirectory() {
        return resolved.outputDirectory();
    }

    /** Whether a chat model is configured for planning. */
    public boolean online() {
        return resolved.models().planner().isPresent();
    }

    /**
     * Closes the checkpointer this pipeline opened (releasing, for a {@code file:} store, its lock file); a
     * checkpointer instance given to the builder is left open. Runs started afterwards fail with
     * {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        store.close();
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
        private String checkpointerUri;
        private Path backupDirectory;
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
            b.checkpointerUri = checkpointerUri;
            b.backupDirectory = backupDirectory;
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

        /**
         * Configuration (default {@link AutopilotConfig#defaults()}: built-in defaults only). The builder never reads
         * the environment or system properties by itself; pass {@link AutopilotConfig#load()} to honour them.
         */
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

        /**
         * The checkpointer (default: opened from the {@code checkpointer} configuration key, {@code memory:}). The
         * caller keeps ownership: {@link ChartPipeline#close()} does not close it.
         */
        public Builder checkpointer(Checkpointer checkpointer) {
            this.checkpointer = checkpointer;
            this.checkpointerUri = null;
            return this;
        }

        /**
         * A checkpointer URI such as {@code file:~/.k8s-autopilot/runs} or {@code jdbc:postgresql://...}; the pipeline
         * opens it on first use and closes it in {@link ChartPipeline#close()}.
         */
        public Builder checkpointer(String uri) {
            this.checkpointerUri = Objects.requireNonNull(uri, "uri");
            this.checkpointer = null;
            return this;
        }

        /**
         * Where {@link ChartPipeline#repair} keeps the originals of the files it changes, one sub-directory per run
         * (default: {@code backups/} next to the runs of a {@code file:} checkpointer, else the temp directory).
         * Must not be inside the chart being repaired.
         */
        public Builder backupDirectory(Path directory) {
            this.backupDirectory = directory;
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
