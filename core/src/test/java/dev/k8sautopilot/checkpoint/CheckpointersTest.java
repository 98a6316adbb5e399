package dev.k8sautopilot.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Checkpointers.open")
class CheckpointersTest {

    @Test
    @DisplayName("the memory, file and jdbc providers are registered; an unknown scheme lists them")
    void registeredSchemes() {
        assertThatThrownBy(() -> Checkpointers.open("redis://cache:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no checkpointer for scheme 'redis'")
                .hasMessageContaining("[file, jdbc, memory]");
    }

    @Test
    @DisplayName("the scheme is case-insensitive")
    void schemeCase(@TempDir java.nio.file.Path dir) {
        try (var file = Checkpointers.open("FILE:" + dir); var memory = Checkpointers.open("Memory:")) {
            assertThat(file).isInstanceOf(FileCheckpointer.class);
            assertThat(memory).isInstanceOf(MemoryCheckpointer.class);
        }
    }
}
