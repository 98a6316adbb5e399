package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.Finding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a failed {@code helm template} becomes a finding. */
class TemplateLayerTest {

    @Test
    @DisplayName("a fail message that starts on a new line is reported in full, not as an empty first line")
    void multiLineFailMessage() {
        String error = "execution error at (web/templates/deployment.yaml:1:4): \nVALUES VALIDATION:\n"
                + "persistence.existingClaim: one ReadWriteOnce claim cannot be shared\nmetrics.port: \"metrics\" is not a key of service.ports";
        Finding f = TemplateLayer.renderFailure(new Rendering.Scenario("ci/default-values.yaml", error, List.of(), List.of()));

        assertThat(f.ruleId()).isEqualTo("template-render-failed");
        assertThat(f.file()).isEqualTo("templates/deployment.yaml");
        assertThat(f.line()).isEqualTo(1);
        assertThat(f.message()).contains("[with ci/default-values.yaml]")
                .contains("persistence.existingClaim: one ReadWriteOnce claim cannot be shared").contains("metrics.port:")
                .doesNotContain("\n");
    }

    @Test
    @DisplayName("a one-line error keeps its first line")
    void oneLine() {
        Finding f = TemplateLayer.renderFailure(new Rendering.Scenario("", "parse error at (web/templates/x.yaml:3): unexpected }",
                List.of(), List.of()));
        assertThat(f.message()).startsWith("helm template failed: parse error at (web/templates/x.yaml:3): unexpected } (")
                .endsWith(TemplateLayer.NOT_CHECKED + ")");
    }
}
