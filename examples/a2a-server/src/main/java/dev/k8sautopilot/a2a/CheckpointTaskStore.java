package dev.k8sautopilot.a2a;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.k8sautopilot.model.SecretNames;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.CheckpointConflictException;
import dev.k8sautopilot.spi.Checkpointer;
import io.a2a.server.tasks.TaskStore;
import io.a2a.spec.DataPart;
import io.a2a.spec.Message;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import io.a2a.spec.TaskStatus;
import io.a2a.spec.TextPart;
import io.a2a.util.Utils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The A2A SDK's {@link TaskStore} on a k8s-autopilot {@link Checkpointer}: each task is one checkpoint whose
 * state is the task's A2A JSON, so tasks live wherever runs live (a directory, or a database shared by several
 * server instances) and survive a restart. Secret values in messages are masked before a task is stored. Saves retry on an optimistic-version conflict (the last writer wins:
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
            json = Utils.OBJECT_MAPPER.writeValueAsString(redacted(task));
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

    /**
     * The task as it may be stored: secret values in the messages' text ({@code password=...}) and data parts
     * (keys such as {@code apiKey}) are masked with the same policy as the run checkpoints. The live message
     * still drives the run; only the record is masked.
     */
    static Task redacted(Task task) {
        List<Message> history = task.getHistory() == null ? null : task.getHistory().stream().map(CheckpointTaskStore::redacted).toList();
        TaskStatus status = task.getStatus();
        if (status != null && status.message() != null) {
            status = new TaskStatus(status.state(), redacted(status.message()), status.timestamp());
        }
        return new Task.Builder(task).history(history).status(status).build();
    }

    private static Message redacted(Message message) {
        List<Part<?>> parts = new ArrayList<>();
        for (Part<?> p : message.getParts()) {
            if (p instanceof TextPart t && t.getText() != null) {
                parts.add(new TextPart(SecretNames.redact(t.getText()), t.getMetadata()));
            } else if (p instanceof DataPart d && d.getData() != null) {
                parts.add(new DataPart(redacted(d.getData()), d.getMetadata()));
            } else {
                parts.add(p);
            }
        }
        return new Message.Builder(message).parts(parts).build();
    }

    private static Map<String, Object> redacted(Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (SecretNames.isSecret(k) && v != null && !(v instanceof Map) && !(v instanceof List)) {
                out.put(k, SecretNames.MASK);
            } else if (v instanceof Map<?, ?> m) {
                Map<String, Object> nested = new LinkedHashMap<>();
                m.forEach((nk, nv) -> nested.put(String.valueOf(nk), nv));
                out.put(k, redacted(nested));
            } else if (v instanceof String s) {
                out.put(k, SecretNames.redact(s));
            } else {
                out.put(k, v);
            }
        });
        return out;
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
