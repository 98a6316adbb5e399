package dev.k8sautopilot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.checkpoint.Checkpointers;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.spi.Checkpointer;
import dev.k8sautopilot.spi.CheckpointerProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProvidersTest {

    /** A provider claiming the built-in {@code memory} scheme. */
    public static final class DuplicateMemory implements CheckpointerProvider {
        @Override
        public String scheme() {
            return "memory";
        }

        @Override
        public Checkpointer open(String uri) {
            return new MemoryCheckpointer();
        }
    }

    /** A well-behaved extra provider. */
    public static final class Extra implements CheckpointerProvider {
        @Override
        public String scheme() {
            return "extra";
        }

        @Override
        public Checkpointer open(String uri) {
            return new MemoryCheckpointer();
        }
    }

    private static ClassLoader loaderWith(Path dir, String... providerClasses) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(CheckpointerProvider.class.getName()), String.join("\n", providerClasses) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ServiceProvidersTest.class.getClassLoader());
    }

    @Test
    void builtInMemoryProviderIsFound() {
        assertThat(Checkpointers.open("memory:")).isInstanceOf(MemoryCheckpointer.class);
    }

    @Test
    void duplicateIdsFailNamingBothClasses(@TempDir Path dir) throws IOException {
        ClassLoader loader = loaderWith(dir, DuplicateMemory.class.getName());
        assertThatThrownBy(() -> Checkpointers.open("memory:", loader))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("memory")
                .hasMessageContaining("MemoryCheckpointerProvider")
                .hasMessageContaining("DuplicateMemory");
    }

    @Test
    void brokenProviderIsSkipped(@TempDir Path dir) throws IOException {
        ClassLoader loader = loaderWith(dir, "com.example.DoesNotExist", Extra.class.getName());
        List<CheckpointerProvider> found = ServiceProviders.load(CheckpointerProvider.class, loader);
        assertThat(found).extracting(CheckpointerProvider::scheme).contains("memory", "extra");
        assertThat(Checkpointers.open("extra:x", loader)).isInstanceOf(MemoryCheckpointer.class);
    }

    @Test
    void unknownSchemeListsKnownOnes() {
        assertThatThrownBy(() -> Checkpointers.open("s3://bucket"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s3'")
                .hasMessageContaining("memory");
        assertThatThrownBy(() -> Checkpointers.open("nocolon")).hasMessageContaining("no scheme");
    }
}
