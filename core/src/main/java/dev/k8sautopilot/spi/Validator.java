package dev.k8sautopilot.spi;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;

/**
 * Validates chart files. The default one lives in {@code k8s-autopilot-validation} (real Helm through
 * helm-java, strict Kubernetes schema, removed APIs, security rules) and is found through
 * {@link java.util.ServiceLoader}. Implementations never throw for a bad chart: every problem,
 * including a crash of a tool, becomes a {@link dev.k8sautopilot.model.Finding}. Thread-safe.
 */
public interface Validator {

    /**
     * Validates a chart.
     *
     * @param files   the chart
     * @param options target version, layers
     * @return the report, never null
     */
    ValidationReport validate(ChartFiles files, ValidationOptions options);

    /** Unique id. */
    default String id() {
        return getClass().getName();
    }
}
