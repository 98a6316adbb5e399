package dev.k8sautopilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged fat jar, each command in its own JVM, as a user runs it. */
class CliJarIT {

    private static final Path JAR = Path.of("target", "k8s-autopilot.jar").toAbsolutePath();

    record Outcome(int code, String out, String err) {
    }

    private static Outcome java(Path workDir, String... args) throws IOException, InterruptedException {
        return java(workDir, Map.of(), args);
    }

    private static Outcome java(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        Process p = builder.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("process finished").isTrue();
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void readmeCommandWritesNginxChart(@TempDir Path dir) throws Exception {
        assertThat(JAR).exists();
        Outcome o = java(dir, "generate", "Create a Helm chart for nginx", "--output", "charts", "--yes", "--checkpointer", "memory:");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(dir.resolve("charts/nginx/Chart.yaml")).exists();
        assertThat(dir.resolve("charts/nginx/templates/deployment.yaml")).exists();
        Outcome v = java(dir, "validate", "charts/nginx");
        assertThat(v.code()).as(v.out()).isZero();
    }

    @Test
    void processKilledMidRunLeavesNoChartAndCanBeResumed(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        String store = "file:" + runs;
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "generate", "Create a chart for redis with persistence, 5Gi of storage", "--output", "charts", "--checkpointer", store);
        // Interactive run: it saves the run, then waits at the generation review for an answer on stdin that never comes.
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.txt").toFile()).start();
        String runId = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (runId == null && System.nanoTime() < deadline && p.isAlive()) {
            if (Files.isDirectory(runs)) {
                try (var files = Files.list(runs)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        if (f.toString().endsWith(".json") && Files.readString(f).contains("\"GENERATION_REVIEW\"")) {
                            runId = f.getFileName().toString().replace(".json", "");
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(runId).as(Files.readString(dir.resolve("killed.txt"))).isNotNull();
        assertThat(dir.resolve("charts/redis")).doesNotExist();

        Outcome resumed = java(dir, "resume", runId, "--approve", "--yes", "--checkpointer", store);
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(dir.resolve("charts/redis/Chart.yaml")).exists();
    }

    @Test
    void deferInOneJvmResumeInAnotherGivesTheSameChart(@TempDir Path dir) throws Exception {
        String store = "file:" + dir.resolve("runs");
        Outcome stopped = java(dir, "generate", "Helm chart for nginx with 3 replicas and an ingress at www.example.com",
                "--output", "a", "--no-input", "--json", "--checkpointer", store);
        assertThat(stopped.code()).as(stopped.err()).isEqualTo(Main.NEEDS_INPUT);
        JsonNode doc = new ObjectMapper().readTree(stopped.out());
        String runId = doc.path("runId").asText();

        Outcome resumed = java(dir, "resume", runId, "--approve", "--yes", "--checkpointer", store);
        assertThat(resumed.code()).as(resumed.err()).isZero();

        Outcome direct = java(dir, "generate", "Helm chart for nginx with 3 replicas and an ingress at www.example.com",
                "--output", "b", "--yes", "--checkpointer", "memory:");
        assertThat(direct.code()).as(direct.err()).isZero();
        for (String file : List.of("Chart.yaml", "values.yaml", "values.schema.json", "templates/deployment.yaml", "README.md")) {
            assertThat(Files.readString(dir.resolve("a/nginx/" + file))).as(file).isEqualTo(Files.readString(dir.resolve("b/nginx/" + file)));
        }
    }

    @Test
    void offlineValidateIgnoresAnLlmProviderInTheEnvironment(@TempDir Path dir) throws Exception {
        Outcome g = java(dir, "generate", "Create a Helm chart for nginx", "--output", "charts", "--yes", "--checkpointer", "memory:");
        assertThat(g.code()).as(g.err()).isZero();
        Outcome v = java(dir, Map.of("K8S_AUTOPILOT_LLM_PROVIDER", "openai", "OPENAI_API_KEY", ""), "validate", "charts/nginx");
        assertThat(v.code()).as(v.out() + v.err()).isZero();
    }

    @Test
    void postgresCheckpointerWorksFromTheJar(@TempDir Path dir) throws Exception {
        String url = System.getenv().getOrDefault("K8S_AUTOPILOT_TEST_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:5432/autopilot_test?user=autopilot&password=autopilot");
        Outcome stopped = java(dir, "generate", "Create a Helm chart for redis", "--output", "charts", "--no-input", "--json",
                "--checkpointer", url);
        if (stopped.code() != Main.NEEDS_INPUT && Boolean.getBoolean("k8sautopilot.skipPostgres")) {
            org.junit.jupiter.api.Assumptions.abort("PostgreSQL not reachable; skipped because -Dk8sautopilot.skipPostgres=true: "
                    + stopped.err());
        }
        assertThat(stopped.code()).as(stopped.err()).isEqualTo(Main.NEEDS_INPUT);
        assertThat(stopped.err()).doesNotContain("No suitable driver").doesNotContain("password=autopilot");
        String runId = new ObjectMapper().readTree(stopped.out()).path("runId").asText();
        Outcome resumed = java(dir, "resume", runId, "--approve", "--yes", "--checkpointer", url);
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(dir.resolve("charts/redis/Chart.yaml")).exists();
    }
}
