package dev.k8sautopilot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.RunStage;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.LayerTiming;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.Usage;
import dev.k8sautopilot.model.ValidationReport;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.PlanningContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The run states a run of each corpus request saves (new, planned or asking, generated, validated, failed, done),
 * planned offline: test data for the checkpoint writers, which must give the same bytes as Jackson for all of them.
 */
public final class CorpusStates {

    private CorpusStates() {
    }

    /** "id: request" of every request of the public and the own corpus, with its states. */
    @SuppressWarnings("unchecked")
    public static Map<String, List<RunState>> byRequest() throws IOException {
        Map<String, List<RunState>> all = new LinkedHashMap<>();
        for (String resource : List.of("/corpus/requests.yaml", "/corpus/more-requests.yaml")) {
            List<Map<String, Object>> entries;
            try (InputStream in = CorpusStates.class.getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                entries = (List<Map<String, Object>>) Yaml.load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            for (Map<String, Object> entry : entries) {
                String request = String.valueOf(entry.get("request"));
                all.put(entry.get("id") + ": " + request, statesOf(request));
            }
        }
        return all;
    }

    /** The states a run of this request saves. */
    public static List<RunState> statesOf(String request) {
        ChartRequest r = ChartRequest.of(request).withAnswers(Map.of("image", "ghcr.io/acme/app:1.2.0"))
                .withFeedback("more replicas, \"please\"\n\ttabs");
        RunState start = RunState.start("20261201-120000-0a1b2c3d", RunState.Mode.GENERATE, RunStage.PLAN, r, null,
                "/tmp/charts dir", null);
        List<RunState> states = new ArrayList<>(List.of(start));
        PlanOutcome outcome = new RuleBasedPlanner().plan(r, PlanningContext.offline());
        if (outcome instanceof PlanOutcome.NeedsInput n) {
            states.add(start.asking(n).at(RunStage.CLARIFICATION));
            return states;
        }
        ChartPlan plan = ((PlanOutcome.Planned) outcome).plan();
        RunState planned = start.withPlan(plan).at(RunStage.GENERATE);
        ChartFiles files = new ChartFiles(plan.spec().name(), Map.of("Chart.yaml", "apiVersion: v2\nname: x\n",
                "templates/NOTES.txt", "{{ .Release.Name }} ünïcödé \u2028 \u0000 \u001f \b\f\r end 😀", "values.yaml", "a: 1\n"),
                Map.of("files/logo.png", "iVBORw0KGgo="));
        ValidationReport report = new ValidationReport(List.of(
                Finding.of(Severity.WARNING, "sec-run-as-user", "security", "templates/deployment.yaml", 12, "runs as 101", "use ≥ 10000"),
                Finding.of(Severity.INFO, "helm-lint", "lint", "Chart.yaml", 0, "icon is recommended", "")),
                List.of(new LayerTiming("structure", 17, 0, false, ""), new LayerTiming("dry-run", 0, 0, true, "no cluster")),
                OptionalInt.of(93));
        RunState validated = planned.withFiles(files).withHealing(files, report, 1, List.of("set runAsNonRoot"))
                .withUsage(new Usage(2, 1234, 567, Map.of("plan", 31L, "validate", 190L, "generate", 88L), Map.of("plan", 2)))
                .at(RunStage.WRITE);
        states.add(planned);
        states.add(planned.withFiles(files).at(RunStage.GENERATION_REVIEW));
        states.add(validated);
        states.add(validated.failed("helm crashed: exit 2"));
        states.add(validated.withFiles(null).done("/tmp/charts dir/" + plan.spec().name()));
        states.add(validated.withReport(new ValidationReport(List.of(), List.of(), OptionalInt.empty())));
        return states;
    }
}
