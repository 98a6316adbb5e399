package dev.k8sautopilot.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.RunStage;
import dev.k8sautopilot.RunStatus;
import dev.k8sautopilot.checkpoint.FileCheckpointer;
import dev.k8sautopilot.checkpoint.JdbcCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.Checkpointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Sixteen pipelines at once on one shared checkpointer (a directory; a PostgreSQL table): all stop at the
 * generation-review gate, then all are resumed at once. No cross-talk: every run id is unique, every saved
 * run holds its own request, every chart carries its own name, replicas, port and env marker, and passes.
 * PostgreSQL is {@code K8S_AUTOPILOT_TEST_JDBC_URL} or the local test database of {@code .ci/postgres.sh};
 * {@code -Dk8sautopilot.skipPostgres=true} skips that half when no server answers.
 */
@DisplayName("16 pipelines in parallel on one shared checkpointer")
class ConcurrentPipelinesIT {

    static final int RUNS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String URL = System.getenv().getOrDefault("K8S_AUTOPILOT_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/autopilot_test?user=autopilot&password=autopilot");

    @TempDir
    Path dir;

    static ChartSpec spec(int i) {
        return ChartSpec.builder()
                .name("conc-" + i)
                .image(Image.parse("ghcr.io/acme/svc-" + i + ":1." + i + ".0"))
                .ports(List.of(Port.of("http", 8000 + i)))
                .replicas(1 + i)
                .env(List.of(new EnvVar("RUN_MARKER", "run-" + i)))
                .build();
    }

    void runAll(Checkpointer shared) throws Exception {
        Path output = dir.resolve("charts");
        ChartPipeline pipeline = ChartPipeline.builder()
                .checkpointer(shared)
                .approvals(ApprovalHandlers.deferring())
                .gate(Gate.GENERATION_REVIEW, true)
                .outputDirectory(output)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        try {
            CyclicBarrier start = new CyclicBarrier(RUNS);
            List<RunResult> stopped = all(pool, i -> {
                await(start);
                return pipeline.run(ChartRequest.of(spec(i)));
            });
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < RUNS; i++) {
                RunResult r = stopped.get(i);
                assertThat(r).as("run %d: %s", i, r).isInstanceOf(RunResult.Interrupted.class);
                assertThat(((RunResult.Interrupted) r).request().gate()).isEqualTo(Gate.GENERATION_REVIEW);
                assertThat(ids.add(r.runId())).as("unique run id %s", r.runId()).isTrue();
                Checkpoint cp = shared.load(r.runId()).orElseThrow();
                assertThat(cp.stage()).isEqualTo(RunStage.GENERATION_REVIEW.name());
                // The saved document is JSON: read it as any other tool would, without the library's internals.
                JsonNode state = JSON.readTree(cp.state());
                assertThat(state.path("runId").asText()).isEqualTo(r.runId());
                assertThat(state.path("request").path("spec").path("name").asText()).as("saved run %s", r.runId())
                        .isEqualTo("conc-" + i);
                assertThat(state.path("files").path("files").path("Chart.yaml").asText()).contains("name: conc-" + i);
            }
            assertThat(shared.list()).extracting(Checkpoint::runId).containsAll(ids);

            CyclicBarrier again = new CyclicBarrier(RUNS);
            List<RunResult> finished = all(pool, i -> {
                await(again);
                return pipeline.resume(stopped.get(i).runId(), Decision.approve());
            });
            for (int i = 0; i < RUNS; i++) {
                RunResult r = finished.get(i);
                assertThat(r).as("resumed run %d: %s", i, r).isInstanceOf(RunResult.Completed.class);
                RunResult.Completed done = (RunResult.Completed) r;
                assertThat(done.runId()).isEqualTo(stopped.get(i).runId());
                assertThat(done.passed()).as(done.report().format()).isTrue();
                assertThat(done.chartDirectory()).isEqualTo(output.resolve("conc-" + i));
                checkChart(done.chartDirectory(), i);
                assertThat(pipeline.status(r.runId())).map(RunStatus::stage).contains(RunStage.DONE);
            }
            try (var charts = Files.list(output)) {
                assertThat(charts).hasSize(RUNS);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @SuppressWarnings("unchecked")
    static void checkChart(Path chart, int i) throws Exception {
        Map<String, Object> chartYaml = (Map<String, Object>) Yaml.load(Files.readString(chart.resolve("Chart.yaml")));
        assertThat(chartYaml.get("name")).isEqualTo("conc-" + i);
        assertThat(chartYaml.get("appVersion")).isEqualTo("1." + i + ".0");
        Map<String, Object> values = (Map<String, Object>) Yaml.load(Files.readString(chart.resolve("values.yaml")));
        assertThat(values.get("replicaCount")).isEqualTo(1 + i);
        assertThat(String.valueOf(values.get("containerPorts"))).contains(String.valueOf(8000 + i));
        assertThat(String.valueOf(values.get("image"))).contains("svc-" + i);
        String all = values.toString();
        assertThat(all).contains("run-" + i);
        for (int other = 0; other < RUNS; other++) {
            if (other != i) {
                assertThat(all).doesNotContain("run-" + other + ",").doesNotContain("run-" + other + "}");
            }
        }
    }

    static List<RunResult> all(ExecutorService pool, Function<Integer, RunResult> task) throws Exception {
        List<Future<RunResult>> futures = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            int n = i;
            futures.add(pool.submit(() -> task.apply(n)));
        }
        List<RunResult> out = new ArrayList<>();
        for (Future<RunResult> f : futures) {
            out.add(f.get(5, TimeUnit.MINUTES));
        }
        return out;
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    @DisplayName("FileCheckpointer")
    class File {
        @Test
        @DisplayName("one directory, 16 runs, no cross-talk")
        void shared() throws Exception {
            runAll(new FileCheckpointer(dir.resolve("runs")));
        }
    }

    @Nested
    @DisplayName("JdbcCheckpointer on PostgreSQL")
    class Postgres {
        @Test
        @DisplayName("one table, 16 runs, no cross-talk")
        void shared() throws Exception {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(URL);
            ds.setConnectTimeout(5);
            ds.setLoginTimeout(5);
            try (Connection c = ds.getConnection()) {
                assertThat(c.isValid(5)).isTrue();
            } catch (Exception e) {
                String why = "PostgreSQL is not reachable for the concurrency test (" + e.getMessage().lines().findFirst().orElse("") + ")";
                if (Boolean.getBoolean("k8sautopilot.skipPostgres")) {
                    Assumptions.abort(why + "; skipped because -Dk8sautopilot.skipPostgres=true");
                }
                fail(why + " (fix: run .ci/postgres.sh, set K8S_AUTOPILOT_TEST_JDBC_URL, or skip with -Dk8sautopilot.skipPostgres=true)");
            }
            String table = "conc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try {
                runAll(new JdbcCheckpointer(ds, table));
            } finally {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + table);
                }
            }
        }
    }
}
