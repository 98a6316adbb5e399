package dev.k8sautopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.Port;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chart.yaml names (cases found by the random-spec property suite in examples/benchmarks). */
@SuppressWarnings("unchecked")
class ChartYamlGeneratorTest {

    private static String chartYaml(String name) {
        ChartSpec spec = ChartSpec.builder().name(name).image(Image.parse("nginx:1.27.3")).ports(List.of(Port.of("http", 8080))).build();
        return HelmSupport.generate(spec).files().get("Chart.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "1e3", "0x1f", "true", "null", "no", "y", "on", "off", "007"})
    @DisplayName("a chart name that YAML 1.1 (Helm) or 1.2 reads as a number, boolean or null is quoted and stays a string")
    @SuppressWarnings("unchecked")
    void ambiguousNames(String name) {
        String text = chartYaml(name);
        Map<String, Object> chart = (Map<String, Object>) Yaml.load(text);
        assertThat(chart.get("name")).isEqualTo(name);
        assertThat(text).containsPattern("\nname: [\"']" + name + "[\"']\n");
    }

    @Test
    @DisplayName("an ordinary name stays a plain scalar")
    void plainName() {
        assertThat(chartYaml("web")).contains("\nname: web\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3e93", "4", "no", "true"})
    @DisplayName("with the release named like the chart, object names, container names and labels stay strings")
    void renderedNamesStayStrings(String name, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        ChartSpec spec = ChartSpec.builder().name(name).image(Image.parse("nginx:1.27.3")).ports(List.of(Port.of("http", 8080))).build();
        java.nio.file.Path chart = HelmSupport.write(spec, dir);
        String rendered = new com.marcnuri.helm.Helm(chart).template().withName(name).withKubeVersion("1.31.0").call();

        for (Object doc : Yaml.loadAll(rendered)) {
            Map<String, Object> object = (Map<String, Object>) doc;
            Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
            assertThat(metadata.get("name")).as("%s name", object.get("kind")).isInstanceOf(String.class);
            Map<String, Object> labels = (Map<String, Object>) metadata.get("labels");
            if (labels != null) {
                assertThat(labels.values()).as("%s labels", object.get("kind")).allMatch(v -> v instanceof String);
            }
        }
        assertThat(rendered).contains("- name: \"" + name + "\"");
    }
}
