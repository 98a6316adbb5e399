package dev.k8sautopilot.templates.feature.metrics;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.templates.ChartValues;
import dev.k8sautopilot.templates.Feature;
import dev.k8sautopilot.templates.ValuesModel;
import java.util.List;
import java.util.Map;

/**
 * Prometheus metrics: scrape annotations on the pods ({@code metrics.enabled}, read by the pod template) and a
 * Prometheus Operator ServiceMonitor, for charts with a Service.
 */
public final class MetricsFeature implements Feature {

    @Override
    public String id() {
        return "servicemonitor";
    }

    @Override
    public boolean appliesTo(ChartSpec spec) {
        return spec.hasService();
    }

    @Override
    public void contributeValues(ChartSpec spec, ValuesModel.Builder v) {
        var m = spec.metrics();
        String port = m.enabled() && m.port() != 0 && spec.ports().stream().noneMatch(p -> p.containerPort() == m.port())
                ? "metrics"
                : spec.ports().stream().filter(p -> m.port() != 0 && p.containerPort() == m.port()).map(p -> ChartValues.camel(p.name()))
                        .findFirst().orElse(ChartValues.camel(ChartValues.servicePorts(spec).get(0).name()));
        v.section("Metrics parameters")
                .leaf("metrics.enabled", m.enabled(), "The app serves Prometheus metrics; adds prometheus.io scrape annotations to the pods")
                .leaf("metrics.port", port, "Name of the Service port serving metrics")
                .leaf("metrics.path", m.path(), "HTTP path of the metrics")
                .leaf("metrics.serviceMonitor.enabled", m.enabled() && m.serviceMonitor(), "Create a Prometheus Operator ServiceMonitor")
                .leaf("metrics.serviceMonitor.namespace", "", "Namespace of the ServiceMonitor; empty for the release namespace")
                .leaf("metrics.serviceMonitor.interval", m.interval(), "Scrape interval")
                .leaf("metrics.serviceMonitor.scrapeTimeout", "", "Scrape timeout; empty for Prometheus' default")
                .leaf("metrics.serviceMonitor.labels", Map.of(), "Extra labels so Prometheus finds the ServiceMonitor")
                .leaf("metrics.serviceMonitor.honorLabels", false, "Keep the target's labels on conflicts");
    }

    @Override
    public Map<String, String> templates(ChartSpec spec) {
        return Map.of("servicemonitor.yaml", "templates/servicemonitor.yaml");
    }

    @Override
    public List<String> renderedKinds(ChartSpec spec) {
        var m = spec.metrics();
        return m.enabled() && m.serviceMonitor() ? List.of("ServiceMonitor") : List.of();
    }

    @Override
    public List<String> requiredCrds(ChartSpec spec) {
        return List.of("Prometheus Operator CRDs for `metrics.serviceMonitor.enabled`");
    }
}
