package dev.k8sautopilot.examples.junit;

import static dev.k8sautopilot.validation.junit.ChartAssertions.assertThatChart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.validation.junit.GenerateChart;
import dev.k8sautopilot.validation.junit.GeneratedChart;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Charts generated from sentences by the offline planner, one per parameter annotation. */
@DisplayName("Charts from natural-language requests")
class RequestChartsTest {

    @Test
    @DisplayName("redis with persistence becomes a StatefulSet with a volume claim")
    void redis(@GenerateChart(request = "Create a Helm chart for redis with persistence, 2Gi of storage") GeneratedChart redis) {
        assertThatChart(redis)
                .passesValidation()
                .rendersKind("StatefulSet")
                .doesNotRenderKind("Deployment")
                .rendered()
                .hasStatefulSet("redis").withContainerPort(6379).withVolumeMount("/data")
                .and()
                .hasService("redis").withPort(6379);
        assertThat(redis.plan().decisions()).isNotEmpty();
    }

    @Test
    @DisplayName("nginx behind Traefik gets an IngressRoute for its host")
    void nginxTraefik(@GenerateChart(request = "Create a Helm chart for nginx with 3 replicas behind Traefik at web.example.com")
                      GeneratedChart nginx) {
        assertThatChart(nginx)
                .passesValidation()
                .rendersKind("IngressRoute")
                .doesNotRenderKind("Ingress")
                .rendered()
                .hasDeployment("nginx").withReplicas(3)
                .and()
                .hasIngress("nginx").withHost("web.example.com");
    }

    @Test
    @DisplayName("an unknown app gets its image from answers, and the chart directory is injected too")
    void answered(@GenerateChart(request = "Generate a Helm chart for our billing service on port 8080",
                                 answers = "image=ghcr.io/acme/billing:3.1.0") GeneratedChart billing,
                  @GenerateChart(request = "Generate a Helm chart for our billing service on port 8080",
                                 answers = "image=ghcr.io/acme/billing:3.1.0") Path directory,
                  @GenerateChart(spec = "/specs/nightly-report.yaml") ChartPlan report) {
        assertThat(directory).isEqualTo(billing.directory());
        assertThat(directory.resolve("values.schema.json")).isRegularFile();
        assertThatChart(billing).passesValidation().rendered()
                .hasDeployment(billing.name()).withImage("ghcr.io/acme/billing:3.1.0").withContainerPort(8080);
        assertThat(report.spec().job().schedule()).isEqualTo("30 2 * * *");
    }
}
