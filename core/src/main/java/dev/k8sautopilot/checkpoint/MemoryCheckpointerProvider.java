package dev.k8sautopilot.checkpoint;

import dev.k8sautopilot.spi.Checkpointer;
import dev.k8sautopilot.spi.CheckpointerProvider;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@code memory:} and {@code memory:NAME}. The same name opens the same store within a JVM, so two
 * pipelines can share runs; {@code memory:} alone always opens a fresh store.
 */
public final class MemoryCheckpointerProvider implements CheckpointerProvider {

    private static final ConcurrentMap<String, MemoryCheckpointer> NAMED = new ConcurrentHashMap<>();

    @Override
    public String scheme() {
        return "memory";
    }

    @Override
    public Checkpointer open(String uri) {
        String name = uri.substring(uri.indexOf(':') + 1).strip();
        if (name.isEmpty()) {
            return new MemoryCheckpointer();
        }
        return NAMED.computeIfAbsent(name, n -> new MemoryCheckpointer("memory:" + n));
    }
}
