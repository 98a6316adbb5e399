package dev.k8sautopilot.llm;

import dev.k8sautopilot.spi.LlmSettings;
import dev.langchain4j.model.chat.ChatModel;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Shared settings handling of the built-in providers: key look-up and defaults. */
final class ProviderSupport {

    private ProviderSupport() {
    }

    /**
     * The API key: the one in the settings, else the first set environment variable.
     *
     * @throws MissingApiKeyException naming the variables and the fix when there is none
     */
    static String requireKey(LlmSettings settings, Function<String, String> env, String providerName, List<String> variables) {
        return findKey(settings, env, variables).orElseThrow(() -> new MissingApiKeyException(providerName, variables));
    }

    /**
     * Wraps a langchain4j client built without retries of its own: retries and the stage deadline are
     * applied by {@link ModelCalls}, so that usage counts every HTTP request.
     */
    static ChatModel wrap(ChatModel client, LlmSettings settings, boolean strictSchema) {
        return new ProviderChatModel(client, new ModelTraits(settings.timeout(), settings.maxRetries(), strictSchema));
    }

    /** The API key, if the settings or one of the environment variables hold one. */
    static Optional<String> findKey(LlmSettings settings, Function<String, String> env, List<String> variables) {
        if (!settings.apiKey().isEmpty()) {
            return Optional.of(settings.apiKey());
        }
        for (String variable : variables) {
            String value = env.apply(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }

    /** The configured model, else the provider's default. */
    static String model(LlmSettings settings, String defaultModel) {
        return settings.modelName().orElse(defaultModel);
    }

    /** The configured base URL, if any. */
    static Optional<String> baseUrl(LlmSettings settings) {
        return settings.baseUrl().isEmpty() ? Optional.empty() : Optional.of(settings.baseUrl());
    }
}
