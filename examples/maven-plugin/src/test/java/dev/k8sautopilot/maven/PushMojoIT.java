package dev.k8sautopilot.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.publish.ChartPublisher;
import dev.k8sautopilot.publish.LocalRegistry;
import dev.k8sautopilot.publish.PulledChart;
import dev.k8sautopilot.publish.RegistryCredentials;
import dev.k8sautopilot.templates.DefaultTemplateCoordinator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.apache.maven.settings.building.SettingsProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package and push goals against a real registry, with credentials from settings.xml. */
class PushMojoIT {

    @TempDir
    Path dir;

    private MavenProject project() {
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("orders");
        model.setVersion("1.0.0");
        return new MavenProject(model);
    }

    private <T extends ChartMojo> T configure(T mojo) {
        mojo.project = project();
        mojo.outputDirectory = dir.resolve("helm").toFile();
        mojo.kubeVersion = "1.31.0";
        return mojo;
    }

    private void generate() {
        ChartSpec spec = ChartSpec.builder().name("orders").image(Image.parse("nginx:1.27.3")).ports(List.of(Port.of("http", 8080))).build();
        new DefaultTemplateCoordinator().generate(ChartPlan.of(spec)).writeTo(dir.resolve("helm"), WriteMode.FAIL_IF_EXISTS);
    }

    /** Returns the server as configured: the passwords of these tests are not encrypted. */
    private static final SettingsDecrypter PLAIN = new SettingsDecrypter() {
        @Override
        public SettingsDecryptionResult decrypt(SettingsDecryptionRequest request) {
            return new SettingsDecryptionResult() {
                @Override
                public Server getServer() {
                    return request.getServers().get(0);
                }

                @Override
                public List<Server> getServers() {
                    return request.getServers();
                }

                @Override
                public org.apache.maven.settings.Proxy getProxy() {
                    return null;
                }

                @Override
                public List<org.apache.maven.settings.Proxy> getProxies() {
                    return List.of();
                }

                @Override
                public List<SettingsProblem> getProblems() {
                    return List.of();
                }
            };
        }
    };

    @Test
    void packagesThenPushesThePackagedArchiveWithSettingsCredentials() throws Exception {
        Optional<String> why = LocalRegistry.unavailable(true);
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
        generate();
        PackageMojo pack = configure(new PackageMojo());
        pack.packageDirectory = dir.toFile();
        pack.execute();
        assertThat(dir.resolve("orders-0.1.0.tgz")).exists();

        try (LocalRegistry registry = LocalRegistry.start("ci", "mojo-secret")) {
            PushMojo push = configure(new PushMojo());
            push.remote = registry.remote("charts").uri();
            push.serverId = "charts-registry";
            push.plainHttp = true;
            push.verify = true;
            push.packageDirectory = dir.toFile();
            Settings settings = new Settings();
            Server server = new Server();
            server.setId("charts-registry");
            server.setUsername("ci");
            server.setPassword("mojo-secret");
            settings.addServer(server);
            push.settings = settings;
            push.decrypter = PLAIN;
            push.execute();

            PulledChart pulled = ChartPublisher.builder().plainHttp(true).credentials(RegistryCredentials.of("ci", "mojo-secret")).build()
                    .pull(registry.remote("charts"), "orders", "0.1.0");
            assertThat(pulled.content()).isEqualTo(Files.readAllBytes(dir.resolve("orders-0.1.0.tgz")));

            push.serverId = "missing";
            assertThatThrownBy(push::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("no <server> with id 'missing'");
        }
    }

    @Test
    void validateFailsTheBuildOnErrorsAndWritesTheReport() throws Exception {
        generate();
        Path chartYaml = dir.resolve("helm/orders/Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replace("apiVersion: v2", "apiVersion: v1"));
        ValidateMojo validate = configure(new ValidateMojo());
        validate.report = dir.resolve("report.json").toFile();
        validate.failOnError = true;
        assertThatThrownBy(validate::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("error finding");
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"passed\" : false");
    }

    @Test
    void projectDefaults() {
        assertThat(ProjectDefaults.chartVersion("2.0-SNAPSHOT")).isEqualTo("2.0.0-SNAPSHOT");
        assertThat(ProjectDefaults.chartVersion("3.1.2.RELEASE")).isEqualTo("3.1.2-RELEASE");
        assertThat(ProjectDefaults.chartVersion("1")).isEqualTo("1.0.0");
        assertThat(ProjectDefaults.chartName("Orders_Service")).isEqualTo("orders-service");
        MavenProject p = project();
        p.getProperties().setProperty("jkube.generator.name", "%g/%a");
        assertThat(ProjectDefaults.image(p)).contains("example/orders:1.0.0");
        p.getProperties().setProperty("jib.to.image", "ghcr.io/acme/orders:7");
        assertThat(ProjectDefaults.image(p)).contains("ghcr.io/acme/orders:7");
    }
}
