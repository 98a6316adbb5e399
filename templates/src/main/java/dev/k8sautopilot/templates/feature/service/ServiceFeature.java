package dev.k8sautopilot.templates.feature.service;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import dev.k8sautopilot.templates.ValuesModel.Leaf;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Service of long-running workloads with exposed ports; first leaves of the traffic exposure section. */
public final class ServiceFeature implements Feature {

    /** The section the Service, the routes and the NetworkPolicy share. */
    public static final String SECTION = "Traffic exposure parameters";

    @Override
    public String id() {
        return "service";
    }

    @Override
    public boolean appliesTo(ChartSpec spec) {
        return spec.hasService();
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        v.section(SECTION);
        v.leaf(Leaf.of("service.type", spec.service().type().wire(), "Service type").oneOf("ClusterIP", "NodePort", "LoadBalancer"));
        List<Port> ports = ChartValues.servicePorts(spec);
        for (Port p : ports) {
            v.leaf(Leaf.of("service.ports." + ChartValues.camel(p.name()), p.servicePort(), "Service port for container port " + p.name()).range(1, 65535));
        }
        for (Port p : ports) {
            v.leaf(Leaf.of("service.nodePorts." + ChartValues.camel(p.name()), "",
                    "Node port for " + p.name() + " (NodePort or LoadBalancer); empty to let Kubernetes choose").types("integer", "string"));
        }
        v.leaf("service.clusterIP", "", "Fixed cluster IP (ClusterIP only); empty to let Kubernetes choose")
                .leaf("service.loadBalancerSourceRanges", List.of(), "Source ranges allowed to reach a LoadBalancer")
                .leaf(Leaf.of("service.externalTrafficPolicy", "Cluster", "External traffic policy (NodePort, LoadBalancer)").oneOf("Cluster", "Local"))
                .leaf(Leaf.of("service.sessionAffinity", "None", "Session affinity").oneOf("None", "ClientIP"))
                .leaf("service.annotations", new TreeMap<>(spec.service().annotations()), "Extra Service annotations");
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        return Map.of("service.yaml", "templates/service.yaml");
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        return List.of("Service");
    }
}
