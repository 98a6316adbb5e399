package dev.k8sautopilot.llm;

import dev.k8sautopilot.spi.LlmProvider;
import dev.k8sautopilot.spi.LlmSettings;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;

/**
 * A local Ollama server through its native API ({@code /api/chat}). Id {@code ollama}; no key; base URL
 * default {@value #DEFAULT_BASE_URL}; default model {@value #DEFAULT_MODEL}. Ollama constrains the reply to
 * a JSON schema ({@code format}), so the planner sends its schema. Stateless and thread-safe.
 */
public final class OllamaProvider implements LlmProvider {

    /** The provider id. */
    public static final String ID = "ollama";
    /** The model used when none is configured. */
    public static final String DEFAULT_MODEL = "llama3.1";
    /** Where Ollama listens by default. */
    public static final String DEFAULT_BASE_URL = "http://localhost:11434";

    /** A provider; Ollama needs no key. */
    public OllamaProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String defaultModel() {
        return DEFAULT_MODEL;
    }

    @Override
    public ChatModel create(LlmSettings settings) {
        return ProviderSupport.wrap(OllamaChatModel.builder()
                .baseUrl(ProviderSupport.baseUrl(settings).orElse(DEFAULT_BASE_URL))
                .modelName(ProviderSupport.model(settings, DEFAULT_MODEL))
                .temperature(settings.temperature())
                .numPredict(settings.maxTokens())
                .timeout(settings.timeout())
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .maxRetries(0)
                .build(), settings, false);
    }
}
