package dev.k8sautopilot.cli;

import static dev.k8sautopilot.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sautopilot.cli.CliTest.Outcome;
import dev.k8sautopilot.publish.ChartPublisher;
import dev.k8sautopilot.publish.LocalRegistry;
import dev.k8sautopilot.publish.PulledChart;
import dev.k8sautopilot.publish.RegistryCredentials;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code package}, {@code push} and {@code generate --argocd} through the command line, against a real registry. */
class PublishCliIT {

    @TempDir
    Path dir;

    private Path nginx() {
        Outcome o = cli("generate", "Create a Helm chart for nginx", "--output", dir.resolve("charts").toString(), "--yes",
                "--checkpointer", "memory:");
        assertThat(o.code()).as(o.err()).isZero();
        return dir.resolve("charts/nginx");
    }

    private static void assumeRegistry(boolean auth) {
        Optional<String> why = LocalRegistry.unavailable(auth);
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
    }

    @Nested
    @DisplayName("generate --argocd")
    class ArgoCd {

        @Test
        void writesAnApplicationThatPassesItsChecks() throws Exception {
            Outcome o = cli("generate", "Create a Helm chart for nginx", "--output", dir.toString(), "--yes", "--json",
                    "--checkpointer", "memory:", "--argocd", "--argocd-oci", "oci://registry.example.com/charts", "--argocd-own-project");
            assertThat(o.code()).as(o.err() + o.out()).isZero();
            JsonNode argocd = o.json().path("argocd");
            assertThat(argocd.path("files")).hasSize(2);
            assertThat(argocd.path("findings")).isEmpty();
            assertThat(argocd.path("project").asText()).isEqualTo("nginx");
            String app = Files.readString(dir.resolve("argocd/nginx-application.yaml"));
            assertThat(app).contains("kind: Application", "repoURL: registry.example.com/charts", "chart: nginx", "selfHeal: true");
            assertThat(dir.resolve("argocd/nginx-appproject.yaml")).exists();
        }

        @Test
        void prodTierSyncsManually() throws Exception {
            Path spec = dir.resolve("web.yaml");
            Files.writeString(spec, "name: web\nimage: nginx:1.27.3\nports: [8080]\ntier: prod\n");
            Outcome o = cli("generate", "--spec", spec.toString(), "--output", dir.toString(), "--yes", "--checkpointer", "memory:",
                    "--argocd", "--argocd-repo", "https://github.com/acme/deploy.git", "--argocd-revision", "main");
            assertThat(o.code()).as(o.err() + o.out()).isZero();
            assertThat(o.out()).contains("argocd manifest written:");
            String app = Files.readString(dir.resolve("argocd/web-application.yaml"));
            assertThat(app).contains("path: charts/web", "targetRevision: main").doesNotContain("automated");
        }

        @Test
        void aMissingSourceFailsBeforeAnythingIsGenerated() {
            Outcome o = cli("generate", "Create a Helm chart for nginx", "--output", dir.toString(), "--yes", "--checkpointer", "memory:",
                    "--argocd");
            assertThat(o.code()).isEqualTo(Main.USAGE);
            assertThat(o.err()).contains("exactly one source").contains("--argocd-repo");
            assertThat(dir.resolve("nginx")).doesNotExist();
        }
    }

    @Nested
    @DisplayName("package and push")
    class Push {

        @Test
        void packageWritesTheArchive() throws Exception {
            Path chart = nginx();
            Outcome o = cli("package", chart.toString(), "-d", dir.resolve("dist").toString(), "--json");
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(Path.of(o.json().path("archive").asText())).exists().hasFileName("nginx-0.1.0.tgz");
        }

        @Test
        void pushesAndVerifiesByPullingBack() throws Exception {
            assumeRegistry(false);
            Path chart = nginx();
            try (LocalRegistry registry = LocalRegistry.start(null, null)) {
                Outcome o = cli("push", chart.toString(), registry.remote("charts").uri(), "--plain-http", "--json");
                assertThat(o.code()).as(o.err() + o.out()).isZero();
                JsonNode doc = o.json();
                assertThat(doc.path("verified").asBoolean()).isTrue();
                assertThat(doc.path("reference").asText()).isEqualTo(registry.host() + "/charts/nginx:0.1.0");
                PulledChart pulled = ChartPublisher.builder().plainHttp(true).build().pull(registry.remote("charts"), "nginx", "0.1.0");
                assertThat(pulled.manifestDigest()).isEqualTo(doc.path("digest").asText());
                assertThat(pulled.contentSha256()).isEqualTo(doc.path("sha256").asText());
            }
        }

        @Test
        void passwordFromStandardInput() throws Exception {
            assumeRegistry(true);
            Path chart = nginx();
            InputStream stdin = System.in;
            try (LocalRegistry registry = LocalRegistry.start("ci", "t0ken-value")) {
                System.setIn(new ByteArrayInputStream("t0ken-value\n".getBytes(StandardCharsets.UTF_8)));
                Outcome o = cli("push", chart.toString(), registry.remote("charts").uri(), "--plain-http", "--username", "ci", "--password-stdin");
                assertThat(o.code()).as(o.err() + o.out()).isZero();
                assertThat(o.out()).contains("pushed: " + registry.host() + "/charts/nginx:0.1.0");
                assertThat(o.err()).contains("verified").doesNotContain("t0ken-value");
                assertThat(ChartPublisher.builder().plainHttp(true).credentials(RegistryCredentials.of("ci", "t0ken-value")).build()
                        .pull(registry.remote("charts"), "nginx", "0.1.0").content()).isNotEmpty();
            } finally {
                System.setIn(stdin);
            }
        }

        @Test
        void aChartWithErrorsIsNotPushed() throws Exception {
            assumeRegistry(false);
            Path chart = nginx();
            Files.writeString(chart.resolve("Chart.yaml"), Files.readString(chart.resolve("Chart.yaml")).replace("apiVersion: v2", "apiVersion: v9"));
            try (LocalRegistry registry = LocalRegistry.start(null, null)) {
                Outcome o = cli("push", chart.toString(), registry.remote("charts").uri(), "--plain-http", "--json");
                assertThat(o.code()).isEqualTo(Main.INVALID);
                assertThat(o.json().path("error").asText()).contains("nothing was pushed");
            }
        }

        @Test
        void aBadTargetNamesTheFix() {
            Outcome o = cli("push", dir.toString(), "https://registry.example.com/charts", "--json");
            assertThat(o.code()).isEqualTo(Main.USAGE);
            assertThat(o.out()).contains("not an OCI reference").contains("oci://");
        }
    }
}
