package dev.k8sautopilot.validation;

import dev.k8sautopilot.internal.ChartWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Removes what client-go's discovery disk cache wrote about one {@link OfflineApiServer}. Helm's install
 * caches discovery under {@code $KUBECACHEDIR} (default {@code ~/.kube/cache}) in a directory named after
 * the server's host and port; that directory belongs to a throwaway loopback server, so it is deleted
 * after each render, together with the parent directories it created when they are left empty.
 */
final class DiscoveryCache {

    private DiscoveryCache() {
    }

    /** Deletes the cache directory of the server at {@code url} (e.g. {@code http://127.0.0.1:40123}). */
    static void forget(String url) {
        Optional<Path> root = cacheRoot();
        if (root.isEmpty()) {
            return;
        }
        String hostDir = url.replaceFirst("^https?://", "").replaceAll("[^(\\w/.)]", "_");
        Path discovery = root.get().resolve("discovery");
        Path dir = discovery.resolve(hostDir).normalize();
        if (!dir.startsWith(discovery) || !Files.isDirectory(dir)) {
            return;
        }
        ChartWriter.deleteQuietly(dir);
        for (Path p : new Path[] {discovery, root.get().resolve("http"), root.get(), root.get().getParent()}) {
            deleteIfEmpty(p);
        }
    }

    private static Optional<Path> cacheRoot() {
        String override = System.getenv("KUBECACHEDIR");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override));
        }
        String home = System.getenv("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, ".kube", "cache"));
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty or not ours to remove: leave it
        }
    }
}
