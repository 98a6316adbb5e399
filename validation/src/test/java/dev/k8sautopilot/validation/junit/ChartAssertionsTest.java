package dev.k8sautopilot.validation.junit;

import static dev.k8sautopilot.validation.junit.ChartAssertions.assertThatChart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.validation.TestCharts;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ChartAssertions")
class ChartAssertionsTest {

    private static final ChartFiles WEBAPP = TestCharts.webapp();

    @Nested
    @DisplayName("on a good chart")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class GoodChart {

        private ChartAssert chart;

        @BeforeAll
        void validateOnce() {
            chart = assertThatChart(WEBAPP);
        }

        @Test
        @DisplayName("validation, findings and score pass")
        void validation() {
            chart.passesValidation()
                    .hasNoFindingsAbove(Severity.WARNING)
                    .hasNoFinding("sec-privileged")
                    .hasScoreAtLeast(80)
                    .hasFile("templates/deployment.yaml");
            assertThat(chart.report().passed()).isTrue();
        }

        @Test
        @DisplayName("navigation into rendered objects passes")
        void navigation() {
            chart.rendersKind("Deployment").doesNotRenderKind("Ingress");
            chart.rendered(Map.of("replicaCount", 3, "extraEnvVars", java.util.List.of(Map.of("name", "LOG_LEVEL", "value", "info"))))
                    .rendersKind("Service", 1)
                    .hasDeployment("webapp")
                        .withReplicas(3)
                        .withImage("nginxinc/nginx-unprivileged:1.27.3")
                        .withContainerPort(8080)
                        .withEnv("LOG_LEVEL", "info")
                        .withEnv("LOG_LEVEL")
                        .withProbe("liveness")
                        .withVolumeMount("/tmp")
                        .runsAsNonRoot()
                        .withApiVersion("apps/v1")
                        .withLabel("app.kubernetes.io/name", "webapp")
                        .hasValue("spec.template.spec.automountServiceAccountToken", false)
                    .and()
                    .hasService("webapp").withType("ClusterIP").withPort(80).withPortNamed("http");
        }

        @Test
        @DisplayName("ingress and Traefik routes are found by hasIngress")
        void ingress() {
            chart.rendered(Map.of("ingress.enabled", true, "ingress.hostname", "web.example.com", "ingress.tls", true))
                    .hasIngress("webapp").withHost("web.example.com").withPath("/").withTls();
            chart.rendered(Map.of("traefik.enabled", true, "traefik.hostname", "route.example.com"))
                    .hasIngress("webapp").withHost("route.example.com");
        }
    }

    @Nested
    @DisplayName("fails with a readable message")
    class Failures {

        @Test
        @DisplayName("naming rule id, file, offending line and fix when validation fails")
        void validationFailure() {
            ChartFiles privileged = TestCharts.replace(WEBAPP, "values.yaml", "  runAsNonRoot: true\n",
                    "  runAsNonRoot: true\n  privileged: true\n");

            AssertionError error = catchThrowableOfType(AssertionError.class,
                    () -> assertThatChart(privileged).hasNoFindingsAbove(Severity.WARNING));

            assertThat(error.getMessage())
                    .startsWith("Expecting chart 'webapp' to have no findings above WARNING, but it has")
                    .contains("sec-privileged (ERROR) in templates/deployment.yaml")
                    .contains("Deployment/webapp")
                    .contains("fix: ");
        }

        @Test
        @DisplayName("showing the offending source line when the finding has one")
        void sourceLine() {
            ChartFiles hostNetwork = TestCharts.replace(WEBAPP, "templates/deployment.yaml",
                    "      automountServiceAccountToken: false\n",
                    "      automountServiceAccountToken: false\n      hostNetwork: true\n");

            AssertionError error = catchThrowableOfType(AssertionError.class,
                    () -> assertThatChart(hostNetwork).passesValidation());

            assertThat(error.getMessage())
                    .startsWith("Expecting chart 'webapp' to pass validation, but it has 1 error finding(s):")
                    .containsPattern("sec-host-namespace \\(ERROR\\) in templates/deployment\\.yaml:\\d+, Deployment/webapp")
                    .containsPattern("\\d+ \\|       hostNetwork: true")
                    .contains("fix: ");
        }

        @Test
        @DisplayName("with the object, its file and the render when a value differs")
        void wrongReplicas() {
            AssertionError error = catchThrowableOfType(AssertionError.class,
                    () -> assertThatChart(WEBAPP).rendered(Map.of("replicaCount", 3)).hasDeployment("webapp").withReplicas(5));

            assertThat(error.getMessage()).isEqualTo("Expecting Deployment/webapp (from templates/deployment.yaml, chart "
                    + "'webapp' rendered with values {replicaCount=3}) to have 5 replica(s), but it has 3");
        }

        @Test
        @DisplayName("listing what is rendered when an object is missing")
        void missingObject() {
            AssertionError error = catchThrowableOfType(AssertionError.class,
                    () -> assertThatChart(WEBAPP).rendered().hasStatefulSet("webapp"));

            assertThat(error.getMessage())
                    .contains("to render StatefulSet/webapp, but it renders no StatefulSet; it renders:")
                    .contains("Deployment/webapp (templates/deployment.yaml)");
        }

        @Test
        @DisplayName("listing the kinds when a kind is missing")
        void missingKind() {
            AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThatChart(WEBAPP).rendersKind("Ingress"));

            assertThat(error.getMessage()).startsWith("Expecting chart 'webapp' rendered with its default values to render a Ingress")
                    .contains("Service/webapp (templates/service.yaml)");
        }

        @Test
        @DisplayName("with Helm's error when the chart does not render")
        void renderFailure() {
            ChartFiles broken = TestCharts.replace(WEBAPP, "templates/service.yaml", "{{ .Values.service.type }}",
                    "{{ .Values.service.type }");

            AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThatChart(broken).rendersKind("Service"));

            assertThat(error.getMessage()).contains("to render with its default values, but helm template")
                    .contains("templates/service.yaml");
        }

        @Test
        @DisplayName("with the container's env when an env var is missing or differs")
        void env() {
            AssertionError missing = catchThrowableOfType(AssertionError.class,
                    () -> assertThatChart(WEBAPP).rendered().hasDeployment("webapp").withEnv("NOPE", "x"));
            AssertionError secret = catchThrowableOfType(AssertionError.class,
                    () -> assertThatChart(WEBAPP).rendered(Map.of("extraEnvVars", java.util.List.of(Map.of("name", "DB_PASSWORD",
                            "value", "x")))).hasDeployment("webapp").withSecretEnv("DB_PASSWORD"));

            assertThat(missing.getMessage()).contains("to set env NOPE=x, but its main container sets only");
            assertThat(secret.getMessage()).contains("to read env DB_PASSWORD from a Secret, but DB_PASSWORD is a plain value");
        }

        @Test
        @DisplayName("when an expected finding is absent")
        void expectedFinding() {
            AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThatChart(WEBAPP).hasFinding("sec-privileged"));

            assertThat(error.getMessage()).contains("to have a 'sec-privileged' finding, but");
        }

        @Test
        @DisplayName("with the description given by as()")
        void description() {
            AssertionError error = catchThrowableOfType(AssertionError.class,
                    () -> assertThatChart(WEBAPP).as("release 42").hasFile("templates/ingress-nope.yaml"));

            assertThat(error.getMessage()).startsWith("[release 42] Expecting chart 'webapp' to contain templates/ingress-nope.yaml");
        }

        @Test
        @DisplayName("when a path is not a chart directory")
        void notADirectory(@TempDir Path dir) {
            AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThatChart(dir.resolve("missing")));

            assertThat(error.getMessage()).startsWith("Expecting a chart directory at").contains("missing");
        }
    }

    @Test
    @DisplayName("reads a chart directory from disk and names it in messages")
    void fromDirectory(@TempDir Path dir) {
        Path written = WEBAPP.writeTo(dir, WriteMode.FAIL_IF_EXISTS).chartDirectory();

        AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThatChart(written).hasFinding("sec-privileged"));

        assertThat(error.getMessage()).contains("chart 'webapp' (" + written.toAbsolutePath().normalize() + ")");
    }
}
