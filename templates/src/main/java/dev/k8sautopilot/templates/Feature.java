package dev.k8sautopilot.templates;

import dev.k8sautopilot.model.ChartSpec;
import java.util.List;
import java.util.Map;

/**
 * A feature slice: everything the generator knows about one feature of a chart — its values leaves, its
 * template resources, the Kubernetes kinds it renders, its README prerequisites, its {@code ci/} scenarios —
 * in one package, registered once (built-ins in {@code BuiltinFeatures}; extensions through
 * {@link DefaultTemplateCoordinator.Builder#addFeature(Feature)} or
 * {@code META-INF/services/dev.k8sautopilot.templates.Feature}).
 *
 * <p>The {@link DefaultTemplateCoordinator} turns every feature into a {@link TemplateGenerator} (same id),
 * so features and generators are ordered, replaced and discovered by the same rules. Features contribute
 * values in registration order, which is also the order of {@code values.yaml} and of the README tables;
 * {@link #renderedKinds} of the applicable features is what {@code ChartPlan.renderedKinds()} reports.
 *
 * <pre>{@code
 * public final class PodMonitorFeature implements Feature {
 *     public String id() { return "podmonitor"; }
 *     public boolean appliesTo(ChartSpec spec) { return spec.metrics().enabled(); }
 *     public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
 *         v.section("PodMonitor parameters").leaf("podMonitor.enabled", true, "Create a PodMonitor");
 *     }
 *     public Map<String, String> templates(ChartSpec spec) { return Map.of("podmonitor.yaml", "templates/podmonitor.yaml"); }
 *     public List<String> renderedKinds(ChartSpec spec) { return List.of("PodMonitor"); }
 * }
 * }</pre>
 *
 * Template resources are resolved relative to the feature's class (its package directory), so a slice keeps
 * its Helm text next to its Java code. Implementations are deterministic and stateless; user data goes into
 * values, never into template text.
 */
public interface Feature {

    /** Unique id; also the id of the generator that writes the feature's files. */
    String id();

    /** Whether the feature is part of a chart for this spec; the default says it always is. */
    default boolean appliesTo(ChartSpec spec) {
        return true;
    }

    /** Adds the feature's values leaves (called only when the feature applies, in registration order). */
    default void contributeValues(ChartSpec spec, ValuesModel.Builder values) {
    }

    /**
     * Template resources (relative to this class's package, or absolute) → chart-relative path. Every resource
     * gets {@code @@chart@@} (the chart name) and {@code @@workloadKind@@} filled in.
     */
    default Map<String, String> templates(ChartSpec spec) {
        return Map.of();
    }

    /** The kinds the feature renders with default values, e.g. {@code [Ingress]}; empty for none. */
    default List<String> renderedKinds(ChartSpec spec) {
        return List.of();
    }

    /**
     * Slot fills: slot name → template resource (relative to this class) whose text replaces the line marked
     * {@code @@slot:NAME@@} in a shared template ({@code _pod.tpl} has {@code containerPort}, {@code envIf},
     * {@code env}). Unfilled slots leave the shared template byte-identical.
     */
    default Map<String, String> slots(ChartSpec spec) {
        return Map.of();
    }

    /** README prerequisites that are CRDs, e.g. {@code Traefik v3 CRDs for `ingressRoute.enabled`}. */
    default List<String> requiredCrds(ChartSpec spec) {
        return List.of();
    }

    /** Other README prerequisites of the cluster, e.g. a volume provisioner. */
    default List<String> clusterPrerequisites(ChartSpec spec) {
        return List.of();
    }

    /**
     * Extra {@code ci/} scenarios: file name (e.g. {@code httproute-values.yaml}) → values. Keys must be leaves
     * of the values model, so every scenario validates against the schema.
     */
    default Map<String, Map<String, Object>> ciScenarios(ChartSpec spec) {
        return Map.of();
    }

    /** Entries of Chart.yaml {@code dependencies} (subcharts under {@code charts/}). */
    default List<Map<String, Object>> chartDependencies(ChartSpec spec) {
        return List.of();
    }

    /**
     * Files computed in Java rather than copied from resources (e.g. a subchart generated from the catalog),
     * chart-relative path → content. Called after the template resources are rendered.
     */
    default Map<String, String> generatedFiles(GenerationContext ctx) {
        return Map.of();
    }
}
