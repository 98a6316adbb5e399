package dev.k8sautopilot.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.spi.PlanningContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("bad input gets a clear error or a safely kept value")
class BadInputTest {

    private final RuleBasedPlanner planner = new RuleBasedPlanner();

    private PlanOutcome plan(String text) {
        return planner.plan(ChartRequest.of(text), PlanningContext.offline());
    }

    @Test
    @DisplayName("empty, huge and binary requests are refused with the field named")
    void refused() {
        assertThatThrownBy(() -> plan("   ")).isInstanceOf(SpecException.class).hasMessageStartingWith("request");
        assertThatThrownBy(() -> plan("nginx ".repeat(20_000))).isInstanceOf(SpecException.class).hasMessageContaining("characters");
        assertThatThrownBy(() -> plan("nginx \u0000\u0001\u0002")).isInstanceOf(SpecException.class).hasMessageContaining("binary");
    }

    @Test
    @DisplayName("an impossible port is named")
    void badPort() {
        assertThatThrownBy(() -> plan("image acme/api:1.0.0 on port 70000")).isInstanceOf(SpecException.class).hasMessageStartingWith("port");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "nginx named {{ .Release.Name }} at {{ evil }}.example.com",
        "nginx called \"a: b\\n- c\" in namespace {{x}}",
        "image acme/api:1.0.0 port 8080 path /{{.Values.x}} host a.example.com}}",
        "nginx --- \n kind: Secret\n metadata: {name: x}",
        "redis with tls at `x`.example.com, namespace ${HOME}",
        "image acme/{{x}}:1.0 on port {{ 8080 }}"})
    @DisplayName("template syntax and YAML never reach a name, host, path or port")
    void noInjection(String text) {
        PlanOutcome o;
        try {
            o = plan(text);
        } catch (SpecException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        if (o instanceof PlanOutcome.Planned p) {
            ChartSpec s = p.plan().spec();
            List<String> structural = new ArrayList<>(List.of(s.name(), s.namespace(), s.ingress().path(), s.image().reference()));
            structural.addAll(s.ingress().hosts());
            s.ports().forEach(port -> structural.add(port.name()));
            for (String v : structural) {
                assertThat(v).doesNotContain("{{", "}}", "\n", ": ", "---", "$", "`");
            }
        }
    }

    @Test
    @DisplayName("template syntax in an env value is kept literally (escaped downstream)")
    void envValueLiteral() {
        PlanOutcome o = plan("image acme/api:1.0.0 with env MESSAGE=\"{{ .Values.secret }}: yes\"");
        assertThat(((PlanOutcome.Planned) o).plan().spec().env()).contains(new EnvVar("MESSAGE", "{{ .Values.secret }}: yes"));
    }

    @Test
    @DisplayName("a secret-looking literal value is never kept in the plan")
    void secretValueDropped() {
        PlanOutcome o = plan("image acme/api:1.0.0 env API_KEY=sk-12345");
        var plan = ((PlanOutcome.Planned) o).plan();
        assertThat(plan.spec().env()).isEmpty();
        assertThat(plan.toString()).doesNotContain("sk-12345");
    }
}
