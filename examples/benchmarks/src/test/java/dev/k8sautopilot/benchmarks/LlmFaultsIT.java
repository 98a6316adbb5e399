package dev.k8sautopilot.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.llm.OpenAiProvider;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.spi.LlmSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole pipeline with an OpenAI chat model (the real langchain4j client) against a local server that
 * fails in each way: planning never takes longer than the configured timeout, which is the stage's total
 * (every attempt and the repair round included), and the run completes, planned by the offline rules, with a
 * warning saying why — as docs/llm.md documents.
 */
@DisplayName("LLM provider faults through the pipeline")
class LlmFaultsIT {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final int RETRIES = 1;
    /** Scheduling slack on a loaded 2-core machine. */
    static final Duration MARGIN = Duration.ofSeconds(4);

    /** How the fake server misbehaves. */
    enum Fault {
        TIMEOUT("did not answer in time"),
        RATE_LIMIT("rate limit"),
        SERVER_ERROR("model call failed"),
        GARBAGE_BODY("model call failed"),
        GARBAGE_TEXT("not a usable JSON object"),
        CONNECTION_REFUSED("model call failed");

        final String warning;

        Fault(String warning) {
            this.warning = warning;
        }
    }

    @TempDir
    Path out;
    HttpServer server;
    ExecutorService executor;
    final AtomicInteger calls = new AtomicInteger();
    volatile Fault fault;

    @BeforeEach
    void start() throws IOException {
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-openai");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            int status;
            String body;
            switch (fault) {
                case TIMEOUT -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    status = 200;
                    body = reply("{}");
                }
                case RATE_LIMIT -> {
                    status = 429;
                    body = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_exceeded\",\"code\":\"rate_limit_exceeded\"}}";
                }
                case SERVER_ERROR -> {
                    status = 500;
                    body = "{\"error\":{\"message\":\"internal error\",\"type\":\"server_error\"}}";
                }
                case GARBAGE_BODY -> {
                    status = 200;
                    body = "<html><body>502 Bad Gateway \u0000\u0001</body>";
                }
                default -> {
                    status = 200;
                    body = reply("Sure! Your chart is nginx with 3 replicas. {not json");
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(bytes);
                }
            } catch (IOException clientGone) {
                // the client timed out and closed the connection
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    static String reply(String text) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":" + dev.k8sautopilot.internal.Json.write(text)
                + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}";
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fault.class)
    @DisplayName("completes offline-planned with a warning within one stage timeout + margin")
    void fallsBackInTime(Fault f) throws Exception {
        fault = f;
        String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        if (f == Fault.CONNECTION_REFUSED) {
            server.stop(0);
        }
        LlmSettings settings = new LlmSettings("openai", "gpt-4o-mini", 0.0, 512, TIMEOUT, baseUrl, "test-key", RETRIES);
        ChartPipeline pipeline = ChartPipeline.builder()
                .chatModel(new OpenAiProvider().create(settings))
                .checkpointer(new MemoryCheckpointer())
                .approvals(ApprovalHandlers.autoApprove())
                .outputDirectory(out)
                .build();

        long start = System.nanoTime();
        RunResult result = pipeline.run(ChartRequest.of("Create a Helm chart for nginx with 3 replicas"));
        Duration total = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).as("%s", result).isInstanceOf(RunResult.Completed.class);
        RunResult.Completed done = (RunResult.Completed) result;
        assertThat(done.passed()).isTrue();
        assertThat(done.plan().planner()).isNotEqualTo("llm");
        assertThat(done.plan().warnings()).anySatisfy(w -> assertThat(w).contains("offline rules").contains(f.warning));
        assertThat(done.plan().spec().replicas()).isEqualTo(3);
        Duration planning = Duration.ofMillis(done.usage().stageMillis().getOrDefault("plan", 0L));
        int attempts = f == Fault.GARBAGE_TEXT ? 2 : RETRIES + 1;
        Duration bound = TIMEOUT.plus(MARGIN);
        assertThat(planning).as("planning took %s (whole run %s)", planning, total).isLessThanOrEqualTo(bound);
        if (f != Fault.CONNECTION_REFUSED) {
            assertThat(calls.get()).as("HTTP calls").isBetween(1, attempts);
        }
        System.out.printf("fault %s: planning %d ms, run %d ms, %d HTTP calls, bound %d ms%n", f, planning.toMillis(), total.toMillis(),
                calls.get(), bound.toMillis());
    }
}
