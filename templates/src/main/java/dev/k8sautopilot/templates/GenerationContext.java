package dev.k8sautopilot.templates;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * What a {@link TemplateGenerator} gets to work with: the plan, the final values model, and the files that
 * generators ordered before it have written. Immutable; a new context is made for each generator.
 */
public final class GenerationContext {

    private final ChartPlan plan;
    private final ValuesModel values;
    private final Map<String, String> files;
    private final List<Feature> features;

    /**
     * @param plan   the plan being rendered
     * @param values the complete values model (after every generator contributed)
     * @param files  files generated so far, in order
     */
    public GenerationContext(ChartPlan plan, ValuesModel values, Map<String, String> files) {
        this(plan, values, files, List.of());
    }

    /**
     * @param plan     the plan being rendered
     * @param values   the complete values model (after every generator contributed)
     * @param files    files generated so far, in order
     * @param features the feature slices that apply to the plan, in registration order
     */
    public GenerationContext(ChartPlan plan, ValuesModel values, Map<String, String> files, List<Feature> features) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.values = Objects.requireNonNull(values, "values");
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        this.features = List.copyOf(features);
    }

    /** The feature slices that apply to the plan, in registration order. */
    public List<Feature> features() {
        return features;
    }

    /** The kinds the chart renders with default values: those of the applicable features, without repeats. */
    public List<String> renderedKinds() {
        return kinds(plan.spec(), features);
    }

    static List<String> kinds(ChartSpec spec, List<Feature> features) {
        Set<String> kinds = new LinkedHashSet<>();
        features.forEach(f -> kinds.addAll(f.renderedKinds(spec)));
        return List.copyOf(kinds);
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
        return TemplateText.render(anchor, resource, chartName(), identifiers, slots());
    }

    /** Slot name → template text, from the applicable features' {@link Feature#slots} resources. */
    private Map<String, String> slots() {
        Map<String, String> slots = new LinkedHashMap<>();
        for (Feature f : features) {
            f.slots(spec()).forEach((slot, resource) -> {
                String text = TemplateText.load(f.getClass(), resource);
                slots.merge(slot, text, (a, b) -> (a.endsWith("\n") ? a : a + "\n") + b);
            });
        }
        return slots;
    }
}
