package dev.k8sautopilot.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings to create a chat model with. The API key is held here but never printed: {@link #toString()}
 * masks it, and it is never written to checkpoints.
 *
 * @param provider    provider id, e.g. {@code openai}
 * @param model       model name, e.g. {@code gpt-4o-mini}; empty = the provider's default
 * @param temperature sampling temperature, default 0.0 (reproducible plans)
 * @param maxTokens   output token limit, default 2048
 * @param baseUrl     endpoint override (OpenAI-compatible servers, Ollama host), empty = default
 * @param apiKey      API key; empty = from the provider's usual environment variable
 * @param timeout     total time one stage may spend on the model, every attempt included, default 60 s
 * @param maxRetries  retries on 429/5xx/timeouts, default 2
 * @param strictSchema ask an OpenAI-compatible server for strict JSON-schema output (OpenAI's own endpoint
 *                    always gets it); off by default because not every compatible server supports it
 */
public record LlmSettings(String provider, String model, double temperature, int maxTokens, Duration timeout,
                          String baseUrl, String apiKey, int maxRetries, boolean strictSchema) {

    public LlmSettings {
        provider = provider == null ? "" : provider.strip();
        model = model == null ? "" : model.strip();
        if (temperature < 0 || temperature > 2) {
            throw new IllegalArgumentException("llm.temperature: " + temperature + " is out of range (fix: use 0.0 to 2.0)");
        }
        maxTokens = maxTokens <= 0 ? 2048 : maxTokens;
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? Duration.ofSeconds(60) : timeout;
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        apiKey = apiKey == null ? "" : apiKey.strip();
        maxRetries = Math.max(0, maxRetries);
    }

    /** Settings without strict schema output for compatible servers. */
    public LlmSettings(String provider, String model, double temperature, int maxTokens, Duration timeout,
                       String baseUrl, String apiKey, int maxRetries) {
        this(provider, model, temperature, maxTokens, timeout, baseUrl, apiKey, maxRetries, false);
    }

    /** Settings for a provider with every default. */
    public static LlmSettings of(String provider) {
        return new LlmSettings(provider, "", 0.0, 0, null, "", "", 2);
    }

    /** The model name, if set. */
    public Optional<String> modelName() {
        return model.isEmpty() ? Optional.empty() : Optional.of(model);
    }

    /** Returns a copy with another model. */
    public LlmSettings withModel(String newModel) {
        return new LlmSettings(provider, newModel, temperature, maxTokens, timeout, baseUrl, apiKey, maxRetries, strictSchema);
    }

    /** Returns a copy with another base URL. */
    public LlmSettings withBaseUrl(String url) {
        return new LlmSettings(provider, model, temperature, maxTokens, timeout, url, apiKey, maxRetries, strictSchema);
    }

    /** Returns a copy asking compatible servers for strict schema output, or not. */
    public LlmSettings withStrictSchema(boolean strict) {
        return new LlmSettings(provider, model, temperature, maxTokens, timeout, baseUrl, apiKey, maxRetries, strict);
    }

    /** Returns a copy with an explicit API key. */
    public LlmSettings withApiKey(String key) {
        return new LlmSettings(provider, model, temperature, maxTokens, timeout, baseUrl, key, maxRetries, strictSchema);
    }

    @Override
    public String toString() {
        return "LlmSettings[provider=" + provider + ", model=" + model + ", temperature=" + temperature + ", maxTokens="
                + maxTokens + ", timeout=" + timeout + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isEmpty() ? "" : "****")
                + ", maxRetries=" + maxRetries + ", strictSchema=" + strictSchema + "]";
    }
}
