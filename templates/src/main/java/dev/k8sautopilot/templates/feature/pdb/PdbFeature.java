package dev.k8sautopilot.templates.feature.pdb;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import dev.k8sautopilot.templates.ValuesModel.Leaf;
import java.util.List;
import java.util.Map;

/** PodDisruptionBudget ({@code policy/v1}) of replicated workloads, behind {@code pdb.create}. */
public final class PdbFeature implements Feature {

    @Override
    public String id() {
        return "pdb";
    }

    @Override
    public boolean appliesTo(ChartSpec spec) {
        return spec.replicated();
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        // No section of its own: the leaves belong to the workload's section.
        v.leaf("pdb.create", spec.pdb().create(), "Create a PodDisruptionBudget")
                .leaf(Leaf.of("pdb.minAvailable", ChartValues.intOrString(spec.pdb().minAvailable()),
                        "Minimum available pods (number or percentage); set only one of minAvailable and maxUnavailable").types("integer", "string"))
                .leaf(Leaf.of("pdb.maxUnavailable", ChartValues.intOrString(spec.pdb().maxUnavailable()),
                        "Maximum unavailable pods (number or percentage)").types("integer", "string"));
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        return Map.of("pdb.yaml", "templates/pdb.yaml");
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        return spec.pdb().create() ? List.of("PodDisruptionBudget") : List.of();
    }
}
