package dev.k8sautopilot.llm;

import dev.k8sautopilot.internal.MeteredChatModel;
import dev.k8sautopilot.spi.LlmSettings;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;

/**
 * How the planner and the healer call a model: the total time a stage may spend on it, the retries, and
 * whether the model enforces a strict JSON schema. Read from the {@link ProviderChatModel} a built-in
 * provider created (through the pipeline's metering wrapper); a model a host application made itself
 * gets the {@link LlmSettings} defaults and no extra retries (its own client decides those).
 *
 * @param stageTimeout total time one stage may spend on the model, every attempt included
 * @param maxRetries   retries after the first attempt on rate limits, server errors and timeouts
 * @param strictSchema the model enforces the response schema strictly (every property present, nullable)
 */
record ModelTraits(Duration stageTimeout, int maxRetries, boolean strictSchema) {

    static final ModelTraits FOREIGN = new ModelTraits(LlmSettings.of("").timeout(), 0, false);

    static ModelTraits of(ChatModel model) {
        ChatModel m = model;
        for (int depth = 0; depth < 8 && m != null; depth++) {
            if (m instanceof ProviderChatModel p) {
                return p.traits();
            }
            if (m instanceof MeteredChatModel metered) {
                m = metered.delegate();
            } else {
                break;
            }
        }
        return FOREIGN;
    }
}
