package dev.k8sautopilot.checkpoint;

import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.CheckpointConflictException;
import dev.k8sautopilot.spi.Checkpointer;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps checkpoints in memory: runs resume within this JVM only. The default when nothing else is
 * configured. Thread-safe.
 */
public final class MemoryCheckpointer implements Checkpointer {

    private final ConcurrentMap<String, Checkpoint> runs = new ConcurrentHashMap<>();
    private final String name;

    /** A new, empty store. */
    public MemoryCheckpointer() {
        this("memory:");
    }

    MemoryCheckpointer(String name) {
        this.name = name;
    }

    @Override
    public void save(Checkpoint checkpoint) {
        runs.compute(RunIds.check(checkpoint.runId()), (id, stored) -> {
            long storedVersion = stored == null ? 0 : stored.version();
            if (storedVersion != checkpoint.version() - 1) {
                throw new CheckpointConflictException(id, checkpoint.version() - 1, storedVersion);
            }
            return checkpoint;
        });
    }

    @Override
    public Optional<Checkpoint> load(String runId) {
        return Optional.ofNullable(runs.get(RunIds.check(runId)));
    }

    @Override
    public List<Checkpoint> list() {
        return runs.values().stream()
                .sorted(Comparator.comparingLong(Checkpoint::updatedAt).reversed().thenComparing(Checkpoint::runId))
                .toList();
    }

    @Override
    public boolean delete(String runId) {
        return runs.remove(RunIds.check(runId)) != null;
    }

    @Override
    public String describe() {
        return name;
    }
}
