package dev.k8sautopilot.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.Checkpointer;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MemoryCheckpointer")
class MemoryCheckpointerTest extends CheckpointerContract {

    private String name;

    @Override
    protected Checkpointer newStore() {
        name = "contract-" + UUID.randomUUID();
        return Checkpointers.open("memory:" + name);
    }

    @Override
    protected Checkpointer secondHandle() {
        return Checkpointers.open("memory:" + name);
    }

    @Override
    protected void corrupt(String runId) {
        Assumptions.abort("the memory store keeps objects: nothing can corrupt them");
    }

    @Override
    protected Checkpointer storeWithNewerLayout(String runId) {
        Assumptions.abort("the memory store has no stored layout");
        return null;
    }

    @Override
    protected void writeOlderLayout(String runId, String stage, String stateJson, long updatedAt) {
        Assumptions.abort("the memory store has no stored layout");
    }

    @Test
    @DisplayName("memory: alone opens a fresh store each time; memory:NAME shares one")
    void naming() {
        Checkpointer a = Checkpointers.open("memory:");
        a.save(new Checkpoint("r", 1, "A", 1, "{}", 1));
        assertThat(Checkpointers.open("memory:").load("r")).isEmpty();
        assertThat(Checkpointers.open("memory:" + name)).isSameAs(store);
        assertThat(store.describe()).isEqualTo("memory:" + name);
    }
}
