package dev.k8sautopilot.llm;

import dev.k8sautopilot.spi.LlmProvider;
import dev.k8sautopilot.spi.LlmSettings;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import java.util.List;
import java.util.function.Function;

/**
 * Google's Gemini API ({@code generateContent}). Id {@code gemini}; key from
 * {@code GOOGLE_AI_GEMINI_API_KEY} or {@code GEMINI_API_KEY}; default model {@value #DEFAULT_MODEL}.
 * Gemini constrains the reply to a response schema, so the planner sends its schema. Stateless and
 * thread-safe.
 */
public final class GeminiProvider implements LlmProvider {

    /** The provider id. */
    public static final String ID = "gemini";
    /** The model used when none is configured. */
    public static final String DEFAULT_MODEL = "gemini-2.5-flash";
    static final List<String> KEY_VARIABLES = List.of("GOOGLE_AI_GEMINI_API_KEY", "GEMINI_API_KEY");

    private final Function<String, String> env;

    /** A provider reading keys from the process environment. */
    public GeminiProvider() {
        this(System::getenv);
    }

    GeminiProvider(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String apiKeyVariable() {
        return KEY_VARIABLES.get(0);
    }

    @Override
    public String defaultModel() {
        return DEFAULT_MODEL;
    }

    @Override
    public ChatModel create(LlmSettings settings) {
        GoogleAiGeminiChatModel.GoogleAiGeminiChatModelBuilder b = GoogleAiGeminiChatModel.builder()
                .apiKey(ProviderSupport.requireKey(settings, env, "Gemini", KEY_VARIABLES))
                .modelName(ProviderSupport.model(settings, DEFAULT_MODEL))
                .temperature(settings.temperature())
                .maxOutputTokens(settings.maxTokens())
                .timeout(settings.timeout())
                .maxRetries(0)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        ProviderSupport.baseUrl(settings).ifPresent(b::baseUrl);
        return ProviderSupport.wrap(b.build(), settings, false);
    }
}
