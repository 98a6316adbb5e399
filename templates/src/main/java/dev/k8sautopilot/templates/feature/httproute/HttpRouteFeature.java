package dev.k8sautopilot.templates.feature.httproute;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.HttpRouteSpec;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import dev.k8sautopilot.templates.ValuesModel.Leaf;
import dev.k8sautopilot.templates.feature.service.ServiceFeature;
import java.util.List;
import java.util.Map;

/**
 * A Gateway API {@code HTTPRoute} ({@code gateway.networking.k8s.io/v1}) from a named Gateway to the chart's
 * Service: {@code parentRefs} (name, optional namespace and listener {@code sectionName}), host names and one
 * path match. TLS is the Gateway's job: the route attaches to its HTTPS listener through {@code sectionName}.
 * Part of charts whose spec names a Gateway.
 */
public final class HttpRouteFeature implements Feature {

    @Override
    public String id() {
        return "httproute";
    }

    @Override
    public boolean appliesTo(ChartSpec spec) {
        return spec.hasService() && !spec.httpRoute().gateway().isEmpty();
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        HttpRouteSpec r = spec.httpRoute();
        v.section(ServiceFeature.SECTION)
                .leaf("httpRoute.enabled", r.on(), "Create a Gateway API HTTPRoute (gateway.networking.k8s.io/v1)")
                .leaf("httpRoute.gateway.name", r.gateway(), "Name of the Gateway the route attaches to (parentRefs)")
                .leaf("httpRoute.gateway.namespace", r.gatewayNamespace(), "Namespace of the Gateway; empty for the release namespace")
                .leaf("httpRoute.gateway.sectionName", r.sectionName(),
                        "Listener of the Gateway to attach to (e.g. https, whose TLS the Gateway terminates); empty for all listeners")
                .leaf("httpRoute.hostnames", r.hostnames(), "Host names the route matches; empty for those of the Gateway's listeners")
                .leaf("httpRoute.path", r.path(), "Path the route matches")
                .leaf(Leaf.of("httpRoute.matchType", r.matchType(), "How the path matches").oneOf("PathPrefix", "Exact"))
                .leaf("httpRoute.servicePort", ChartValues.camel(ChartValues.servicePorts(spec).get(0).name()),
                        "Name of the Service port (a key of service.ports) the route forwards to")
                .leaf("httpRoute.annotations", Map.of(), "Extra HTTPRoute annotations");
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        return Map.of("httproute.yaml", "templates/httproute.yaml");
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        return spec.httpRoute().on() ? List.of("HTTPRoute") : List.of();
    }

    @Override
    public List<String> requiredCrds(ChartSpec spec) {
        return List.of("Gateway API v1 CRDs and a Gateway for `httpRoute.enabled` (`gateway.networking.k8s.io/v1`)");
    }

    @Override
    public Map<String, Map<String, Object>> ciScenarios(ChartSpec spec) {
        return Map.of("httproute-values.yaml", ChartValues.ordered(
                "httpRoute.enabled", true,
                "httpRoute.gateway.namespace", "gateway-system",
                "httpRoute.gateway.sectionName", "https",
                "httpRoute.hostnames", List.of("ci." + spec.name() + ".example.com"),
                "httpRoute.matchType", "Exact"));
    }
}
