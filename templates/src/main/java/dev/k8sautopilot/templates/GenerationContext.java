package dev.k8sautopilot.templates;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TemplateGenerator} gets to work with: the plan, the final values model, and the files that
 * generators ordered before it have written. Immutable; a new context is made for each generator.
 */
public final class GenerationContext {

    private final ChartPlan plan;
    private final ValuesModel values;
    private final Map<String, String> files;

    /**
     * @param plan   the plan being rendered
     * @param values the complete values model (after every generator contributed)
     * @param files  files generated so far, in order
     */
    public GenerationContext(ChartPlan plan, ValuesModel values, Map<String, String> files) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.values = Objects.requireNonNull(values, "values");
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The plan. */
    public ChartPlan plan() {
        return plan;
    }

    /** Shortcut for {@code plan().spec()}. */
    public ChartSpec spec() {
        return plan.spec();
    }

    /** The chart name, a DNS label: safe to use in template identifiers such as {@code define "<name>.labels"}. */
    public String chartName() {
        return plan.spec().name();
    }

    /** The final values model. */
    public ValuesModel values() {
        return values;
    }

    /** Files generated before this generator, unmodifiable. */
    public Map<String, String> files() {
        return files;
    }

    /**
     * Loads a template text resource and replaces {@code @@chart@@} with the chart name and every
     * {@code @@key@@} with the given identifiers. Identifiers must be structural words chosen by Java
     * (kinds, names derived from the chart name), never user data.
     *
     * @param anchor   class whose class loader holds the resource
     * @param resource absolute resource path, e.g. {@code /com/acme/templates/audit.yaml}
     * @param identifiers placeholder → replacement
     * @throws IllegalStateException when the resource is missing or a placeholder is left unfilled
     */
    public String template(Class<?> anchor, String resource, Map<String, String> identifiers) {
        return TemplateText.render(anchor, resource, chartName(), identifiers);
    }
}
