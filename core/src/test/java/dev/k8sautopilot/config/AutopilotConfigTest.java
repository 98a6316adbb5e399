package dev.k8sautopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutopilotConfigTest {

    @Test
    void defaultsApply() {
        AutopilotConfig c = AutopilotConfig.defaults();
        assertThat(c.getInt(AutopilotConfig.HEAL_MAX_ATTEMPTS)).isEqualTo(3);
        assertThat(c.getBoolean(AutopilotConfig.GATE_GENERATION_REVIEW)).isTrue();
        assertThat(c.get(AutopilotConfig.LLM_PROVIDER)).isEmpty();
        assertThat(c.getDuration(AutopilotConfig.LLM_TIMEOUT)).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.isSet(AutopilotConfig.CHECKPOINTER)).isFalse();
    }

    @Test
    void builderValuesWinOverSystemProperties() {
        System.setProperty("k8sautopilot.heal.maxAttempts", "7");
        try {
            assertThat(AutopilotConfig.load().getInt(AutopilotConfig.HEAL_MAX_ATTEMPTS)).isEqualTo(7);
            assertThat(AutopilotConfig.load().with(AutopilotConfig.HEAL_MAX_ATTEMPTS, "2").getInt(AutopilotConfig.HEAL_MAX_ATTEMPTS)).isEqualTo(2);
        } finally {
            System.clearProperty("k8sautopilot.heal.maxAttempts");
        }
    }

    @Test
    void environmentNamesFollowTheConvention() {
        assertThat(AutopilotConfig.envName("llm.maxTokens")).isEqualTo("K8S_AUTOPILOT_LLM_MAX_TOKENS");
        assertThat(AutopilotConfig.envName("planner.llm.model")).isEqualTo("K8S_AUTOPILOT_PLANNER_LLM_MODEL");
    }

    @Test
    void badValuesNameTheKey() {
        AutopilotConfig c = AutopilotConfig.of(Map.of("heal.maxAttempts", "many", "llm.timeout", "soon", "gates.planningReview", "maybe"));
        assertThatThrownBy(() -> c.getInt("heal.maxAttempts")).hasMessageContaining("heal.maxAttempts");
        assertThatThrownBy(() -> c.getDuration("llm.timeout")).hasMessageContaining("llm.timeout");
        assertThatThrownBy(() -> c.getBoolean("gates.planningReview")).hasMessageContaining("gates.planningReview");
    }

    @Test
    void toStringMasksCredentials() {
        AutopilotConfig c = AutopilotConfig.of(Map.of("checkpointer", "jdbc:postgresql://db/x?user=a&password=topsecret"));
        assertThat(c.toString()).doesNotContain("topsecret");
    }
}
