package dev.k8sautopilot.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted HTTP server on the loopback interface (port chosen by the OS) that answers LLM API calls:
 * each request takes the next scripted reply (status, JSON body, optional delay) and is recorded. Speaks
 * whatever protocol the scripted bodies are in; the static helpers build the bodies of OpenAI, Anthropic,
 * Ollama and Gemini.
 */
final class FakeLlmServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted reply. */
    record Reply(int status, String body, long delayMillis) {
    }

    /** One request as received. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse("");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-llm-server");
        t.setDaemon(true);
        return t;
    });
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private FakeLlmServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeLlmServer start() {
        try {
            return new FakeLlmServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeLlmServer reply(int status, String body) {
        script.add(new Reply(status, body, 0));
        return this;
    }

    FakeLlmServer replyAfter(long delayMillis, int status, String body) {
        script.add(new Reply(status, body, delayMillis));
        return this;
    }

    /** {@code http://127.0.0.1:PORT} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
        Reply reply = script.poll();
        if (reply == null) {
            reply = new Reply(500, "{\"error\":{\"message\":\"no scripted reply left\"}}", 0);
        }
        if (reply.delayMillis() > 0) {
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // The client timed out and closed the connection: nothing to answer.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // -- wire bodies ---------------------------------------------------------------------------------

    static String openAiReply(String text, int in, int out) {
        return write(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1_700_000_000, "model", "gpt-4o-mini",
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", text), "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", in, "completion_tokens", out, "total_tokens", in + out)));
    }

    static String openAiError(String type, String message) {
        return write(Map.of("error", Map.of("message", message, "type", type, "code", type)));
    }

    static String anthropicReply(String text, int in, int out) {
        return write(Map.of("id", "msg_1", "type", "message", "role", "assistant", "model", "claude-haiku-4-5-20251001",
                "content", List.of(Map.of("type", "text", "text", text)), "stop_reason", "end_turn",
                "usage", Map.of("input_tokens", in, "output_tokens", out)));
    }

    static String anthropicError(String type, String message) {
        return write(Map.of("type", "error", "error", Map.of("type", type, "message", message)));
    }

    static String ollamaReply(String text, int in, int out) {
        return write(Map.of("model", "llama3.1", "created_at", "2025-01-01T00:00:00Z",
                "message", Map.of("role", "assistant", "content", text), "done", true, "done_reason", "stop",
                "prompt_eval_count", in, "eval_count", out));
    }

    static String ollamaError(String message) {
        return write(Map.of("error", message));
    }

    static String geminiReply(String text, int in, int out) {
        return write(Map.of("candidates", List.of(Map.of("content", Map.of("role", "model", "parts", List.of(Map.of("text", text))),
                        "finishReason", "STOP", "index", 0)),
                "usageMetadata", Map.of("promptTokenCount", in, "candidatesTokenCount", out, "totalTokenCount", in + out),
                "modelVersion", "gemini-2.5-flash"));
    }

    static String geminiError(int code, String status, String message) {
        return write(Map.of("error", Map.of("code", code, "message", message, "status", status)));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
