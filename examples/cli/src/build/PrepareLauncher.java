import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Build step of the CLI module (package phase, run as a single-file program by the JDK running Maven):
 * puts the launcher script next to the shaded jar and builds the jar's class-data sharing archive: one training
 * run of the README command (offline nginx chart, into target/cds-training) lists the classes it loads, and a
 * static dump maps them, the JDK's included, into {@code k8s-autopilot.jsa}.
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

    /**
     * Builds the archive: a training run of the README command records the classes it loads (and the lambda and
     * method-handle shapes it links), then a dump maps all of them, the JDK's included, into one static archive.
     * Unlike a dynamic archive on top of the JDK's, a static one also holds picocli's classes (Java 5 class files,
     * which a dynamic archive leaves out) and the pre-generated lambda forms, so fewer classes are made at run time.
     * When the dump is refused, the training run is repeated to write a dynamic archive instead.
     */
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

        Path classList = training.resolve("classes.lst");
        run(training, "training", trainingCommand(java, jar, training, "-XX:DumpLoadedClassList=" + classList), true);
        try {
            run(training, "dump", List.of(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                    "-XX:SharedArchiveFile=" + partial, "-Xlog:disable", "-Xlog:all=error:stderr", "-cp", jar.toString()), false);
        } catch (IOException e) {
            note("static class-data archive not built (" + e.getMessage() + "); writing a dynamic one");
            Files.deleteIfExists(partial);
            run(training, "training", trainingCommand(java, jar, training, "-XX:ArchiveClassesAtExit=" + partial), true);
        }
        if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
            Files.deleteIfExists(partial);
            throw new IOException("no archive was written, see " + training);
        }
        Files.writeString(jar.resolveSibling("k8s-autopilot.jsa.jdk"), java + "\n", StandardCharsets.UTF_8);
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The README command, offline, into {@code training}, with the launcher's JVM options and {@code extra}. */
    private static List<String> trainingCommand(Path java, Path jar, Path training, String extra) throws IOException {
        deleteTree(training.resolve("charts"));
        return List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
                "-Xlog:disable", "-Xlog:all=error:stderr", extra, "-jar", jar.toString(),
                "generate", "Create a Helm chart for nginx", "--output", training.resolve("charts").toString(), "--yes",
                "--checkpointer", "file:" + training.resolve("runs"));
    }

    /**
     * Runs one step, its output into {@code training/<name>.log}. With {@code trainingRun}, exit 1 (the chart did not
     * pass, e.g. no native Helm for this platform) still counts: it loaded every class worth keeping.
     */
    private static void run(Path training, String name, List<String> cmd, boolean trainingRun) throws IOException, InterruptedException {
        Path log = training.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the " + name + " run took over " + TRAINING_TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() > (trainingRun ? 1 : 0)) {
            throw new IOException(name + " run exit " + p.exitValue() + ", see " + log);
        }
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
