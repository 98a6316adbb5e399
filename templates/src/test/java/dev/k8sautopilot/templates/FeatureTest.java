package dev.k8sautopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Feature slices")
class FeatureTest {

    /** An extension slice: a PodMonitor with its own values, template, kind and ci scenario. */
    static final class PodMonitorFeature implements Feature {
        @Override
        public String id() {
            return "acme-podmonitor";
        }

        @Override
        public boolean appliesTo(ChartSpec spec) {
            return spec.longRunning();
        }

        @Override
        public void contributeValues(ChartSpec spec, ValuesModel.Builder values) {
            values.section("PodMonitor parameters").leaf("podMonitor.enabled", true, "Create a PodMonitor");
        }

        @Override
        public Map<String, String> templates(ChartSpec spec) {
            return Map.of("/acme/audit-configmap.yaml", "templates/podmonitor.yaml");
        }

        @Override
        public List<String> renderedKinds(ChartSpec spec) {
            return List.of("PodMonitor");
        }

        @Override
        public Map<String, Map<String, Object>> ciScenarios(ChartSpec spec) {
            return Map.of("podmonitor-off-values.yaml", Map.of("podMonitor.enabled", false, "no.such.leaf", 1));
        }

        @Override
        public List<String> requiredCrds(ChartSpec spec) {
            return List.of("Prometheus Operator CRDs for `podMonitor.enabled`");
        }
    }

    @Nested
    @DisplayName("registration")
    class Registration {

        @Test
        @DisplayName("an added slice brings its values, file, kinds, ci scenario (known leaves only) and README prerequisite")
        void extension() {
            DefaultTemplateCoordinator c = DefaultTemplateCoordinator.builder().discover(false).addFeature(new PodMonitorFeature()).build();
            ChartPlan plan = ChartPlan.of(TestSpecs.webApp());
            ChartFiles files = c.generate(plan);
            assertThat(files.get("templates/podmonitor.yaml")).isPresent();
            assertThat(files.get("values.yaml").orElseThrow()).contains("## @param podMonitor.enabled Create a PodMonitor");
            assertThat(files.get("ci/podmonitor-off-values.yaml").orElseThrow()).contains("enabled: false").doesNotContain("no:");
            assertThat(files.get("README.md").orElseThrow()).contains("- Prometheus Operator CRDs for `podMonitor.enabled`");
            assertThat(c.renderedKinds(plan)).contains("Deployment", "PodMonitor");
            assertThat(c.features(plan)).extracting(Feature::id).endsWith("acme-podmonitor");
        }

        @Test
        @DisplayName("a slice with a built-in id replaces it: its files, values and kinds go with it")
        void replaceBuiltIn() {
            Feature noPdb = new Feature() {
                @Override
                public String id() {
                    return "pdb";
                }
            };
            DefaultTemplateCoordinator c = DefaultTemplateCoordinator.builder().discover(false).addFeature(noPdb).build();
            ChartPlan plan = ChartPlan.of(TestSpecs.webApp());
            assertThat(c.generate(plan).get("templates/pdb.yaml")).isEmpty();
            assertThat(c.renderedKinds(plan)).doesNotContain("PodDisruptionBudget");
            assertThat(new DefaultTemplateCoordinator().renderedKinds(plan)).contains("PodDisruptionBudget");
        }

        @Test
        @DisplayName("two added slices with one id fail fast, naming both")
        void duplicates() {
            assertThatThrownBy(() -> DefaultTemplateCoordinator.builder().addFeature(new PodMonitorFeature()).addFeature(new PodMonitorFeature()).build())
                    .hasMessageContaining("acme-podmonitor");
        }

        @Test
        @DisplayName("the kinds of a plan are those of its applicable slices, in registration order without repeats")
        void kinds() {
            DefaultTemplateCoordinator c = new DefaultTemplateCoordinator();
            assertThat(c.renderedKinds(ChartPlan.of(TestSpecs.database()))).startsWith("StatefulSet", "Service").doesNotHaveDuplicates();
            assertThat(c.renderedKinds(ChartPlan.of(TestSpecs.nodeAgent()))).startsWith("DaemonSet")
                    .doesNotContain("HorizontalPodAutoscaler", "PodDisruptionBudget");
            assertThat(c.renderedKinds(ChartPlan.of(TestSpecs.gatewayApp()))).contains("HTTPRoute").doesNotContain("Ingress");
            assertThat(c.renderedKinds(ChartPlan.of(TestSpecs.umbrella()))).contains("Deployment", "StatefulSet", "Secret");
        }
    }

    @Nested
    @DisplayName("slots in shared templates")
    class Slots {

        @Test
        @DisplayName("an unfilled slot line disappears, a marker after content is removed, a filled slot replaces its line")
        void fill() {
            String text = "a\n@@slot:one@@\nb @@slot:two@@\nc\n";
            assertThat(TemplateText.fillSlots(text, Map.of())).isEqualTo("a\nb \nc\n");
            assertThat(TemplateText.fillSlots(text, Map.of("one", "x\ny", "two", "B2\n"))).isEqualTo("a\nx\ny\nB2\nc\n");
            assertThat(TemplateText.fillSlots("no slots", Map.of("one", "x"))).isEqualTo("no slots");
        }

        @Test
        @DisplayName("_pod.tpl is byte-identical for charts whose slices fill no slot")
        void podTemplateUnchanged() {
            String web = HelmSupport.generate(TestSpecs.webApp()).get("templates/_pod.tpl").orElseThrow();
            assertThat(web).doesNotContain("@@slot").doesNotContain("hostPort").doesNotContain("companionEnv");
            assertThat(HelmSupport.generate(TestSpecs.nodeAgent()).get("templates/_pod.tpl").orElseThrow()).contains("hostPort:");
            assertThat(HelmSupport.generate(TestSpecs.umbrella()).get("templates/_pod.tpl").orElseThrow()).contains("companionEnv");
        }
    }
}
