package dev.k8sautopilot.templates.feature.networkpolicy;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import dev.k8sautopilot.templates.feature.service.ServiceFeature;
import java.util.List;
import java.util.Map;

/** A NetworkPolicy for the pods (ingress to the container ports, DNS egress), behind {@code networkPolicy.enabled}. */
public final class NetworkPolicyFeature implements Feature {

    @Override
    public String id() {
        return "networkpolicy";
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        var np = spec.networkPolicy();
        v.section(ServiceFeature.SECTION)
                .leaf("networkPolicy.enabled", np.enabled(), "Create a NetworkPolicy: ingress only to the container ports, DNS egress always allowed")
                .leaf("networkPolicy.allowExternal", np.allowExternal(), "Accept connections from any pod; when false only from pods labelled <fullname>-client=true")
                .leaf("networkPolicy.allowExternalEgress", np.allowExternalEgress(), "Allow all egress; when false only DNS and traffic inside the namespace")
                .leaf("networkPolicy.extraIngress", List.of(), "Extra ingress rules")
                .leaf("networkPolicy.extraEgress", List.of(), "Extra egress rules");
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        return Map.of("networkpolicy.yaml", "templates/networkpolicy.yaml");
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        return spec.networkPolicy().enabled() ? List.of("NetworkPolicy") : List.of();
    }
}
