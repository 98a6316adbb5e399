package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.PlanningContext;
import dev.k8sautopilot.templates.DefaultTemplateCoordinator;
import io.kubernetes.client.openapi.models.V1Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link ModelTypes} says "readable" only when the client's typed read succeeds, and says it for the charts we write. */
@DisplayName("ModelTypes: when the typed read can be skipped")
class ModelTypesTest {

    private static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","creationTimestamp":%s,"labels":{"app":%s}},
             "spec":{"replicas":%s,"selector":{"matchLabels":{"app":"web"}},
              "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx",
               "ports":[{"containerPort":%s}],"resources":{"limits":{"memory":%s}},
               "livenessProbe":{"httpGet":{"path":"/","port":%s}},
               "securityContext":{"runAsNonRoot":%s,"runAsUser":%s}}]}}}}""";

    /** Values each slot gets: right and wrong types, ranges, quantities, timestamps, structures. */
    private static final List<String> VALUES = List.of("null", "3", "0", "-1", "3.5", "2147483648", "9223372036854775807",
            "12345678901234567890", "\"three\"", "\"80\"", "\"http\"", "true", "\"yes\"", "\"128Mi\"", "\"lots\"", "\"1.2.3\"",
            "128", "[1]", "{\"a\":1}", "\"2024-01-02T03:04:05Z\"", "\"not a time\"", "\"\"", "1e3");

    private static boolean clientReads(JsonElement json) {
        try {
            ModelGson.forModel(V1Deployment.class).fromJson(json, V1Deployment.class);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean validates(JsonElement json) {
        try {
            V1Deployment.validateJsonElement(json);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Test
    @DisplayName("a typical Deployment is readable without the typed read")
    void typical() {
        JsonElement json = JsonParser.parseString(DEPLOYMENT.formatted("null", "\"web\"", "3", "8080", "\"128Mi\"", "\"http\"", "true", "10001"));
        assertThat(ModelTypes.readable(json, V1Deployment.class)).isTrue();
        assertThat(clientReads(json)).isTrue();
    }

    @Test
    @DisplayName("sound: whatever the values, \"readable\" after validateJsonElement means the client's typed read succeeds")
    void sound() {
        java.util.concurrent.atomic.AtomicInteger readable = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger typedRead = new java.util.concurrent.atomic.AtomicInteger();
        // Each slot keeps its valid value two times in three, else takes any of VALUES: both answers come up often.
        String[] valid = {"null", "\"web\"", "3", "8080", "\"128Mi\"", "\"http\"", "true", "10001"};
        qt().withExamples(3000).forAll(lists().of(integers().between(0, VALUES.size() * 3 - 1)).ofSize(8)).checkAssert(picks -> {
                    String[] slots = new String[8];
                    for (int i = 0; i < 8; i++) {
                        slots[i] = picks.get(i) < VALUES.size() ? VALUES.get(picks.get(i)) : valid[i];
                    }
                    JsonElement json = JsonParser.parseString(DEPLOYMENT.formatted((Object[]) slots));
                    // As in the layer: the typed read (and this question) come only after validateJsonElement passed.
                    if (validates(json) && ModelTypes.readable(json, V1Deployment.class)) {
                        readable.incrementAndGet();
                        assertThat(clientReads(json)).as(String.join(" | ", slots)).isTrue();
                    } else {
                        typedRead.incrementAndGet();
                    }
                });
        // Both answers were exercised, not only one.
        assertThat(readable.get()).isGreaterThan(100);
        assertThat(typedRead.get()).isGreaterThan(100);
    }

    @TestFactory
    @DisplayName("every object of every corpus chart (defaults and all features) is readable without the typed read")
    Stream<DynamicTest> corpusCharts() throws IOException {
        List<Map<String, Object>> corpus;
        try (InputStream in = ModelTypesTest.class.getResourceAsStream("/corpus/requests.yaml")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) Yaml.load(new String(Objects.requireNonNull(in).readAllBytes(),
                    StandardCharsets.UTF_8));
            corpus = entries;
        }
        DefaultTemplateCoordinator coordinator = new DefaultTemplateCoordinator();
        Gson gson = new Gson();
        return corpus.stream().map(entry -> DynamicTest.dynamicTest(String.valueOf(entry.get("id")), () -> {
            PlanOutcome outcome = new RuleBasedPlanner().plan(ChartRequest.of(String.valueOf(entry.get("request"))), PlanningContext.offline());
            if (!(outcome instanceof PlanOutcome.Planned planned)) {
                return;
            }
            ChartFiles chart = coordinator.generate(planned.plan());
            for (String values : List.of("", "ci/all-features-values.yaml")) {
                List<RenderedManifest> objects = values.isEmpty() || !chart.files().containsKey(values)
                        ? ChartRenderer.render(chart, Map.of()) : ChartRenderer.renderWithValuesFile(chart, values, "1.31.0");
                for (RenderedManifest m : objects) {
                    Optional<Class<?>> model = KubernetesLayer.model(m.apiVersion(), m.kind());
                    if (model.isPresent()) {
                        assertThat(ModelTypes.readable(gson.toJsonTree(m.body()), model.get()))
                                .as("%s %s in %s", m.kind(), m.name(), values).isTrue();
                    }
                }
            }
        }));
    }
}
