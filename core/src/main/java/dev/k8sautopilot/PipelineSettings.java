package dev.k8sautopilot;

import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.spi.ApprovalHandler;
import dev.k8sautopilot.spi.Healer;
import dev.k8sautopilot.spi.Planner;
import dev.k8sautopilot.spi.TemplateCoordinator;
import dev.k8sautopilot.spi.Validator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run needs, resolved once when the pipeline is built (see {@code ChartPipeline.Builder#build()}):
 * explicit builder values, then the configuration the builder was given, then discovery and defaults.
 */
record PipelineSettings(Planner planner, Optional<TemplateCoordinator> coordinator, Optional<Validator> validator,
                        List<Healer> healers, ApprovalHandler approvals, Map<Gate, Boolean> gates, Path outputDirectory,
                        WriteMode writeMode, ValidationOptions validationOptions, int maxHealAttempts,
                        List<PipelineListener> listeners, ChatModels models, Optional<Path> backupDirectory) {

    PipelineSettings {
        healers = List.copyOf(healers);
        gates = Map.copyOf(gates);
        listeners = List.copyOf(listeners);
    }

    TemplateCoordinator requireCoordinator() {
        return coordinator.orElseThrow(() -> new IllegalStateException(
                "no TemplateCoordinator found (fix: add dev.k8sautopilot:k8s-autopilot-templates to the classpath)"));
    }

    Validator requireValidator() {
        return validator.orElseThrow(() -> new IllegalStateException(
                "no Validator found (fix: add dev.k8sautopilot:k8s-autopilot-validation to the classpath)"));
    }

    boolean gateOn(Gate gate) {
        return gates.getOrDefault(gate, gate.enabledByDefault());
    }
}
