package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.LayerTiming;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.templates.DefaultTemplateCoordinator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Charts of the DaemonSet, Gateway API HTTPRoute and companion-subchart slices, written as spec files, generated
 * by the default coordinator and validated by every layer (lint --strict, template of each ci scenario, strict
 * schema and CRD structure, removed APIs, security rules).
 */
@DisplayName("feature-slice charts pass every validation layer")
class SliceChartsIT {

    private static final DefaultTemplateCoordinator COORDINATOR = new DefaultTemplateCoordinator();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        """
        name: node-exporter
        image: quay.io/prometheus/node-exporter:v1.8.2
        workload: DaemonSet
        ports: [{name: metrics, containerPort: 9100}]
        metrics: {enabled: true, port: 9100}
        daemonSet: {hostPorts: [metrics]}
        security: {runAsUser: 65534}
        """,
        """
        name: shop
        image: ghcr.io/acme/shop:3.1.0
        ports: [8080]
        tier: prod
        httpRoute: {gateway: public-gw, gatewayNamespace: infra, hostnames: [shop.example.com], path: /api, matchType: PathPrefix, tls: true}
        """
    })
    void passes(String specYaml) {
        ChartFiles files = COORDINATOR.generate(ChartPlan.of(ChartSpecs.parse(specYaml)));
        ValidationReport report = new DefaultValidator().validate(files, ValidationOptions.defaults());
        assertThat(report.layers()).as(report.format()).filteredOn(l -> !l.layer().equals("dry-run")).noneMatch(LayerTiming::skipped);
        assertThat(report.atLeast(Severity.ERROR)).as(report.format()).isEmpty();
        // The two warnings every generated chart has by design (NetworkPolicy off by default; the all-features
        // scenario mounts the token): nothing specific to the slice.
        assertThat(report.atLeast(Severity.WARNING)).as(report.format()).extracting(Finding::ruleId)
                .allMatch(r -> r.equals("sec-network-policy") || r.equals("sec-automount-token"));
        assertThat(report.passed()).isTrue();
        List<String> rules = report.findings().stream().map(Finding::ruleId).toList();
        assertThat(rules).doesNotContain("k8s-unknown-kind");
    }
}
