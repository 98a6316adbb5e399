package dev.k8sautopilot.examples.junit;

import static dev.k8sautopilot.validation.junit.ChartAssertions.assertThatChart;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.validation.junit.GenerateChart;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A CronJob chart; the test takes plain {@link ChartFiles}, validated again by the assertions. */
@DisplayName("The nightly-report CronJob chart")
@GenerateChart(spec = "/specs/nightly-report.yaml")
class NightlyReportChartTest {

    @Test
    @DisplayName("passes validation and runs on its schedule without a Service")
    void cronJob(ChartFiles chart) {
        assertThatChart(chart)
                .passesValidation()
                .doesNotRenderKind("Service")
                .rendered()
                .hasCronJob("nightly-report").withSchedule("30 2 * * *").withImage("ghcr.io/acme/reporter:1.4.0").runsAsNonRoot();
    }
}
