package dev.k8sautopilot.validation.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import dev.k8sautopilot.spi.Healer;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Healers")
class HealersTest {

    static ValidationReport report(Finding... findings) {
        return new ValidationReport(List.of(findings), List.of(), OptionalInt.empty());
    }

    static Finding finding(String rule, String file, String resource, String message) {
        return new Finding(Severity.ERROR, rule, "test", file, 0, resource, message, "hint");
    }

    @Test
    @DisplayName("ServiceLoader finds every built-in with a unique id and a deterministic order 0–99")
    void discovered() {
        List<Healer> loaded = ServiceLoader.load(Healer.class).stream().map(ServiceLoader.Provider::get).toList();
        assertThat(loaded).extracting(Healer::id).containsExactlyInAnyOrderElementsOf(
                Healers.builtIns().stream().map(Healer::id).toList()).doesNotHaveDuplicates();
        assertThat(Healers.builtIns()).allSatisfy(h -> assertThat(h.order()).isBetween(0, 99))
                .extracting(Healer::order).isSorted();
        assertThat(Healers.forRule("api-removed")).containsInstanceOf(ApiVersionHealer.class);
        assertThat(Healers.forRule("sec-image-tag")).isEmpty();
    }

    @Test
    @DisplayName("without findings of its rules a healer returns the input unchanged")
    void unchanged() {
        ChartFiles files = ChartFiles.empty("x").with("Chart.yaml", "version: 1.0\n");
        ValidationReport other = report(finding("sec-privileged", "templates/d.yaml", "Deployment/d", "privileged"));
        for (Healer h : Healers.builtIns()) {
            HealResult r = h.heal(files, other, HealContext.offline());
            assertThat(r.changed()).isFalse();
            assertThat(r.files()).isSameAs(files);
        }
    }

    @Nested
    @DisplayName("text repairs")
    class Text {

        @Test
        @DisplayName("tab indentation becomes spaces and nothing else changes (property)")
        void untab() {
            qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 60)).checkAssert(s -> {
                String out = TabIndentHealer.untab(s);
                for (String line : out.split("\n", -1)) {
                    assertThat(line.substring(0, Lines.indent(line))).doesNotContain("\t");
                    assertThat(line.stripLeading().startsWith("\t")).isFalse();
                }
                assertThat(out.replaceAll("(?m)^[ \t]+", "")).isEqualTo(s.replaceAll("(?m)^[ \t]+", ""));
            });
        }

        @Test
        @DisplayName("inconsistent indentation of values is repaired to parse with the intended structure")
        void reindent() {
            String broken = "image:\n  registry: docker.io\n   repository: nginx\n  tag: \"1\"\nservice:\n   type: ClusterIP\n  port: 80\n";
            String fixed = YamlIndentHealer.reindent(broken);
            assertThat(Yaml.load(fixed)).isEqualTo(Yaml.load(
                    "image:\n  registry: docker.io\n  repository: nginx\n  tag: \"1\"\nservice:\n  type: ClusterIP\n  port: 80\n"));
        }

        @Test
        @DisplayName("Chart.yaml numbers are quoted as written and the version padded to SemVer")
        void chartMetadata() {
            ChartFiles files = ChartFiles.empty("c").with("Chart.yaml",
                    "apiVersion: v1\nname: c\nversion: 1.2 # release\nappVersion: 1.10\n");
            HealResult r = new ChartMetadataHealer().heal(files, report(
                    finding("chart-field-type", "Chart.yaml", "", "version"),
                    finding("chart-version-invalid", "Chart.yaml", "", "version"),
                    finding("chart-api-version", "Chart.yaml", "", "v1")), HealContext.offline());
            assertThat(r.files().get("Chart.yaml")).contains(
                    "apiVersion: v2\nname: c\nversion: \"1.2.0\" # release\nappVersion: \"1.10\"\n");
        }
    }

    @Nested
    @DisplayName("values edits")
    class Values {

        @Test
        @DisplayName("keep comments and other keys, replace an empty map, add a missing key")
        void splice() {
            String text = "## @param a first\na: 1\n## @param resources resources\nresources: {}\n# trailing comment\nb:\n  c: 2\n";
            String out = ValuesEdit.set(text, List.of("resources"), Map.of("limits", Map.of("memory", "256Mi")));
            assertThat(out).contains("## @param a first", "## @param resources resources", "# trailing comment");
            assertThat(Yaml.load(out)).isEqualTo(Yaml.load("a: 1\nresources:\n  limits:\n    memory: 256Mi\nb:\n  c: 2\n"));
            String added = ValuesEdit.set(out, List.of("b", "d", "e"), true);
            assertThat(Yaml.load(added)).isEqualTo(Yaml.load(
                    "a: 1\nresources:\n  limits:\n    memory: 256Mi\nb:\n  c: 2\n  d:\n    e: true\n"));
            assertThat(added).contains("# trailing comment");
        }

        @Test
        @DisplayName("unparseable values are left alone")
        void broken() {
            assertThat(ValuesEdit.set("a: [\n", List.of("a"), 1)).isEqualTo("a: [\n");
        }
    }

    @Nested
    @DisplayName("template migrations")
    class Templates {

        @Test
        @DisplayName("an HPA v2beta1 target becomes an autoscaling/v2 target")
        void hpa() {
            String tpl = "apiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  metrics:\n"
                    + "    - type: Resource\n      resource:\n        name: cpu\n        targetAverageUtilization: 80\n";
            ChartFiles files = ChartFiles.empty("c").with("templates/hpa.yaml", tpl);
            HealResult r = new ApiVersionHealer().heal(files, report(finding("api-removed", "templates/hpa.yaml",
                    "HorizontalPodAutoscaler/h", "autoscaling/v2beta1 HorizontalPodAutoscaler was removed")), HealContext.offline());
            assertThat(Yaml.load(r.files().get("templates/hpa.yaml").orElseThrow())).isEqualTo(Yaml.load(
                    "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  metrics:\n"
                            + "    - type: Resource\n      resource:\n        name: cpu\n        target:\n          type: Utilization\n"
                            + "          averageUtilization: 80\n"));
        }

        @Test
        @DisplayName("a numeric servicePort becomes port.number and a templated apiVersion is left alone")
        void ingress() {
            String tpl = "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  backend:\n"
                    + "    serviceName: web\n    servicePort: 80\n";
            ChartFiles files = ChartFiles.empty("c").with("templates/i.yaml", tpl)
                    .with("templates/j.yaml", "apiVersion: {{ include \"x.ingress.apiVersion\" . }}\nkind: Ingress\n");
            HealResult r = new ApiVersionHealer().heal(files, report(
                    finding("api-removed", "templates/i.yaml", "Ingress/i", "extensions/v1beta1 Ingress was removed"),
                    finding("api-removed", "templates/j.yaml", "Ingress/j", "extensions/v1beta1 Ingress was removed")),
                    HealContext.offline());
            assertThat(Yaml.load(r.files().get("templates/i.yaml").orElseThrow())).isEqualTo(Yaml.load(
                    "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  backend:\n"
                            + "    service:\n      name: web\n      port:\n        number: 80\n"));
            assertThat(r.files().get("templates/j.yaml")).isEqualTo(files.get("templates/j.yaml"));
            assertThat(r.applied()).hasSize(1);
        }
    }
}
