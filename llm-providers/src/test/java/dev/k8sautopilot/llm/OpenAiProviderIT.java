package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.LlmProvider;
import dev.k8sautopilot.spi.PlanningContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OpenAiProvider against a fake OpenAI-compatible server")
class OpenAiProviderIT extends LlmProviderContract {

    @Override
    LlmProvider provider() {
        return new OpenAiProvider(Map.of("OPENAI_API_KEY", KEY)::get);
    }

    @Override
    String baseUrl(String serverUrl) {
        return serverUrl + "/v1";
    }

    @Override
    String expectedPath(String model) {
        return "/v1/chat/completions";
    }

    @Override
    String reply(String text, int in, int out) {
        return FakeLlmServer.openAiReply(text, in, out);
    }

    @Override
    String rateLimited() {
        return FakeLlmServer.openAiError("rate_limit_exceeded", "Rate limit reached");
    }

    @Override
    void assertAuthenticated(FakeLlmServer.Received request) {
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Override
    String requestedModel(FakeLlmServer.Received request) {
        return request.json().path("model").asText();
    }

    @Override
    JsonNode sentSchema(JsonNode body) {
        JsonNode format = body.path("response_format");
        return format.path("type").asText().equals("json_schema") ? format.path("json_schema").path("schema") : null;
    }

    @Override
    boolean structured() {
        return false; // a base URL means an OpenAI-compatible server: JSON in text
    }

    @Test
    @DisplayName("on OpenAI's own endpoint the planner sends a json_schema response format")
    void structuredOutputOnOpenAi() {
        server.reply(200, reply(SPEC_JSON, 300, 20));
        OpenAiProvider provider = (OpenAiProvider) provider();
        LlmPlanner planner = new LlmPlanner(fallbackMarker(), new RuleBasedPlanner()::complete);

        PlanOutcome outcome = planner.plan(ChartRequest.of(REQUEST),
                new PlanningContext(Optional.of(provider.create(settings(Duration.ofSeconds(20), 0), true)), null));

        assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
        JsonNode body = server.received().get(0).json();
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_schema");
        JsonNode schema = body.path("response_format").path("json_schema").path("schema");
        assertThat(schema.path("properties").has("image")).isTrue();
        assertThat(body.path("response_format").path("json_schema").path("strict").asBoolean()).as("strict mode").isTrue();
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.path("required").toString()).as("strict mode lists every property").contains("\"image\"").contains("\"replicas\"");
        assertThat(schema.path("properties").path("replicas").toString()).as("optional = nullable").contains("null");
        assertThat(schema.path("properties").path("resources").toString()).contains("\"additionalProperties\":false");
    }

    @Test
    @DisplayName("a compatible server gets the strict schema only when the user opts in (llm.strictSchema)")
    void strictOptIn() {
        server.reply(200, reply(SPEC_JSON, 300, 20)).reply(200, reply(SPEC_JSON, 300, 20));
        LlmPlanner planner = new LlmPlanner(fallbackMarker(), new RuleBasedPlanner()::complete);

        planner.plan(ChartRequest.of(REQUEST), new PlanningContext(Optional.of(provider().create(settings(Duration.ofSeconds(20), 0))), null));
        planner.plan(ChartRequest.of(REQUEST), new PlanningContext(Optional.of(
                provider().create(settings(Duration.ofSeconds(20), 0).withStrictSchema(true))), null));

        assertThat(server.received().get(0).json().has("response_format")).isFalse();
        JsonNode format = server.received().get(1).json().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a compatible server needs no key; max_tokens is sent instead of max_completion_tokens")
    void compatibleServerWithoutKey() {
        server.reply(200, reply("ok", 1, 1));
        OpenAiProvider keyless = new OpenAiProvider(name -> null);

        keyless.create(settings(Duration.ofSeconds(20), 0)).chat("hi");

        JsonNode body = server.received().get(0).json();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(321);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }
}
