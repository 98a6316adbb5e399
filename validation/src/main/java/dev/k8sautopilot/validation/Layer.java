package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import java.util.List;
import java.util.Optional;

/** One validation layer. Implementations are stateless and thread-safe. */
interface Layer {

    /** Name used in {@link Finding#layer()} and the layer timing. */
    String name();

    /**
     * Why this layer cannot run for this chart, when it cannot (the report records it as skipped).
     * Layers that need a kubeconfig or a rendered chart say so here.
     */
    default Optional<String> skipReason(ValidationContext context) {
        return Optional.empty();
    }

    /** Runs the checks. Never throws for a bad chart. */
    List<Finding> run(ValidationContext context);
}
