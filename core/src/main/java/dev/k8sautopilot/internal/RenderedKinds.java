package dev.k8sautopilot.internal;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.spi.TemplateCoordinator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers {@link ChartPlan#renderedKinds()} from the discovered default {@link TemplateCoordinator} (core
 * cannot see the templates module, which owns the feature slices that know what they render). The
 * coordinator is discovered once per class loader.
 */
public final class RenderedKinds {

    private static final Map<ClassLoader, Optional<TemplateCoordinator>> COORDINATORS = new ConcurrentHashMap<>();

    private RenderedKinds() {
    }

    /** The kinds the discovered default coordinator reports, or empty when no coordinator is on the classpath. */
    public static Optional<List<String>> of(ChartPlan plan) {
        ClassLoader loader = ServiceProviders.defaultLoader();
        Optional<TemplateCoordinator> coordinator = COORDINATORS.computeIfAbsent(loader, RenderedKinds::discover);
        return coordinator.map(c -> c.renderedKinds(plan)).filter(k -> !k.isEmpty());
    }

    private static Optional<TemplateCoordinator> discover(ClassLoader loader) {
        Map<String, TemplateCoordinator> found = ServiceProviders.byId(TemplateCoordinator.class, loader, TemplateCoordinator::id);
        return Optional.ofNullable(found.getOrDefault("default", found.values().stream().findFirst().orElse(null)));
    }
}
