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
        """,
        """
        name: ghost
        image: ghost:5.105.0-alpine
        ports: [2368]
        env: {database__client: mysql}
        companions:
          - {app: mysql, hostEnv: database__connection__host, portEnv: database__connection__port,
             userEnv: database__connection__user, passwordEnv: database__connection__password}
        """
    })
    void passes(String specYaml) {
        ChartFiles files = COORDINATOR.generate(ChartPlan.of(ChartSpecs.parse(specYaml)));
        ValidationReport report = new DefaultValidator().validate(files, ValidationOptions.defaults());
        assertThat(report.layers()).as(report.format()).filteredOn(l -> !l.layer().equals("dry-run")).noneMatch(LayerTiming::skipped);
        assertThat(report.atLeast(Severity.ERROR)).as(report.format()).isEmpty();
        // The warnings every generated chart has by design (NetworkPolicy off by default; the all-features scenario
        // mounts the token; a catalog image's own UID below 10000, e.g. mysql's 999, as in its standalone chart).
        assertThat(report.atLeast(Severity.WARNING)).as(report.format()).extracting(Finding::ruleId)
                .allMatch(r -> r.equals("sec-network-policy") || r.equals("sec-automount-token") || r.equals("sec-run-as-user"));
        assertThat(report.passed()).isTrue();
        List<String> rules = report.findings().stream().map(Finding::ruleId).toList();
        assertThat(rules).doesNotContain("k8s-unknown-kind");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the validator renders an umbrella chart with its subchart: the subchart's objects are checked too")
    void rendersSubcharts() {
        ChartFiles files = COORDINATOR.generate(ChartPlan.of(ChartSpecs.parse("""
                name: orders
                image: ghcr.io/acme/orders:1.2.0
                ports: [8080]
                companions: [{app: postgres}]
                """)));
        assertThat(files.paths()).contains("charts/postgresql/Chart.yaml", "charts/postgresql/templates/statefulset.yaml");
        // A fault inside the subchart must be found: the layers see the objects it renders.
        ChartFiles broken = TestCharts.replace(files, "charts/postgresql/values.yaml", "runAsNonRoot: true", "runAsNonRoot: false");
        ValidationReport report = new DefaultValidator().validate(broken, ValidationOptions.defaults());
        assertThat(report.findings()).as(report.format())
                .anySatisfy(f -> assertThat(f.resource()).contains("StatefulSet/orders-postgresql"));
    }
}
