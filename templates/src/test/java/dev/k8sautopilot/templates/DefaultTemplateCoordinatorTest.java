package dev.k8sautopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.ServiceProviders;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.spi.TemplateCoordinator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("DefaultTemplateCoordinator")
class DefaultTemplateCoordinatorTest {

    static Stream<ChartSpec> specs() {
        return Stream.concat(Stream.of(TestSpecs.webApp(), TestSpecs.database(), TestSpecs.traefikApp(), TestSpecs.job(),
                TestSpecs.cronJob(), TestSpecs.everything(), TestSpecs.internalStatefulSet()), TestSpecs.corpus().values().stream());
    }

    @Test
    @DisplayName("is found through ServiceLoader with id 'default'")
    void discovered() {
        List<TemplateCoordinator> found = ServiceProviders.load(TemplateCoordinator.class, getClass().getClassLoader());
        assertThat(found).anySatisfy(c -> {
            assertThat(c).isInstanceOf(DefaultTemplateCoordinator.class);
            assertThat(c.id()).isEqualTo("default");
        });
    }

    @ParameterizedTest
    @MethodSource("specs")
    @DisplayName("same plan, byte-identical chart (two coordinators, two runs)")
    void deterministic(ChartSpec spec) {
        ChartFiles a = new DefaultTemplateCoordinator().generate(ChartPlan.of(spec));
        ChartFiles b = new DefaultTemplateCoordinator().generate(ChartPlan.of(spec.toBuilder().build()));
        assertThat(a.files()).isEqualTo(b.files());
        assertThat(a.paths()).isEqualTo(b.paths());
        assertThat(a.contentHash()).isEqualTo(b.contentHash());
    }

    @ParameterizedTest
    @MethodSource("specs")
    @DisplayName("every chart has the QUALITY §1 files and .helmignore lists .k8s-autopilot/")
    void requiredFiles(ChartSpec spec) {
        ChartFiles files = HelmSupport.generate(spec);
        assertThat(files.paths()).contains("Chart.yaml", "values.yaml", "values.schema.json", "templates/_helpers.tpl",
                "templates/NOTES.txt", "templates/tests/test-connection.yaml", ".helmignore", "README.md",
                "ci/default-values.yaml", "ci/all-features-values.yaml");
        assertThat(files.get(".helmignore").orElseThrow()).contains(".k8s-autopilot/");
    }

    @ParameterizedTest
    @MethodSource("specs")
    @DisplayName("values.yaml, values.schema.json and README tables come from one model and agree")
    @SuppressWarnings("unchecked")
    void valuesSchemaReadmeAgree(ChartSpec spec) throws Exception {
        ChartFiles files = HelmSupport.generate(spec);
        Object values = Yaml.load(files.get("values.yaml").orElseThrow());
        Map<String, Object> schema = Json.mapper().readValue(files.get("values.schema.json").orElseThrow(), Map.class);
        assertThat(SchemaValidator.validate(values, schema)).isEmpty();
        for (String ci : files.paths().stream().filter(p -> p.startsWith("ci/")).toList()) {
            Object scenario = Yaml.load(files.get(ci).orElseThrow());
            assertThat(SchemaValidator.validate(scenario == null ? Map.of() : scenario, schema)).as(ci).isEmpty();
        }
        Map<String, Object> wrong = new LinkedHashMap<>((Map<String, Object>) values);
        wrong.put(spec.longRunning() ? "replicaCount" : "nameOverride", spec.longRunning() ? "three" : 3);
        assertThat(SchemaValidator.validate(wrong, schema)).hasSize(1);
        long params = files.get("values.yaml").orElseThrow().lines().filter(l -> l.strip().startsWith("## @param ")).count();
        long rows = files.get("README.md").orElseThrow().lines().filter(l -> l.startsWith("| `")).count();
        ValuesModel model = new DefaultTemplateCoordinator().values(ChartPlan.of(spec));
        assertThat(params).isEqualTo(rows).isEqualTo(model.leaves().size());
    }

    @Test
    @DisplayName("template files contain no user data: only the chart name is filled in")
    void noUserDataInTemplates() {
        ChartFiles files = HelmSupport.generate(TestSpecs.everything());
        files.files().forEach((path, content) -> {
            if (path.startsWith("templates/")) {
                assertThat(content).as(path).doesNotContain("shop.example.com", "LOG_LEVEL", "acme/everything", "debug", "platform");
            }
        });
        assertThat(files.get("values.yaml").orElseThrow()).contains("shop.example.com", "LOG_LEVEL");
    }

    @Test
    @DisplayName("Chart.yaml has the full metadata with quoted versions")
    void chartYaml() {
        ChartFiles files = HelmSupport.generate(TestSpecs.everything());
        String text = files.get("Chart.yaml").orElseThrow();
        assertThat(text).contains("apiVersion: v2", "name: everything", "version: \"1.2.3\"", "appVersion: \"4.5.6\"",
                "kubeVersion: \">=1.25.0-0\"", "type: application", "licenses: \"MIT\"");
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) Yaml.load(text);
        assertThat(chart).containsEntry("description", "All the options: {{ .Release.Name }} stays literal")
                .containsKeys("keywords", "home", "sources", "icon", "maintainers", "annotations");
    }

    @Nested
    @DisplayName("TemplateGenerator extension point")
    class Extensions {

        /** A company-standard sidecar added without forking. */
        static final class AuditSidecar implements TemplateGenerator {
            @Override
            public String id() {
                return "acme-audit";
            }

            @Override
            public boolean appliesTo(ChartPlan plan) {
                return plan.spec().longRunning();
            }

            @Override
            public void contributeValues(ChartPlan plan, ValuesModel.Builder values) {
                values.update("sidecars", leaf -> leaf.withDefault(List.of(ChartValues.ordered("name", "audit", "image", "docker.io/acme/audit:1.2.0"))));
                values.section("Audit parameters").leaf("audit.level", "info", "Audit log level");
            }

            @Override
            public Map<String, String> generate(GenerationContext ctx) {
                return Map.of("templates/audit-configmap.yaml", ctx.template(AuditSidecar.class, "/acme/audit-configmap.yaml", Map.of()));
            }
        }

        @Test
        @DisplayName("an explicit generator adds values and files, and runs after the core generators")
        void addsValuesAndFiles() {
            DefaultTemplateCoordinator c = DefaultTemplateCoordinator.builder().add(new AuditSidecar()).build();
            ChartFiles files = c.generate(ChartPlan.of(TestSpecs.webApp()));
            assertThat(files.get("values.yaml").orElseThrow()).contains("name: audit", "## @param audit.level Audit log level");
            assertThat(files.get("templates/audit-configmap.yaml").orElseThrow()).contains("include \"web.fullname\"");
            List<String> order = c.plan(ChartPlan.of(TestSpecs.webApp())).stream().map(TemplateGenerator::id).toList();
            assertThat(order.indexOf("acme-audit")).isGreaterThan(order.indexOf("helpers")).isLessThan(order.indexOf("readme"));
        }

        @Test
        @DisplayName("an explicit generator with a built-in id replaces the built-in")
        void replacesBuiltins() {
            TemplateGenerator notes = generator("notes", TemplateGenerator.Phase.DOCUMENTATION, Set.of(),
                    Map.of("templates/NOTES.txt", "Custom notes\n"));
            ChartFiles files = DefaultTemplateCoordinator.builder().add(notes).build().generate(ChartPlan.of(TestSpecs.webApp()));
            assertThat(files.get("templates/NOTES.txt")).contains("Custom notes\n");
        }

        @Test
        @DisplayName("two explicit generators with one id fail fast naming both")
        void duplicateIds() {
            TemplateGenerator a = generator("x", TemplateGenerator.Phase.CONDITIONAL, Set.of(), Map.of());
            TemplateGenerator b = generator("x", TemplateGenerator.Phase.CONDITIONAL, Set.of(), Map.of());
            assertThatThrownBy(() -> DefaultTemplateCoordinator.builder().add(a).add(b).build())
                    .hasMessageContaining("the id 'x'");
        }

        @Test
        @DisplayName("unknown dependencies, cycles and path collisions fail with a fix")
        void badGraphs() {
            ChartPlan plan = ChartPlan.of(TestSpecs.webApp());
            TemplateGenerator unknown = generator("u", TemplateGenerator.Phase.CONDITIONAL, Set.of("nope"), Map.of());
            assertThatThrownBy(() -> DefaultTemplateCoordinator.builder().add(unknown).build().generate(plan))
                    .hasMessageContaining("runs after 'nope'");
            TemplateGenerator a = generator("a", TemplateGenerator.Phase.CONDITIONAL, Set.of("b"), Map.of());
            TemplateGenerator b = generator("b", TemplateGenerator.Phase.CONDITIONAL, Set.of("a"), Map.of());
            assertThatThrownBy(() -> DefaultTemplateCoordinator.builder().add(a).add(b).build().generate(plan))
                    .hasMessageContaining("cycle");
            TemplateGenerator clash = generator("clash", TemplateGenerator.Phase.CONDITIONAL, Set.of(), Map.of("values.yaml", "x: 1\n"));
            assertThatThrownBy(() -> DefaultTemplateCoordinator.builder().add(clash).build().generate(plan))
                    .hasMessageContaining("both write values.yaml");
        }

        @Test
        @DisplayName("dependencies order generators inside a phase")
        void dependenciesOrder() {
            TemplateGenerator first = generator("zz-first", TemplateGenerator.Phase.CONDITIONAL, Set.of(), Map.of());
            TemplateGenerator second = generator("aa-second", TemplateGenerator.Phase.CONDITIONAL, Set.of("zz-first", "deployment"), Map.of());
            List<String> order = DefaultTemplateCoordinator.builder().add(second).add(first).build()
                    .plan(ChartPlan.of(TestSpecs.webApp())).stream().map(TemplateGenerator::id).toList();
            assertThat(order.indexOf("aa-second")).isGreaterThan(order.indexOf("zz-first")).isGreaterThan(order.indexOf("deployment"));
            assertThat(order.get(0)).isEqualTo("chart-yaml");
            assertThat(order.get(order.size() - 1)).isEqualTo("readme");
        }

        private static TemplateGenerator generator(String id, TemplateGenerator.Phase phase, Set<String> after, Map<String, String> files) {
            return new TemplateGenerator() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public boolean appliesTo(ChartPlan plan) {
                    return true;
                }

                @Override
                public Map<String, String> generate(GenerationContext ctx) {
                    return files;
                }

                @Override
                public Phase phase() {
                    return phase;
                }

                @Override
                public Set<String> after() {
                    return after;
                }
            };
        }
    }
}
