package dev.k8sautopilot.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.PlanningContext;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The harness of the LLM economy measure (the measure itself runs with scripts/benchmarks.sh, not in the build). */
class LlmEconomyTest {

    @Test
    @DisplayName("the simulated model answers with the plan's fields that differ from a minimal spec, always name and image")
    @SuppressWarnings("unchecked")
    void modelReply() throws Exception {
        PlanOutcome plan = new RuleBasedPlanner().plan(ChartRequest.of("Create a chart for redis with persistence, 5Gi of storage"),
                PlanningContext.offline());
        Map<String, Object> reply = Json.mapper().readValue(LlmEconomy.modelReply(plan), Map.class);

        assertThat(reply).containsKeys("name", "image", "ports", "persistence").doesNotContainKeys("workload", "replicas");
        assertThat(String.valueOf(reply.get("persistence"))).contains("5Gi");
        PlanOutcome asks = new RuleBasedPlanner().plan(ChartRequest.of("Generate a Helm chart for a Node.js application"),
                PlanningContext.offline());
        assertThat(asks).isInstanceOf(PlanOutcome.NeedsInput.class);
        assertThat(LlmEconomy.modelReply(asks)).isEqualTo("{}");
    }

    @Test
    @DisplayName("the counting model reports the tokens it counts")
    void counts() {
        CountingChatModel model = new CountingChatModel(r -> "{\"name\": \"web\"}", false);
        ChatResponse response = model.chat(ChatRequest.builder().messages(List.of(UserMessage.from("Create a Helm chart for nginx"))).build());

        assertThat(model.calls()).isEqualTo(1);
        assertThat(model.inputTokens()).isPositive().isEqualTo(response.tokenUsage().inputTokenCount().longValue());
        assertThat(model.outputTokens()).isPositive().isEqualTo(response.tokenUsage().outputTokenCount().longValue());
    }
}
