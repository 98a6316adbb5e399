package dev.k8sautopilot.spi;

import dev.langchain4j.model.chat.ChatModel;

/**
 * Creates langchain4j chat models for one provider ({@code openai}, {@code anthropic}, {@code ollama},
 * {@code gemini}, …). Discovered through {@link java.util.ServiceLoader} by {@link #id()}; two providers
 * with the same id fail fast. A host application may skip this SPI and hand the builder its own
 * {@link ChatModel}.
 *
 * <p>See {@code docs/spi-llm-provider.md}.
 */
public interface LlmProvider {

    /** Unique id, lowercase, e.g. {@code openai}. */
    String id();

    /**
     * Creates a chat model.
     *
     * @param settings model, temperature, timeout, base URL, key (empty key = from the environment)
     * @return a ready model
     * @throws IllegalStateException when a required setting such as the API key is missing (the message names it)
     */
    ChatModel create(LlmSettings settings);

    /** The environment variable holding the API key, e.g. {@code OPENAI_API_KEY}; empty when none is needed. */
    default String apiKeyVariable() {
        return "";
    }

    /** The model used when none is configured. */
    default String defaultModel() {
        return "";
    }
}
