package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Companion;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.spi.PlanningContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ChartSpec} of a companion subchart: exactly what the offline planner plans, from the built-in
 * catalog, for "a chart for &lt;app&gt;" (image, ports, probes, StatefulSet with storage, user, writable paths,
 * secret env), named after the companion. No network is involved. Thread-safe; the catalog plan of each of the few supported apps is cached.
 */
public final class CompanionSpecs {

    private static final RuleBasedPlanner PLANNER = new RuleBasedPlanner();
    private static final Map<String, ChartSpec> CACHE = new ConcurrentHashMap<>();

    private CompanionSpecs() {
    }

    /**
     * The subchart spec of a companion.
     *
     * @param companion the companion, never null
     * @param parent    name of the umbrella chart, for the description
     * @throws IllegalStateException when the catalog cannot plan the companion without questions
     */
    public static ChartSpec spec(Companion companion, String parent) {
        ChartSpec base = CACHE.computeIfAbsent(companion.app(), k -> plan(companion));
        return base.toBuilder().name(companion.name())
                .description(base.description() + ", bundled with " + parent)
                .build();
    }

    private static ChartSpec plan(Companion companion) {
        PlanOutcome outcome = PLANNER.plan(ChartRequest.of("Create a Helm chart for " + companion.app()), PlanningContext.offline());
        if (!(outcome instanceof PlanOutcome.Planned planned)) {
            throw new IllegalStateException("the catalog cannot plan the companion " + companion.app() + " without questions: "
                    + ((PlanOutcome.NeedsInput) outcome).questions());
        }
        return planned.plan().spec();
    }
}
