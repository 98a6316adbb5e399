package dev.k8sautopilot.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes generated charts to a real OCI registry (Debian's docker-registry) on 127.0.0.1 and pulls them back. */
class OciRegistryIT {

    @TempDir
    Path tmp;

    private static void assumeRegistry(boolean auth) {
        Optional<String> why = LocalRegistry.unavailable(auth);
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
    }

    @Nested
    @DisplayName("an open registry")
    class Open {

        @Test
        void aPushedChartPullsBackByteIdentical() throws Exception {
            assumeRegistry(false);
            try (LocalRegistry registry = LocalRegistry.start(null, null)) {
                Path chart = TestCharts.write(tmp, "web");
                ChartPublisher publisher = ChartPublisher.builder().plainHttp(true).build();
                PackagedChart packed = publisher.pack(chart, tmp.resolve("dist"));
                assertThat(packed.archive()).hasFileName("web-0.1.0.tgz");

                PushResult pushed = publisher.push(packed.archive(), registry.remote("charts"));
                assertThat(pushed.reference()).isEqualTo(registry.host() + "/charts/web:0.1.0");
                assertThat(pushed.digest()).startsWith("sha256:");
                assertThat(pushed.verified()).isTrue();

                PulledChart pulled = publisher.pull(registry.remote("charts"), "web", "0.1.0");
                assertThat(pulled.manifestDigest()).isEqualTo(pushed.digest());
                assertThat(pulled.content()).isEqualTo(Files.readAllBytes(packed.archive()));
            }
        }

        @Test
        void aChartDirectoryIsPackagedOnTheWay() throws Exception {
            assumeRegistry(false);
            try (LocalRegistry registry = LocalRegistry.start(null, null)) {
                Path chart = TestCharts.write(tmp, "api");
                PushResult pushed = ChartPublisher.builder().plainHttp(true).build().push(chart, registry.remote("team/charts"));
                assertThat(pushed.reference()).endsWith("/team/charts/api:0.1.0");
                assertThat(pushed.verified()).isTrue();
            }
        }

        @Test
        void aMissingVersionIsReportedWithItsReference() throws Exception {
            assumeRegistry(false);
            try (LocalRegistry registry = LocalRegistry.start(null, null)) {
                assertThatThrownBy(() -> ChartPublisher.builder().plainHttp(true).build().pull(registry.remote("charts"), "nope", "9.9.9"))
                        .isInstanceOf(PublishException.class).hasMessageContaining("nope:9.9.9 is not in the registry");
            }
        }

        @Test
        void tlsAgainstAPlainHttpRegistrySaysToUsePlainHttp() throws Exception {
            assumeRegistry(false);
            try (LocalRegistry registry = LocalRegistry.start(null, null)) {
                Path chart = TestCharts.write(tmp, "web");
                assertThatThrownBy(() -> ChartPublisher.builder().build().push(chart, registry.remote("charts")))
                        .isInstanceOf(PublishException.class).hasMessageContaining("--plain-http");
            }
        }
    }

    @Nested
    @DisplayName("a registry with basic auth")
    class BasicAuth {

        @Test
        void loginPushAndPullWithCredentials() throws Exception {
            assumeRegistry(true);
            try (LocalRegistry registry = LocalRegistry.start("ci", "s3cret-pass")) {
                Path chart = TestCharts.write(tmp, "web");
                boolean hadLogin = ChartPublisher.hasLogin(registry.host());
                PushResult pushed = ChartPublisher.builder().plainHttp(true).credentials(RegistryCredentials.of("ci", "s3cret-pass")).build()
                        .push(chart, registry.remote("charts"));
                assertThat(pushed.verified()).isTrue();
                // the temporary login is gone again: a user's own helm registry config is left as it was
                assertThat(ChartPublisher.hasLogin(registry.host())).isEqualTo(hadLogin);
            }
        }

        @Test
        void withoutCredentialsThePushIsRefusedWithAHint() throws Exception {
            assumeRegistry(true);
            try (LocalRegistry registry = LocalRegistry.start("ci", "s3cret-pass")) {
                Path chart = TestCharts.write(tmp, "web");
                assertThatThrownBy(() -> ChartPublisher.builder().plainHttp(true).build().push(chart, registry.remote("charts")))
                        .isInstanceOf(PublishException.class).hasMessageContaining("--username");
            }
        }

        @Test
        void aWrongPasswordIsRefusedAndNeverPrinted() throws Exception {
            assumeRegistry(true);
            try (LocalRegistry registry = LocalRegistry.start("ci", "s3cret-pass")) {
                Path chart = TestCharts.write(tmp, "web");
                assertThatThrownBy(() -> ChartPublisher.builder().plainHttp(true).credentials(RegistryCredentials.of("ci", "wrong-pass")).build()
                        .push(chart, registry.remote("charts")))
                        .isInstanceOf(PublishException.class).hasMessageContaining("login to " + registry.host())
                        .hasMessageNotContaining("wrong-pass");
            }
        }
    }
}
