package dev.k8sautopilot.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.spi.PlanningContext;
import org.junit.jupiter.api.Test;

/** Bugs found by the property tests, pinned. */
class PlannerRegressionTest {

    private static ChartSpec plan(String text) {
        PlanOutcome o = new RuleBasedPlanner().plan(ChartRequest.of(text), PlanningContext.offline());
        assertThat(o).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) o).plan().spec();
    }

    @Test
    void conjunctionBeforeAPortEndsTheMetricsClause() {
        ChartSpec withAnd = plan("expose prometheus metrics and listening on port 8080, keycloak");
        ChartSpec withDash = plan("EXPOSE PROMETHEUS METRICS - listening on port 8080, keycloak.");
        assertThat(withAnd).isEqualTo(withDash);
        assertThat(withAnd.metrics().port()).isEqualTo(9000);
    }

    @Test
    void restatingTheMainPortKeepsTheAppsOtherPortsAndTheProbesOnThem() {
        ChartSpec spec = plan("keycloak listening on port 8080");
        assertThat(spec.ports()).extracting(Port::name).containsExactly("http", "management");
        assertThat(spec.probes().readiness().port()).isEqualTo("management");
        assertThat(spec).isEqualTo(plan("keycloak"));
    }
}
