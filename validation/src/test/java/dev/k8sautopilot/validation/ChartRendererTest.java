package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.model.ChartFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ChartRenderer")
class ChartRendererTest {

    private static final ChartFiles WEBAPP = TestCharts.webapp();

    @Nested
    @DisplayName("renders with real Helm")
    class Renders {

        @Test
        @DisplayName("names the release after the chart and keeps each object's template file")
        void defaults() {
            List<RenderedManifest> objects = ChartRenderer.render(WEBAPP, Map.of());

            RenderedManifest deployment = objects.stream().filter(m -> m.kind().equals("Deployment")).findFirst().orElseThrow();
            assertThat(deployment.name()).isEqualTo("webapp");
            assertThat(deployment.file()).isEqualTo("templates/deployment.yaml");
            assertThat(deployment.resource()).isEqualTo("Deployment/webapp");
            assertThat(deployment.at("spec.replicas")).isEqualTo(2);
            assertThat(deployment.containers()).hasSize(1);
            assertThat(deployment.at("spec.template.spec.containers.0.image")).asString().endsWith("nginx-unprivileged:1.27.3");
            assertThat(objects).noneMatch(m -> m.kind().equals("Ingress"));
        }

        @Test
        @DisplayName("applies overrides, dotted keys being paths")
        void overrides() {
            List<RenderedManifest> objects = ChartRenderer.render(WEBAPP,
                    Map.of("replicaCount", 4, "ingress.enabled", true, "ingress.hostname", "web.example.com"));

            assertThat(objects).filteredOn(m -> m.kind().equals("Deployment")).singleElement()
                    .satisfies(d -> assertThat(d.at("spec.replicas")).isEqualTo(4));
            assertThat(objects).filteredOn(m -> m.kind().equals("Ingress")).singleElement()
                    .satisfies(i -> assertThat(i.at("spec.rules.0.host")).isEqualTo("web.example.com"));
        }

        @Test
        @DisplayName("passes hostile strings through YAML escaping, not string pasting")
        void escaping() {
            List<RenderedManifest> objects = ChartRenderer.render(WEBAPP,
                    Map.of("commonLabels", Map.of("team", "a: b\n- c {{ .Release.Name }}")));

            assertThat(objects.get(0).labels()).containsEntry("team", "a: b\n- c {{ .Release.Name }}");
        }

        @Test
        @DisplayName("renders with one of the chart's values files")
        void valuesFile() {
            List<RenderedManifest> objects = ChartRenderer.renderWithValuesFile(WEBAPP, "ci/full-values.yaml", "1.31");

            assertThat(objects).extracting(RenderedManifest::kind).contains("Deployment", "Service");
        }
    }

    @Nested
    @DisplayName("fails clearly")
    class Fails {

        @Test
        @DisplayName("with Helm's error when a template does not parse")
        void helmError() {
            ChartFiles broken = TestCharts.replace(WEBAPP, "templates/service.yaml", "{{ .Values.service.type }}",
                    "{{ .Values.service.type }");

            assertThatThrownBy(() -> ChartRenderer.render(broken, Map.of()))
                    .isInstanceOf(ChartRenderException.class)
                    .hasMessageContaining("chart 'webapp'")
                    .hasMessageContaining("templates/service.yaml");
        }

        @Test
        @DisplayName("naming the values files there are when one is missing")
        void missingValuesFile() {
            assertThatThrownBy(() -> ChartRenderer.renderWithValuesFile(WEBAPP, "ci/nope-values.yaml", "1.31"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ci/full-values.yaml");
        }

        @Test
        @DisplayName("on a values key with an empty segment")
        void emptySegment() {
            assertThatThrownBy(() -> ChartRenderer.nest(Map.of("ingress..enabled", true)))
                    .hasMessageContaining("ingress..enabled");
        }
    }

    @Test
    @DisplayName("nest merges dotted keys into nested maps")
    void nest() {
        Map<String, Object> in = new java.util.LinkedHashMap<>();
        in.put("ingress", Map.of("tls", true));
        in.put("ingress.enabled", true);
        in.put("a.b.c", 1);

        assertThat(ChartRenderer.nest(in)).isEqualTo(Map.of("ingress", Map.of("tls", true, "enabled", true),
                "a", Map.of("b", Map.of("c", 1))));
    }
}
