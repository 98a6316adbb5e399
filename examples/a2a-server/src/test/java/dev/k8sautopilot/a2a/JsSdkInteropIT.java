package dev.k8sautopilot.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with a client nobody here wrote: the official A2A JavaScript SDK ({@code @a2a-js/sdk} 1.3.0,
 * installed by {@code .ci/a2a-js.sh}) through its v0.3 compatibility layer, against the server started in-process.
 * The node script is {@code src/test/resources/interop/a2a-js-client.mjs}.
 *
 * <p>Skipped with a message when node is not installed; fails when node is there but the SDK is not (fix: run
 * {@code .ci/a2a-js.sh}), unless {@code -Dk8sautopilot.skipA2aJs=true}.
 */
class JsSdkInteropIT {

    static final Path SDK_HOME = Path.of(System.getenv().getOrDefault("K8S_AUTOPILOT_A2A_JS_HOME",
            Path.of(System.getProperty("user.home"), ".cache", "k8s-autopilot", "a2a-js").toString()));

    @Test
    @DisplayName("the JavaScript SDK reads the card, completes nginx, answers a question, streams")
    void javascriptClient(@TempDir Path dir) throws Exception {
        requireSdk();
        Path script = dir.resolve("a2a-js-client.mjs");
        try (InputStream in = JsSdkInteropIT.class.getResourceAsStream("/interop/a2a-js-client.mjs")) {
            Files.write(script, in.readAllBytes());
        }
        try (A2aServer server = A2aServer.start(ServerSettings.builder().port(0).outputDirectory(dir.resolve("charts"))
                .checkpointer("file:" + dir.resolve("store")).build())) {
            Path out = dir.resolve("out.json");
            Path err = dir.resolve("err.txt");
            Process p = new ProcessBuilder("node", script.toString(), SDK_HOME.toString(), server.url())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("node finished").isTrue();
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(stderr).isZero();
            JsonNode r = new ObjectMapper().readTree(out.toFile());

            assertThat(r.at("/card/protocolVersion").asText()).isEqualTo("0.3.0");
            assertThat(r.at("/card/url").asText()).isEqualTo(server.url());
            assertThat(r.at("/card/streaming").asBoolean()).isTrue();
            assertThat(texts(r.at("/card/skills"))).containsExactly("generate", "validate", "repair");

            assertThat(r.at("/nginx/state").asText()).as(r.at("/nginx/text").asText()).isEqualTo("TASK_STATE_COMPLETED");
            List<String> artifactIds = new ArrayList<>();
            r.at("/nginx/artifacts").forEach(a -> artifactIds.add(a.get("id").asText()));
            assertThat(artifactIds).containsExactly("chart", "chart-package", "validation-report");
            JsonNode chart = r.at("/nginx/artifacts/0/parts");
            List<String> files = new ArrayList<>();
            chart.forEach(part -> files.add(part.get("filename").asText()));
            assertThat(files).contains("Chart.yaml", "values.yaml", "templates/deployment.yaml");
            chart.forEach(part -> {
                if (part.get("filename").asText().equals("Chart.yaml")) {
                    assertThat(part.get("text").asText()).contains("name: nginx");
                }
            });
            assertThat(r.at("/nginx/artifacts/1/parts/0/filename").asText()).isEqualTo("nginx-0.1.0.tgz");
            assertThat(r.at("/nginx/artifacts/2/parts/0/data/passed").asBoolean()).isTrue();

            assertThat(r.at("/appFirst/state").asText()).isEqualTo("TASK_STATE_INPUT_REQUIRED");
            assertThat(r.at("/appFirst/gate").asText()).isEqualTo("clarification");
            assertThat(texts(r.at("/appFirst/questions"))).contains("image");
            assertThat(r.at("/app/state").asText()).isEqualTo("TASK_STATE_COMPLETED");
            assertThat(texts(r.at("/app/files"))).contains("Chart.yaml");
            assertThat(r.at("/appGet").asText()).isEqualTo("TASK_STATE_COMPLETED");

            List<String> stream = texts(r.at("/stream"));
            assertThat(stream).first().isEqualTo("task");
            assertThat(stream).last().isEqualTo("status:TASK_STATE_INPUT_REQUIRED");
            assertThat(stream.subList(1, stream.size() - 1)).isNotEmpty().containsOnly("status:TASK_STATE_WORKING");
            assertThat(r.at("/unknownTask").asText()).contains("not found");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void requireSdk() throws InterruptedException {
        if (!nodeAvailable()) {
            Assumptions.abort("node is not installed: the A2A JavaScript SDK interop test needs node and npm"
                    + " (install them, then run .ci/a2a-js.sh)");
        }
        if (!Files.isRegularFile(SDK_HOME.resolve("node_modules/@a2a-js/sdk/package.json"))) {
            String why = "the A2A JavaScript SDK is not installed in " + SDK_HOME;
            if (Boolean.getBoolean("k8sautopilot.skipA2aJs")) {
                Assumptions.abort(why + "; skipped because -Dk8sautopilot.skipA2aJs=true");
            }
            fail(why + " (fix: run .ci/a2a-js.sh, set K8S_AUTOPILOT_A2A_JS_HOME, or skip with -Dk8sautopilot.skipA2aJs=true)");
        }
    }

    private static boolean nodeAvailable() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
