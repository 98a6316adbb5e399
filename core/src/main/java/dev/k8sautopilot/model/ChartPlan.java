package dev.k8sautopilot.model;

import dev.k8sautopilot.internal.RenderedKinds;
import java.util.List;

/**
 * The resolved spec plus the decisions that led to it: the input of template generation and what the
 * planning-review gate shows.
 *
 * @param spec      the complete spec to render
 * @param decisions architecture decisions with reasons, in the order they were taken
 * @param warnings  things a reviewer should know (defaults taken, assumptions)
 * @param planner   id of the planner that made the plan, e.g. {@code rules} or {@code llm}
 */
public record ChartPlan(ChartSpec spec, List<PlanDecision> decisions, List<String> warnings, String planner) {

    public ChartPlan {
        if (spec == null) {
            throw new SpecException("plan.spec", "is required", "a plan wraps a complete ChartSpec");
        }
        decisions = Checks.list(decisions);
        warnings = Checks.list(warnings);
        planner = Checks.orDefault(planner, "custom");
    }

    /** A plan for a spec taken as is. */
    public static ChartPlan of(ChartSpec spec) {
        return new ChartPlan(spec, List.of(), List.of(), "spec");
    }

    /**
     * The Kubernetes kinds the chart renders with its default values, in a stable order. The answer comes
     * from the feature slices of the template module (through the discovered default
     * {@link dev.k8sautopilot.spi.TemplateCoordinator}), the same code that renders the objects.
     *
     * @throws IllegalStateException when no template module is on the classpath
     */
    public List<String> renderedKinds() {
        return RenderedKinds.of(this).orElseThrow(() -> new IllegalStateException(
                "no TemplateCoordinator found to tell the rendered kinds (fix: add dev.k8sautopilot:k8s-autopilot-templates to the classpath)"));
    }

    /** A short multi-line summary for people: kinds, image, scaling, exposure, decisions. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("Chart ").append(spec.name()).append(' ').append(spec.chartVersion())
                .append(" (app ").append(spec.appVersion()).append(")\n");
        sb.append("  image:    ").append(spec.image().reference()).append('\n');
        RenderedKinds.of(this).ifPresent(kinds -> sb.append("  objects:  ").append(String.join(", ", kinds)).append('\n'));
        if (spec.autoscaling().enabled()) {
            sb.append("  scaling:  HPA ").append(spec.autoscaling().minReplicas()).append('–')
                    .append(spec.autoscaling().maxReplicas()).append('\n');
        } else if (spec.longRunning()) {
            sb.append("  replicas: ").append(spec.replicas()).append('\n');
        }
        if (spec.ingress().enabled()) {
            sb.append("  exposed:  ").append(spec.ingress().tls() ? "https://" : "http://")
                    .append(spec.ingress().mainHost()).append(spec.ingress().path())
                    .append(" via ").append(spec.ingress().controller()).append('\n');
        }
        for (PlanDecision d : decisions) {
            sb.append("  - ").append(d.topic()).append(": ").append(d.choice());
            if (!d.reason().isEmpty()) {
                sb.append(" — ").append(d.reason());
            }
            sb.append('\n');
        }
        for (String w : warnings) {
            sb.append("  ! ").append(w).append('\n');
        }
        return sb.toString();
    }
}
