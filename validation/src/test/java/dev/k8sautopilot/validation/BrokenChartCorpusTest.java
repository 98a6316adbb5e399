package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broken-chart corpus: each case takes the hardened base chart, injects one fault, and checks
 * that validation flags it with the right rule id; structural faults must then heal offline to a
 * chart that passes every layer, security faults must come with a fix hint.
 */
@DisplayName("Broken-chart corpus")
class BrokenChartCorpusTest {

    private static final DefaultValidator VALIDATOR = new DefaultValidator();
    private static final ValidationOptions OPTIONS = ValidationOptions.defaults();
    private static final String DEPLOYMENT = "templates/deployment.yaml";

    /** One injected fault. */
    record Fault(String name, String ruleId, boolean structural, UnaryOperator<ChartFiles> inject) {
        @Override
        public String toString() {
            return name + " → " + ruleId;
        }
    }

    static String resource(String name) {
        try (InputStream in = BrokenChartCorpusTest.class.getResourceAsStream("/faults/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChartFiles r(ChartFiles f, String path, String from, String to) {
        return TestCharts.replace(f, path, from, to);
    }

    static Stream<Fault> faults() {
        return Stream.of(
                new Fault("tab indentation in Chart.yaml", "yaml-tab-indent", true,
                        f -> r(f, "Chart.yaml", "maintainers:\n  - name", "maintainers:\n\t- name")),
                new Fault("mis-indented key in values.yaml", "values-invalid", true,
                        f -> r(f, "values.yaml", "  repository: nginxinc", "   repository: nginxinc")),
                new Fault("unquoted numeric appVersion", "chart-field-type", true,
                        f -> r(f, "Chart.yaml", "appVersion: \"1.27.3\"", "appVersion: 1.27")),
                new Fault("chart version not SemVer", "chart-version-invalid", true,
                        f -> r(f, "Chart.yaml", "version: 1.2.0", "version: 1.2")),
                new Fault("Ingress networking.k8s.io/v1beta1 with serviceName/servicePort", "api-removed", true,
                        f -> f.with("templates/ingress.yaml", resource("ingress-v1beta1.yaml"))),
                new Fault("HPA autoscaling/v2beta1 with targetAverageUtilization", "api-removed", true,
                        f -> f.with("templates/hpa.yaml", resource("hpa-v2beta1.yaml"))),
                new Fault("PDB policy/v1beta1", "api-removed", true,
                        f -> r(f, "templates/pdb.yaml", "apiVersion: policy/v1", "apiVersion: policy/v1beta1")),
                new Fault("CronJob batch/v1beta1", "api-removed", true,
                        f -> f.with("templates/cronjob.yaml", resource("cronjob-v1beta1.yaml"))),
                new Fault("Deployment apps/v1beta2 without selector", "api-removed", true,
                        f -> r(r(f, DEPLOYMENT, "apiVersion: apps/v1", "apiVersion: apps/v1beta2"), DEPLOYMENT,
                                "  selector:\n    matchLabels:\n      {{- include \"webapp.selectorLabels\" . | nindent 6 }}\n", "")),
                new Fault("Traefik v2 API group", "api-traefik-legacy", true,
                        f -> f.with("templates/ingressroute.yaml",
                                f.get("templates/ingressroute.yaml").orElseThrow().replace("traefik.io/v1alpha1", "traefik.containo.us/v1alpha1"))),
                new Fault("Deployment without selector", "workload-selector-missing", true,
                        f -> r(f, DEPLOYMENT, "  selector:\n    matchLabels:\n      {{- include \"webapp.selectorLabels\" . | nindent 6 }}\n", "")),
                new Fault("Ingress path without pathType", "ingress-path-type-missing", true,
                        f -> r(f, "templates/ingress.yaml", "            pathType: {{ .Values.ingress.pathType }}\n", "")),
                new Fault("misspelt field in a container port (contianerPort)", "k8s-schema", true,
                        f -> r(f, DEPLOYMENT, "containerPort:", "contianerPort:")),
                new Fault("Ingress with a literal path and no pathType", "ingress-path-type-missing", true,
                        f -> r(r(f, "templates/ingress.yaml", "            pathType: {{ .Values.ingress.pathType }}\n", ""),
                                "templates/ingress.yaml", "- path: {{ .Values.ingress.path }}", "- path: /")),
                new Fault("template line indented one level too deep", "template-yaml-invalid", true,
                        f -> r(f, DEPLOYMENT, "      automountServiceAccountToken: false\n", "        automountServiceAccountToken: false\n")),
                new Fault("tab indentation in values.yaml", "yaml-tab-indent", true,
                        f -> r(f, "values.yaml", "  repository: nginxinc", "\trepository: nginxinc")),
                new Fault("no resources", "sec-resources", true,
                        f -> r(f, "values.yaml", "resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n    memory: 256Mi\n",
                                "resources: {}\n")),
                new Fault("no container securityContext in the template", "sec-run-as-non-root", true,
                        f -> r(f, DEPLOYMENT, "          {{- if .Values.containerSecurityContext.enabled }}\n          securityContext:\n"
                                + "            {{- omit .Values.containerSecurityContext \"enabled\" | toYaml | nindent 12 }}\n          {{- end }}\n", "")),
                new Fault("container securityContext switched off in values", "sec-privilege-escalation", true,
                        f -> r(f, "values.yaml", "containerSecurityContext:\n  enabled: true", "containerSecurityContext:\n  enabled: false")),
                new Fault("no probes in the template", "sec-probes", true,
                        f -> r(f, DEPLOYMENT, DEPLOYMENT_PROBES, "")),
                new Fault("probes disabled in values", "sec-probes", true,
                        f -> r(r(f, "values.yaml", "livenessProbe:\n  enabled: true", "livenessProbe:\n  enabled: false"), "values.yaml",
                                "readinessProbe:\n  enabled: true", "readinessProbe:\n  enabled: false")),
                new Fault("image tag latest", "sec-image-tag", false,
                        f -> r(f, "values.yaml", "tag: \"1.27.3\"", "tag: latest")),
                new Fault("privileged container", "sec-privileged", false,
                        f -> r(f, "values.yaml", "  runAsNonRoot: true\n", "  runAsNonRoot: true\n  privileged: true\n")),
                new Fault("hostNetwork", "sec-host-namespace", false,
                        f -> r(f, DEPLOYMENT, "      automountServiceAccountToken: false\n",
                                "      automountServiceAccountToken: false\n      hostNetwork: true\n")),
                new Fault("docker.sock host mount", "sec-sensitive-host-mount", false,
                        f -> r(f, DEPLOYMENT, "        - name: tmp\n          emptyDir: {}",
                                "        - name: tmp\n          emptyDir: {}\n        - name: docker\n          hostPath:\n            path: /var/run/docker.sock")),
                new Fault("literal password in env", "sec-secret-env-literal", false,
                        f -> r(f, "values.yaml", "extraEnvVars: []", "extraEnvVars:\n  - name: DB_PASSWORD\n    value: hunter2")),
                new Fault("RBAC wildcard verbs", "sec-rbac-wildcard", false,
                        f -> f.with("templates/role.yaml", resource("role-wildcard.yaml"))),
                new Fault("Service targetPort not declared", "sec-port-reference", false,
                        f -> r(f, "templates/service.yaml", "targetPort: http", "targetPort: web")),
                new Fault("Service selector matching nothing", "sec-service-selector", false,
                        f -> r(f, "templates/service.yaml", "  selector:\n    {{- include \"webapp.selectorLabels\" . | nindent 4 }}",
                                "  selector:\n    app: something-else")),
                new Fault("unknown field in Deployment spec", "k8s-schema", false,
                        f -> r(f, DEPLOYMENT, "  template:\n    metadata:", "  minReadySecond: 5\n  template:\n    metadata:")),
                new Fault("value of the wrong type", "values-schema-violation", false,
                        f -> r(f, "values.yaml", "replicaCount: 2", "replicaCount: two")),
                new Fault("IngressRoute route without kind", "traefik-ingressroute", false,
                        f -> r(f, "templates/ingressroute.yaml", "      kind: Rule\n", "")),
                new Fault("template syntax error", "template-render-failed", false,
                        f -> r(f, "templates/service.yaml", "{{ .Values.service.type }}", "{{ .Values.service.type }")));
    }

    static final String DEPLOYMENT_PROBES = String.join("\n",
            "          {{- if .Values.livenessProbe.enabled }}",
            "          livenessProbe:",
            "            tcpSocket:",
            "              port: http",
            "            initialDelaySeconds: {{ .Values.livenessProbe.initialDelaySeconds }}",
            "            periodSeconds: {{ .Values.livenessProbe.periodSeconds }}",
            "          {{- end }}",
            "          {{- if .Values.readinessProbe.enabled }}",
            "          readinessProbe:",
            "            httpGet:",
            "              path: /",
            "              port: http",
            "            initialDelaySeconds: {{ .Values.readinessProbe.initialDelaySeconds }}",
            "            periodSeconds: {{ .Values.readinessProbe.periodSeconds }}",
            "          {{- end }}",
            "");

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("the base chart")
    class Base {
        ValidationReport report;

        @BeforeAll
        void validate() {
            report = VALIDATOR.validate(TestCharts.webapp(), OPTIONS);
        }

        @Test
        @DisplayName("passes every layer without errors or warnings and scores at least 95")
        void passes() {
            assertThat(report.passed()).as(report.format()).isTrue();
            assertThat(report.count(Severity.WARNING)).as(report.format()).isZero();
            assertThat(report.score().orElse(-1)).isGreaterThanOrEqualTo(95);
            assertThat(report.layers()).extracting(l -> l.layer()).containsExactlyElementsOf(DefaultValidator.layerNames());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    @DisplayName("each fault is flagged with its rule id and a hint")
    void flagged(Fault fault) {
        ChartFiles broken = fault.inject().apply(TestCharts.webapp());
        ValidationReport report = VALIDATOR.validate(broken, OPTIONS);
        List<Finding> hits = report.byRule(fault.ruleId());
        assertThat(hits).as(report.format()).isNotEmpty();
        assertThat(hits).allSatisfy(f -> assertThat(f.hint()).isNotBlank());
        assertThat(report.format()).doesNotContain("hunter2");
    }

    static Stream<Fault> structuralFaults() {
        return faults().filter(Fault::structural);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structuralFaults")
    @DisplayName("structural faults heal offline to a chart that passes every layer")
    void heals(Fault fault) {
        ChartFiles broken = fault.inject().apply(TestCharts.webapp());
        HealLoop.Outcome outcome = HealLoop.run(VALIDATOR, broken, OPTIONS, 3);
        assertThat(outcome.before().passed()).as("the fault must fail validation").isFalse();
        assertThat(outcome.after().passed()).as(outcome.after().format() + "\napplied: " + outcome.applied()).isTrue();
        assertThat(outcome.after().byRule(fault.ruleId())).isEmpty();
        assertThat(outcome.applied()).isNotEmpty();
    }
}
