package dev.k8sautopilot.cli;

import static dev.k8sautopilot.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.k8sautopilot.cli.CliTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved runs from the command line: refused decisions, repair backups and the PostgreSQL checkpointer. */
class CliRunsTest {

    static final String JDBC_URL = System.getenv().getOrDefault("K8S_AUTOPILOT_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/autopilot_test?user=autopilot&password=autopilot");

    @Nested
    @DisplayName("resume with a decision that does not fit the gate")
    class Refused {
        @Test
        void approveAtAQuestionWithoutDefaultIsRefusedAndTheRunStaysResumable(@TempDir Path dir) throws Exception {
            String store = "file:" + dir.resolve("runs");
            Outcome asked = cli("generate", "Generate a Helm chart for a Node.js application", "--output",
                    dir.resolve("charts").toString(), "--no-input", "--json", "--checkpointer", store);
            assertThat(asked.code()).isEqualTo(Main.NEEDS_INPUT);
            String runId = asked.json().path("runId").asText();

            Outcome approved = cli("resume", runId, "--approve", "--yes", "--checkpointer", store);
            assertThat(approved.code()).isEqualTo(Main.USAGE);
            assertThat(approved.err()).contains("no default").contains("image=...").doesNotContain("\tat ");

            Outcome runs = cli("runs", "--json", "--checkpointer", store);
            assertThat(runs.json().path("runs").get(0).path("stage").asText()).isEqualTo("CLARIFICATION");

            Outcome answered = cli("resume", runId, "--answer", "image=ghcr.io/acme/node-app:1.0.0", "--yes", "--json",
                    "--checkpointer", store);
            assertThat(answered.code()).as(answered.err()).isZero();
            assertThat(answered.json().path("status").asText()).isEqualTo("completed");
        }
    }

    @Nested
    @DisplayName("repair")
    class Repair {
        @Test
        void backupsGoNextToTheSavedRunsAndNeverIntoTheChart(@TempDir Path dir) throws Exception {
            assertThat(cli("generate", "Create a Helm chart for nginx", "--output", dir.toString(), "--yes",
                    "--checkpointer", "memory:").code()).isZero();
            Path chart = dir.resolve("nginx");
            Path chartYaml = chart.resolve("Chart.yaml");
            String original = Files.readString(chartYaml).replaceAll("(?m)^appVersion: .*$", "appVersion: 7.4");
            Files.writeString(chartYaml, original);

            String store = "file:" + dir.resolve("runs");
            Outcome repaired = cli("repair", chart.toString(), "--yes", "--json", "--checkpointer", store);
            assertThat(repaired.code()).as(repaired.out() + repaired.err()).isZero();
            String runId = repaired.json().path("runId").asText();
            Path backup = dir.resolve("runs").toRealPath().resolve("backups").resolve(runId);
            assertThat(Files.readString(backup.resolve("Chart.yaml"))).isEqualTo(original);
            assertThat(chart.resolve(".k8s-autopilot/backup")).doesNotExist();
            try (Stream<Path> files = Files.walk(chart)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
            }
        }
    }

    @Nested
    @DisplayName("--checkpointer jdbc:postgresql://")
    class Postgres {
        @Test
        void runsAreSavedAndResumedInPostgres(@TempDir Path dir) throws Exception {
            try (Connection c = DriverManager.getConnection(JDBC_URL)) {
                assertThat(c.isValid(5)).isTrue();
            } catch (Exception e) {
                String why = "PostgreSQL is not reachable (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")";
                if (Boolean.getBoolean("k8sautopilot.skipPostgres")) {
                    Assumptions.abort(why + "; skipped because -Dk8sautopilot.skipPostgres=true");
                }
                fail(why + " (fix: run .ci/postgres.sh, set K8S_AUTOPILOT_TEST_JDBC_URL, or skip with -Dk8sautopilot.skipPostgres=true)");
            }
            String name = "pg-" + UUID.randomUUID().toString().substring(0, 8);
            Outcome stopped = cli("generate", "Create a Helm chart for nginx called " + name, "--output", dir.toString(),
                    "--no-input", "--json", "--checkpointer", JDBC_URL);
            assertThat(stopped.code()).as(stopped.err()).isEqualTo(Main.NEEDS_INPUT);
            String runId = stopped.json().path("runId").asText();
            Outcome resumed = cli("resume", runId, "--approve", "--yes", "--json", "--checkpointer", JDBC_URL);
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(resumed.json().path("chart").asText()).endsWith(name);
        }
    }
}
