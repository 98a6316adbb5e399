package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** Structural checks of Prometheus Operator {@code ServiceMonitor} objects. */
final class ServiceMonitorCheck implements CustomResourceCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.equals("monitoring.coreos.com") && kind.equals("ServiceMonitor");
    }

    @Override
    public List<Finding> check(RenderedObject o, String label) {
        List<String> problems = new ArrayList<>();
        if (Maps.get(o.body(), "spec", "selector") == null) {
            problems.add("spec.selector is missing");
        }
        List<?> endpoints = Maps.list(o.body(), "spec", "endpoints");
        if (endpoints.isEmpty()) {
            problems.add("spec.endpoints is missing or empty");
        }
        for (Object ep : endpoints) {
            if (Maps.string(ep, "port").isBlank() && Maps.string(ep, "targetPort").isBlank()) {
                problems.add("an endpoint has neither port nor targetPort");
            }
        }
        List<Finding> out = new ArrayList<>();
        for (String p : problems) {
            out.add(KubernetesLayer.find(Severity.WARNING, "servicemonitor-structure", o, p + label,
                    "name the Service port to scrape in spec.endpoints[].port"));
        }
        return out;
    }
}
