package dev.k8sautopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.PlanningContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code kinds} and {@code absent} facts of the planner corpora (core's {@code CorpusTest} checks the
 * others): planned by the rule-based planner, answered by {@link ChartPlan#renderedKinds()}, which asks the
 * feature slices through the discovered coordinator.
 */
@DisplayName("planned corpus requests render the listed kinds")
class PlannedKindsTest {

    private static final RuleBasedPlanner PLANNER = new RuleBasedPlanner();

    @TestFactory
    @DisplayName("public and own planner corpora")
    Stream<DynamicTest> corpora() throws IOException {
        return Stream.of("src/test/resources/corpus/requests.yaml", "../core/src/test/resources/corpus/more-requests.yaml")
                .flatMap(PlannedKindsTest::tests);
    }

    @Test
    @DisplayName("ChartPlan.renderedKinds() is what the default coordinator's features report")
    void samePathAsCoordinator() {
        ChartPlan plan = ChartPlan.of(TestSpecs.everything());
        assertThat(plan.renderedKinds()).isEqualTo(new DefaultTemplateCoordinator().renderedKinds(plan)).isNotEmpty();
        assertThat(plan.summary()).contains("objects:  " + String.join(", ", plan.renderedKinds()));
    }

    @Test
    @DisplayName("a worker with no ports renders a Deployment and no Service (moved from core's RequestUnderstandingTest)")
    void workerKinds() {
        PlanOutcome outcome = PLANNER.plan(ChartRequest.of("a queue worker, image acme/worker:2.0.0, with no ports"), PlanningContext.offline());
        assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
        assertThat(((PlanOutcome.Planned) outcome).plan().renderedKinds()).contains("Deployment").doesNotContain("Service");
    }

    @SuppressWarnings("unchecked")
    private static Stream<DynamicTest> tests(String file) {
        List<Map<String, Object>> entries;
        try {
            entries = (List<Map<String, Object>>) Yaml.load(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(entries).as(file).isNotEmpty();
        return entries.stream()
                .filter(e -> e.get("expect") instanceof Map<?, ?> m && (m.containsKey("kinds") || m.containsKey("absent")))
                .map(e -> DynamicTest.dynamicTest(e.get("id") + ": " + e.get("request"), () -> {
                    Map<String, Object> expect = (Map<String, Object>) e.get("expect");
                    PlanOutcome outcome = PLANNER.plan(ChartRequest.of(String.valueOf(e.get("request"))), PlanningContext.offline());
                    assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
                    ChartPlan plan = ((PlanOutcome.Planned) outcome).plan();
                    List<String> kinds = plan.renderedKinds();
                    if (expect.containsKey("kinds")) {
                        assertThat(kinds).as(plan.summary()).containsAll((List<String>) expect.get("kinds"));
                    }
                    if (expect.containsKey("absent")) {
                        assertThat(kinds).as(plan.summary()).doesNotContainAnyElementsOf((List<String>) expect.get("absent"));
                    }
                }));
    }
}
