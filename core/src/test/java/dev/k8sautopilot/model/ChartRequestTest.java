package dev.k8sautopilot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChartRequestTest {

    @Test
    void emptyRequestSaysWhatToWrite() {
        assertThatThrownBy(() -> ChartRequest.of("   ")).isInstanceOf(SpecException.class)
                .hasMessageContaining("request").hasMessageContaining("Create a Helm chart for nginx");
    }

    @Test
    void hugeRequestIsRefused() {
        assertThatThrownBy(() -> ChartRequest.of("nginx ".repeat(20_000))).isInstanceOf(SpecException.class)
                .hasMessageContaining("at most 10000");
    }

    @Test
    void binaryIsRefused() {
        assertThatThrownBy(() -> ChartRequest.of("nginx \u0001\u0002")).hasMessageContaining("binary");
    }

    @Test
    void answersAndFeedbackAccumulate() {
        ChartRequest r = ChartRequest.of("a chart for billing").withAnswer("image", "acme/billing:1.0.0").withFeedback("3 replicas");
        assertThat(r.answers()).containsEntry("image", "acme/billing:1.0.0");
        assertThat(r.feedback()).containsExactly("3 replicas");
    }
}
