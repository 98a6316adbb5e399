package dev.k8sautopilot.examples.junit;

import static dev.k8sautopilot.validation.junit.ChartAssertions.assertThatChart;

import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.validation.junit.GenerateChart;
import dev.k8sautopilot.validation.junit.GeneratedChart;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The assertion chain of docs/testing.md ("Assertions"), verbatim, on the chart of docs/getting-started.md's spec
 * (specs/getting-started.yaml): what the docs show a newcomer must work on what the docs tell them to generate.
 * Change both together.
 */
@DisplayName("docs/testing.md's assertion chain on docs/getting-started.md's spec")
@GenerateChart(spec = "/specs/getting-started.yaml")
class GettingStartedChainTest {

    @Test
    @DisplayName("the chart assertions")
    void chart(GeneratedChart chart) {
        assertThatChart(chart)
            .passesValidation()                            // no ERROR finding (all layers, real Helm)
            .hasNoFindingsAbove(Severity.WARNING)          // INFO → only info allowed
            .hasNoFinding("sec-run-as-non-root")
            .hasScoreAtLeast(80)
            .hasFile("values.schema.json")
            .rendersKind("Ingress")                        // with the default values
            .doesNotRenderKind("HorizontalPodAutoscaler");
    }

    @Test
    @DisplayName("the render assertions")
    void rendered(GeneratedChart chart) {
        assertThatChart(chart).rendered(Map.of("replicaCount", 3, "ingress.enabled", true))
            .hasDeployment("orders")
                .withReplicas(3).withImage("ghcr.io/acme/orders-api:2.4.1").withContainerPort(8080)
                .withEnv("LOG_LEVEL", "info").withSecretEnv("DATABASE_PASSWORD").withProbe("readiness")
                .withVolumeMount("/tmp").withResourceLimit("memory", "768Mi").runsAsNonRoot()
            .and()
            .hasService("orders").withType("ClusterIP").withPort(8080)
            .and()
            .hasIngress("orders").withHost("orders.example.com").withTls();
    }
}
