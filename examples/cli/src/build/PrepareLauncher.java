import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Build step of the CLI module (package phase, run as a single-file program by the JDK running Maven):
 * puts the launcher script next to the shaded jar and builds the jar's class-data sharing archive with one
 * training run of the README command (offline nginx chart, into target/cds-training).
 *
 * <pre>java src/build/PrepareLauncher.java LAUNCHER_SOURCE TARGET_DIR</pre>
 *
 * The launcher is required (a failure to copy it fails the build). The archive is an optimisation: when the
 * training run fails or the JVM cannot dump (another platform, an old JDK), this prints why and the build goes
 * on; the launcher then runs without an archive or writes one into the user's cache on first use.
 */
public final class PrepareLauncher {

    private static final long TRAINING_TIMEOUT_SECONDS = 300;

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]).toAbsolutePath();
        Path launcher = target.resolve("k8s-autopilot");
        Files.copy(source, launcher, StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the script is run with sh there.
        }
        if (Boolean.getBoolean("skipArchive")) {
            return;
        }
        try {
            train(target);
        } catch (IOException | RuntimeException e) {
            note("class-data archive not built (" + e.getMessage() + "); the launcher runs without it");
        }
    }

    private static void train(Path target) throws IOException, InterruptedException {
        // The real path: the launcher starts the jar by its physical path (pwd -P), and the archive records it.
        Path jar = target.resolve("k8s-autopilot.jar").toRealPath();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        Path archive = jar.resolveSibling("k8s-autopilot.jsa");
        Path partial = jar.resolveSibling("k8s-autopilot.jsa.part");
        Path training = target.resolve("cds-training");
        deleteTree(training);
        Files.createDirectories(training);
        Files.deleteIfExists(archive);
        Files.deleteIfExists(jar.resolveSibling("k8s-autopilot.jsa.jdk"));
        Files.deleteIfExists(partial);

        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
                "-Xlog:disable", "-Xlog:all=error:stderr", "-XX:ArchiveClassesAtExit=" + partial, "-jar", jar.toString(),
                "generate", "Create a Helm chart for nginx", "--output", training.resolve("charts").toString(), "--yes",
                "--checkpointer", "file:" + training.resolve("runs")));
        Path log = training.resolve("training.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the training run took over " + TRAINING_TIMEOUT_SECONDS + " s");
        }
        // Exit 1 (the chart did not pass, e.g. no native Helm for this platform) still loaded every class worth keeping.
        if (p.exitValue() > 1 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
            Files.deleteIfExists(partial);
            throw new IOException("training run exit " + p.exitValue() + ", see " + log);
        }
        Files.writeString(jar.resolveSibling("k8s-autopilot.jsa.jdk"), java + "\n", StandardCharsets.UTF_8);
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void note(String message) {
        System.out.println("[k8s-autopilot] " + message);
    }
}
