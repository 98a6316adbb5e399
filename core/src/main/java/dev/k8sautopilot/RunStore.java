package dev.k8sautopilot;

import dev.k8sautopilot.checkpoint.Checkpointers;
import dev.k8sautopilot.checkpoint.FileCheckpointer;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Redactor;
import dev.k8sautopilot.internal.RunState;
import dev.k8sautopilot.model.ChartIntent;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.IntentField;
import dev.k8sautopilot.model.Sourced;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.Checkpointer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Saves and loads run states through the pipeline's {@link Checkpointer}, redacting secrets on the way out.
 * A checkpointer given as an instance belongs to the caller; one opened from a URI is opened on first use
 * (not when the pipeline is built) and closed by {@link #close()}. Thread-safe.
 */
final class RunStore implements AutoCloseable {

    private final Checkpointer given;
    private final Supplier<Checkpointer> opener;
    private Checkpointer opened;
    private boolean closed;

    private RunStore(Checkpointer given, Supplier<Checkpointer> opener) {
        this.given = given;
        this.opener = opener;
    }

    /** A store over a caller-owned checkpointer. */
    static RunStore of(Checkpointer checkpointer) {
        return new RunStore(checkpointer, null);
    }

    /** A store that opens {@code uri} on first use and owns what it opened. */
    static RunStore opening(String uri, ClassLoader loader) {
        return new RunStore(null, () -> Checkpointers.open(uri, loader));
    }

    /** The checkpointer, opened now if this store opens its own. */
    synchronized Checkpointer checkpointer() {
        if (closed) {
            throw new IllegalStateException("the pipeline is closed (fix: build a new ChartPipeline)");
        }
        if (given != null) {
            return given;
        }
        if (opened == null) {
            opened = opener.get();
        }
        return opened;
    }

    /** Where repair backups go when the builder names no directory: next to the runs of a file store, else the temp dir. */
    Path defaultBackupRoot() {
        if (checkpointer() instanceof FileCheckpointer f) {
            return f.directory().resolve("backups");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "k8s-autopilot-backups");
    }

    /** Saves {@code state} (redacted) as version {@code version}. */
    void save(RunState state, long version) {
        // A finished run's chart is on disk (chartDirectory): keeping its files here too would store it twice.
        RunState kept = state.stage() == RunStage.DONE ? state.withFiles(null) : state;
        // Not Jackson's introspection: a cold process would spend ~60 ms building serializers for the first save.
        String json = Json.writeRecords(redact(kept));
        checkpointer().save(new Checkpoint(state.runId(), version, state.stage().name(), RunState.SCHEMA_VERSION, json,
                System.currentTimeMillis()));
    }

    /** A saved run with its checkpoint version. */
    record Saved(RunState state, long version, Instant updatedAt) {
    }

    /** Loads a saved run. */
    Optional<Saved> load(String runId) {
        return checkpointer().load(runId).map(cp -> new Saved(read(cp), cp.version(), Instant.ofEpochMilli(cp.updatedAt())));
    }

    /** A human description of where runs are saved. */
    String describe() {
        return checkpointer().describe();
    }

    /** Reads a checkpoint's state document. */
    static RunState read(Checkpoint cp) {
        if (cp.schemaVersion() > RunState.SCHEMA_VERSION) {
            throw new IllegalStateException("run " + cp.runId() + " was saved by a newer k8s-autopilot (state version "
                    + cp.schemaVersion() + ", this one reads " + RunState.SCHEMA_VERSION + ") (fix: resume it with that version)");
        }
        try {
            return Json.mapper().readValue(cp.state(), RunState.class);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            throw new IllegalStateException("run " + cp.runId() + " has an unreadable checkpoint: " + (nl < 0 ? m : m.substring(0, nl))
                    + " (fix: delete the run and start again)", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (opened != null) {
            opened.close();
        }
    }

    // ------------------------------------------------------------------------ redaction

    /** The state as saved: secret values in the request, spec env and failure text masked. */
    static RunState redact(RunState s) {
        ChartRequest r = s.request();
        Map<String, String> answers = new LinkedHashMap<>();
        r.answers().forEach((k, v) -> answers.put(k, Redactor.secretName(k) ? Redactor.MASK : Redactor.text(v)));
        ChartRequest redacted = new ChartRequest(Redactor.text(r.text()), r.spec().map(RunStore::redact), answers,
                r.feedback().stream().map(Redactor::text).toList(), r.intent().map(RunStore::redact));
        ChartPlan plan = s.plan() == null ? null
                : new ChartPlan(redact(s.plan().spec()), redactDecisions(s.plan().decisions()), redactLines(s.plan().warnings()),
                        s.plan().planner());
        return s.withRedacted(redacted, plan, Redactor.text(s.failure()), redactDecisions(s.decisions()), redactLines(s.warnings()));
    }

    /** Decisions with secret assignments and URL credentials in their choices and reasons masked. */
    private static List<PlanDecision> redactDecisions(List<PlanDecision> decisions) {
        return decisions.stream().map(d -> new PlanDecision(d.topic(), Redactor.text(d.choice()), Redactor.text(d.reason()),
                d.source(), d.outcome())).toList();
    }

    private static List<String> redactLines(List<String> lines) {
        return lines.stream().map(Redactor::text).toList();
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

    private static ChartSpec redact(ChartSpec spec) {
        if (spec.env().stream().noneMatch(e -> Redactor.secretName(e.name()) && !e.value().isEmpty())) {
            return spec;
        }
        List<EnvVar> env = spec.env().stream()
                .map(e -> Redactor.secretName(e.name()) && !e.value().isEmpty() ? new EnvVar(e.name(), Redactor.MASK) : e)
                .toList();
        return spec.toBuilder().env(env).build();
    }
}
