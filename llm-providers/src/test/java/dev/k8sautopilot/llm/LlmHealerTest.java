package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationOptions;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.spi.HealContext;
import dev.k8sautopilot.spi.HealResult;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.TimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LlmHealerTest {

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ include "web.fullname" . }}
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      securityContext:
                        runAsNonRoot: false
            """;
    static final String FIXED = DEPLOYMENT.replace("runAsNonRoot: false", "runAsNonRoot: true");

    static ChartFiles chart() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        files.put("values.yaml", "replicaCount: 1\n");
        files.put("templates/deployment.yaml", DEPLOYMENT);
        files.put("templates/service.yaml", "kind: Service\n");
        files.put("templates/pdb.yaml", "kind: PodDisruptionBudget\n");
        files.put("templates/hpa.yaml", "kind: HorizontalPodAutoscaler\n");
        return new ChartFiles("web", files);
    }

    static Finding error(String file, String rule) {
        return new Finding(Severity.ERROR, rule, "security", file, 11, "Deployment/web", rule + " fires", "fix " + rule);
    }

    static ValidationReport report(Finding... findings) {
        return new ValidationReport(List.of(findings), List.of(), OptionalInt.empty());
    }

    static HealContext with(ScriptedChatModel model) {
        return new HealContext(Optional.of(model), ValidationOptions.defaults(), 1);
    }

    static String fenced(String content) {
        return "Here is the fix:\n```yaml\n" + content + "```\n";
    }

    @Test
    @DisplayName("is last among healers, needs a model, and rejects a bound below 1")
    void identity() {
        LlmHealer healer = new LlmHealer();
        assertThat(healer.order()).isEqualTo(1000);
        assertThat(healer.requiresChatModel()).isTrue();
        assertThat(healer.maxFilesPerRound()).isEqualTo(3);
        assertThatThrownBy(() -> new LlmHealer(0)).hasMessageContaining("maxFilesPerRound");
    }

    @Nested
    @DisplayName("healing")
    class Healing {

        @Test
        @DisplayName("sends the file, its findings and hints, and applies the patched file")
        void patches() {
            ScriptedChatModel model = ScriptedChatModel.replying(fenced(FIXED));
            HealResult result = new LlmHealer().heal(chart(), report(error("templates/deployment.yaml", "sec-run-as-non-root")), with(model));

            assertThat(result.changed()).isTrue();
            assertThat(result.files().get("templates/deployment.yaml")).contains(FIXED);
            assertThat(result.applied()).containsExactly("templates/deployment.yaml: patched by the language model for sec-run-as-non-root");
            String prompt = ((UserMessage) model.requests().get(0).messages().get(1)).singleText();
            assertThat(prompt).contains("File: templates/deployment.yaml").contains("runAsNonRoot: false")
                    .contains("[sec-run-as-non-root] line 11 Deployment/web: sec-run-as-non-root fires (fix: fix sec-run-as-non-root)")
                    .contains("values.yaml");
        }

        @Test
        @DisplayName("makes no call without a model, or without error findings")
        void nothingToDo() {
            ChartFiles files = chart();
            assertThat(new LlmHealer().heal(files, report(error("templates/deployment.yaml", "x")), HealContext.offline()).changed()).isFalse();
            ScriptedChatModel model = new ScriptedChatModel();
            Finding warning = new Finding(Severity.WARNING, "sec-read-only-root", "security", "templates/deployment.yaml", 1, "", "w", "");
            Finding noFile = error("", "k8s-schema");
            Finding missing = error("templates/gone.yaml", "helm-lint");

            assertThat(new LlmHealer().heal(files, report(warning, noFile, missing), with(model)).changed()).isFalse();
            assertThat(model.calls()).isZero();
        }

        @Test
        @DisplayName("patches at most N files per round, most errors first")
        void bounded() {
            ScriptedChatModel model = ScriptedChatModel.replying(fenced(FIXED), fenced("kind: HorizontalPodAutoscaler\nspec: {}\n"));
            ValidationReport report = report(error("templates/service.yaml", "a"), error("templates/deployment.yaml", "b"),
                    error("templates/deployment.yaml", "c"), error("templates/pdb.yaml", "d"), error("templates/hpa.yaml", "e"));

            HealResult result = new LlmHealer(2).heal(chart(), report, with(model));

            assertThat(model.calls()).isEqualTo(2);
            assertThat(((UserMessage) model.requests().get(0).messages().get(1)).singleText()).contains("File: templates/deployment.yaml");
            assertThat(result.applied()).hasSize(2);
        }

        @Test
        @DisplayName("a model failure ends the round, keeping earlier patches")
        void failure() {
            ScriptedChatModel model = ScriptedChatModel.replying(fenced(FIXED)).thenThrow(new TimeoutException("slow"));
            ValidationReport report = report(error("templates/deployment.yaml", "b"), error("templates/deployment.yaml", "c"),
                    error("templates/service.yaml", "a"), error("templates/pdb.yaml", "d"));

            HealResult result = new LlmHealer().heal(chart(), report, with(model));

            assertThat(model.calls()).isEqualTo(2);
            assertThat(result.applied()).singleElement().asString().startsWith("templates/deployment.yaml");
        }
    }

    @Nested
    @DisplayName("rejecting replies")
    class Rejecting {

        String reject(String reply) {
            return LlmHealer.patch("templates/deployment.yaml", DEPLOYMENT, reply).rejection();
        }

        @Test
        @DisplayName("empty, unfenced, several files, another file, too large")
        void rejections() {
            assertThat(reject("  ")).contains("empty");
            assertThat(reject(FIXED)).contains("no fenced code block");
            assertThat(reject("```yaml\n\n```")).contains("empty");
            assertThat(reject(fenced(FIXED) + "and\n```yaml\nreplicaCount: 2\n```\n")).contains("2 code blocks");
            assertThat(reject(fenced("# File: values.yaml\nreplicaCount: 2\n"))).contains("values.yaml");
            assertThat(reject(fenced(FIXED + FIXED + FIXED))).contains("more than twice");
        }

        @Test
        @DisplayName("plain YAML and JSON files must still parse; a same-named header is fine")
        void parsing() {
            assertThat(LlmHealer.patch("values.yaml", "a: 1\n", "```yaml\na: [1\n```").rejection()).contains("does not parse");
            assertThat(LlmHealer.patch("values.schema.json", "{}\n", "```json\n{\"a\":\n```").rejection()).contains("does not parse");
            String values = "# Default values for web.\nreplicaCount: 1\n";
            assertThat(LlmHealer.patch("values.yaml", values, "```yaml\n# File: values.yaml\nreplicaCount: 2\n```").content())
                    .isEqualTo("# File: values.yaml\nreplicaCount: 2\n");
        }

        @Test
        @DisplayName("a reply identical to the file changes nothing")
        void unchanged() {
            ScriptedChatModel model = ScriptedChatModel.replying(fenced(DEPLOYMENT));
            assertThat(new LlmHealer().heal(chart(), report(error("templates/deployment.yaml", "x")), with(model)).changed()).isFalse();
        }
    }

    @Nested
    @DisplayName("what a patch may never add")
    class Integrity {

        String reject(String patched) {
            return LlmHealer.patch("templates/deployment.yaml", DEPLOYMENT, fenced(patched)).rejection();
        }

        @Test
        @DisplayName("lookup, tpl, host access, privileged or root containers, cluster-scoped objects and new kinds are refused")
        void refused() {
            assertThat(reject(FIXED.replace("spec:\n  template", "spec:\n  {{- $x := lookup \"v1\" \"Secret\" \"\" \"\" }}\n  template")))
                    .contains("lookup");
            assertThat(reject(FIXED.replace("containers:", "hostNetwork: true\n          containers:"))).contains("host networking");
            assertThat(reject(FIXED.replace("containers:", "hostPID: true\n          containers:"))).contains("host PID");
            assertThat(reject(FIXED.replace("runAsNonRoot: true", "runAsNonRoot: true\n                privileged: true"))).contains("privileged");
            assertThat(reject(FIXED.replace("runAsNonRoot: true", "runAsUser: 0"))).contains("root user");
            assertThat(reject(FIXED.replace("name: web\n", "name: web\n                  image: {{ tpl .Values.image . }}\n"))).contains("tpl");
            assertThat(reject(FIXED + "---\nkind: ClusterRoleBinding\nmetadata: {name: x}\n")).contains("cluster-scoped ClusterRoleBinding");
            assertThat(reject(FIXED + "---\nkind: Secret\nmetadata: {name: x}\n")).contains("new kind Secret");
        }

        @Test
        @DisplayName("what the file already held is not the model's doing: a patch that keeps it is fine")
        void keptConstructsAreNotNew() {
            String original = DEPLOYMENT.replace("containers:", "hostNetwork: true\n          containers:");
            String patched = original.replace("runAsNonRoot: false", "runAsNonRoot: true");
            assertThat(LlmHealer.patch("templates/deployment.yaml", original, fenced(patched)).rejection()).isNull();
        }
    }

    @Nested
    @DisplayName("context sent with a template")
    class Context {

        @Test
        @DisplayName("the values.yaml sections and the helper definitions the template uses, within the budget")
        void valuesAndHelpers() {
            StringBuilder values = new StringBuilder("## @param replicaCount Number of replicas\nreplicaCount: 1\n\n");
            values.append("## Image settings\nimage:\n  repository: nginx\n  tag: \"1.27.3\"\n\n");
            for (int i = 0; i < 400; i++) {
                values.append("unrelated").append(i).append(":\n  key: value-").append(i).append("\n");
            }
            String helpers = "{{- define \"web.name\" -}}{{ .Chart.Name }}{{- end }}\n"
                    + "{{- define \"web.fullname\" -}}{{ include \"web.name\" . }}-x{{- end }}\n"
                    + "{{- define \"web.unused\" -}}nothing{{- end }}\n";
            String template = DEPLOYMENT.replace("name: web\n", "name: web\n              image: {{ .Values.image.repository }}\n");
            Map<String, String> files = new LinkedHashMap<>();
            files.put("Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
            files.put("values.yaml", values.toString());
            files.put("templates/_helpers.tpl", helpers);
            files.put("templates/deployment.yaml", template);

            String prompt = LlmHealer.prompt(new ChartFiles("web", files), "templates/deployment.yaml",
                    List.of(error("templates/deployment.yaml", "x")));

            assertThat(values.length()).isGreaterThan(LlmHealer.MAX_CONTEXT_CHARS);
            assertThat(prompt).contains("the values.yaml sections this template reads").contains("## Image settings\nimage:\n  repository: nginx")
                    .doesNotContain("unrelated7").doesNotContain("replicaCount: 1");
            assertThat(prompt).contains("define \"web.fullname\"").contains("define \"web.name\"").doesNotContain("web.unused");
            assertThat(prompt.length()).isLessThan(template.length() + LlmHealer.MAX_CONTEXT_CHARS + 1_000);
        }
    }
}
