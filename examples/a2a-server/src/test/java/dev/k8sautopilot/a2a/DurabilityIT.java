package dev.k8sautopilot.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks outlive the server: they are kept by the library's checkpointer, in a directory or in PostgreSQL. */
class DurabilityIT {

    static final String JDBC_URL = System.getenv().getOrDefault("K8S_AUTOPILOT_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/autopilot_test?user=autopilot&password=autopilot");

    @Test
    @DisplayName("stop the server while a task is input-required, start it again on the same store, answer: it completes")
    void survivesRestart(@TempDir Path dir) throws Exception {
        ServerSettings settings = ServerSettings.builder().port(0).outputDirectory(dir.resolve("charts"))
                .checkpointer("file:" + dir.resolve("store")).build();
        Task waiting;
        try (A2aServer first = A2aServer.start(settings); SdkClient client = new SdkClient(first.url(), null)) {
            waiting = client.send("make a chart for our app");
            assertThat(waiting.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
        }
        try (A2aServer second = A2aServer.start(settings); SdkClient client = new SdkClient(second.url(), null)) {
            assertThat(second.url()).isNotNull();
            Task found = client.get(waiting.getId());
            assertThat(found.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
            Task task = client.reply(found, "image=ghcr.io/acme/orders:3.1.0 port=8081");
            task = approveReview(client, task);
            assertThat(task.getStatus().state()).as(Tasks.statusText(task)).isEqualTo(TaskState.COMPLETED);
            assertThat(Tasks.chartFiles(task).get("values.yaml")).contains("acme/orders").contains("8081");
            assertThat(dir.resolve("charts").resolve(task.getId())).isDirectory();
        }
    }

    @Test
    @DisplayName("cut off after the run reached a gate but before the task said so: the next message answers that gate")
    void cutOffAtAGate(@TempDir Path dir) throws Exception {
        ServerSettings settings = ServerSettings.builder().port(0).outputDirectory(dir.resolve("charts"))
                .checkpointer("file:" + dir.resolve("store")).build();
        Task waiting;
        try (A2aServer first = A2aServer.start(settings); SdkClient client = new SdkClient(first.url(), null)) {
            waiting = client.send("Create a Helm chart for nginx");
            assertThat(waiting.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
        }
        // The process died between saving the run at the gate and saving the task: the task still says working.
        try (Stores stores = Stores.open(settings.checkpointer())) {
            Task t = stores.tasks().get(waiting.getId());
            java.util.Map<String, Object> meta = new java.util.LinkedHashMap<>(t.getMetadata());
            meta.remove(ChartAgent.GATE);
            stores.tasks().save(new Task.Builder(t).status(new io.a2a.spec.TaskStatus(TaskState.WORKING)).metadata(meta).build());
        }
        try (A2aServer second = A2aServer.start(settings); SdkClient client = new SdkClient(second.url(), null)) {
            Task found = client.get(waiting.getId());
            assertThat(found.getStatus().state()).isEqualTo(TaskState.WORKING);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.reply(found, "hello?"))
                    .as("a message that is no decision does not approve the review").hasMessageContaining("approve");
            Task done = client.reply(found, "approve");
            assertThat(done.getStatus().state()).as(Tasks.statusText(done)).isEqualTo(TaskState.COMPLETED);
        }
    }

    @Test
    @DisplayName("two servers sharing PostgreSQL: a task started on one is answered on the other")
    void sharedDatabase(@TempDir Path dir) throws Exception {
        requirePostgres();
        ServerSettings a = ServerSettings.builder().port(0).outputDirectory(dir.resolve("charts")).checkpointer(JDBC_URL).build();
        try (A2aServer one = A2aServer.start(a); A2aServer two = A2aServer.start(a);
             SdkClient toOne = new SdkClient(one.url(), null); SdkClient toTwo = new SdkClient(two.url(), null)) {
            Task waiting = toOne.send("make a chart for our app");
            assertThat(waiting.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
            Task seen = toTwo.get(waiting.getId());
            assertThat(seen.getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);
            Task task = approveReview(toTwo, toTwo.reply(seen, "image=ghcr.io/acme/ledger:0.9.0 port=8082"));
            assertThat(task.getStatus().state()).as(Tasks.statusText(task)).isEqualTo(TaskState.COMPLETED);
            assertThat(toOne.get(task.getId()).getStatus().state()).isEqualTo(TaskState.COMPLETED);
        }
    }

    private static Task approveReview(SdkClient client, Task task) throws Exception {
        Task t = task;
        while (t.getStatus().state() == TaskState.INPUT_REQUIRED && "generation_review".equals(Tasks.statusData(t).get("gate"))) {
            t = client.reply(t, "approve");
        }
        return t;
    }

    private static void requirePostgres() {
        try (Connection c = DriverManager.getConnection(JDBC_URL); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        } catch (Exception e) {
            String why = "PostgreSQL is not reachable for the shared-store test (" + e.getClass().getSimpleName() + ")";
            if (Boolean.getBoolean("k8sautopilot.skipPostgres")) {
                Assumptions.abort(why + "; skipped because -Dk8sautopilot.skipPostgres=true");
            }
            fail(why + " (fix: run .ci/postgres.sh, set K8S_AUTOPILOT_TEST_JDBC_URL, or skip with -Dk8sautopilot.skipPostgres=true)");
        }
    }
}
