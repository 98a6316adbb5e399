package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sautopilot.spi.LlmProvider;
import org.junit.jupiter.api.DisplayName;

@DisplayName("OllamaProvider against a fake native Ollama API")
class OllamaProviderIT extends LlmProviderContract {

    @Override
    LlmProvider provider() {
        return new OllamaProvider();
    }

    @Override
    String baseUrl(String serverUrl) {
        return serverUrl;
    }

    @Override
    String expectedPath(String model) {
        return "/api/chat";
    }

    @Override
    String reply(String text, int in, int out) {
        return FakeLlmServer.ollamaReply(text, in, out);
    }

    @Override
    String rateLimited() {
        return FakeLlmServer.ollamaError("too many requests");
    }

    @Override
    void assertAuthenticated(FakeLlmServer.Received request) {
        assertThat(request.header("Authorization")).isEmpty();
        assertThat(request.json().path("stream").asBoolean(true)).isFalse();
    }

    @Override
    String requestedModel(FakeLlmServer.Received request) {
        return request.json().path("model").asText();
    }

    @Override
    JsonNode sentSchema(JsonNode body) {
        JsonNode format = body.path("format");
        return format.isObject() ? format : null;
    }

    @Override
    boolean structured() {
        return true;
    }
}
