package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.templates.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every golden chart and every chart the pipeline writes for the public corpus, checked with the tools Helm users
 * run themselves (installed by {@code .ci/helm-tools.sh}): the real Helm 3.17.3 and Helm 4.1.4 CLIs
 * ({@code lint --strict}, {@code template} with the defaults and each {@code ci/} scenario, hooks included, and
 * {@code package}) and Bitnami's readme-generator-for-helm (zero metadata errors, README parameter tables exactly as
 * it writes them). Helm-java leaves hook objects out of its render, so the {@code helm test} pod is checked here: the
 * Helm 4 render goes through the Kubernetes and security layers. Skipped where npm is absent.
 */
@DisplayName("Conformance with the Helm 3 and Helm 4 CLIs and readme-generator-for-helm")
class HelmCliConformanceIT {

    private static final Path GOLDEN = Path.of("../templates/src/test/resources/golden");
    private static final String KUBE_VERSION = ValidationOptions.DEFAULT_KUBE_VERSION;

    @TempDir
    static Path work;

    private static Path helm3;
    private static Path helm4;
    private static Path readmeGenerator;

    @BeforeAll
    static void tools() {
        helm3 = ExternalTools.helm3();
        helm4 = ExternalTools.helm4();
        readmeGenerator = ExternalTools.readmeGenerator();
    }

    @TestFactory
    @DisplayName("golden charts")
    Stream<DynamicNode> goldenCharts() throws IOException {
        assertThat(GOLDEN).as("golden charts (run from the validation module)").isDirectory();
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream()
                    .map(dir -> checks("golden " + dir.getFileName(), ChartFiles.read(dir)));
        }
    }

    @TestFactory
    @DisplayName("corpus charts written by the pipeline")
    Stream<DynamicNode> corpusCharts() throws IOException {
        ChartPipeline pipeline = ChartPipeline.builder().checkpointer(new MemoryCheckpointer())
                .approvals(ApprovalHandlers.autoApprove()).outputDirectory(work.resolve("corpus")).build();
        List<DynamicNode> out = new ArrayList<>();
        for (Map<String, Object> entry : corpus()) {
            String id = String.valueOf(entry.get("id"));
            RunResult result = pipeline.toBuilder().outputDirectory(work.resolve("corpus").resolve(id)).build()
                    .run(ChartRequest.of(String.valueOf(entry.get("request"))));
            if (result instanceof RunResult.Completed done) {
                out.add(checks("corpus " + id, ChartFiles.read(done.chartDirectory())));
            }
        }
        assertThat(out).as("corpus requests that yield a chart without questions").hasSizeGreaterThan(10);
        return out.stream();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> corpus() throws IOException {
        try (InputStream in = HelmCliConformanceIT.class.getResourceAsStream("/corpus/requests.yaml")) {
            return (List<Map<String, Object>>) Yaml.load(new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The checks of one chart, written afresh to a private directory (package and readme-generator write files). */
    private static DynamicContainer checks(String label, ChartFiles chart) {
        Path base = work.resolve("charts").resolve(label.replace(' ', '-'));
        Path dir = base.resolve(chart.name());
        List<String> scenarios = new ArrayList<>();
        scenarios.add("");
        chart.paths().stream().filter(p -> p.startsWith("ci/") && p.endsWith("-values.yaml")).forEach(scenarios::add);
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("written", () -> {
            chart.writeTo(base, dev.k8sautopilot.model.WriteMode.OVERWRITE);
            assertThat(dir.resolve("Chart.yaml")).exists();
        }));
        for (Map.Entry<String, Path> helm : Map.of("helm 3", helm3, "helm 4", helm4).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            for (String scenario : scenarios) {
                String with = scenario.isEmpty() ? "defaults" : scenario;
                tests.add(DynamicTest.dynamicTest(helm.getKey() + " lint --strict (" + with + ")", () -> {
                    ExternalTools.Result r = scenario.isEmpty()
                            ? ExternalTools.run(base, helm.getValue(), "lint", "--strict", dir)
                            : ExternalTools.run(base, helm.getValue(), "lint", "--strict", dir, "-f", dir.resolve(scenario));
                    assertThat(r.exitCode()).as(r.describe()).isZero();
                    assertThat(r.all()).as(r.describe()).doesNotContain("[WARNING]", "[ERROR]");
                }));
                tests.add(DynamicTest.dynamicTest(helm.getKey() + " template with hooks (" + with + ")", () -> {
                    String rendered = template(helm.getValue(), base, dir, chart.name(), scenario);
                    assertThat(testPods(Rendering.parse(scenario, rendered, chart.name())))
                            .as("the helm test pod in the render of %s (%s)", label, with).isNotEmpty();
                }));
            }
            tests.add(DynamicTest.dynamicTest(helm.getKey() + " package", () -> {
                Path target = Files.createDirectories(base.resolve("packaged-" + helm.getKey().replace(' ', '-')));
                ExternalTools.Result r = ExternalTools.run(base, helm.getValue(), "package", dir, "-d", target);
                assertThat(r.exitCode()).as(r.describe()).isZero();
                try (Stream<Path> files = Files.list(target)) {
                    assertThat(files.map(p -> p.getFileName().toString()).toList()).as(r.describe())
                            .singleElement().asString().startsWith(chart.name() + "-").endsWith(".tgz");
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("test pod of the helm 4 render passes the Kubernetes and security layers", () -> {
            List<Rendering.Scenario> rendered = new ArrayList<>();
            for (String scenario : scenarios) {
                rendered.add(Rendering.parse(scenario, template(helm4, base, dir, chart.name(), scenario), chart.name()));
            }
            ValidationContext ctx = new ValidationContext(chart, ValidationOptions.defaults(), Optional.of(dir), null);
            ctx.useRendering(new Rendering(rendered));
            List<String> pods = rendered.stream().flatMap(s -> testPods(s).stream()).map(RenderedObject::resource).distinct().toList();
            assertThat(pods).isNotEmpty();
            List<Finding> findings = new ArrayList<>(new KubernetesLayer().run(ctx));
            findings.addAll(new SecurityLayer().run(ctx));
            assertThat(findings).as("findings on %s", pods)
                    .filteredOn(f -> pods.contains(f.resource()) && f.severity().atLeast(Severity.WARNING))
                    .extracting(Finding::format).isEmpty();
        }));
        tests.add(DynamicTest.dynamicTest("readme-generator-for-helm: no metadata errors, README unchanged", () -> {
            Path readme = dir.resolve("README.md");
            String before = Files.readString(readme, StandardCharsets.UTF_8);
            ExternalTools.Result r = ExternalTools.run(base, readmeGenerator, "--values", dir.resolve("values.yaml"), "--readme", readme);
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.all()).as(r.describe()).doesNotContain("ERROR");
            assertThat(Files.readString(readme, StandardCharsets.UTF_8)).as("README.md after readme-generator-for-helm").isEqualTo(before);
        }));
        return DynamicContainer.dynamicContainer(label, tests);
    }

    /** {@code helm template} with hooks (the CLI renders them, tests included), release named after the chart. */
    private static String template(Path helm, Path base, Path dir, String release, String scenario) {
        List<Object> cmd = new ArrayList<>(List.of(helm, "template", release, dir, "--namespace", "apps", "--kube-version", KUBE_VERSION));
        if (!scenario.isEmpty()) {
            cmd.add("-f");
            cmd.add(dir.resolve(scenario));
        }
        ExternalTools.Result r = ExternalTools.run(base, cmd.toArray());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.output();
    }

    private static List<RenderedObject> testPods(Rendering.Scenario scenario) {
        assertThat(scenario.problems()).isEmpty();
        Map<String, RenderedObject> pods = new LinkedHashMap<>();
        for (RenderedObject o : scenario.objects()) {
            if ("Pod".equals(o.kind()) && "test".equals(Maps.string(o.body(), "metadata", "annotations", "helm.sh/hook"))) {
                pods.put(o.resource(), o);
            }
        }
        return List.copyOf(pods.values());
    }
}
