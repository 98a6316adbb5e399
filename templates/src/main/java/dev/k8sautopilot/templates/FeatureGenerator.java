package dev.k8sautopilot.templates;

import dev.k8sautopilot.model.ChartPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Runs a {@link Feature} as a {@link TemplateGenerator} with the feature's id. */
record FeatureGenerator(Feature feature) implements TemplateGenerator {

    @Override
    public String id() {
        return feature.id();
    }

    @Override
    public boolean appliesTo(ChartPlan plan) {
        return feature.appliesTo(plan.spec());
    }

    @Override
    public Set<String> after() {
        return Set.of("helpers");
    }

    @Override
    public void contributeValues(ChartPlan plan, ValuesModel.Builder values) {
        feature.contributeValues(plan.spec(), values);
    }

    @Override
    public Map<String, String> generate(GenerationContext ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> ids = Map.of("workloadKind", ctx.spec().workload().wire());
        feature.templates(ctx.spec()).forEach((resource, path) -> out.put(path, ctx.template(feature.getClass(), resource, ids)));
        feature.generatedFiles(ctx).forEach((path, content) -> {
            if (out.putIfAbsent(path, content) != null) {
                throw new IllegalStateException("Feature '" + feature.id() + "' writes " + path + " twice (fix: give the generated file another path)");
            }
        });
        return out;
    }
}
