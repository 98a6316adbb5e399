package dev.k8sautopilot.templates;

import dev.k8sautopilot.API;
import dev.k8sautopilot.model.ChartPlan;
import java.util.Map;
import java.util.Set;

/**
 * Extension point: one unit of chart generation that writes some files of a chart. The
 * {@link DefaultTemplateCoordinator} selects the generators that {@linkplain #appliesTo apply} to a plan,
 * orders them by {@linkplain #phase() phase} and {@linkplain #after() dependencies}, lets each one
 * {@linkplain #contributeValues contribute values} to the shared {@link ValuesModel}, then calls
 * {@link #generate} in that order.
 *
 * <p>A host application adds its own generator (for example a company-standard sidecar) without forking:
 * implement this interface and either pass an instance to
 * {@link DefaultTemplateCoordinator.Builder#add(TemplateGenerator)} or list the class in
 * {@code META-INF/services/dev.k8sautopilot.templates.TemplateGenerator}. A generator whose {@link #id()}
 * equals a built-in one replaces it. See {@code docs/spi-template-generator.md}.
 *
 * <pre>{@code
 * public final class AuditSidecar implements TemplateGenerator {
 *     public String id() { return "acme-audit-sidecar"; }
 *     public boolean appliesTo(ChartPlan plan) { return plan.spec().longRunning(); }
 *     public void contributeValues(ChartPlan plan, ValuesModel.Builder values) {
 *         values.update("sidecars", leaf -> leaf.withDefault(List.of(Map.of("name", "audit", "image", "acme/audit:1.2.0"))));
 *     }
 *     public Map<String, String> generate(GenerationContext ctx) { return Map.of(); }
 * }
 * }</pre>
 *
 * Implementations must be deterministic (same plan, same output), stateless or thread-safe, and must never
 * paste user data into Helm template text: put it in values and reference it from templates.
 */
@API(status = API.Status.SPI)
public interface TemplateGenerator {

    /** Unique id, e.g. {@code deployment}; a generator with a built-in's id replaces that built-in. */
    String id();

    /** Whether this generator has something to write for the plan; the default says it always has. */
    default boolean appliesTo(ChartPlan plan) {
        return true;
    }

    /**
     * Chart-relative path → content of the files this generator writes. Paths must not collide with those
     * of other generators.
     *
     * @param ctx the plan, the final values model and the files generated so far
     */
    Map<String, String> generate(GenerationContext ctx);

    /** Coarse ordering: all CORE generators run before CONDITIONAL ones, which run before DOCUMENTATION. */
    default Phase phase() {
        return Phase.CONDITIONAL;
    }

    /**
     * Ids of generators that must run before this one (when they apply). An id that no registered generator
     * has is an error; one that does not apply to the plan is ignored.
     */
    default Set<String> after() {
        return Set.of();
    }

    /**
     * Adds or changes values leaves before any file is generated. Called in generation order, so a generator
     * sees the leaves of those ordered before it. The default adds nothing.
     */
    default void contributeValues(ChartPlan plan, ValuesModel.Builder values) {
    }

    /** Generation phases, in the order they run. */
    enum Phase {
        /** Chart.yaml, values, schema, helpers: what every other file relies on. */
        CORE,
        /** Objects that exist only for some plans or behind a values switch. */
        CONDITIONAL,
        /** NOTES.txt, README.md and anything that describes the other files. */
        DOCUMENTATION
    }
}
