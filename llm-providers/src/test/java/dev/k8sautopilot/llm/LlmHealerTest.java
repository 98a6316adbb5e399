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
}
