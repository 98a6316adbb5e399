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
}
