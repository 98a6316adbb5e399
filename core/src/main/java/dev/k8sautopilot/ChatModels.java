package dev.k8sautopilot;

import dev.k8sautopilot.config.AutopilotConfig;
import dev.k8sautopilot.internal.ServiceProviders;
import dev.k8sautopilot.spi.LlmProvider;
import dev.k8sautopilot.spi.LlmSettings;
import dev.langchain4j.model.chat.ChatModel;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The chat models of a pipeline: given ones win; otherwise, when a provider id is given or configured
 * ({@code llm.provider}), they are created through that {@link LlmProvider} with the {@code llm.*} keys of
 * the configuration the builder was given (never read from the environment here).
 *
 * @param planner the model for planning, empty offline
 * @param healer  the model for healing, empty offline
 */
record ChatModels(Optional<ChatModel> planner, Optional<ChatModel> healer) {

    static ChatModels resolve(ChatModel shared, ChatModel planner, ChatModel healer, String providerId,
                              AutopilotConfig config, ClassLoader loader) {
        ChatModel s = shared;
        ChatModel p = planner;
        ChatModel h = healer;
        if (s == null && p == null && h == null) {
            String id = providerId != null ? providerId : config.get(AutopilotConfig.LLM_PROVIDER, "");
            if (!id.isEmpty()) {
                LlmProvider provider = find(id, loader);
                LlmSettings base = settings(config, id);
                s = provider.create(base);
                String plannerModel = config.get(AutopilotConfig.PLANNER_LLM_MODEL, "");
                String healerModel = config.get(AutopilotConfig.HEALER_LLM_MODEL, "");
                if (!plannerModel.isEmpty()) {
                    p = provider.create(base.withModel(plannerModel));
                }
                if (!healerModel.isEmpty()) {
                    h = provider.create(base.withModel(healerModel));
                }
            }
        }
        return new ChatModels(Optional.ofNullable(p != null ? p : s), Optional.ofNullable(h != null ? h : s));
    }

    private static LlmProvider find(String id, ClassLoader loader) {
        Map<String, LlmProvider> providers = ServiceProviders.byId(LlmProvider.class, loader, LlmProvider::id);
        LlmProvider p = providers.get(id.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("llm.provider: no provider '" + id + "' (known: " + providers.keySet()
                    + ") (fix: use one of those, or add dev.k8sautopilot:k8s-autopilot-llm-providers to the classpath)");
        }
        return p;
    }

    private static LlmSettings settings(AutopilotConfig config, String provider) {
        return new LlmSettings(provider, config.get(AutopilotConfig.LLM_MODEL, ""),
                config.getDouble(AutopilotConfig.LLM_TEMPERATURE), config.getInt(AutopilotConfig.LLM_MAX_TOKENS),
                config.getDuration(AutopilotConfig.LLM_TIMEOUT), config.get(AutopilotConfig.LLM_BASE_URL, ""), "",
                config.getInt(AutopilotConfig.LLM_MAX_RETRIES), config.getBoolean(AutopilotConfig.LLM_STRICT_SCHEMA));
    }
}
