package dev.k8sautopilot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.LayerTiming;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationReport;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HealPolicyTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      image: nginx
            """;
    private static final ChartFiles CHART = new ChartFiles("web", Map.of("Chart.yaml", "apiVersion: v2\nname: web\n",
            "values.yaml", "replicaCount: 1\n", "templates/deployment.yaml", DEPLOYMENT, "README.md", "# web\n"));
    private static final List<LayerTiming> ALL_RAN = List.of(timing("template", false), timing("kubernetes", false),
            timing("security", false));
    private static final Finding RUN_AS_ROOT = new Finding(Severity.ERROR, "sec-run-as-non-root", "security",
            "templates/deployment.yaml", 3, "Deployment/web", "container web may run as root", "");
    private static final ValidationReport BEFORE = report(ALL_RAN, RUN_AS_ROOT);

    private static LayerTiming timing(String layer, boolean skipped) {
        return new LayerTiming(layer, 1, 0, skipped, skipped ? "the chart did not render" : "");
    }

    private static ValidationReport report(List<LayerTiming> layers, Finding... findings) {
        return new ValidationReport(List.of(findings), layers, OptionalInt.empty());
    }

    private static ChartFiles healedDeployment(String extra) {
        return CHART.with("templates/deployment.yaml", DEPLOYMENT + extra);
    }

    private static final String NON_ROOT = "                  securityContext:\n                    runAsNonRoot: true\n";

    @Test
    @DisplayName("a heal that fixes the finding, in the file it names, is kept")
    void keepsAnHonestFix() {
        HealPolicy.Verdict v = HealPolicy.standard().judge(CHART, BEFORE, healedDeployment(NON_ROOT), report(ALL_RAN));
        assertThat(v.kept()).as(v.reason()).isTrue();
    }

    @Nested
    @DisplayName("rejects")
    class Rejects {

        @Test
        @DisplayName("a render that newly fails, even though the error count drops to zero")
        void layersThatStopRunning() {
            ValidationReport after = report(List.of(timing("template", false), timing("kubernetes", true), timing("security", true)),
                    new Finding(Severity.WARNING, "template-render-failed", "template", "templates/deployment.yaml", 1, "",
                            "lookup failed", ""));
            HealPolicy.Verdict v = HealPolicy.standard().judge(CHART, BEFORE, healedDeployment("{{ lookup \"v1\" \"Secret\" \"\" \"\" }}\n"), after);
            assertThat(v.kept()).isFalse();
            assertThat(v.reason()).contains("kubernetes, security layer(s) no longer run").contains("lookup");
        }

        @Test
        @DisplayName("a round that adds a finding while removing more (compared by rule and object, not counts)")
        void newFinding() {
            Finding other = new Finding(Severity.ERROR, "k8s-unknown-field", "kubernetes", "templates/deployment.yaml", 9,
                    "Deployment/web", "unknown field resources", "");
            ValidationReport before = report(ALL_RAN, RUN_AS_ROOT, RUN_AS_ROOT, RUN_AS_ROOT);
            HealPolicy.Verdict v = HealPolicy.standard().judge(CHART, before, healedDeployment(NON_ROOT), report(ALL_RAN, other));
            assertThat(v.kept()).isFalse();
            assertThat(v.reason()).contains("adds 1 finding").contains("k8s-unknown-field");
        }

        @Test
        @DisplayName("a change to a file no finding names")
        void unnamedFile() {
            HealPolicy.Verdict v = HealPolicy.standard().judge(CHART, BEFORE,
                    healedDeployment(NON_ROOT).with("README.md", "# hacked\n"), report(ALL_RAN));
            assertThat(v.kept()).isFalse();
            assertThat(v.reason()).contains("[README.md]");
        }

        @Test
        @DisplayName("a new kind, such as a cluster-scoped binding")
        void newKind() {
            ChartFiles after = healedDeployment(NON_ROOT).with("templates/deployment.yaml", DEPLOYMENT + NON_ROOT
                    + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nroleRef:\n  name: edit\n");
            HealPolicy.Verdict v = HealPolicy.standard().judge(CHART, BEFORE, after, report(ALL_RAN));
            assertThat(v.kept()).isFalse();
            assertThat(v.reason()).contains("ClusterRoleBinding");
        }

        @Test
        @DisplayName("host access and privileged containers")
        void hostAccess() {
            HealPolicy.Verdict v = HealPolicy.standard().judge(CHART, BEFORE,
                    healedDeployment(NON_ROOT + "                  hostNetwork: true\n"), report(ALL_RAN));
            assertThat(v.kept()).isFalse();
            assertThat(v.reason()).contains("host access");
            HealPolicy.Verdict privileged = HealPolicy.standard().judge(CHART, BEFORE,
                    healedDeployment("                  securityContext:\n                    privileged: {{ .Values.p }}\n"),
                    report(ALL_RAN));
            assertThat(privileged.kept()).isFalse();
        }

        @Test
        @DisplayName("tpl on user values")
        void tplOnValues() {
            HealPolicy.Verdict v = HealPolicy.standard().judge(CHART, BEFORE,
                    healedDeployment(NON_ROOT + "{{ tpl .Values.extra . }}\n"), report(ALL_RAN));
            assertThat(v.kept()).isFalse();
            assertThat(v.reason()).contains("tpl");
        }

        @Test
        @DisplayName("a change that fixes nothing")
        void fixesNothing() {
            HealPolicy.Verdict v = HealPolicy.standard().judge(CHART, BEFORE, healedDeployment("# touched\n"), BEFORE);
            assertThat(v.kept()).isFalse();
            assertThat(v.reason()).contains("fixes no error");
        }
    }

    @Test
    @DisplayName("findings of layers that could not run before are not new: the fix made them visible")
    void layersThatStartRunning() {
        ValidationReport before = report(List.of(timing("template", false), timing("kubernetes", true), timing("security", true)),
                new Finding(Severity.ERROR, "template-yaml-invalid", "template", "templates/deployment.yaml", 0, "",
                        "the output of templates/deployment.yaml is not valid YAML (rendered line 28)", ""));
        ValidationReport after = report(ALL_RAN, new Finding(Severity.WARNING, "sec-seccomp", "security",
                "templates/deployment.yaml", 0, "Deployment/web", "no seccomp profile", ""));
        HealPolicy.Verdict v = HealPolicy.standard().judge(CHART, before, healedDeployment("# re-indented\n"), after);
        assertThat(v.kept()).as(v.reason()).isTrue();
    }

    @Test
    @DisplayName("explicit false values are not host access; values.yaml is allowed when a template is named")
    void falseIsNotHostAccess() {
        ChartFiles after = healedDeployment(NON_ROOT).with("values.yaml", "replicaCount: 1\nprivileged: false\nhostNetwork: false\n");
        HealPolicy.Verdict v = HealPolicy.standard().judge(CHART, BEFORE, after, report(ALL_RAN));
        assertThat(v.kept()).as(v.reason()).isTrue();
    }

    @Test
    @DisplayName("a rejection is shown as a heal-rejected finding naming the fixes and the reason")
    void rejectionIsReported() {
        ValidationReport shown = HealPolicy.withRejection(BEFORE, List.of("set runAsNonRoot"), new HealPolicy.Verdict(false, "it adds x"));
        assertThat(shown.byRule("heal-rejected")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("set runAsNonRoot").contains("it adds x"));
        assertThat(shown.count(Severity.ERROR)).isEqualTo(1);
    }
}
