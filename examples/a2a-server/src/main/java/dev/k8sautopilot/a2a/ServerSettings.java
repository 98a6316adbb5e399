package dev.k8sautopilot.a2a;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to start an {@link A2aServer}. Build with {@link #builder()}; every setting has a default.
 *
 * @param host            address to bind (default {@value #DEFAULT_HOST}: loopback only)
 * @param port            TCP port, 0 for any free one (default {@value #DEFAULT_PORT})
 * @param outputDirectory charts are written under it, one directory per task (default {@code ./charts})
 * @param checkpointer    where runs and tasks are kept: {@code file:DIR}, {@code jdbc:URL} or {@code memory:}
 *                        (default {@code file:~/.k8s-autopilot/runs})
 * @param llmProvider     LLM provider id, empty for offline planning
 * @param llmModel        model name for the provider, empty for its default
 * @param token           bearer token every JSON-RPC request must carry; empty for none
 * @param maxRuns         runs at once; more are refused with a "busy" error (default {@value #DEFAULT_MAX_RUNS})
 * @param maxRequestBytes largest request body accepted (default {@value #DEFAULT_MAX_REQUEST_BYTES})
 */
public record ServerSettings(String host, int port, Path outputDirectory, String checkpointer, String llmProvider,
                             String llmModel, Optional<String> token, int maxRuns, int maxRequestBytes) {

    /** The address bound unless told otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port of the original k8s-autopilot agent. */
    public static final int DEFAULT_PORT = 10102;
    /** Runs at once unless told otherwise. */
    public static final int DEFAULT_MAX_RUNS = 4;
    /** Largest request body unless told otherwise: 8 MiB (a chart sent for validation fits easily). */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming the setting and the fix
     */
    public ServerSettings {
        host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is out of range (fix: 1 to 65535, or 0 for any free port)");
        }
        outputDirectory = (outputDirectory == null ? Path.of("charts") : outputDirectory).toAbsolutePath().normalize();
        checkpointer = checkpointer == null || checkpointer.isBlank()
                ? "file:" + Path.of(System.getProperty("user.home"), ".k8s-autopilot", "runs") : checkpointer.strip();
        llmProvider = llmProvider == null ? "" : llmProvider.strip();
        llmModel = llmModel == null ? "" : llmModel.strip();
        token = token == null ? Optional.empty() : token.map(String::strip).filter(t -> !t.isEmpty());
        if (maxRuns < 1 || maxRuns > 256) {
            throw new IllegalArgumentException("--max-runs " + maxRuns + " is out of range (fix: 1 to 256)");
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("--max-request-bytes " + maxRequestBytes + " is too small (fix: at least 1024)");
        }
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link ServerSettings}; not thread-safe. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path outputDirectory;
        private String checkpointer;
        private String llmProvider = "";
        private String llmModel = "";
        private String token;
        private int maxRuns = DEFAULT_MAX_RUNS;
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

        private Builder() {
        }

        /** Address to bind. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** TCP port; 0 for any free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where charts are written (one directory per task). */
        public Builder outputDirectory(Path directory) {
            this.outputDirectory = directory;
            return this;
        }

        /** Where runs and tasks are kept. */
        public Builder checkpointer(String uri) {
            this.checkpointer = uri;
            return this;
        }

        /** LLM provider and model; empty provider for offline planning. */
        public Builder llm(String provider, String model) {
            this.llmProvider = provider;
            this.llmModel = model;
            return this;
        }

        /** Bearer token required on every JSON-RPC request; null for none. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Runs at once. */
        public Builder maxRuns(int maxRuns) {
            this.maxRuns = maxRuns;
            return this;
        }

        /** Largest request body in bytes. */
        public Builder maxRequestBytes(int bytes) {
            this.maxRequestBytes = bytes;
            return this;
        }

        /** The settings. */
        public ServerSettings build() {
            return new ServerSettings(host, port, outputDirectory, checkpointer, llmProvider, llmModel,
                    Optional.ofNullable(token), maxRuns, maxRequestBytes);
        }
    }
}
