package dev.k8sautopilot.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.hitl.Gate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The embedded host application")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostApplicationTest {

    @TempDir
    static Path work;

    private List<HostApplication.Outcome> outcomes;
    private String output;

    @BeforeAll
    void runTheApplication() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            outcomes = new HostApplication(work, out).run();
        } catch (Exception | AssertionError e) {
            throw new AssertionError("the application failed; its output:\n" + bytes.toString(StandardCharsets.UTF_8), e);
        }
        output = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("sees every kind of result, in the order of the scenario")
    void resultKinds() {
        assertThat(outcomes).extracting(HostApplication.Outcome::step)
                .containsExactly("spec", "sentence", "update", "resumed", "repair");
        assertThat(outcomes).extracting(o -> o.result().getClass().getSimpleName())
                .as(output).containsExactly("Completed", "Completed", "Interrupted", "Completed", "Failed");
    }

    @Test
    @DisplayName("writes both charts and keeps the deferred run in the file checkpointer")
    void chartsAndRuns() throws Exception {
        assertThat(work.resolve("charts/orders/Chart.yaml")).isRegularFile();
        assertThat(((RunResult.Completed) outcomes.get(1).result()).chartDirectory().resolve("Chart.yaml")).isRegularFile();
        assertThat(((RunResult.Interrupted) outcomes.get(2).result()).request().gate()).isEqualTo(Gate.GENERATION_REVIEW);
        try (var runs = Files.list(work.resolve("runs"))) {
            assertThat(runs.count()).isGreaterThanOrEqualTo(outcomes.size());
        }
    }

    @Test
    @DisplayName("applies the resumed update: the chart now runs 4 replicas")
    void resumedUpdate() throws Exception {
        assertThat(Files.readString(work.resolve("charts/orders/values.yaml"))).contains("replicaCount: 4");
    }

    @Test
    @DisplayName("reports the privileged container the repair could not fix")
    void repairFails() {
        RunResult.Failed failed = (RunResult.Failed) outcomes.get(4).result();

        assertThat(failed.report().byRule("sec-privileged")).isNotEmpty();
        assertThat(output).contains("failed in ").contains("sec-privileged");
    }

    @Test
    @DisplayName("logs its review decisions and the stages")
    void logs() {
        assertThat(output).contains("[review] plan: ")
                .contains("[review] generation: approve")
                .contains("deferring to a person")
                .contains("resuming ")
                .contains("validate ");
    }
}
