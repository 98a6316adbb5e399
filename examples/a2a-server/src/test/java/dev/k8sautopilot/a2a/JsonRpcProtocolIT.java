package dev.k8sautopilot.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The wire, byte for byte, with a plain HTTP client: JSON-RPC errors, the bearer token, the size limit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonRpcProtocolIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cr3t-token-for-tests";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private A2aServer open;
    private A2aServer secured;

    @BeforeAll
    void start(@TempDir Path dir) {
        open = A2aServer.start(ServerSettings.builder().port(0).outputDirectory(dir.resolve("open"))
                .checkpointer("memory:").maxRequestBytes(4096).build());
        secured = A2aServer.start(ServerSettings.builder().port(0).outputDirectory(dir.resolve("secured"))
                .checkpointer("memory:").token(TOKEN).build());
    }

    @AfterAll
    void stop() {
        open.close();
        secured.close();
    }

    @Nested
    @DisplayName("JSON-RPC errors, never a stack trace")
    class Errors {

        @Test
        void badJsonIsAParseError() throws Exception {
            JsonNode r = post(open, "{not json", null).json;
            assertThat(r.at("/error/code").asInt()).isEqualTo(-32700);
            assertThat(r.get("id").isNull()).isTrue();
            assertThat(r.toString()).doesNotContain("at com.").doesNotContain("Exception");
        }

        @Test
        void unknownMethodIsMethodNotFound() throws Exception {
            JsonNode r = post(open, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tasks/list\",\"params\":{}}", null).json;
            assertThat(r.at("/error/code").asInt()).isEqualTo(-32601);
            assertThat(r.get("id").asInt()).isEqualTo(7);
            assertThat(r.at("/error/message").asText()).contains("tasks/list").contains("fix:");
        }

        @Test
        void notJsonRpcIsAnInvalidRequest() throws Exception {
            assertThat(post(open, "{\"id\":1,\"method\":\"tasks/get\"}", null).json.at("/error/code").asInt()).isEqualTo(-32600);
            assertThat(post(open, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\"}]", null).json.at("/error/message").asText())
                    .contains("batches");
        }

        @Test
        void wrongParamsAreInvalidParams() throws Exception {
            JsonNode r = post(open, "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"message/send\",\"params\":{\"message\":42}}", null).json;
            assertThat(r.at("/error/code").asInt()).isEqualTo(-32602);
            assertThat(r.get("id").asText()).isEqualTo("a");
        }

        @Test
        void unknownTaskIsTaskNotFound() throws Exception {
            JsonNode r = post(open, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\",\"params\":{\"id\":\"nope\"}}", null).json;
            assertThat(r.at("/error/code").asInt()).isEqualTo(-32001);
        }

        @Test
        void pushNotificationsAreNotSupported() throws Exception {
            JsonNode r = post(open, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/pushNotificationConfig/get\",\"params\":{\"id\":\"x\"}}",
                    null).json;
            assertThat(r.at("/error/code").asInt()).isEqualTo(-32003);
        }

        @Test
        void streamErrorsComeAsAnEvent() throws Exception {
            Reply r = post(open, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tasks/resubscribe\",\"params\":{\"id\":\"nope\"}}", null);
            assertThat(r.contentType).startsWith("text/event-stream");
            assertThat(r.body).startsWith("data: ");
            assertThat(JSON.readTree(r.body.substring(6).strip()).at("/error/code").asInt()).isEqualTo(-32001);
        }

        @Test
        void tooLargeIs413() throws Exception {
            String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":{\"role\":\"user\",\"parts\":"
                    + "[{\"kind\":\"text\",\"text\":\"" + "x".repeat(5000) + "\"}]}}}";
            Reply r = post(open, big, null);
            assertThat(r.status).isEqualTo(413);
            assertThat(r.json.at("/error/message").asText()).contains("4096 bytes").contains("--max-request-bytes");
        }

        @Test
        void otherPathsAre404() throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(open.url() + "etc/passwd")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        }
    }

    @Nested
    @DisplayName("with a bearer token")
    class Token {

        @Test
        void cardDeclaresTheSchemeAndStaysPublic() throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(secured.cardUrl())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode card = JSON.readTree(r.body());
            assertThat(card.at("/securitySchemes/bearer/type").asText()).isEqualTo("http");
            assertThat(card.at("/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
            assertThat(card.at("/security/0").has("bearer")).isTrue();
            assertThat(r.body()).doesNotContain(TOKEN);
        }

        @Test
        void requestsWithoutItAre401() throws Exception {
            String get = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\",\"params\":{\"id\":\"x\"}}";
            Reply none = post(secured, get, null);
            assertThat(none.status).isEqualTo(401);
            assertThat(none.json.at("/error/message").asText()).contains("Authorization: Bearer");
            assertThat(post(secured, get, "wrong").status).isEqualTo(401);
            Reply ok = post(secured, get, TOKEN);
            assertThat(ok.status).isEqualTo(200);
            assertThat(ok.json.at("/error/code").asInt()).isEqualTo(-32001);
        }
    }

    @Nested
    @DisplayName("tasks on the wire")
    class TasksOnTheWire {

        @Test
        @DisplayName("a non-blocking send returns at once; tasks/get follows it to input-required; tasks/cancel ends it")
        void nonBlockingGetCancel() throws Exception {
            JsonNode sent = post(open, send("make a chart for our app", false), null).json;
            String id = sent.at("/result/id").asText();
            assertThat(sent.at("/result/status/state").asText()).isIn("submitted", "working");
            JsonNode task = await(id, "input-required");
            assertThat(task.at("/result/status/message/parts/1/data/gate").asText()).isEqualTo("clarification");
            assertThat(task.at("/result/history/0/parts/0/text").asText()).isEqualTo("make a chart for our app");

            JsonNode canceled = post(open, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tasks/cancel\",\"params\":{\"id\":\"" + id + "\"}}",
                    null).json;
            assertThat(canceled.at("/result/status/state").asText()).isEqualTo("canceled");
            JsonNode again = post(open, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tasks/cancel\",\"params\":{\"id\":\"" + id + "\"}}",
                    null).json;
            assertThat(again.at("/error/code").asInt()).isEqualTo(-32002);
        }

        @Test
        @DisplayName("tasks/resubscribe streams a task to its final status")
        void resubscribe() throws Exception {
            String id = post(open, send("make a chart for our app", false), null).json.at("/result/id").asText();
            Reply r = post(open, "{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"method\":\"tasks/resubscribe\",\"params\":{\"id\":\"" + id + "\"}}",
                    null);
            assertThat(r.contentType).startsWith("text/event-stream");
            List<JsonNode> events = new ArrayList<>();
            for (String line : r.body.split("\n")) {
                if (line.startsWith("data: ")) {
                    events.add(JSON.readTree(line.substring(6)));
                }
            }
            assertThat(events.get(0).at("/result/kind").asText()).isEqualTo("task");
            JsonNode last = events.get(events.size() - 1);
            assertThat(last.at("/result/kind").asText()).isEqualTo("status-update");
            assertThat(last.at("/result/final").asBoolean()).isTrue();
            assertThat(last.at("/result/status/state").asText()).isEqualTo("input-required");
            assertThat(events).allSatisfy(e -> assertThat(e.get("id").asText()).isEqualTo("r"));
        }

        private String send(String text, boolean blocking) {
            return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":{\"kind\":\"message\","
                    + "\"messageId\":\"m-" + System.nanoTime() + "\",\"role\":\"user\",\"parts\":[{\"kind\":\"text\",\"text\":\"" + text
                    + "\"}]},\"configuration\":{\"blocking\":" + blocking + "}}}";
        }

        private JsonNode await(String id, String state) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            JsonNode task;
            do {
                Thread.sleep(50);
                task = post(open, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/get\",\"params\":{\"id\":\"" + id + "\"}}", null).json;
            } while (!task.at("/result/status/state").asText().equals(state) && System.nanoTime() < deadline);
            assertThat(task.at("/result/status/state").asText()).isEqualTo(state);
            return task;
        }
    }

    @Test
    @DisplayName("the card is also served at the pre-0.3 path")
    void legacyCardPath() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(open.url() + ".well-known/agent.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(r.body()).get("protocolVersion").asText()).isEqualTo("0.3.0");
    }

    record Reply(int status, String contentType, String body, JsonNode json) {
    }

    private Reply post(A2aServer server, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url())).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String type = r.headers().firstValue("Content-Type").orElse("");
        return new Reply(r.statusCode(), type, r.body(), type.startsWith("application/json") ? JSON.readTree(r.body()) : null);
    }
}
