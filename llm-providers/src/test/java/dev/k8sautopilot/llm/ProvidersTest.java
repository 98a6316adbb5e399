package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.internal.ServiceProviders;
import dev.k8sautopilot.spi.Healer;
import dev.k8sautopilot.spi.LlmProvider;
import dev.k8sautopilot.spi.LlmSettings;
import dev.k8sautopilot.spi.Planner;
import dev.langchain4j.model.chat.Capability;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    static final ClassLoader LOADER = ProvidersTest.class.getClassLoader();

    @Nested
    @DisplayName("discovery")
    class Discovery {

        @Test
        @DisplayName("the four providers are registered under unique ids")
        void providers() {
            Map<String, LlmProvider> byId = ServiceProviders.byId(LlmProvider.class, LOADER, LlmProvider::id);
            assertThat(byId).containsOnlyKeys("openai", "anthropic", "ollama", "gemini");
            assertThat(byId.get("openai").apiKeyVariable()).isEqualTo("OPENAI_API_KEY");
            assertThat(byId.get("anthropic").apiKeyVariable()).isEqualTo("ANTHROPIC_API_KEY");
            assertThat(byId.get("gemini").apiKeyVariable()).isEqualTo("GOOGLE_AI_GEMINI_API_KEY");
            assertThat(byId.get("ollama").apiKeyVariable()).isEmpty();
            assertThat(byId.values()).allSatisfy(p -> assertThat(p.defaultModel()).isNotBlank());
        }

        @Test
        @DisplayName("the planner and the healer are registered")
        void stages() {
            List<Planner> planners = ServiceProviders.load(Planner.class, LOADER);
            assertThat(planners).anySatisfy(p -> {
                assertThat(p.id()).isEqualTo("llm");
                assertThat(p.priority()).isEqualTo(100);
                assertThat(p.requiresChatModel()).isTrue();
            });
            assertThat(ServiceProviders.load(Healer.class, LOADER)).anySatisfy(h -> assertThat(h).isInstanceOf(LlmHealer.class));
        }
    }

    @Nested
    @DisplayName("keys")
    class Keys {

        @Test
        @DisplayName("a missing key fails naming the variable and the fix")
        void missing() {
            LlmSettings settings = LlmSettings.of("x");
            assertThatThrownBy(() -> new OpenAiProvider(n -> null).create(settings))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("OPENAI_API_KEY").hasMessageContaining("fix: export");
            assertThatThrownBy(() -> new AnthropicProvider(n -> null).create(settings))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("ANTHROPIC_API_KEY");
            assertThatThrownBy(() -> new GeminiProvider(n -> null).create(settings))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("GOOGLE_AI_GEMINI_API_KEY or GEMINI_API_KEY");
            assertThatThrownBy(() -> new AnthropicProvider(n -> null).create(settings))
                    .isInstanceOfSatisfying(MissingApiKeyException.class,
                            e -> assertThat(e.variables()).containsExactly("ANTHROPIC_API_KEY"));
        }

        @Test
        @DisplayName("keys come from the settings first, then the environment; Ollama needs none")
        void found() {
            assertThat(new OpenAiProvider(Map.of("OPENAI_API_KEY", "k")::get).create(LlmSettings.of("openai"))).isNotNull();
            assertThat(new GeminiProvider(Map.of("GEMINI_API_KEY", "k")::get).create(LlmSettings.of("gemini"))).isNotNull();
            assertThat(new AnthropicProvider(n -> null).create(LlmSettings.of("anthropic").withApiKey("k"))).isNotNull();
            assertThat(new OllamaProvider().create(LlmSettings.of("ollama"))).isNotNull();
            assertThat(ProviderSupport.findKey(LlmSettings.of("x").withApiKey("mine"), Map.of("V", "env")::get, List.of("V"))).contains("mine");
        }

        @Test
        @DisplayName("settings never print the key")
        void masked() {
            assertThat(LlmSettings.of("openai").withApiKey("sk-very-secret").toString()).doesNotContain("sk-very-secret");
        }
    }

    @Test
    @DisplayName("OpenAI declares structured output on its own endpoint only; a bad base URL is a clear error")
    void openAiEndpoints() {
        OpenAiProvider p = new OpenAiProvider(Map.of("OPENAI_API_KEY", "k")::get);
        assertThat(p.create(LlmSettings.of("openai")).supportedCapabilities()).contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(p.create(LlmSettings.of("openai").withBaseUrl("http://localhost:8000/v1")).supportedCapabilities())
                .doesNotContain(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(OpenAiProvider.isOpenAiEndpoint("https://api.openai.com/v1")).isTrue();
        assertThatThrownBy(() -> OpenAiProvider.isOpenAiEndpoint("http://exa mple/")).hasMessageContaining("llm.baseUrl");
    }
}
