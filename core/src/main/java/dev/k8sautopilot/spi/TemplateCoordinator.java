package dev.k8sautopilot.spi;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import java.util.List;

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

    /**
     * The Kubernetes kinds the chart renders with its default values, in a stable order, e.g.
     * {@code [Deployment, Service, ServiceAccount]}; empty when this coordinator cannot tell. The default
     * coordinator answers from its feature slices, and {@link ChartPlan#renderedKinds()} asks the discovered
     * default coordinator, so the kinds are known in one place: the code that renders them.
     *
     * @param plan the plan, never null
     */
    default List<String> renderedKinds(ChartPlan plan) {
        return List.of();
    }

    /** Unique id. */
    default String id() {
        return getClass().getName();
    }
}
