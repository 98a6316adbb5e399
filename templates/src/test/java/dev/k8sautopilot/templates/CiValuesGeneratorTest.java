package dev.k8sautopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.AccessMode;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.Persistence;
import dev.k8sautopilot.model.Port;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ci/ scenarios stay renderable for every valid spec (cases found by the property suite). */
class CiValuesGeneratorTest {

    @Test
    @DisplayName("all-features (2 replicas) lets the chart create its claim instead of sharing an existing ReadWriteOnce one")
    void existingClaimInAllFeatures(@TempDir Path dir) {
        ChartSpec spec = ChartSpec.builder().name("web").image(Image.parse("nginx:1.27.3")).ports(List.of(Port.of("http", 8080)))
                .persistence(new Persistence(true, "1Gi", AccessMode.READ_WRITE_ONCE, null, null, "shared-data"))
                .build();
        Path chart = HelmSupport.write(spec, dir);

        String rendered = HelmSupport.template(chart, chart.resolve("ci/all-features-values.yaml"), Map.of());

        assertThat(rendered).contains("kind: PersistentVolumeClaim");
        assertThat(HelmSupport.template(chart, chart.resolve("ci/default-values.yaml"), Map.of())).contains("claimName: shared-data");
    }

    @Test
    @DisplayName("all-features of a chart without container ports leaves the port-based startup probe off")
    void noPortsNoStartupProbe(@TempDir Path dir) {
        ChartSpec spec = ChartSpec.builder().name("worker").image(Image.parse("ghcr.io/acme/worker:1.2.3"))
                .workload(dev.k8sautopilot.model.Workload.STATEFULSET)
                .probes(new dev.k8sautopilot.model.Probes(dev.k8sautopilot.model.Probe.exec(List.of("pgrep", "worker")),
                        dev.k8sautopilot.model.Probe.exec(List.of("pgrep", "worker")), null))
                .build();
        Path chart = HelmSupport.write(spec, dir);

        String rendered = HelmSupport.template(chart, chart.resolve("ci/all-features-values.yaml"), Map.of());

        assertThat(rendered).contains("kind: StatefulSet").doesNotContain("startupProbe");
    }
}
