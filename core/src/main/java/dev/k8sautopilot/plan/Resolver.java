package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.ChartIntent;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.spi.PlanningContext;
import java.util.Objects;

/**
 * Turns a {@link ChartIntent} into a {@link ChartPlan}: the resolved {@link dev.k8sautopilot.model.ChartSpec}
 * the generators consume plus every decision with its topic, choice, reason and source. This is the one
 * place where defaults are applied:
 *
 * <ol>
 *   <li>a value the intent sets always wins (whatever its source: spec, request, answer, feedback, model);</li>
 *   <li>otherwise the {@link AppCatalog} entry of the app (image, ports, probes, storage, user, env) decides,
 *       recorded with source {@code catalog};</li>
 *   <li>otherwise the tier, high-availability and sizing rules decide ({@code rule});</li>
 *   <li>otherwise the documented default ({@code default}).</li>
 * </ol>
 *
 * <p>Reasons name the source exactly ("given in the spec", "asked for in the feedback", "catalog health
 * check of PostgreSQL"); a value the request did not contain is never credited to it. Dependencies of the
 * intent (a database the app uses) are reported and never take over the main workload.
 *
 * <pre>{@code
 * ChartIntent intent = ChartSpecs.readIntent(Path.of("web.yaml"));
 * switch (new Resolver().resolve(intent, PlanningContext.offline())) {
 *   case PlanOutcome.Planned p    -> p.plan().decisions();   // each with source()
 *   case PlanOutcome.NeedsInput n -> n.questions();
 * }
 * }</pre>
 *
 * <p>A planner that extracts an intent by other means (e.g. a language model, values tagged
 * {@link dev.k8sautopilot.model.ValueSource#LLM}) hands it here to get the same catalog and rules.
 * Immutable and thread-safe.
 */
public final class Resolver {

    private final AppCatalog catalog;

    /** A resolver using the built-in catalog. */
    public Resolver() {
        this(AppCatalog.builtIn());
    }

    /**
     * A resolver using another catalog.
     *
     * @param catalog the catalog, never null
     */
    public Resolver(AppCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Resolves an intent; the plan names the planner {@code rules}.
     *
     * @param intent  the layered intent, never null
     * @param context the planning context; may be null (resolution needs no model)
     * @return a plan, or the questions to answer first (e.g. field {@code image} when neither an image nor a known app is set)
     * @throws SpecException when a set value is invalid; the message names the field and the fix
     */
    public PlanOutcome resolve(ChartIntent intent, PlanningContext context) {
        return resolve(intent, context, "rules");
    }

    /**
     * Resolves an intent for the named planner (recorded in {@link ChartPlan#planner()}).
     *
     * @param intent    the layered intent, never null
     * @param context   the planning context; may be null
     * @param plannerId the id recorded in the plan, e.g. {@code llm}
     * @return a plan with its {@link PlanDecision decisions}, or questions
     * @throws SpecException when a set value is invalid
     */
    public PlanOutcome resolve(ChartIntent intent, PlanningContext context, String plannerId) {
        Objects.requireNonNull(intent, "intent");
        return new Resolution(catalog, intent).run(plannerId == null || plannerId.isBlank() ? "rules" : plannerId);
    }

    /** The catalog this resolver uses. */
    public AppCatalog catalog() {
        return catalog;
    }
}
