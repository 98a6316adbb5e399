package dev.k8sautopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bitnami's readme-generator-for-helm (installed by {@code .ci/helm-tools.sh}) is the referee of the values.yaml
 * metadata: for every test spec (the golden charts, the corpus specs and the feature specs), with the chart's
 * default values and with the values of each {@code ci/} scenario as defaults, it reports no metadata error and
 * leaves the README parameter section exactly as the chart has it. Skipped where npm is absent.
 */
@DisplayName("readme-generator-for-helm accepts the values metadata of every chart and scenario")
class ReadmeGeneratorConformanceIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.k8sautopilot.templates.HelmRenderIT#specs")
    void defaultsAndEveryScenario(String id, ChartSpec spec, @TempDir Path dir) throws Exception {
        Path tool = ExternalTools.readmeGenerator();
        AtomicReference<ValuesModel> model = new AtomicReference<>();
        ChartFiles files = DefaultTemplateCoordinator.builder().add(new Capture(model)).build().generate(ChartPlan.of(spec));

        check(tool, dir.resolve("defaults"), files.get("values.yaml").orElseThrow(), files.get("README.md").orElseThrow());
        List<String> scenarios = files.paths().stream().filter(p -> p.startsWith("ci/")).toList();
        assertThat(scenarios).isNotEmpty();
        for (String scenario : scenarios) {
            ValuesModel withScenario = apply(model.get(), Yaml.load(files.get(scenario).orElseThrow()), scenario);
            check(tool, dir.resolve(scenario.replace('/', '-')), withScenario.toValuesYaml(),
                    "# " + id + "\n\n## Parameters\n\n" + withScenario.toReadmeTables() + "\n## License\n");
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("values that cannot stand in a table cell (line breaks, pipes, backquotes) still pass, README unchanged")
    void valuesThatBreakTableCells(@TempDir Path dir) throws Exception {
        Path tool = ExternalTools.readmeGenerator();
        ChartSpec spec = TestSpecs.webApp().toBuilder().description("pipes | and `ticks`")
                .env(List.of(new dev.k8sautopilot.model.EnvVar("BANNER", "line 1\nline 2 | `x`"),
                        new dev.k8sautopilot.model.EnvVar("PLAIN", "ok"))).build();
        ChartFiles files = HelmSupport.generate(spec);
        check(tool, dir, files.get("values.yaml").orElseThrow(), files.get("README.md").orElseThrow());
    }

    /** Runs the tool on a values.yaml and README pair; no errors, README unchanged. */
    private static void check(Path tool, Path dir, String values, String readme) throws Exception {
        Files.createDirectories(dir);
        Path valuesFile = Files.writeString(dir.resolve("values.yaml"), values, StandardCharsets.UTF_8);
        Path readmeFile = Files.writeString(dir.resolve("README.md"), readme, StandardCharsets.UTF_8);
        ExternalTools.Result r = ExternalTools.run(dir, tool, "--values", valuesFile, "--readme", readmeFile);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.all()).as(r.describe()).doesNotContain("ERROR");
        assertThat(Files.readString(readmeFile, StandardCharsets.UTF_8)).as("README after the tool, in %s", dir).isEqualTo(readme);
    }

    /** The model with the scenario's values as defaults; every key the scenario sets must be a leaf. */
    @SuppressWarnings("unchecked")
    private static ValuesModel apply(ValuesModel model, Object scenario, String name) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", scenario instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), model, flat);
        ValuesModel.Builder b = model.toBuilder();
        flat.forEach((path, value) -> b.update(path, leaf -> leaf.withDefault(value)));
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, ValuesModel model, Map<String, Object> out) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String path = prefix + e.getKey();
            if (model.leaf(path).isPresent()) {
                out.put(path, e.getValue());
            } else {
                assertThat(e.getValue()).as("scenario key %s is neither a leaf nor a map of leaves", path).isInstanceOf(Map.class);
                flatten(path + ".", (Map<String, Object>) e.getValue(), model, out);
            }
        }
    }

    /** Hands the final values model to the test. */
    private record Capture(AtomicReference<ValuesModel> model) implements TemplateGenerator {
        @Override
        public String id() {
            return "test-capture-values";
        }

        @Override
        public Map<String, String> generate(GenerationContext ctx) {
            model.set(ctx.values());
            return Map.of();
        }
    }

}
