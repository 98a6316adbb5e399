package dev.k8sautopilot.llm;

import dev.k8sautopilot.spi.LlmProvider;
import dev.k8sautopilot.spi.LlmSettings;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * OpenAI, and any OpenAI-compatible server through a base URL (Azure OpenAI's v1 endpoint, vLLM, LM Studio,
 * Ollama's {@code /v1}). Id {@code openai}; key from {@code OPENAI_API_KEY} (optional for a compatible
 * server given by base URL, which often needs none); default model {@value #DEFAULT_MODEL}.
 *
 * <p>On OpenAI's own endpoint the model declares strict JSON-schema structured output, so the planner sends
 * its schema as a strict response format; compatible servers differ in what they support, so the planner
 * asks them for JSON in text and validates it — unless the user opts in with {@code llm.strictSchema=true}
 * ({@code --strict-schema}), which sends the strict schema to them too. Stateless and thread-safe.
 */
public final class OpenAiProvider implements LlmProvider {

    /** The provider id. */
    public static final String ID = "openai";
    /** The model used when none is configured. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    static final String KEY_VARIABLE = "OPENAI_API_KEY";

    private final Function<String, String> env;

    /** A provider reading keys from the process environment. */
    public OpenAiProvider() {
        this(System::getenv);
    }

    OpenAiProvider(Function<String, String> env) {
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
        boolean official = isOpenAiEndpoint(settings.baseUrl());
        return create(settings, official || settings.strictSchema());
    }

    /**
     * Creates the model; {@code structuredOutput} declares strict JSON-schema response format support
     * ({@code response_format: json_schema} with {@code strict: true}).
     */
    ChatModel create(LlmSettings settings, boolean structuredOutput) {
        Optional<String> baseUrl = ProviderSupport.baseUrl(settings);
        boolean official = isOpenAiEndpoint(settings.baseUrl());
        String key = official
                ? ProviderSupport.requireKey(settings, env, "OpenAI", List.of(KEY_VARIABLE))
                // Local OpenAI-compatible servers usually accept any key; the client needs one to build.
                : ProviderSupport.findKey(settings, env, List.of(KEY_VARIABLE)).orElse("none");
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
                .apiKey(key)
                .modelName(ProviderSupport.model(settings, DEFAULT_MODEL))
                .temperature(settings.temperature())
                .timeout(settings.timeout())
                .maxRetries(0);
        baseUrl.ifPresent(b::baseUrl);
        // OpenAI's newer models accept only max_completion_tokens; compatible servers know max_tokens.
        if (official) {
            b.maxCompletionTokens(settings.maxTokens());
        } else {
            b.maxTokens(settings.maxTokens());
        }
        if (structuredOutput) {
            b.supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA).strictJsonSchema(true);
        }
        return ProviderSupport.wrap(b.build(), settings, structuredOutput);
    }

    /** True for no base URL or one on api.openai.com. */
    static boolean isOpenAiEndpoint(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return true;
        }
        try {
            String host = URI.create(baseUrl.strip()).getHost();
            return host != null && host.toLowerCase(Locale.ROOT).equals("api.openai.com");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("llm.baseUrl: '" + baseUrl + "' is not a URL (fix: write it like http://localhost:8000/v1)");
        }
    }
}
