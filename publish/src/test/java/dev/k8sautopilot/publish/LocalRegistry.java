package dev.k8sautopilot.publish;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OCI registry (Debian's {@code docker-registry}, the CNCF distribution registry) on 127.0.0.1 with a
 * free port and its own storage, optionally with htpasswd basic auth. Installed by {@code .ci/oci-registry.sh};
 * tests use {@link #available()} in an assumption so a machine without it says why they were skipped.
 */
public final class LocalRegistry implements AutoCloseable {

    /** The registry binary, overridable with {@code -Dk8sautopilot.test.registry=PATH}. */
    public static final Path BINARY = Path.of(System.getProperty("k8sautopilot.test.registry", "/usr/bin/docker-registry"));
    private static final Path HTPASSWD = Path.of("/usr/bin/htpasswd");

    private final Process process;
    private final Path dir;
    private final int port;

    private LocalRegistry(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Why the registry cannot run here, or empty when it can.
     *
     * @param withAuth whether the htpasswd tool is needed too
     * @return the reason to skip
     */
    public static Optional<String> unavailable(boolean withAuth) {
        if (!Files.isExecutable(BINARY)) {
            return Optional.of(BINARY + " is not installed (run .ci/oci-registry.sh, which installs Debian's docker-registry)");
        }
        if (withAuth && !Files.isExecutable(HTPASSWD)) {
            return Optional.of(HTPASSWD + " is not installed (run .ci/oci-registry.sh, which installs apache2-utils)");
        }
        return Optional.empty();
    }

    /**
     * Starts a registry.
     *
     * @param username a user for basic auth, or null for an open registry
     * @param password the user's password
     * @return the running registry
     */
    public static LocalRegistry start(String username, String password) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("k8s-autopilot-registry-");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: warn\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
        if (username != null) {
            Process h = new ProcessBuilder(HTPASSWD.toString(), "-Bbn", username, password).redirectErrorStream(false).start();
            String line = new String(h.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (h.waitFor() != 0 || line.isEmpty()) {
                throw new IOException("htpasswd failed");
            }
            Files.writeString(dir.resolve("htpasswd"), line + "\n");
            config.append("auth:\n  htpasswd:\n    realm: k8s-autopilot-test\n    path: ").append(dir.resolve("htpasswd")).append('\n');
        }
        Files.writeString(dir.resolve("config.yml"), config.toString());
        Process p = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry r = new LocalRegistry(p, dir, port);
        r.awaitReady();
        return r;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || r.statusCode() == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("the registry did not start within 20 s");
    }

    /**
     * The registry's address.
     *
     * @return {@code 127.0.0.1:PORT}
     */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /**
     * A remote below this registry.
     *
     * @param repository the repository path, e.g. {@code charts}
     * @return {@code oci://127.0.0.1:PORT/repository}
     */
    public OciReference remote(String repository) {
        return OciReference.parse("oci://" + host() + "/" + repository);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }

    /** Used by tests that print the registry log on failure. */
    List<String> log() throws IOException {
        return Files.readAllLines(dir.resolve("registry.log"));
    }
}
