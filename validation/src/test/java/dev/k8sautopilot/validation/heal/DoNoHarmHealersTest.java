package dev.k8sautopilot.validation.heal;

import static dev.k8sautopilot.validation.heal.HealersTest.finding;
import static dev.k8sautopilot.validation.heal.HealersTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Healers change only what a finding names (issue 14.3) and heal the structural classes of 14.4. */
@DisplayName("Healers do no harm")
class DoNoHarmHealersTest {

    /** The shape of Bitnami nginx's container: guards on .Values.resources and containerSecurityContext.enabled. */
    private static final String BITNAMI_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            spec:
              template:
                spec:
                  containers:
                    - name: nginx
                      image: {{ .Values.image.repository }}
                      {{- if .Values.containerSecurityContext.enabled }}
                      securityContext: {{- include "common.compatibility.renderSecurityContext" (dict "secContext" .Values.containerSecurityContext "context" $) | nindent 12 }}
                      {{- end }}
                      {{- if .Values.resources }}
                      resources: {{- toYaml .Values.resources | nindent 12 }}
                      {{- else if ne .Values.resourcesPreset "none" }}
                      resources: {{- include "common.resources.preset" (dict "type" .Values.resourcesPreset) | nindent 12 }}
                      {{- end }}
                    - name: exporter
                      image: exporter:1.0
            """;
    private static final String BITNAMI_VALUES = """
            image:
              repository: nginx
            tls:
              enabled: false
            metrics:
              enabled: false
            containerSecurityContext:
              enabled: false
              runAsUser: 1001
              runAsNonRoot: false
              readOnlyRootFilesystem: true
            resourcesPreset: "none"
            resources: {}
            """;
    private static final ChartFiles BITNAMI = ChartFiles.empty("nginx").with("values.yaml", BITNAMI_VALUES)
            .with("templates/deployment.yaml", BITNAMI_DEPLOYMENT);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> m(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(ChartFiles files) {
        return (Map<String, Object>) Yaml.load(files.get("values.yaml").orElseThrow());
    }

    @Nested
    @DisplayName("ContainerDefaultsHealer on a Bitnami-style chart")
    class Bitnami {

        @Test
        @DisplayName("resources get requests and limits; never resources: true (a map is never turned into a boolean)")
        void resourcesStayAMap() {
            HealResult r = new ContainerDefaultsHealer().heal(BITNAMI, report(finding("sec-resources", "templates/deployment.yaml",
                    "Deployment/nginx", "container 'nginx' has no cpu request")), HealContext.offline());
            Object resources = values(r.files()).get("resources");
            assertThat(resources).isInstanceOf(Map.class);
            assertThat(m(resources)).containsKeys("requests", "limits");
            assertThat(values(r.files())).containsEntry("resourcesPreset", "none");
        }

        @Test
        @DisplayName("sec-run-as-non-root sets runAsNonRoot and turns the block on, but keeps the user's runAsUser 1001")
        void keepsUserValues() {
            HealResult r = new ContainerDefaultsHealer().heal(BITNAMI, report(finding("sec-run-as-non-root", "templates/deployment.yaml",
                    "Deployment/nginx", "container 'nginx' may run as root (runAsNonRoot is not true)")), HealContext.offline());
            Map<String, Object> sc = m(values(r.files()).get("containerSecurityContext"));
            assertThat(sc).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 1001).containsEntry("enabled", true)
                    .containsEntry("readOnlyRootFilesystem", true).doesNotContainKeys("seccompProfile", "capabilities");
        }

        @Test
        @DisplayName("unrelated enabled flags are never flipped")
        void unrelatedFlags() {
            HealResult r = new ContainerDefaultsHealer().heal(BITNAMI, report(
                    finding("sec-run-as-non-root", "templates/deployment.yaml", "Deployment/nginx", "container 'nginx' may run as root"),
                    finding("sec-resources", "templates/deployment.yaml", "Deployment/nginx", "container 'nginx' has no cpu request")),
                    HealContext.offline());
            assertThat(m(values(r.files()).get("tls"))).containsEntry("enabled", false);
            assertThat(m(values(r.files()).get("metrics"))).containsEntry("enabled", false);
        }

        @Test
        @DisplayName("only the container a finding names is changed")
        void onlyNamedContainer() {
            HealResult r = new ContainerDefaultsHealer().heal(BITNAMI, report(finding("sec-resources", "templates/deployment.yaml",
                    "Deployment/nginx", "container 'exporter' has no cpu request")), HealContext.offline());
            String deployment = r.files().get("templates/deployment.yaml").orElseThrow();
            String nginxPart = deployment.substring(0, deployment.indexOf("- name: exporter"));
            assertThat(nginxPart).isEqualTo(BITNAMI_DEPLOYMENT.substring(0, BITNAMI_DEPLOYMENT.indexOf("- name: exporter")));
            assertThat(deployment.substring(deployment.indexOf("- name: exporter"))).contains("resources:").contains("cpu: 100m");
            assertThat(r.files().get("values.yaml")).as("nginx reads values.yaml: unchanged").contains(BITNAMI_VALUES);
        }
    }

    @Test
    @DisplayName("a literal runAsNonRoot: false is turned around (sec-run-as-non-root healing is real)")
    void literalRunAsNonRoot() {
        String template = """
                apiVersion: v1
                kind: Pod
                spec:
                  containers:
                    - name: app
                      image: app:1.0
                      securityContext:
                        runAsNonRoot: false
                        runAsUser: 0
                        readOnlyRootFilesystem: true
                """;
        ChartFiles files = ChartFiles.empty("p").with("templates/pod.yaml", template);
        HealResult r = new ContainerDefaultsHealer().heal(files, report(finding("sec-run-as-non-root", "templates/pod.yaml",
                "Pod/p", "container 'app' may run as root (runAsNonRoot is not true)")), HealContext.offline());
        assertThat(r.files().get("templates/pod.yaml").orElseThrow()).contains("runAsNonRoot: true").contains("runAsUser: 10001")
                .contains("readOnlyRootFilesystem: true").doesNotContain("runAsNonRoot: false").doesNotContain("runAsUser: 0");
    }

    @Nested
    @DisplayName("UnknownFieldHealer")
    class UnknownField {

        @Test
        @DisplayName("renames a misspelt field to the closest field of the model at that path")
        void typo() {
            ChartFiles files = ChartFiles.empty("w").with("templates/d.yaml", "ports:\n  - name: http\n    contianerPort: 8080\n");
            HealResult r = new UnknownFieldHealer().heal(files, report(finding("k8s-schema", "templates/d.yaml", "Deployment/w",
                    "unknown field 'spec.template.spec.containers[0].ports[0].contianerPort' (not a property of V1ContainerPort)")),
                    HealContext.offline());
            assertThat(r.files().get("templates/d.yaml").orElseThrow()).isEqualTo("ports:\n  - name: http\n    containerPort: 8080\n");
        }

        @Test
        @DisplayName("leaves ambiguous or distant names alone")
        void ambiguous() {
            assertThat(UnknownFieldHealer.closest("nme", java.util.Set.of("name", "nmae", "other"))).isEmpty();
            assertThat(UnknownFieldHealer.closest("replicaz", java.util.Set.of("replicas"))).contains("replicas");
            assertThat(UnknownFieldHealer.closest("foo", java.util.Set.of("replicas", "selector"))).isEmpty();
            assertThat(UnknownFieldHealer.closest("contianerPort", UnknownFieldHealer.fields("V1ContainerPort"))).contains("containerPort");
        }
    }

    @Test
    @DisplayName("TemplateIndentHealer moves a key indented one level too deep back to its siblings, with its block")
    void templateIndent() {
        String broken = """
                spec:
                  serviceAccountName: {{ include "x.sa" . }}
                    automountServiceAccountToken: false
                  labels:
                    {{- include "x.labels" . | nindent 4 }}
                  containers:
                    - name: app
                      image: x
                """;
        String fixed = TemplateIndentHealer.dedent(broken);
        assertThat(fixed).contains("\n  automountServiceAccountToken: false\n").contains("    {{- include \"x.labels\" . | nindent 4 }}");
        assertThat(TemplateIndentHealer.dedent(fixed)).isEqualTo(fixed);
    }
}
