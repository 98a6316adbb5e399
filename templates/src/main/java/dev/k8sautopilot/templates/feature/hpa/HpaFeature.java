package dev.k8sautopilot.templates.feature.hpa;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import dev.k8sautopilot.templates.ValuesModel.Leaf;
import java.util.List;
import java.util.Map;

/** HorizontalPodAutoscaler ({@code autoscaling/v2}) of replicated workloads, behind {@code autoscaling.enabled}. */
public final class HpaFeature implements Feature {

    @Override
    public String id() {
        return "hpa";
    }

    @Override
    public boolean appliesTo(ChartSpec spec) {
        return spec.replicated();
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        var a = spec.autoscaling();
        v.leaf("autoscaling.enabled", a.enabled(), "Enable a HorizontalPodAutoscaler")
                .leaf(Leaf.of("autoscaling.minReplicas", a.minReplicas(), "Minimum replicas").range(1, 1000))
                .leaf(Leaf.of("autoscaling.maxReplicas", a.maxReplicas(), "Maximum replicas").range(1, 1000))
                .leaf(Leaf.of("autoscaling.targetCPU", a.targetCpu() == 0 ? "" : (Object) a.targetCpu(),
                        "Target average CPU utilisation in percent; empty for none").types("integer", "string"))
                .leaf(Leaf.of("autoscaling.targetMemory", a.targetMemory() == 0 ? "" : (Object) a.targetMemory(),
                        "Target average memory utilisation in percent; empty for none").types("integer", "string"));
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        return Map.of("hpa.yaml", "templates/hpa.yaml");
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        return spec.autoscaling().enabled() ? List.of("HorizontalPodAutoscaler") : List.of();
    }
}
