package dev.k8sautopilot.spi;

import dev.langchain4j.model.chat.ChatModel;
import java.util.Optional;

/**
 * What the pipeline hands a {@link Planner} besides the request.
 *
 * @param chatModel   the chat model for this stage, already metered by the pipeline; empty when offline
 * @param kubeVersion target Kubernetes version, e.g. {@code 1.31.0}
 */
public record PlanningContext(Optional<ChatModel> chatModel, String kubeVersion) {

    public PlanningContext {
        chatModel = chatModel == null ? Optional.empty() : chatModel;
        kubeVersion = kubeVersion == null || kubeVersion.isBlank() ? "1.31.0" : kubeVersion;
    }

    /** Offline context with the default Kubernetes version. */
    public static PlanningContext offline() {
        return new PlanningContext(Optional.empty(), null);
    }
}
