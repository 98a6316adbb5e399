package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sautopilot.spi.LlmProvider;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

@DisplayName("GeminiProvider against a fake generateContent API")
class GeminiProviderIT extends LlmProviderContract {

    @Override
    LlmProvider provider() {
        return new GeminiProvider(Map.of("GEMINI_API_KEY", KEY)::get);
    }

    @Override
    String baseUrl(String serverUrl) {
        return serverUrl + "/v1beta";
    }

    @Override
    String expectedPath(String model) {
        return "/v1beta/models/" + model + ":generateContent";
    }

    @Override
    String reply(String text, int in, int out) {
        return FakeLlmServer.geminiReply(text, in, out);
    }

    @Override
    String rateLimited() {
        return FakeLlmServer.geminiError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted");
    }

    @Override
    void assertAuthenticated(FakeLlmServer.Received request) {
        assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
    }

    @Override
    String requestedModel(FakeLlmServer.Received request) {
        String path = request.path();
        return path.substring(path.indexOf("/models/") + "/models/".length(), path.indexOf(':'));
    }

    @Override
    JsonNode sentSchema(JsonNode body) {
        JsonNode config = body.path("generationConfig");
        for (String key : new String[] {"responseSchema", "responseJsonSchema"}) {
            if (config.has(key)) {
                return config.get(key);
            }
        }
        return null;
    }

    @Override
    boolean structured() {
        return true;
    }
}
