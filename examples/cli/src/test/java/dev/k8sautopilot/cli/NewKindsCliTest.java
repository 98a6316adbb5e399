package dev.k8sautopilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The new kinds end to end: sentence → plan → chart → every validation layer → written chart, offline. */
@DisplayName("generate: DaemonSet, Gateway API route, umbrella chart")
class NewKindsCliTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Create a Helm chart for a node exporter on every node, image quay.io/prometheus/node-exporter:v1.8.2 on port 9100 | node-exporter | DaemonSet | templates/daemonset.yaml",
        "Create a chart for shop, image ghcr.io/acme/shop:3.1.0 on port 8080, exposed through the Gateway API via gateway public-gw at shop.example.com with TLS | shop | HTTPRoute | templates/httproute.yaml",
        "ghost with its own mysql | ghost | StatefulSet | charts/mysql/templates/statefulset.yaml"})
    void writesAChartThatPasses(String request, String name, String kind, String file, @TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.cli("generate", request, "--output", dir.resolve("charts").toString(), "--yes", "--json",
                "--checkpointer", "memory:");
        assertThat(o.code()).as(o.err() + o.out()).isZero();
        JsonNode doc = o.json();
        assertThat(doc.path("passed").asBoolean()).as(o.out()).isTrue();
        assertThat(doc.path("plan").path("kinds").toString()).contains(kind);
        Path chart = dir.resolve("charts").resolve(name);
        assertThat(chart.resolve(file)).exists();
    }
}
