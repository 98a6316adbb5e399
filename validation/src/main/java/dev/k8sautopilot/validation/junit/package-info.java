/**
 * JUnit 5 and AssertJ support for testing Helm charts: fluent assertions over a chart
 * ({@link dev.k8sautopilot.validation.junit.ChartAssertions#assertThatChart(dev.k8sautopilot.model.ChartFiles)})
 * and an extension that generates a chart for a test
 * ({@link dev.k8sautopilot.validation.junit.GenerateChart @GenerateChart}).
 *
 * <pre>{@code
 * @GenerateChart(spec = "/specs/web.yaml")
 * class WebChartTest {
 *     @Test
 *     void scalesOut(ChartFiles chart) {
 *         assertThatChart(chart).passesValidation()
 *             .rendered(Map.of("replicaCount", 3)).hasDeployment("web").withReplicas(3);
 *     }
 * }
 * }</pre>
 *
 * <p>{@code junit-jupiter-api} and {@code assertj-core} are optional dependencies of
 * {@code k8s-autopilot-validation}: add them to your test classpath (most projects already have
 * them). Generating a chart also needs {@code k8s-autopilot-templates} on the test classpath.
 */
@API(status = API.Status.STABLE)
package dev.k8sautopilot.validation.junit;

import dev.k8sautopilot.API;
