package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sautopilot.spi.LlmProvider;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

@DisplayName("AnthropicProvider against a fake Messages API")
class AnthropicProviderIT extends LlmProviderContract {

    @Override
    LlmProvider provider() {
        return new AnthropicProvider(Map.of("ANTHROPIC_API_KEY", KEY)::get);
    }

    @Override
    String baseUrl(String serverUrl) {
        return serverUrl + "/v1/";
    }

    @Override
    String expectedPath(String model) {
        return "/v1/messages";
    }

    @Override
    String reply(String text, int in, int out) {
        return FakeLlmServer.anthropicReply(text, in, out);
    }

    @Override
    String rateLimited() {
        return FakeLlmServer.anthropicError("rate_limit_error", "Number of requests has exceeded your rate limit");
    }

    @Override
    void assertAuthenticated(FakeLlmServer.Received request) {
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("anthropic-version")).isNotEmpty();
    }

    @Override
    String requestedModel(FakeLlmServer.Received request) {
        return request.json().path("model").asText();
    }

    @Override
    JsonNode sentSchema(JsonNode body) {
        JsonNode format = body.path("output_config").path("format");
        return format.isMissingNode() ? null : format;
    }

    @Override
    boolean structured() {
        return false;
    }
}
