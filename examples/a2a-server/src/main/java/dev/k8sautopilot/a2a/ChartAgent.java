package dev.k8sautopilot.a2a;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.PipelineListener;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.RunStatus;
import dev.k8sautopilot.Stage;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.spi.CheckpointConflictException;
import dev.k8sautopilot.spi.PlanningContext;
import dev.k8sautopilot.model.WriteMode;
import io.a2a.server.ServerCallContext;
import io.a2a.server.requesthandlers.RequestHandler;
import io.a2a.spec.Artifact;
import io.a2a.spec.DataPart;
import io.a2a.spec.DeleteTaskPushNotificationConfigParams;
import io.a2a.spec.EventKind;
import io.a2a.spec.GetTaskPushNotificationConfigParams;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.InvalidRequestError;
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.ListTaskPushNotificationConfigParams;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.Part;
import io.a2a.spec.PushNotificationNotSupportedError;
import io.a2a.spec.StreamingEventKind;
import io.a2a.spec.Task;
import io.a2a.spec.TaskArtifactUpdateEvent;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskNotCancelableError;
import io.a2a.spec.TaskNotFoundError;
import io.a2a.spec.TaskPushNotificationConfig;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatus;
import io.a2a.spec.TaskStatusUpdateEvent;
import io.a2a.spec.TextPart;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent: the A2A SDK's {@link RequestHandler} over a {@link ChartPipeline}. A task is a run.
 *
 * <ul>
 *   <li>A first message starts a task: by default a chart generation from the message's text (a data part
 *       {@code {"spec": {...}}} gives a structured spec); file parts holding a chart ask for validation, or for
 *       a repair when the text says so (or {@code {"skill": "repair"}}).</li>
 *   <li>When the run stops at a gate the task is {@code input-required}; the status message says what is asked
 *       ({@link Replies#ask}); the next message in the task answers or decides ({@link Replies#decide}).</li>
 *   <li>A finished run completes the task with the chart as artifacts ({@link ChartArtifacts}); a failed one
 *       fails it with the reason.</li>
 * </ul>
 *
 * Runs are bounded: at most {@code maxRuns} at once, further ones are refused with {@link #SERVER_BUSY}. Tasks
 * are kept in a {@link CheckpointTaskStore}, so they outlive the process. Thread-safe.
 */
final class ChartAgent implements RequestHandler, AutoCloseable {

    /** JSON-RPC error code when every run slot is taken. */
    static final int SERVER_BUSY = -32050;
    /** Task metadata key: the pipeline's run id. */
    static final String RUN_ID = "k8sautopilot.runId";
    /** Task metadata key: the skill the task runs. */
    static final String SKILL = "k8sautopilot.skill";
    /** Task metadata key: the gate the task waits at. */
    static final String GATE = "k8sautopilot.gate";

    private static final Logger LOG = LoggerFactory.getLogger(ChartAgent.class);

    /** What a task does. */
    enum Skill {
        GENERATE, VALIDATE, REPAIR;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a step of a task ended: the state, the agent's message, artifacts and metadata to add. */
    private record Outcome(TaskState state, List<Part<?>> parts, List<Artifact> artifacts, Map<String, Object> metadata) {
    }

    private final ChartPipeline pipeline;
    private final CheckpointTaskStore tasks;
    private final Path outputDirectory;
    private final int maxRuns;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final ExecutorService delivery;
    private final ConcurrentMap<String, Boolean> active = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<EventStream>> streams = new ConcurrentHashMap<>();

    /**
     * @param pipeline        the pipeline (its approval handler must defer the gates the client decides)
     * @param tasks           where tasks are kept
     * @param outputDirectory charts are written to {@code outputDirectory/<task id>/<chart>}
     * @param maxRuns         runs at once
     */
    ChartAgent(ChartPipeline pipeline, CheckpointTaskStore tasks, Path outputDirectory, int maxRuns) {
        this.pipeline = pipeline;
        this.tasks = tasks;
        this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
        this.maxRuns = maxRuns;
        this.slots = new Semaphore(maxRuns);
        this.workers = Executors.newFixedThreadPool(maxRuns, named("a2a-run"));
        this.delivery = Executors.newCachedThreadPool(named("a2a-stream"));
    }

    // ------------------------------------------------------------------------------------ requests

    @Override
    public Task onGetTask(TaskQueryParams params, ServerCallContext context) throws JSONRPCError {
        return withHistory(require(params.id()), params.historyLength());
    }

    @Override
    public Task onCancelTask(TaskIdParams params, ServerCallContext context) throws JSONRPCError {
        Task task = require(params.id());
        if (task.getStatus().state().isFinal()) {
            throw new TaskNotCancelableError("task " + task.getId() + " is already " + task.getStatus().state().asString()
                    + " (fix: nothing to cancel)");
        }
        if (active.putIfAbsent(task.getId(), Boolean.TRUE) != null) {
            throw new TaskNotCancelableError("task " + task.getId() + " is working and a running stage cannot be interrupted"
                    + " (fix: cancel it when it asks for input, or let it finish)");
        }
        try {
            runId(task).ifPresent(runId -> {
                try {
                    pipeline.resume(runId, Decision.abort("canceled by the A2A client"));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    LOG.info("Task {}: run {} could not be aborted: {}", task.getId(), runId, e.getMessage());
                }
            });
            Task canceled = changeStatus(task, TaskState.CANCELED, List.of(new TextPart("Canceled.")), Map.of());
            tasks.save(canceled);
            publish(canceled.getId(), statusEvent(canceled, true), true);
            return canceled;
        } finally {
            active.remove(task.getId());
        }
    }

    @Override
    public EventKind onMessageSend(MessageSendParams params, ServerCallContext context) throws JSONRPCError {
        Prepared p = prepare(params);
        boolean blocking = params.configuration() == null || !Boolean.FALSE.equals(params.configuration().blocking());
        if (blocking) {
            p.job.run();
            return withHistory(require(p.task.getId()), historyLength(params));
        }
        start(p);
        return withHistory(p.task, historyLength(params));
    }

    @Override
    public Flow.Publisher<StreamingEventKind> onMessageSendStream(MessageSendParams params, ServerCallContext context)
            throws JSONRPCError {
        Prepared p = prepare(params);
        EventStream stream = openStream(p.task.getId());
        stream.emit(p.task);
        start(p);
        return stream;
    }

    @Override
    public Flow.Publisher<StreamingEventKind> onResubscribeToTask(TaskIdParams params, ServerCallContext context)
            throws JSONRPCError {
        String id = params.id();
        synchronized (streams) {
            Task task = require(id);
            EventStream stream = new EventStream(delivery, cancelled -> dropStream(id, cancelled));
            stream.emit(task);
            if (active.containsKey(id)) {
                streams.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(stream);
            } else {
                // Nothing runs here: the stream ends with the task's current status, marked final when it is one
                // (or asks for input); a task another instance works on ends after the snapshot.
                TaskState state = task.getStatus().state();
                if (state.isFinal() || state == TaskState.INPUT_REQUIRED) {
                    stream.emit(statusEvent(task, true));
                }
                stream.end();
            }
            return stream;
        }
    }

    @Override
    public TaskPushNotificationConfig onSetTaskPushNotificationConfig(TaskPushNotificationConfig params,
                                                                      ServerCallContext context) throws JSONRPCError {
        throw new PushNotificationNotSupportedError();
    }

    @Override
    public TaskPushNotificationConfig onGetTaskPushNotificationConfig(GetTaskPushNotificationConfigParams params,
                                                                      ServerCallContext context) throws JSONRPCError {
        throw new PushNotificationNotSupportedError();
    }

    @Override
    public List<TaskPushNotificationConfig> onListTaskPushNotificationConfig(ListTaskPushNotificationConfigParams params,
                                                                             ServerCallContext context) throws JSONRPCError {
        throw new PushNotificationNotSupportedError();
    }

    @Override
    public void onDeleteTaskPushNotificationConfig(DeleteTaskPushNotificationConfigParams params, ServerCallContext context)
            throws JSONRPCError {
        throw new PushNotificationNotSupportedError();
    }

    /** Runs in progress now. */
    int runningCount() {
        return maxRuns - slots.availablePermits();
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        delivery.shutdownNow();
    }

    // ------------------------------------------------------------------------------------ preparing a step

    /** A task saved with the user's message, and the job that runs its next step (holding a run slot). */
    private record Prepared(Task task, Runnable job) {
    }

    private Prepared prepare(MessageSendParams params) {
        Message message = params == null ? null : params.message();
        if (message == null) {
            throw new InvalidParamsError("params.message is required (fix: send {\"message\": {\"role\": \"user\", \"parts\": [...]}})");
        }
        if (message.getRole() != Message.Role.USER) {
            throw new InvalidParamsError("message.role must be user (fix: send the message as role \"user\")");
        }
        if (message.getParts() == null || message.getParts().isEmpty()) {
            throw new InvalidParamsError("message.parts is empty (fix: say what chart you need in a text part)");
        }
        return message.getTaskId() == null || message.getTaskId().isBlank() ? prepareNew(message) : prepareReply(message);
    }

    private Prepared prepareNew(Message message) {
        Skill skill = skillOf(message);
        String taskId = UUID.randomUUID().toString();
        Supplier<Outcome> step;
        String working;
        switch (skill) {
            case GENERATE -> {
                ChartRequest request = requestOf(message);
                step = () -> finished(pipelineFor(taskId).run(request));
                working = "Planning and generating the chart.";
            }
            case VALIDATE -> {
                ChartFiles files = ChartUpload.read(Messages.files(message));
                step = () -> validated(files, pipeline.validate(files));
                working = "Validating chart " + files.name() + ".";
            }
            case REPAIR -> {
                ChartFiles files = ChartUpload.read(Messages.files(message));
                step = () -> finished(pipelineFor(taskId).repair(writeUpload(taskId, files)));
                working = "Validating and repairing chart " + files.name() + ".";
            }
            default -> throw new IllegalStateException("unknown skill " + skill);
        }
        claimSlot();
        String contextId = message.getContextId() == null || message.getContextId().isBlank()
                ? UUID.randomUUID().toString() : message.getContextId();
        Message first = new Message.Builder(message).taskId(taskId).contextId(contextId).build();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(SKILL, skill.id());
        Task task = new Task.Builder().id(taskId).contextId(contextId)
                .status(new TaskStatus(TaskState.SUBMITTED, null, now())).history(List.of(first)).artifacts(List.of())
                .metadata(metadata).build();
        active.put(taskId, Boolean.TRUE);
        try {
            tasks.save(task);
        } catch (RuntimeException e) {
            active.remove(taskId);
            slots.release();
            throw e;
        }
        return new Prepared(task, new Job(taskId, working, step));
    }

    private Prepared prepareReply(Message message) {
        String taskId = message.getTaskId();
        Task task = require(taskId);
        if (message.getContextId() != null && !message.getContextId().isBlank() && !message.getContextId().equals(task.getContextId())) {
            throw new InvalidParamsError("message.contextId " + message.getContextId() + " is not the context of task " + taskId
                    + " (fix: send " + task.getContextId() + " or leave contextId out)");
        }
        TaskState state = task.getStatus().state();
        if (state.isFinal()) {
            throw new InvalidRequestError("task " + taskId + " is " + state.asString()
                    + " and takes no more messages (fix: send the message without a taskId to start a new task)");
        }
        if (active.containsKey(taskId)) {
            throw new InvalidRequestError("task " + taskId + " is working (fix: wait until it asks for input; follow it with"
                    + " tasks/get or tasks/resubscribe)");
        }
        String runId = runId(task).orElseThrow(() -> new InvalidRequestError("task " + taskId
                + " was cut off before its run was saved (fix: start a new task)"));
        Decision decision;
        String working;
        if (state == TaskState.INPUT_REQUIRED) {
            Gate gate = gateOf(task).orElseThrow(() -> new InvalidRequestError("task " + taskId
                    + " does not say which gate it waits at (fix: start a new task)"));
            decision = Replies.decide(gate, Messages.questions(task), message);
            if (decision instanceof Decision.Answer a) {
                checkAnswers(runId, a);
            }
            if (decision instanceof Decision.Answer a) {
                working = "Planning again with your answers (" + String.join(", ", a.answers().keySet()) + ").";
            } else if (decision instanceof Decision.Reject) {
                working = "Planning again with your feedback.";
            } else if (decision instanceof Decision.Abort) {
                working = "Aborting.";
            } else {
                working = "Continuing.";
            }
        } else {
            // Submitted or working, but no run here: the process that ran it stopped. If the run had reached a gate
            // before the task recorded it, the message answers that gate; otherwise the run continues mid-stage.
            Optional<RunStatus> saved = pipeline.status(runId);
            Optional<Gate> gate = saved.flatMap(RunStatus::gate);
            if (gate.isPresent()) {
                decision = Replies.decide(gate.get(), saved.get().questions(), message);
                if (decision instanceof Decision.Answer a) {
                    checkAnswers(runId, a);
                }
            } else {
                decision = Decision.approve();
            }
            working = "Continuing the run that was cut off.";
        }
        claimSlot();
        if (active.putIfAbsent(taskId, Boolean.TRUE) != null) {
            slots.release();
            throw new InvalidRequestError("task " + taskId + " is working (fix: wait until it asks for input)");
        }
        try {
            List<Message> history = new ArrayList<>(Optional.ofNullable(task.getHistory()).orElse(List.of()));
            history.add(new Message.Builder(message).taskId(taskId).contextId(task.getContextId()).build());
            task = new Task.Builder(task).history(history).build();
            tasks.save(task);
        } catch (RuntimeException e) {
            active.remove(taskId);
            slots.release();
            throw e;
        }
        Decision d = decision;
        return new Prepared(task, new Job(taskId, working, () -> {
            Outcome outcome = finished(pipelineFor(taskId).resume(runId, d));
            // The person stopped it: in A2A terms the task was canceled, not failed.
            return d instanceof Decision.Abort && outcome.state() == TaskState.FAILED
                    ? new Outcome(TaskState.CANCELED, List.of(new TextPart("Aborted as asked; nothing was written.")), List.of(),
                    outcome.metadata())
                    : outcome;
        }));
    }

    /**
     * Plans once with the answers, offline, before the run resumes: an answer the planner refuses (a malformed
     * image, a port out of range) is refused here with the planner's message, and the task keeps waiting instead
     * of failing. Skipped with an LLM planner (it would cost a call); the run then reports it.
     */
    private void checkAnswers(String runId, Decision.Answer answer) {
        if (pipeline.online()) {
            return;
        }
        Optional<ChartRequest> request = pipeline.status(runId).map(RunStatus::request);
        if (request.isEmpty()) {
            return;
        }
        try {
            pipeline.planner().plan(request.get().withAnswers(answer.answers()),
                    new PlanningContext(Optional.empty(), ValidationOptions.DEFAULT_KUBE_VERSION));
        } catch (SpecException e) {
            throw new InvalidParamsError(e.getMessage() + "; the task still waits for an answer");
        }
    }

    private Skill skillOf(Message message) {
        Object named = Optional.ofNullable(message.getMetadata()).map(m -> m.get("skill"))
                .orElse(Messages.data(message).get("skill"));
        if (named != null) {
            try {
                return Skill.valueOf(named.toString().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidParamsError("skill '" + named + "' is unknown (fix: use generate, validate or repair)");
            }
        }
        if (Messages.files(message).isEmpty()) {
            return Skill.GENERATE;
        }
        String text = Messages.text(message).toLowerCase(Locale.ROOT);
        return text.matches("(?s).*\\b(repair|fix|heal)\\w*\\b.*") ? Skill.REPAIR : Skill.VALIDATE;
    }

    private static ChartRequest requestOf(Message message) {
        String text = Messages.text(message).strip();
        Object spec = Messages.data(message).get("spec");
        try {
            if (spec instanceof Map<?, ?> m) {
                Map<String, Object> doc = new LinkedHashMap<>();
                m.forEach((k, v) -> doc.put(String.valueOf(k), v));
                return new ChartRequest(text, Optional.of(ChartSpecs.fromMap(doc)), Map.of(), List.of());
            }
            if (spec != null) {
                throw new InvalidParamsError("data part field spec must be an object (fix: {\"spec\": {\"name\": ..., \"image\": ...}})");
            }
            return ChartRequest.of(text);
        } catch (SpecException e) {
            throw new InvalidParamsError(e.getMessage());
        }
    }

    private void claimSlot() {
        if (!slots.tryAcquire()) {
            throw new JSONRPCError(SERVER_BUSY, "the server is busy: " + maxRuns + " runs are in progress (fix: retry in a"
                    + " moment, or start the server with a higher --max-runs)", Map.of("maxRuns", maxRuns));
        }
    }

    private void start(Prepared p) {
        try {
            workers.execute(p.job);
        } catch (RejectedExecutionException e) {
            active.remove(p.task.getId());
            slots.release();
            throw new JSONRPCError(SERVER_BUSY, "the server is shutting down (fix: retry against a running instance)", null);
        }
    }

    /**
     * A pipeline for one task: it writes the chart to the task's own directory (so tasks never collide) and
     * reports each stage as a {@code working} status, recording the run id as soon as the run has one (so a
     * task cut off mid-stage can be continued).
     */
    private ChartPipeline pipelineFor(String taskId) {
        return pipeline.toBuilder().outputDirectory(outputDirectory.resolve(taskId)).writeMode(WriteMode.FAIL_IF_EXISTS)
                .addListener(new Progress(taskId)).build();
    }

    /** Turns the pipeline's stage events into {@code working} status updates of a task. */
    private final class Progress implements PipelineListener {
        private final String taskId;

        Progress(String taskId) {
            this.taskId = taskId;
        }

        @Override
        public void stageStarted(String runId, Stage stage) {
            String text = switch (stage) {
                case PLAN -> "Planning the chart.";
                case GENERATE -> "Generating the chart's files.";
                case VALIDATE -> "Validating the chart with Helm.";
                case HEAL -> "Fixing what validation found.";
                case WRITE -> "Writing the chart.";
            };
            Task task = changeStatus(require(taskId), TaskState.WORKING, List.of(new TextPart(text)), Map.of(RUN_ID, runId));
            tasks.save(task);
            publish(taskId, statusEvent(task, false), false);
        }
    }

    /** Writes an uploaded chart to {@code output/<task id>/<chart name>} (a directory the server chose). */
    private Path writeUpload(String taskId, ChartFiles files) {
        Path dir = outputDirectory.resolve(taskId);
        files.writeTo(dir, WriteMode.FAIL_IF_EXISTS);
        return dir.resolve(files.name());
    }

    // ------------------------------------------------------------------------------------ running a step

    /** Runs one step of a task and records how it ended; always gives the run slot back. */
    private final class Job implements Runnable {
        private final String taskId;
        private final String working;
        private final Supplier<Outcome> step;

        Job(String taskId, String working, Supplier<Outcome> step) {
            this.taskId = taskId;
            this.working = working;
            this.step = step;
        }

        @Override
        public void run() {
            try {
                Task task = changeStatus(require(taskId), TaskState.WORKING, List.of(new TextPart(working)), Map.of());
                tasks.save(task);
                publish(taskId, statusEvent(task, false), false);
                Outcome outcome;
                try {
                    outcome = step.get();
                } catch (IllegalStateException e) {
                    if (e.getCause() instanceof CheckpointConflictException) {
                        // Another instance sharing the store continued this run first; it owns the task now.
                        LOG.info("Task {}: another instance continued the run first; leaving the task to it", taskId);
                        closeStream(taskId);
                        return;
                    }
                    outcome = failed(e.getMessage());
                } catch (IllegalArgumentException | UncheckedIOException e) {
                    outcome = failed(e.getMessage());
                } catch (JSONRPCError e) {
                    outcome = failed(e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("Task {} failed unexpectedly", taskId, e);
                    outcome = failed("internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                }
                finish(taskId, outcome);
            } catch (RuntimeException e) {
                // The store failed: the task keeps its last saved state; say so to whoever listens.
                LOG.error("Task {}: cannot record its progress: {}", taskId, e.toString());
                closeStream(taskId);
            } finally {
                active.remove(taskId);
                slots.release();
            }
        }
    }

    private void finish(String taskId, Outcome outcome) {
        Task task = require(taskId);
        for (Artifact artifact : outcome.artifacts()) {
            List<Artifact> artifacts = new ArrayList<>(Optional.ofNullable(task.getArtifacts()).orElse(List.of()));
            artifacts.removeIf(a -> Objects.equals(a.artifactId(), artifact.artifactId()));
            artifacts.add(artifact);
            task = new Task.Builder(task).artifacts(artifacts).build();
            tasks.save(task);
            publish(taskId, new TaskArtifactUpdateEvent.Builder().taskId(taskId).contextId(task.getContextId())
                    .artifact(artifact).append(false).lastChunk(true).build(), false);
        }
        Task done = changeStatus(task, outcome.state(), outcome.parts(), outcome.metadata());
        tasks.save(done);
        publish(taskId, statusEvent(done, true), true);
    }

    private Outcome finished(RunResult result) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(RUN_ID, result.runId());
        if (result instanceof RunResult.Completed c) {
            metadata.put(GATE, null);
            List<Artifact> artifacts = new ArrayList<>();
            artifacts.add(ChartArtifacts.files(c.files()));
            String packaged = "";
            try {
                artifacts.add(ChartArtifacts.packaged(c.chartDirectory(), c.chartDirectory().getParent()));
            } catch (UncheckedIOException e) {
                packaged = " The chart could not be packaged: " + e.getMessage() + ".";
            }
            artifacts.add(ChartArtifacts.report(c.report(), "Validation of the chart as written"));
            String verdict = c.passed()
                    ? "It passed validation" + (c.report().score().isPresent() ? " (score " + c.report().score().getAsInt() + ")" : "")
                    : "It did not pass validation: " + c.report().count(Severity.ERROR) + " error(s) remain (written because the"
                    + " escalation was approved)";
            String text = "Chart " + c.files().name() + " is ready: " + c.files().files().size() + " files. " + verdict + "."
                    + (c.healLog().isEmpty() ? "" : " Fixes applied: " + String.join("; ", c.healLog()) + ".") + packaged
                    + " The files, the packaged chart and the validation report are the task's artifacts.";
            return new Outcome(TaskState.COMPLETED, List.of(new TextPart(text)), artifacts, metadata);
        }
        if (result instanceof RunResult.Interrupted i) {
            metadata.put(GATE, i.request().gate().name());
            return new Outcome(TaskState.INPUT_REQUIRED, Replies.ask(i.request()), List.of(), metadata);
        }
        RunResult.Failed f = (RunResult.Failed) result;
        metadata.put(GATE, null);
        List<Part<?>> parts = new ArrayList<>();
        parts.add(new TextPart("The run failed in stage " + f.stage() + ": " + f.reason()));
        List<Artifact> artifacts = new ArrayList<>();
        if (!f.report().findings().isEmpty() || !f.report().layers().isEmpty()) {
            artifacts.add(ChartArtifacts.report(f.report(), "The last validation report"));
        }
        return new Outcome(TaskState.FAILED, parts, artifacts, metadata);
    }

    private static Outcome validated(ChartFiles files, ValidationReport report) {
        String text = "Chart " + files.name() + (report.passed() ? " passed validation" : " did not pass validation: "
                + report.count(Severity.ERROR) + " error(s)") + (report.score().isPresent() ? " (score " + report.score().getAsInt() + ")" : "")
                + "; " + report.count(Severity.WARNING) + " warning(s). The report is the task's artifact.";
        return new Outcome(TaskState.COMPLETED, List.of(new TextPart(text), new DataPart(ChartArtifacts.report(report))),
                List.of(ChartArtifacts.report(report, "Validation of the chart sent")), Map.of());
    }

    private static Outcome failed(String reason) {
        return new Outcome(TaskState.FAILED, List.of(new TextPart("The task failed: " + reason)), List.of(), Map.of());
    }

    // ------------------------------------------------------------------------------------ tasks and events

    private Task require(String taskId) {
        return tasks.find(taskId).orElseThrow(() -> new TaskNotFoundError(TaskNotFoundError.DEFAULT_CODE,
                "task " + taskId + " not found (fix: use the id of a task this server created)", null));
    }

    /** A copy in a new state; the previous status message moves into the history unless it was a progress note. */
    private static Task changeStatus(Task task, TaskState state, List<Part<?>> parts, Map<String, Object> metadata) {
        List<Message> history = new ArrayList<>(Optional.ofNullable(task.getHistory()).orElse(List.of()));
        // Progress notes ("Validating …") are replaced, not kept: the history holds the conversation.
        if (task.getStatus() != null && task.getStatus().message() != null && task.getStatus().state() != TaskState.WORKING) {
            history.add(task.getStatus().message());
        }
        Map<String, Object> meta = new LinkedHashMap<>(Optional.ofNullable(task.getMetadata()).orElse(Map.of()));
        metadata.forEach((k, v) -> {
            if (v == null) {
                meta.remove(k);
            } else {
                meta.put(k, v);
            }
        });
        return new Task.Builder(task).status(new TaskStatus(state, Messages.agent(task, parts), now()))
                .history(history).metadata(meta).build();
    }

    private static TaskStatusUpdateEvent statusEvent(Task task, boolean isFinal) {
        return new TaskStatusUpdateEvent.Builder().taskId(task.getId()).contextId(task.getContextId()).status(task.getStatus())
                .isFinal(isFinal).build();
    }

    private EventStream openStream(String taskId) {
        EventStream stream = new EventStream(delivery, cancelled -> dropStream(taskId, cancelled));
        synchronized (streams) {
            streams.computeIfAbsent(taskId, k -> new CopyOnWriteArrayList<>()).add(stream);
        }
        return stream;
    }

    /** Ends every stream of a task. */
    private void closeStream(String taskId) {
        synchronized (streams) {
            List<EventStream> open = streams.remove(taskId);
            if (open != null) {
                open.forEach(EventStream::end);
            }
        }
    }

    /** Stops feeding one stream whose subscriber went away; the task's other streams go on. */
    private void dropStream(String taskId, EventStream stream) {
        synchronized (streams) {
            List<EventStream> open = streams.get(taskId);
            if (open != null) {
                open.remove(stream);
                if (open.isEmpty()) {
                    streams.remove(taskId);
                }
            }
        }
    }

    private void publish(String taskId, StreamingEventKind event, boolean last) {
        synchronized (streams) {
            List<EventStream> open = last ? streams.remove(taskId) : streams.get(taskId);
            if (open != null) {
                for (EventStream s : open) {
                    s.emit(event);
                    if (last) {
                        s.end();
                    }
                }
            }
        }
    }

    private static Optional<String> runId(Task task) {
        return Optional.ofNullable(task.getMetadata()).map(m -> m.get(RUN_ID)).map(Object::toString);
    }

    private static Optional<Gate> gateOf(Task task) {
        return Optional.ofNullable(task.getMetadata()).map(m -> m.get(GATE)).map(Object::toString).flatMap(ChartAgent::gateNamed);
    }

    private static Optional<Gate> gateNamed(String name) {
        for (Gate g : Gate.values()) {
            if (g.name().equals(name)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    private static Task withHistory(Task task, int historyLength) {
        List<Message> history = task.getHistory();
        if (historyLength <= 0 || history == null || history.size() <= historyLength) {
            return task;
        }
        return new Task.Builder(task).history(history.subList(history.size() - historyLength, history.size())).build();
    }

    private static int historyLength(MessageSendParams params) {
        return params.configuration() == null || params.configuration().historyLength() == null ? 0
                : params.configuration().historyLength();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
