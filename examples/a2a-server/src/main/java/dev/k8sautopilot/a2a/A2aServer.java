package dev.k8sautopilot.a2a;

import com.sun.net.httpserver.HttpServer;
import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.config.AutopilotConfig;
import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.spi.ApprovalHandler;
import io.a2a.spec.AgentCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The k8s-autopilot A2A v0.3 agent server: JSON-RPC over HTTP on the JDK's HTTP server, in front of a
 * {@link ChartPipeline}.
 *
 * <pre>{@code
 * try (A2aServer server = A2aServer.start(ServerSettings.builder().port(0).outputDirectory(Path.of("charts")).build())) {
 *     System.out.println(server.url());      // http://127.0.0.1:PORT/  (card: .well-known/agent-card.json)
 * }
 * }</pre>
 *
 * Every gate a person decides is deferred by the pipeline and becomes an {@code input-required} task; a
 * clarification whose every question has a safe default takes the defaults without asking. Runs and tasks are
 * kept where {@link ServerSettings#checkpointer()} says, so a task waiting for input survives a restart.
 * Thread-safe; {@link #close()} stops accepting requests, lets running steps finish (up to 30 s) and closes
 * the stores.
 */
public final class A2aServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(A2aServer.class);

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final ChartAgent agent;
    private final Stores stores;
    private final String url;
    private final AgentCard card;

    private A2aServer(HttpServer http, ExecutorService httpThreads, ChartAgent agent, Stores stores, String url, AgentCard card) {
        this.http = http;
        this.httpThreads = httpThreads;
        this.agent = agent;
        this.stores = stores;
        this.url = url;
        this.card = card;
    }

    /**
     * Opens the stores, builds the pipeline and starts serving.
     *
     * @throws IllegalArgumentException when a setting is unusable (the message names it and the fix)
     * @throws UncheckedIOException     when the address cannot be bound or the output directory not created
     */
    public static A2aServer start(ServerSettings settings) {
        try {
            Files.createDirectories(settings.outputDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("--output " + settings.outputDirectory() + " cannot be created: " + e.getMessage(), e);
        }
        Stores stores = Stores.open(settings.checkpointer());
        ChartAgent agent = null;
        HttpServer http = null;
        ExecutorService threads = null;
        try {
            AutopilotConfig config = AutopilotConfig.load();
            if (!settings.llmProvider().isEmpty()) {
                config = config.with(AutopilotConfig.LLM_PROVIDER, settings.llmProvider());
            }
            if (!settings.llmModel().isEmpty()) {
                config = config.with(AutopilotConfig.LLM_MODEL, settings.llmModel());
            }
            ChartPipeline pipeline = ChartPipeline.builder()
                    .config(config)
                    .checkpointer(stores.runs())
                    .approvals(new ClientDecides())
                    .outputDirectory(settings.outputDirectory())
                    .build();
            agent = new ChartAgent(pipeline, stores.tasks(), settings.outputDirectory(), settings.maxRuns());
            InetAddress address = InetAddress.getByName(settings.host());
            http = HttpServer.create(new InetSocketAddress(address, settings.port()), 64);
            String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            String url = "http://" + host + ":" + http.getAddress().getPort() + "/";
            AgentCard card = AgentCards.card(url, settings.token().isPresent(), version());
            http.createContext("/", new JsonRpcHttp(agent, card, settings.token(), settings.maxRequestBytes()));
            AtomicInteger n = new AtomicInteger();
            threads = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "a2a-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(threads);
            http.start();
            if (!address.isLoopbackAddress() && settings.token().isEmpty()) {
                LOG.warn("Listening on {} without --token-file: anyone who can reach this address can run charts"
                        + " (fix: add --token-file, or bind 127.0.0.1)", host);
            }
            LOG.info("A2A server at {} (runs and tasks: {}, charts: {}, at most {} runs at once{})", url,
                    stores.tasks().describe(), settings.outputDirectory(), settings.maxRuns(),
                    settings.token().isPresent() ? ", bearer token required" : "");
            return new A2aServer(http, threads, agent, stores, url, card);
        } catch (IOException e) {
            close(agent, http, threads, stores);
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage()
                    + " (fix: choose another --port or --host)", e);
        } catch (RuntimeException e) {
            close(agent, http, threads, stores);
            throw e;
        }
    }

    /** The base URL, which is also the JSON-RPC endpoint, e.g. {@code http://127.0.0.1:10102/}. */
    public String url() {
        return url;
    }

    /** The URL of the agent card. */
    public String cardUrl() {
        return url + JsonRpcHttp.CARD_PATH.substring(1);
    }

    /** The port bound. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The agent card served. */
    public AgentCard card() {
        return card;
    }

    @Override
    public void close() {
        close(agent, http, httpThreads, stores);
    }

    private static void close(ChartAgent agent, HttpServer http, ExecutorService threads, Stores stores) {
        if (http != null) {
            http.stop(0);
        }
        if (agent != null) {
            agent.close();
        }
        if (threads != null) {
            threads.shutdownNow();
        }
        try {
            stores.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the stores failed: {}", e.toString());
        }
    }

    private static String version() {
        return Optional.ofNullable(A2aServer.class.getPackage().getImplementationVersion()).orElse("0.1.0-SNAPSHOT");
    }

    /**
     * The client decides: every gate defers (the task becomes input-required), except a clarification whose
     * every question has a safe default, which takes the defaults.
     */
    static final class ClientDecides implements ApprovalHandler {
        @Override
        public Decision review(ApprovalRequest request) {
            if (request.gate() == Gate.CLARIFICATION && !request.questions().isEmpty()
                    && request.questions().stream().allMatch(Question::hasDefault)) {
                Map<String, String> defaults = new LinkedHashMap<>();
                request.questions().forEach(q -> defaults.put(q.field(), q.defaultValue().orElseThrow()));
                return Decision.answer(defaults);
            }
            return Decision.defer();
        }

        /** Answers at once (defaults, or defer to the client): a gate is saved only when the run stops there. */
        @Override
        public boolean decidesImmediately() {
            return true;
        }

        @Override
        public String id() {
            return "a2a-client";
        }
    }
}
