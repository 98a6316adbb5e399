package dev.k8sautopilot.a2a;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.CheckpointConflictException;
import dev.k8sautopilot.spi.Checkpointer;
import io.a2a.server.tasks.TaskStore;
import io.a2a.spec.Task;
import io.a2a.util.Utils;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The A2A SDK's {@link TaskStore} on a k8s-autopilot {@link Checkpointer}: each task is one checkpoint whose
 * state is the task's A2A JSON, so tasks live wherever runs live (a directory, or a database shared by several
 * server instances) and survive a restart. Saves retry on an optimistic-version conflict (the last writer wins:
 * a task is only ever changed by the instance that runs it). Thread-safe.
 */
final class CheckpointTaskStore implements TaskStore, AutoCloseable {

    /** Version of the stored document format. */
    static final int SCHEMA_VERSION = 1;

    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final int MAX_ATTEMPTS = 5;

    private final Checkpointer checkpointer;

    CheckpointTaskStore(Checkpointer checkpointer) {
        this.checkpointer = checkpointer;
    }

    /** True when {@code taskId} can name a stored task (client ids are checked before any lookup). */
    static boolean validId(String taskId) {
        return taskId != null && VALID_ID.matcher(taskId).matches();
    }

    @Override
    public void save(Task task) {
        String json;
        try {
            json = Utils.OBJECT_MAPPER.writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("task " + task.getId() + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        String stage = task.getStatus() == null ? "" : task.getStatus().state().asString();
        for (int attempt = 1; ; attempt++) {
            long version = checkpointer.load(task.getId()).map(Checkpoint::version).orElse(0L) + 1;
            try {
                checkpointer.save(new Checkpoint(task.getId(), version, stage, SCHEMA_VERSION, json, System.currentTimeMillis()));
                return;
            } catch (CheckpointConflictException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("task " + task.getId() + " kept changing while it was saved: " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public Task get(String taskId) {
        return find(taskId).orElse(null);
    }

    /** The task, or empty when there is none (or the id cannot be one). */
    Optional<Task> find(String taskId) {
        if (!validId(taskId)) {
            return Optional.empty();
        }
        return checkpointer.load(taskId).map(cp -> {
            if (cp.schemaVersion() > SCHEMA_VERSION) {
                throw new IllegalStateException("task " + taskId + " was saved by a newer server (format " + cp.schemaVersion()
                        + ") (fix: serve it with that version)");
            }
            try {
                return Utils.OBJECT_MAPPER.readValue(cp.state(), Task.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("task " + taskId + " has an unreadable record: " + e.getOriginalMessage(), e);
            }
        });
    }

    @Override
    public void delete(String taskId) {
        if (validId(taskId)) {
            checkpointer.delete(taskId);
        }
    }

    /** Where tasks are kept, for logs (never contains credentials). */
    String describe() {
        return checkpointer.describe();
    }

    @Override
    public void close() {
        checkpointer.close();
    }
}
