package dev.k8sautopilot.validation;

import dev.k8sautopilot.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what killed validations left in the temp directory: helm-java's copies of its native library
 * ({@code helm-java<n>/helm-<os>-<arch>.so}, ~94 MB each, deleted only on a normal JVM exit) and the
 * chart copies of {@code k8s-autopilot-validate-*} / {@code k8s-autopilot-render-*}. Runs once per JVM,
 * before the first helm call; only entries older than {@link AtomicFiles#STALE_AFTER} are removed, so a
 * validation running in another JVM keeps its files.
 */
final class StaleTemporaries {

    private static volatile boolean done;

    private StaleTemporaries() {
    }

    /** Cleans the JVM's temp directory once. */
    static void cleanOnce() {
        if (done) {
            return;
        }
        synchronized (StaleTemporaries.class) {
            if (!done) {
                done = true;
                clean(Path.of(System.getProperty("java.io.tmpdir")), Instant.now().minus(AtomicFiles.STALE_AFTER));
            }
        }
    }

    /** The prefix of helm-java's native-library extraction directories. */
    private static final String HELM_JAVA_PREFIX = "helm" + "-java";

    /** Removes stale entries of {@code tempDir} last modified before {@code olderThan}; returns them. */
    static List<Path> clean(Path tempDir, Instant olderThan) {
        return AtomicFiles.removeStale(tempDir, name -> name.startsWith("k8s-autopilot-validate-")
                || name.startsWith("k8s-autopilot-render-")
                || name.startsWith(HELM_JAVA_PREFIX) && isNativeCopy(tempDir.resolve(name)), olderThan);
    }

    /** A helm-java extraction directory: only native library files in it, nothing else of anyone's. */
    private static boolean isNativeCopy(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("helm-") && (n.endsWith(".so") || n.endsWith(".dylib") || n.endsWith(".dll"));
            });
        } catch (IOException e) {
            return false;
        }
    }
}
