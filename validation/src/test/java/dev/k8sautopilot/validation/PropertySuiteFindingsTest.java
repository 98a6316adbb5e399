package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ExtraContainer;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.IngressController;
import dev.k8sautopilot.model.IngressSpec;
import dev.k8sautopilot.model.PathType;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.RateLimit;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.TraefikOptions;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.templates.DefaultTemplateCoordinator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Regressions for what the random-spec property suite (examples/benchmarks) found: generated charts that failed validation. */
class PropertySuiteFindingsTest {

    private static ValidationReport validate(ChartSpec spec) {
        ChartFiles files = new DefaultTemplateCoordinator().generate(ChartPlan.of(spec));
        return new DefaultValidator().validate(files, ValidationOptions.defaults());
    }

    @Test
    @DisplayName("a sidecar without probes is a warning, not an error that no spec could fix")
    void sidecarWithoutProbes() {
        ChartSpec spec = ChartSpec.builder().name("web").image(Image.parse("nginx:1.27.3")).ports(List.of(Port.of("http", 8080)))
                .sidecars(List.of(new ExtraContainer("log-shipper", Image.parse("fluent/fluent-bit:3.1.4"), null, null, null, null)))
                .build();

        ValidationReport report = validate(spec);

        assertThat(report.atLeast(Severity.ERROR)).as(report.format()).isEmpty();
        assertThat(report.byRule("sec-probes")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("log-shipper").contains("sidecar");
        });
    }

    @Test
    @DisplayName("a worker without ports and without probes passes: a warning asks for an exec probe")
    void workerWithoutPorts() {
        ChartSpec spec = ChartSpec.builder().name("worker").image(Image.parse("acme/worker:2.0.0")).build();

        ValidationReport report = validate(spec);

        assertThat(report.atLeast(Severity.ERROR)).as(report.format()).isEmpty();
        assertThat(report.byRule("sec-probes")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("no ports");
        });
    }

    @Test
    @DisplayName("a 53-character chart name keeps every suffixed object name unique (Middlewares, headless Service, …)")
    void longNamesDoNotCollide() {
        ChartSpec spec = ChartSpec.builder().name("a".repeat(53)).image(Image.parse("traefik/whoami:v1.10.3"))
                .ports(List.of(Port.of("http", 8080)))
                .ingress(new IngressSpec(true, IngressController.TRAEFIK, null, List.of("who.example.com"), "/who", PathType.PREFIX, true,
                        null, "letsencrypt", new TraefikOptions(List.of("websecure"), true, true, new RateLimit(50, 0),
                                Map.of("X-Frame-Options", "DENY"), "who-users")))
                .build();

        ValidationReport report = validate(spec);

        assertThat(report.atLeast(Severity.ERROR)).as(report.format()).isEmpty();
        assertThat(report.byRule("k8s-duplicate-object")).isEmpty();
    }

    @Test
    @DisplayName("a name whose 63-character cut ends in a run of dashes still gives valid object names")
    void truncationEndingInDashes() {
        // "test-release-" (helm lint's release) + 48 letters puts the name's "--" at characters 62 and 63.
        ChartSpec spec = ChartSpec.builder().name("a".repeat(48) + "--p6y").image(Image.parse("nginx:1.27.3"))
                .ports(List.of(Port.of("http", 8080))).build();

        ValidationReport report = validate(spec);

        assertThat(report.atLeast(Severity.ERROR)).as(report.format()).isEmpty();
    }
}
