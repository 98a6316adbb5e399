package dev.k8sautopilot.a2a;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar k8s-autopilot-a2a-server.jar [--port 10102] [--host 127.0.0.1] [--output DIR]
 * [--checkpointer URI] [--llm P --model M] [--token-file F]}: serves until stopped, after printing one line with
 * its URL. Exit codes: 0 stopped normally, 1 the server could not start (address in use, store unreachable),
 * 2 bad usage.
 */
@Command(name = "k8s-autopilot-a2a-server", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Serves k8s-autopilot as an A2A v0.3 agent (JSON-RPC over HTTP).",
        footer = {"", "Exit codes: 0 stopped, 1 could not start, 2 bad usage. See docs/a2a-server.md."})
public final class Main implements Callable<Integer> {

    /** Exit code: stopped normally. */
    public static final int OK = 0;
    /** Exit code: the server could not start. */
    public static final int CANNOT_START = 1;
    /** Exit code: bad usage. */
    public static final int USAGE = 2;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free port).",
            defaultValue = "" + ServerSettings.DEFAULT_PORT)
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).",
            defaultValue = ServerSettings.DEFAULT_HOST)
    String host;

    @Option(names = "--output", paramLabel = "DIR", description = "Charts are written under DIR/<task id>/ (default: ./charts).")
    Path output;

    @Option(names = "--checkpointer", paramLabel = "URI",
            description = "Where runs and tasks are kept: file:DIR, jdbc:URL or memory: (default: file:~/.k8s-autopilot/runs).")
    String checkpointer;

    @Option(names = "--llm", paramLabel = "PROVIDER", description = "Plan with an LLM: openai, anthropic, ollama or gemini (default: offline).")
    String llm;

    @Option(names = "--model", paramLabel = "NAME", description = "Model name for --llm.")
    String model;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer <token>' on every request; the token is the file's content.")
    Path tokenFile;

    @Option(names = "--max-runs", paramLabel = "N", description = "Runs at once; more are refused as busy (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + ServerSettings.DEFAULT_MAX_RUNS)
    int maxRuns;

    @Option(names = "--max-request-bytes", paramLabel = "BYTES", description = "Largest request accepted (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + ServerSettings.DEFAULT_MAX_REQUEST_BYTES)
    int maxRequestBytes;

    private final CountDownLatch stop = new CountDownLatch(1);
    private PrintWriter out;
    private PrintWriter err;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    /** Runs the server until the JVM stops; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Main main = new Main();
        main.out = out;
        main.err = err;
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            err.println("(see: k8s-autopilot-a2a-server --help)");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("error: " + ex.getMessage());
            return ex instanceof IllegalArgumentException ? USAGE : CANNOT_START;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        ServerSettings settings = ServerSettings.builder().host(host).port(port).outputDirectory(output).checkpointer(checkpointer)
                .llm(llm, model).token(readToken()).maxRuns(maxRuns).maxRequestBytes(maxRequestBytes).build();
        A2aServer server;
        try {
            server = A2aServer.start(settings);
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return CANNOT_START;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }, "a2a-shutdown"));
        out.println("k8s-autopilot A2A server ready at " + server.url() + " (agent card: " + server.cardUrl() + ")");
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return OK;
    }

    private String readToken() {
        if (tokenFile == null) {
            return null;
        }
        try {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty() || token.contains("\n")) {
                throw new IllegalArgumentException("--token-file " + tokenFile + " must hold one non-empty line (fix: write the token alone into it)");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalArgumentException("--token-file " + tokenFile + " cannot be read: " + e.getMessage()
                    + " (fix: point it at a readable file holding the token)");
        }
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"k8s-autopilot-a2a-server " + (v == null ? "development build" : v)};
        }
    }
}
