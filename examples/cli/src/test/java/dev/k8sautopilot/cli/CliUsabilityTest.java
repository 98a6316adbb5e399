package dev.k8sautopilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a newcomer meets first: version, help, typos, usage errors with --json, the runs store. */
@DisplayName("the CLI for a newcomer")
class CliUsabilityTest {

    private static final Path GOLDEN_WEB = Path.of("../../templates/src/test/resources/golden/web");

    record Outcome(int code, String out, String err) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() throws Exception {
            return new ObjectMapper().readValue(out, Map.class);
        }
    }

    static Outcome cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
        return new Outcome(code, o.toString(), e.toString());
    }

    @Test
    @DisplayName("--version prints the project version the build wrote")
    void version() {
        Outcome o = cli("--version");
        assertThat(o.code()).isZero();
        assertThat(o.out()).startsWith("k8s-autopilot 0.").doesNotContain("development build", "${");
    }

    @Test
    @DisplayName("a mistyped command gets a 'did you mean'")
    void didYouMean() {
        Outcome o = cli("valdate", "charts/web");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).startsWith("error: unknown command or argument 'valdate' (did you mean validate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"generate --json", "generate --json --output", "valdate --json", "validate --json /no/such/dir",
            "runs --json --limit -1", "runs prune --json --older-than soon", "repair --json /no/such/dir"})
    @DisplayName("--json prints one JSON object with the exit code on every error path, usage errors included")
    void jsonOnErrors(String line) throws Exception {
        Outcome o = cli(line.split(" "));
        assertThat(o.code()).isEqualTo(Main.USAGE);
        Map<String, Object> doc = o.json();
        assertThat(doc).containsEntry("status", "error").containsEntry("exitCode", Main.USAGE);
        assertThat((String) doc.get("error")).isNotBlank().doesNotStartWithIgnoringCase("error:");
        assertThat(o.err()).isEmpty();
    }

    @Test
    @DisplayName("a missing argument is said once, without a doubled 'error: Error:' prefix")
    void noDoubledPrefix() {
        Outcome o = cli("resume", "abc");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).startsWith("error: Missing required argument").doesNotContainIgnoringCase("error: error:");
    }

    @Test
    @DisplayName("help text is never broken inside a value (URIs, paths, images)")
    void helpNotWrappedInsideValues() {
        Outcome o = cli("generate", "--help");
        assertThat(o.out()).contains("jdbc:URL", "docs/chart-spec.md", "image=ghcr.io/acme/billing:1.2.0");
        assertThat(o.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(Main.HELP_WIDTH));
    }

    @Test
    @DisplayName("runs --help lists only the options that work there")
    void runsHelp() {
        Outcome o = cli("runs", "--help");
        assertThat(o.out()).contains("--limit", "--checkpointer", "--json", "prune")
                .doesNotContain("--llm", "--yes", "--kube-version", "--max-heal-attempts", "--no-input");
    }

    @Test
    @DisplayName("render --help names files a chart has")
    void renderHelpNamesRealFiles() {
        assertThat(cli("render", "--help").out()).contains("ci/all-features-values.yaml").doesNotContain("ci/all-values.yaml");
    }

    @Test
    @DisplayName("render with a value of the wrong type names the field and the reason")
    void renderSchemaError() {
        Outcome o = cli("render", GOLDEN_WEB.toString(), "--set", "replicaCount=abc");
        assertThat(o.code()).isEqualTo(Main.INVALID);
        assertThat(o.err()).startsWith("error: helm template failed: values do not match the chart's values.schema.json: "
                + "replicaCount: got string, want integer").contains("(fix: ");
    }

    @Nested
    @DisplayName("runs")
    class Runs {

        @Test
        @DisplayName("--limit shows the newest runs and says how many there are; prune deletes old ones")
        void limitAndPrune(@TempDir Path dir) throws Exception {
            String store = "file:" + dir.resolve("runs");
            for (int i = 0; i < 3; i++) {
                assertThat(cli("generate", "Create a Helm chart for nginx", "--output", dir.resolve("c" + i).toString(),
                        "--no-input", "--checkpointer", store).code()).isEqualTo(Main.NEEDS_INPUT);
            }
            Outcome limited = cli("runs", "--limit", "2", "--json", "--checkpointer", store);
            assertThat(limited.code()).isZero();
            assertThat(limited.json()).containsEntry("total", 3);
            assertThat((java.util.List<?>) limited.json().get("runs")).hasSize(2);

            Outcome keep = cli("runs", "prune", "--older-than", "1d", "--checkpointer", store);
            assertThat(keep.out()).contains("0 run(s) deleted");
            Outcome dry = cli("runs", "prune", "--older-than", "0m", "--dry-run", "--json", "--checkpointer", store);
            assertThat((java.util.List<?>) dry.json().get("wouldPrune")).hasSize(3);
            Outcome pruned = cli("runs", "prune", "--older-than", "0m", "--checkpointer", store);
            assertThat(pruned.out()).contains("3 run(s) deleted");
            assertThat(cli("runs", "--checkpointer", store).out()).contains("no saved runs");
        }
    }
}
