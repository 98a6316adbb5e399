package dev.k8sautopilot.templates.feature.ingress;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.IngressController;
import dev.k8sautopilot.model.IngressSpec;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import dev.k8sautopilot.templates.ValuesModel.Leaf;
import dev.k8sautopilot.templates.feature.service.ServiceFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@code networking.k8s.io/v1} Ingress to the Service, behind {@code ingress.enabled} (on for non-Traefik controllers). */
public final class IngressFeature implements Feature {

    @Override
    public String id() {
        return "ingress";
    }

    @Override
    public boolean appliesTo(ChartSpec spec) {
        return spec.hasService();
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        IngressSpec in = spec.ingress();
        boolean std = standard(spec);
        String port = ChartValues.camel(ChartValues.servicePorts(spec).get(0).name());
        List<Object> extraHosts = new ArrayList<>();
        for (String h : in.hosts().stream().skip(1).toList()) {
            extraHosts.add(ChartValues.ordered("name", h, "path", in.path()));
        }
        v.section(ServiceFeature.SECTION)
                .leaf("ingress.enabled", std, "Create an Ingress (networking.k8s.io/v1)")
                .leaf("ingress.ingressClassName", in.controller() == IngressController.NGINX && in.className().isEmpty() ? "nginx" : in.className(),
                        "IngressClass of the Ingress; empty for the cluster default")
                .leaf("ingress.hostname", in.mainHost(), "Host name of the Ingress")
                .leaf("ingress.path", in.path(), "Path of the Ingress")
                .leaf(Leaf.of("ingress.pathType", in.pathType().wire(), "Path type of the Ingress").oneOf("Prefix", "Exact", "ImplementationSpecific"))
                .leaf("ingress.servicePort", port, "Name of the Service port the Ingress routes to")
                .leaf("ingress.annotations", Map.of(), "Extra Ingress annotations")
                .leaf("ingress.tls", std && in.tls(), "Serve TLS with the certificate in ingress.secretName")
                .leaf("ingress.secretName", in.controller() != IngressController.TRAEFIK ? in.tlsSecretName() : "",
                        "Secret with the TLS certificate; empty for <hostname>-tls")
                .leaf("ingress.extraHosts", extraHosts, "More hosts (name, path) served by the Ingress");
    }

    private static boolean standard(ChartSpec spec) {
        return spec.ingress().enabled() && spec.ingress().controller() != IngressController.TRAEFIK;
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        return Map.of("ingress.yaml", "templates/ingress.yaml");
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        return standard(spec) ? List.of("Ingress") : List.of();
    }
}
