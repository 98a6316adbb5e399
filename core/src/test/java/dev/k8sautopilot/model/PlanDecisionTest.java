package dev.k8sautopilot.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.internal.Json;
import org.junit.jupiter.api.Test;

class PlanDecisionTest {

    @Test
    void survivesTheCheckpointMapperBothWays() throws Exception {
        // A resumed run reads its plan back with the strict mapper: no derived property may be written.
        PlanDecision dropped = PlanDecision.dropped("securityContext.privileged", "true", ValueSource.LLM, "not grounded");
        String json = Json.write(dropped);

        assertThat(json).doesNotContain("\"applied\"");
        PlanDecision back = Json.mapper().readValue(json, PlanDecision.class);
        assertThat(back).isEqualTo(dropped);
        assertThat(back.isApplied()).isFalse();
    }
}
