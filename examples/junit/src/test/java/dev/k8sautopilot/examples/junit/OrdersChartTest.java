package dev.k8sautopilot.examples.junit;

import static dev.k8sautopilot.validation.junit.ChartAssertions.assertThatChart;

import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.validation.junit.GenerateChart;
import dev.k8sautopilot.validation.junit.GeneratedChart;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A chart generated from a spec file under src/test/resources/specs, once for the whole class. */
@DisplayName("The orders chart (from specs/orders.yaml)")
@GenerateChart(spec = "/specs/orders.yaml")
class OrdersChartTest {

    @Test
    @DisplayName("passes validation with no finding above warning")
    void passes(GeneratedChart chart) {
        assertThatChart(chart)
                .passesValidation()
                .hasNoFindingsAbove(Severity.WARNING)
                .hasScoreAtLeast(80);
    }

    @Test
    @DisplayName("runs the image on 3 replicas with its env, secret and probes")
    void deployment(GeneratedChart chart) {
        assertThatChart(chart).rendered()
                .hasDeployment("orders")
                    .withReplicas(3)
                    .withImage("ghcr.io/acme/orders-api:2.4.1")
                    .withContainerPort(8080)
                    .withContainerPort(9090)
                    .withEnv("LOG_LEVEL", "info")
                    .withSecretEnv("DATABASE_PASSWORD")
                    .withProbe("liveness")
                    .withProbe("readiness")
                    .runsAsNonRoot()
                .and()
                .hasService("orders").withPort(8080).withPortNamed("http");
    }

    @Test
    @DisplayName("is reachable at its host with TLS, and a prod tier gets a PodDisruptionBudget")
    void ingress(GeneratedChart chart) {
        assertThatChart(chart)
                .rendersKind("Ingress")
                .rendersKind("PodDisruptionBudget")
                .rendered()
                .hasIngress("orders").withHost("orders.acme.io").withPath("/").withTls();
    }

    @Test
    @DisplayName("can be scaled and switched to autoscaling through its values")
    void values(GeneratedChart chart) {
        assertThatChart(chart).rendered(Map.of("replicaCount", 5)).hasDeployment("orders").withReplicas(5);
        assertThatChart(chart).rendered(Map.of("autoscaling.enabled", true))
                .rendersKind("HorizontalPodAutoscaler");
    }
}
