package dev.k8sautopilot.examples.junit;

import static dev.k8sautopilot.validation.junit.ChartAssertions.assertThatChart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.validation.junit.GenerateChart;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a failing chart test looks like. Each test makes a chart wrong on purpose, checks that the assertion
 * fails, and prints the message a developer would read.
 */
@DisplayName("When a chart is wrong")
@GenerateChart(spec = "/specs/orders.yaml")
class WrongChartTest {

    @Test
    @DisplayName("passesValidation names the rule, the file and line, the offending line and the fix")
    void validationFailure(ChartFiles chart) {
        String values = chart.get("values.yaml").orElseThrow();
        ChartFiles privileged = chart.with("values.yaml", values.replace("  privileged: false\n", "  privileged: true\n"));

        AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThatChart(privileged).passesValidation());

        System.out.println(error.getMessage());
        assertThat(error.getMessage())
                .startsWith("Expecting chart 'orders' to pass validation, but it has 1 error finding(s):")
                .contains("sec-privileged (ERROR) in templates/deployment.yaml")
                .contains("Deployment/orders")
                .contains("fix: ");
    }

    @Test
    @DisplayName("a wrong expectation names the object, its template and what it found")
    void wrongExpectation(ChartFiles chart) {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThatChart(chart).rendered(Map.of("replicaCount", 2)).hasDeployment("orders").withReplicas(3));

        System.out.println(error.getMessage());
        assertThat(error.getMessage()).isEqualTo("Expecting Deployment/orders (from templates/deployment.yaml, chart 'orders' "
                + "rendered with values {replicaCount=2}) to have 3 replica(s), but it has 2");
    }
}
