package dev.k8sautopilot.validation.junit;

import static dev.k8sautopilot.validation.junit.ChartAssertions.assertThatChart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

@DisplayName("@GenerateChart")
@GenerateChart(spec = "web.yaml")
class ChartGeneratorExtensionTest {

    @Test
    @DisplayName("injects the chart of the class annotation as every supported type")
    void injectsEveryType(ChartFiles files, Path directory, GeneratedChart chart, ChartPlan plan, ValidationReport report,
                          @TempDir Path unrelated) {
        assertThat(files.name()).isEqualTo("web");
        assertThat(directory).isEqualTo(chart.directory()).isDirectory().hasFileName("web");
        assertThat(directory.resolve("Chart.yaml")).isRegularFile();
        assertThat(ChartFiles.read(directory).files()).isEqualTo(files.files());
        assertThat(plan.spec().name()).isEqualTo("web");
        assertThat(report).isSameAs(chart.report());
        assertThat(chart.kubeVersion()).isEqualTo("1.31.0");
        assertThat(unrelated).isNotEqualTo(directory).isDirectory();
    }

    @Test
    @DisplayName("generates a chart that passes the assertions, reusing the run's validation report")
    void assertsOnGeneratedChart(GeneratedChart chart) {
        assertThatChart(chart)
                .passesValidation()
                .rendersKind("Ingress")
                .rendered(java.util.Map.of("replicaCount", 4))
                    .hasDeployment("web")
                        .withReplicas(4)
                        .withContainerPort(8080)
                        .withEnv("LOG_LEVEL", "info")
                        .withSecretEnv("DATABASE_PASSWORD")
                        .runsAsNonRoot()
                    .and()
                    .hasIngress("web").withHost("web.example.com").withTls();
    }

    @Test
    @DisplayName("a parameter annotation wins over the class annotation")
    void parameterWins(@GenerateChart(spec = "/specs/worker.yaml") GeneratedChart worker, ChartFiles web) {
        assertThat(worker.name()).isEqualTo("worker");
        assertThat(web.name()).isEqualTo("web");
        assertThatChart(worker).rendered().hasDeployment("worker").withImage("ghcr.io/acme/worker:2.0.1");
    }

    @Nested
    @DisplayName("in a @Nested class")
    class InNested {

        @Test
        @DisplayName("the enclosing class's annotation applies")
        void enclosing(ChartFiles files) {
            assertThat(files.name()).isEqualTo("web");
        }
    }

    @Nested
    @DisplayName("run as a test suite")
    class Lifecycle {

        @Test
        @DisplayName("generates once per class and deletes the chart after the class")
        void cachedAndCleaned() {
            CachedFixture.SEEN.clear();

            TestExecutionSummary summary = run(CachedFixture.class);

            assertThat(summary.getTestsSucceededCount()).isEqualTo(4);
            assertThat(CachedFixture.SEEN).hasSize(4);
            assertThat(CachedFixture.SEEN).allSatisfy(c -> assertThat(c).isSameAs(CachedFixture.SEEN.get(0)));
            assertThat(CachedFixture.SEEN.get(0).directory()).doesNotExist();
            assertThat(CachedFixture.SEEN.get(0).directory().getParent()).doesNotExist();
        }

        @Test
        @DisplayName("generates once per class with tests in parallel, several parameters and @Nested classes")
        void oncePerClassInParallel() {
            CachedFixture.SEEN.clear();

            TestExecutionSummary summary = run(CachedFixture.class, true);

            assertThat(summary.getTestsSucceededCount()).isEqualTo(4);
            assertThat(CachedFixture.SEEN).hasSize(4);
            assertThat(CachedFixture.SEEN).allSatisfy(c -> assertThat(c).isSameAs(CachedFixture.SEEN.get(0)));
            assertThat(CachedFixture.SEEN.get(0).directory()).doesNotExist();
        }

        @Test
        @DisplayName("reports a missing spec, an invalid spec and a missing request as readable failures")
        void errors() {
            TestExecutionSummary summary = run(ErrorFixture.class);

            assertThat(summary.getTestsFailedCount()).isEqualTo(3);
            List<String> messages = summary.getFailures().stream().map(f -> f.getException().getMessage()).toList();
            assertThat(messages).anySatisfy(m -> assertThat(m)
                    .contains("@GenerateChart(spec = \"/specs/nope.yaml\"): spec resource '/specs/nope.yaml' not found on the class path")
                    .contains("fix: put it under src/test/resources/specs/nope.yaml"));
            assertThat(messages).anySatisfy(m -> assertThat(m)
                    .contains("spec '/specs/broken.yaml' is invalid")
                    .contains("replica"));
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("@GenerateChart needs a request or a spec"));
        }
    }

    private static TestExecutionSummary run(Class<?> fixture) {
        return run(fixture, false);
    }

    private static TestExecutionSummary run(Class<?> fixture, boolean parallel) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
                .configurationParameter(OnlyThroughLauncher.KEY, "true")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", String.valueOf(parallel))
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent").build(), listener);
        return listener.getSummary();
    }

    /** Keeps the fixtures from running on their own (e.g. when an IDE or -Dtest selects them). */
    static final class OnlyThroughLauncher implements ExecutionCondition {
        static final String KEY = "k8sautopilot.test.fixtures";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).isPresent() ? ConditionEvaluationResult.enabled("run by the launcher")
                    : ConditionEvaluationResult.disabled("a fixture of ChartGeneratorExtensionTest");
        }
    }

    /** Run only through the launcher above (surefire skips nested classes that are not {@code @Nested}). */
    @GenerateChart(spec = "/specs/worker.yaml")
    @ExtendWith(OnlyThroughLauncher.class)
    static class CachedFixture {
        static final List<GeneratedChart> SEEN = new CopyOnWriteArrayList<>();

        @Test
        void first(GeneratedChart chart) {
            assertThat(Files.isDirectory(chart.directory())).isTrue();
            SEEN.add(chart);
        }

        @Test
        void second(GeneratedChart chart) {
            assertThat(Files.isDirectory(chart.directory())).isTrue();
            SEEN.add(chart);
        }

        @Test
        void severalParameters(GeneratedChart chart, ChartFiles files, Path dir, ValidationReport report) {
            assertThat(files).isSameAs(chart.files());
            assertThat(dir).isEqualTo(chart.directory());
            assertThat(report).isSameAs(chart.report());
            SEEN.add(chart);
        }

        @Nested
        class Inner {
            @Test
            void nested(GeneratedChart chart) {
                SEEN.add(chart);
            }
        }
    }

    /** Run only through the launcher above. */
    @ExtendWith(OnlyThroughLauncher.class)
    static class ErrorFixture {
        @Test
        void missingSpec(@GenerateChart(spec = "/specs/nope.yaml") ChartFiles chart) {
            assertThat(chart).isNotNull();
        }

        @Test
        void invalidSpec(@GenerateChart(spec = "/specs/broken.yaml") ChartFiles chart) {
            assertThat(chart).isNotNull();
        }

        @Test
        void nothing(@GenerateChart ChartFiles chart) {
            assertThat(chart).isNotNull();
        }
    }
}
