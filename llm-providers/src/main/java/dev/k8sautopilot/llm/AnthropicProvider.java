package dev.k8sautopilot.llm;

import dev.k8sautopilot.spi.LlmProvider;
import dev.k8sautopilot.spi.LlmSettings;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import java.util.List;
import java.util.function.Function;

/**
 * Anthropic's Messages API. Id {@code anthropic}; key from {@code ANTHROPIC_API_KEY}; default model
 * {@value #DEFAULT_MODEL}. The planner asks it for JSON in text (validated, one repair round), which works
 * on every Claude model. Stateless and thread-safe.
 */
public final class AnthropicProvider implements LlmProvider {

    /** The provider id. */
    public static final String ID = "anthropic";
    /** The model used when none is configured. */
    public static final String DEFAULT_MODEL = "claude-haiku-4-5-20251001";
    static final String KEY_VARIABLE = "ANTHROPIC_API_KEY";

    private final Function<String, String> env;

    /** A provider reading keys from the process environment. */
    public AnthropicProvider() {
        this(System::getenv);
    }

    AnthropicProvider(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String apiKeyVariable() {
        return KEY_VARIABLE;
    }

    @Override
    public String defaultModel() {
        return DEFAULT_MODEL;
    }

    @Override
    public ChatModel create(LlmSettings settings) {
        AnthropicChatModel.AnthropicChatModelBuilder b = AnthropicChatModel.builder()
                .apiKey(ProviderSupport.requireKey(settings, env, "Anthropic", List.of(KEY_VARIABLE)))
                .modelName(ProviderSupport.model(settings, DEFAULT_MODEL))
                .temperature(settings.temperature())
                .maxTokens(settings.maxTokens())
                .timeout(settings.timeout())
                .maxRetries(0);
        ProviderSupport.baseUrl(settings).ifPresent(b::baseUrl);
        return ProviderSupport.wrap(b.build(), settings, false);
    }
}
