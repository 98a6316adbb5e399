package dev.k8sautopilot.spi;

import dev.k8sautopilot.model.ValidationOptions;
import dev.langchain4j.model.chat.ChatModel;
import java.util.Optional;

/**
 * What the pipeline hands a {@link Healer}.
 *
 * @param chatModel the metered chat model for healing, empty when offline
 * @param options   the validation options in force (target Kubernetes version)
 * @param round     1-based healing round
 */
public record HealContext(Optional<ChatModel> chatModel, ValidationOptions options, int round) {

    public HealContext {
        chatModel = chatModel == null ? Optional.empty() : chatModel;
        options = options == null ? ValidationOptions.defaults() : options;
        round = Math.max(1, round);
    }

    /** Offline, default options, first round. */
    public static HealContext offline() {
        return new HealContext(Optional.empty(), ValidationOptions.defaults(), 1);
    }
}
