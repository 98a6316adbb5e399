package dev.k8sautopilot.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a user starts it: one ready line with the URL, the card there, clear usage errors. */
class ServerJarIT {

    private static final Path JAR = Path.of("target", "k8s-autopilot-a2a-server.jar").toAbsolutePath();

    @Test
    @DisplayName("java -jar prints one ready line with its URL, serves the card there, and stops on SIGTERM")
    void startsAndServes(@TempDir Path dir) throws Exception {
        assertThat(JAR).exists();
        Files.writeString(dir.resolve("token"), "jar-test-token\n");
        Path stdout = dir.resolve("out.txt");
        Process p = java(dir, "--port", "0", "--output", "charts", "--checkpointer", "file:store", "--token-file", "token")
                .redirectOutput(stdout.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (Files.readString(stdout).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String line = Files.readString(stdout).strip();
            Matcher m = Pattern.compile("^k8s-autopilot A2A server ready at (http://127\\.0\\.0\\.1:\\d+/) \\(agent card: (\\S+)\\)$")
                    .matcher(line);
            assertThat(m.find()).as(line + Files.readString(dir.resolve("err.txt"))).isTrue();
            HttpResponse<String> card = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(2))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = new ObjectMapper().readTree(card.body());
            assertThat(json.get("url").asText()).isEqualTo(m.group(1));
            assertThat(json.at("/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readAllLines(stdout)).as("one line on stdout").hasSize(1);
            assertThat(Files.readString(dir.resolve("err.txt"))).doesNotContain("jar-test-token");
        } finally {
            p.destroyForcibly();
        }
        assertThat(dir.resolve("store/a2a-tasks")).isDirectory();
    }

    @Test
    @DisplayName("bad usage exits 2 with the fix; a port in use exits 1")
    void usageErrors(@TempDir Path dir) throws Exception {
        Process bad = java(dir, "--port", "70000").redirectErrorStream(true).start();
        String out = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("--port 70000").contains("fix:").doesNotContain("\tat ");

        Process noToken = java(dir, "--token-file", "missing").redirectErrorStream(true).start();
        String out2 = new String(noToken.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(noToken.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(noToken.exitValue()).as(out2).isEqualTo(2);
        assertThat(out2).contains("--token-file").contains("fix:");

        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process busy = java(dir, "--port", String.valueOf(taken.getLocalPort()), "--checkpointer", "memory:")
                    .redirectErrorStream(true).start();
            String out3 = new String(busy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(busy.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(busy.exitValue()).as(out3).isEqualTo(1);
            assertThat(out3).contains("cannot listen").contains("fix:").doesNotContain("\tat ");
        }
    }

    private static ProcessBuilder java(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile());
    }
}
