package dev.k8sautopilot.spi;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;

/**
 * Renders the files of a chart from a plan. The default one lives in {@code k8s-autopilot-templates}
 * and is found through {@link java.util.ServiceLoader}. Implementations must be deterministic (same plan,
 * same bytes) and thread-safe.
 */
public interface TemplateCoordinator {

    /**
     * Generates the chart.
     *
     * @param plan the plan, never null
     * @return the chart files, named after {@code plan.spec().name()}
     */
    ChartFiles generate(ChartPlan plan);

    /** Unique id. */
    default String id() {
        return getClass().getName();
    }
}
