package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.LayerTiming;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.spi.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DefaultValidator")
class DefaultValidatorTest {

    private final DefaultValidator validator = new DefaultValidator();

    static Set<String> documentedRules() throws IOException {
        Path doc = Path.of("..", "docs", "validation-rules.md");
        Matcher m = Pattern.compile("^\\| `([a-z0-9-]+)` \\|", Pattern.MULTILINE).matcher(Files.readString(doc));
        Set<String> out = new java.util.HashSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    @DisplayName("is found through ServiceLoader with id 'default'")
    void serviceLoader() {
        assertThat(ServiceLoader.load(Validator.class).stream().map(ServiceLoader.Provider::get).map(Validator::id))
                .contains("default");
    }

    @Nested
    @DisplayName("a chart from helm create")
    class HelmCreate {

        @Test
        @DisplayName("validates with a score, and every finding is explained with a documented rule, a layer and a hint")
        void scored(@TempDir Path dir) throws IOException {
            Helm.create().withName("hc").withDir(dir).call();
            ValidationReport report = validator.validate(dir.resolve("hc"), ValidationOptions.defaults());
            assertThat(report.score()).isPresent();
            assertThat(report.score().getAsInt()).isBetween(0, 60);
            assertThat(report.passed()).isFalse();
            assertThat(report.findings()).extracting(Finding::ruleId)
                    .contains("sec-run-as-non-root", "sec-resources", "sec-privilege-escalation", "sec-capabilities");
            Set<String> documented = documentedRules();
            assertThat(report.findings()).allSatisfy(f -> {
                assertThat(documented).as("rule %s documented", f.ruleId()).contains(f.ruleId());
                assertThat(f.layer()).isIn(DefaultValidator.layerNames());
                assertThat(f.message()).isNotBlank();
                assertThat(f.hint()).isNotBlank();
            });
            assertThat(report.byRule("sec-resources").get(0).resource()).isEqualTo("Deployment/hc");
            assertThat(report.byRule("sec-resources").get(0).file()).isEqualTo("templates/deployment.yaml");
            assertThat(report.byRule("sec-resources").get(0).line()).isPositive();
        }

        @Test
        @DisplayName("is repaired by the built-in healers to a chart without errors")
        void repaired(@TempDir Path dir) {
            Helm.create().withName("hc").withDir(dir).call();
            ChartFiles files = ChartFiles.read(dir.resolve("hc"));
            HealLoop.Outcome outcome = HealLoop.run(validator, files, ValidationOptions.defaults(), 3);
            // The helm test pod (a hook, checked since hooks are rendered) uses an untagged busybox image: no
            // healer picks an image tag, so that error stays; everything else is healed.
            assertThat(outcome.after().atLeast(Severity.ERROR)).as(outcome.after().format() + outcome.applied())
                    .allSatisfy(f -> {
                        assertThat(f.ruleId()).isEqualTo("sec-image-tag");
                        assertThat(f.resource()).isEqualTo("Pod/hc-test-connection");
                    });
            assertThat(outcome.after().score().getAsInt()).isGreaterThan(outcome.before().score().getAsInt());
            assertThat(outcome.files().get("values.yaml").orElseThrow())
                    .as("comments of values.yaml survive").contains("# Default values for hc.");
        }
    }

    @Nested
    @DisplayName("never throws")
    class Robust {

        @Test
        @DisplayName("a chart calling lookup renders offline like helm template: lookup is empty, every layer runs")
        void lookup() {
            ChartFiles files = TestCharts.webapp().with("templates/secret.yaml", """
                    {{- $existing := lookup "v1" "Secret" .Release.Namespace "db" }}
                    apiVersion: v1
                    kind: Secret
                    metadata:
                      name: db
                    data:
                      password: {{ if $existing }}{{ index $existing.data "password" }}{{ else }}{{ "generated" | b64enc }}{{ end }}
                    """);
            ValidationReport report = validator.validate(files, ValidationOptions.defaults());
            assertThat(report.byRule("template-render-failed")).as(report.format()).isEmpty();
            assertThat(report.layers()).filteredOn(l -> List.of("template", "kubernetes", "deprecation", "security")
                    .contains(l.layer())).allSatisfy(l -> assertThat(l.skipped()).as(l.layer()).isFalse());
        }

        @Test
        @DisplayName("an empty chart gives findings")
        void empty() {
            ValidationReport report = validator.validate(ChartFiles.empty("nothing"), ValidationOptions.defaults());
            assertThat(report.byRule("chart-yaml-missing")).isNotEmpty();
            assertThat(report.byRule("templates-missing")).isNotEmpty();
            assertThat(report.layers()).filteredOn(LayerTiming::skipped).extracting(LayerTiming::layer)
                    .contains("lint", "template", "kubernetes", "security");
        }

        @Test
        @DisplayName("binary content where Helm reads text gives a finding; binary files elsewhere and U+FFFD do not")
        void binary() {
            ChartFiles files = TestCharts.webapp()
                    .withBinary("templates/blob.yaml", new byte[] {0, 1, 2, 'P', 'K', 3, 4, (byte) 0xff})
                    .with("templates/nul.yaml", "a: \0")
                    .with("CHANGELOG.md", "valid UTF-8 with a replacement character \uFFFD\n")
                    .withBinary("files/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});
            ValidationReport report = validator.validate(files, ValidationOptions.defaults());
            assertThat(report.byRule("file-not-text")).extracting(Finding::file)
                    .containsExactlyInAnyOrder("templates/blob.yaml", "templates/nul.yaml");
        }

        @Test
        @DisplayName("garbage Chart.yaml and values.yaml give findings")
        void garbage() {
            ChartFiles files = TestCharts.webapp().with("Chart.yaml", "{{{{ ::: [[[").with("values.yaml", "- a\n- b\n");
            ValidationReport report = validator.validate(files, ValidationOptions.defaults());
            assertThat(report.byRule("chart-yaml-invalid")).isNotEmpty();
            assertThat(report.byRule("values-invalid")).isNotEmpty();
            assertThat(report.passed()).isFalse();
        }

        @Test
        @DisplayName("a huge values file gives findings or passes, within bounds")
        void huge() {
            StringBuilder sb = new StringBuilder(TestCharts.webapp().get("values.yaml").orElseThrow()).append("bulk:\n");
            for (int i = 0; i < 60_000; i++) {
                sb.append("  key").append(i).append(": value-").append(i).append('\n');
            }
            ChartFiles files = TestCharts.webapp().with("values.yaml", sb.toString());
            ValidationReport report = validator.validate(files, ValidationOptions.defaults());
            assertThat(report.layers()).hasSize(DefaultValidator.layerNames().size());
            assertThat(report.findings()).noneMatch(f -> f.ruleId().equals("validator-internal-error"));
        }

        @Test
        @DisplayName("a missing directory gives a finding")
        void missingDirectory(@TempDir Path dir) {
            ValidationReport report = validator.validate(dir.resolve("nope"), ValidationOptions.defaults());
            assertThat(report.byRule("chart-unreadable")).hasSize(1);
        }

        @Test
        @DisplayName("an unreachable cluster in the dry run gives a finding")
        void dryRun(@TempDir Path dir) throws IOException {
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: c
                        cluster:
                          server: https://127.0.0.1:1
                    contexts:
                      - name: c
                        context:
                          cluster: c
                          user: u
                    current-context: c
                    users:
                      - name: u
                        user:
                          token: not-a-real-token
                    """);
            ValidationOptions options = new ValidationOptions(null, true, Set.of(), Optional.of(kubeconfig));
            ValidationReport report = validator.validate(TestCharts.webapp(), options);
            assertThat(report.byRule("dry-run-failed")).as(report.format()).hasSize(1);
            assertThat(report.format()).doesNotContain("not-a-real-token");
        }
    }

    @Nested
    @DisplayName("options and resources")
    class Options {

        @Test
        @DisplayName("skipped layers are reported as skipped and the dry run is skipped without a kubeconfig")
        void skip() {
            ValidationReport report = validator.validate(TestCharts.webapp(),
                    new ValidationOptions(null, true, Set.of("lint", "security"), Optional.empty()));
            Map<String, LayerTiming> byName = new java.util.HashMap<>();
            report.layers().forEach(l -> byName.put(l.layer(), l));
            assertThat(byName.get("lint").skipped()).isTrue();
            assertThat(byName.get("security").skipped()).isTrue();
            assertThat(byName.get("dry-run").note()).contains("kubeconfig");
            assertThat(report.score()).isEmpty();
            assertThat(byName.get("template").skipped()).isFalse();
        }

        @Test
        @DisplayName("the temporary chart copy is deleted")
        void tempDeleted(@TempDir Path work) throws IOException {
            // A work directory of its own: other builds on the machine validate in the shared /tmp at the same time.
            new DefaultValidator(work).validate(TestCharts.webapp(), ValidationOptions.defaults());
            assertThat(list(work)).isEmpty();
            assertThat(work).isEmptyDirectory();
        }

        private List<Path> list(Path tmp) throws IOException {
            try (Stream<Path> s = Files.list(tmp)) {
                return s.filter(p -> p.getFileName().toString().startsWith("k8s-autopilot-validate-")).toList();
            }
        }

        @Test
        @DisplayName("parallel validations give the same reports as sequential ones")
        void parallel() throws Exception {
            List<ChartFiles> charts = List.of(TestCharts.webapp(),
                    TestCharts.replace(TestCharts.webapp(), "values.yaml", "tag: \"1.27.3\"", "tag: latest"),
                    TestCharts.replace(TestCharts.webapp(), "templates/service.yaml", "targetPort: http", "targetPort: web"),
                    TestCharts.webapp().renamed("other").with("Chart.yaml",
                            TestCharts.webapp().get("Chart.yaml").orElseThrow().replace("name: webapp", "name: other")));
            List<String> expected = charts.stream().map(c -> validator.validate(c, ValidationOptions.defaults()).findings().toString()).toList();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 3; round++) {
                    List<Future<String>> futures = charts.stream()
                            .map(c -> pool.submit(() -> validator.validate(c, ValidationOptions.defaults()).findings().toString())).toList();
                    for (int i = 0; i < charts.size(); i++) {
                        assertThat(futures.get(i).get()).isEqualTo(expected.get(i));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("every rule id the layers can emit is documented")
    void rulesDocumented() throws IOException {
        Set<String> documented = documentedRules();
        Pattern emitted = Pattern.compile("\"((?:sec|api|chart|values|k8s|template|helm|yaml|traefik|file|workload|ingress|dry|rendered|servicemonitor|validator|templates|helpers)-[a-z0-9-]*[a-z0-9])\"");
        try (Stream<Path> src = Files.walk(Path.of("src/main/java"))) {
            for (Path p : src.filter(Files::isRegularFile).toList()) {
                Matcher m = emitted.matcher(Files.readString(p));
                while (m.find()) {
                    if (DefaultValidator.layerNames().contains(m.group(1))) {
                        continue;
                    }
                    assertThat(documented).as("rule %s from %s", m.group(1), p.getFileName()).contains(m.group(1));
                }
            }
        }
        assertThat(documented).contains("sec-privileged", "api-removed", "k8s-schema", "helm-lint");
    }
}
