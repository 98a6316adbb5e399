package dev.k8sautopilot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script the README uses, target/k8s-autopilot, run as a user runs it. */
@DisplayName("launcher script")
class LauncherIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path LAUNCHER = TARGET.resolve("k8s-autopilot");
    private static final String REQUEST = "Create a Helm chart for nginx";

    record Outcome(int code, String out, String err) {
    }

    private static Outcome run(Path launcher, Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        // The JDK running the tests, whatever is on PATH.
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("K8S_AUTOPILOT_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("process finished").isTrue();
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Copies the launcher, jar and archive into {@code dir}, keeping their times (the archive stays newer than the jar). */
    private static Path copyInstall(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(TARGET)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("k8s-autopilot") && Files.isRegularFile(f)).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return dir.resolve("k8s-autopilot");
    }

    private static long classesFromArchive(Path classLog) throws IOException {
        try (Stream<String> lines = Files.lines(classLog)) {
            return lines.filter(l -> l.contains(" dev.k8sautopilot.") && l.contains("shared objects file")).count();
        }
    }

    @Test
    @DisplayName("the README command from another directory with spaces: exit 0, the chart, clean JSON on stdout, the build's archive used")
    void readmeCommand(@TempDir Path temp) throws Exception {
        assertThat(LAUNCHER).isExecutable();
        Path work = Files.createDirectories(temp.resolve("a dir with spaces"));
        Path classLog = temp.resolve("classes.log");
        Outcome o = run(LAUNCHER, work, Map.of("K8S_AUTOPILOT_JAVA_OPTS", "-Xlog:class+load:file=" + classLog),
                "generate", REQUEST, "--output", "my charts", "--yes", "--json", "--checkpointer", "memory:");

        assertThat(o.code()).as(o.err()).isZero();
        assertThat(work.resolve("my charts/nginx/Chart.yaml")).exists();
        JsonNode doc = new ObjectMapper().readTree(o.out());
        assertThat(doc.path("passed").asBoolean()).as(o.out()).isTrue();
        assumeThat(TARGET.resolve("k8s-autopilot.jsa")).as("the build made its class-data archive").exists();
        assertThat(classesFromArchive(classLog)).as("project classes mapped from the archive").isGreaterThan(100);
    }

    @Test
    @DisplayName("installed under a path with spaces and started through a symbolic link, it finds its jar")
    void pathsWithSpacesAndSymlink(@TempDir Path temp) throws Exception {
        Path launcher = copyInstall(temp.resolve("my tools/k8s autopilot"));
        Path link = Files.createSymbolicLink(Files.createDirectories(temp.resolve("bin")).resolve("k8s-autopilot"), launcher);

        Outcome version = run(link, temp, Map.of(), "--version");
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("k8s-autopilot ");

        Outcome bad = run(link, temp, Map.of(), "generate", "--output");
        assertThat(bad.code()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("error:");
    }

    @Test
    @DisplayName("a stale archive is ignored; the first generate writes one into the user's cache, the next run uses it")
    void staleArchiveFallsBackToTheUserCache(@TempDir Path temp) throws Exception {
        Path launcher = copyInstall(temp.resolve("install"));
        Path jar = launcher.resolveSibling("k8s-autopilot.jar");
        Path archive = launcher.resolveSibling("k8s-autopilot.jsa");
        if (Files.exists(archive)) {
            // As if the jar had been rebuilt after the archive.
            Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        }
        Path cache = temp.resolve("cache");
        Path work = Files.createDirectories(temp.resolve("work"));
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());

        Outcome first = run(launcher, work, env, "generate", REQUEST, "--output", "one", "--yes", "--checkpointer", "memory:");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).doesNotContain("[warning]").doesNotContain("[cds]");
        assertThat(first.err()).doesNotContain("[warning]");
        Path cds = cache.resolve("k8s-autopilot/cds");
        try (Stream<Path> files = Files.list(cds)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".jsa")).noneMatch(n -> n.endsWith(".part"));
        }

        Path classLog = temp.resolve("classes.log");
        Map<String, String> logged = Map.of("XDG_CACHE_HOME", cache.toString(), "K8S_AUTOPILOT_JAVA_OPTS", "-Xlog:class+load:file=" + classLog);
        Outcome second = run(launcher, work, logged, "generate", REQUEST, "--output", "two", "--yes", "--checkpointer", "memory:");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(classesFromArchive(classLog)).as("project classes mapped from the user's archive").isGreaterThan(100);
        for (String file : List.of("Chart.yaml", "values.yaml", "templates/deployment.yaml")) {
            assertThat(Files.readString(work.resolve("two/nginx/" + file))).as(file).isEqualTo(Files.readString(work.resolve("one/nginx/" + file)));
        }

        Outcome off = run(launcher, work, Map.of("XDG_CACHE_HOME", cache.toString(), "K8S_AUTOPILOT_CDS", "off"), "--version");
        assertThat(off.code()).as(off.err()).isZero();
    }
}
