package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendering with {@code helm template} semantics through {@link HelmRunner#render} and {@link OfflineApiServer}. */
class OfflineRenderTest {

    private static List<RenderedObject> objects;

    @BeforeAll
    static void render(@TempDir Path temp) throws IOException {
        Path dir = DefaultValidator.write(TestCharts.read("offline"), temp);
        HelmRunner.Outcome<String> out = HelmRunner.render(dir, "offline", "1.31.0", Optional.empty(), temp);
        assertThat(out.ok()).as(out.error()).isTrue();
        objects = Rendering.parse("", out.value().orElseThrow(), "offline").objects();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> annotations(String kind) {
        RenderedObject o = objects.stream().filter(x -> x.kind().equals(kind)).findFirst().orElseThrow();
        return (Map<String, Object>) ((Map<String, Object>) o.body().get("metadata")).get("annotations");
    }

    @Nested
    @DisplayName("like helm template")
    class LikeHelmTemplate {

        @Test
        @DisplayName("lookup of one object and of a list returns an empty map")
        void lookupIsEmpty() {
            assertThat(annotations("Secret")).containsEntry("lookup-one", "{}").containsEntry("lookup-list", "{}");
        }

        @Test
        @DisplayName("lookup of a custom resource list reads as empty")
        void customLookup() {
            assertThat(annotations("Secret")).containsEntry("lookup-custom", "none");
        }

        @Test
        @DisplayName("capabilities: the requested Kubernetes version and helm template's API versions")
        void capabilities() {
            assertThat(annotations("Secret")).containsEntry("kube-version", "v1.31.0").containsEntry("has-apps-v1", "true");
        }

        @Test
        @DisplayName("hook objects such as the helm test pod are rendered, with their source file")
        void hooks() {
            assertThat(objects).filteredOn(o -> o.kind().equals("Pod")).singleElement()
                    .satisfies(o -> assertThat(o.file()).isEqualTo("templates/tests/test-connection.yaml"));
        }

        @Test
        @DisplayName("custom resources render although the loopback API did not know their kind at first")
        void customResources() {
            assertThat(objects).extracting(RenderedObject::kind).contains("Middleware", "Secret");
        }
    }

    @Test
    @DisplayName("a validation runs every layer on a chart using lookup, and checks the test pod")
    void validateRunsEveryLayer() {
        ValidationReport report = new DefaultValidator().validate(TestCharts.read("offline"), ValidationOptions.defaults());
        assertThat(report.layers()).filteredOn(l -> List.of("lint", "template", "kubernetes", "deprecation", "security").contains(l.layer()))
                .allSatisfy(l -> assertThat(l.skipped()).as(l.layer() + ": " + l.note()).isFalse());
        assertThat(report.findings()).as(report.format())
                .anySatisfy(f -> assertThat(f.resource()).isEqualTo("Pod/offline-test"));
    }

    @Test
    @DisplayName("nothing listening on localhost:8080 is contacted and nothing hangs")
    void noDefaultCluster(@TempDir Path temp) throws Exception {
        ServerSocket trap;
        try {
            trap = new ServerSocket();
            trap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080));
        } catch (IOException busy) {
            assumeTrue(false, "port 8080 is in use on this machine");
            return;
        }
        AtomicInteger connections = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!trap.isClosed()) {
                try (Socket s = trap.accept()) {
                    connections.incrementAndGet();
                    Thread.sleep(60_000); // never answers: the hang of issue 14
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        try {
            Path dir = DefaultValidator.write(TestCharts.read("offline"), temp);
            long start = System.nanoTime();
            HelmRunner.Outcome<String> out = HelmRunner.render(dir, "offline", "1.31.0", Optional.empty(), temp);
            assertThat(out.ok()).as(out.error()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(connections.get()).isZero();
        } finally {
            trap.close();
            acceptor.interrupt();
        }
    }

    @Test
    @DisplayName("the discovery cache of the throwaway API server is removed again")
    void discoveryCacheRemoved() throws IOException {
        Path discovery = Path.of(System.getProperty("user.home"), ".kube", "cache", "discovery");
        if (Files.isDirectory(discovery)) {
            try (Stream<Path> dirs = Files.list(discovery)) {
                assertThat(dirs.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("127.0.0.1_"));
            }
        }
    }

    @Test
    @DisplayName("the release name comes from Chart.yaml, never from the directory name")
    void releaseName(@TempDir Path temp) throws IOException {
        ChartFiles chart = TestCharts.read("offline").renamed("my_chart");
        ValidationReport report = new DefaultValidator().validate(chart, ValidationOptions.defaults());
        assertThat(report.byRule("template-render-failed")).as(report.format()).isEmpty();
    }
}
