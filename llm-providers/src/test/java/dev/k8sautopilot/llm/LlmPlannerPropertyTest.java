package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.PlanningContext;
import dev.langchain4j.exception.RateLimitException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LlmPlannerPropertyTest {

    /** Replies a model may give: good, broken, hostile, odd. */
    static final List<String> REPLIES = List.of(
            "{\"name\":\"web\",\"image\":\"nginx:1.27.3\",\"ports\":[8080]}",
            "{\"name\":\"web\",\"image\":\"nginx:1.27.3\",\"ports\":[99999],\"replicas\":-4,\"ingress\":{\"hosts\":[\"not a host\"]}}",
            "{\"name\":\"web\",\"image\":\"nginx:1.27.3\",\"ports\":\"eighty\",\"env\":[1,2],\"security\":{\"runAsUser\":-1}}",
            "{\"image\":{\"repository\":\"nginx\",\"tag\":\"latest\"},\"probes\":{\"readiness\":{\"type\":\"exec\"}}}",
            "{\"name\":null,\"image\":null,\"rbac\":[{\"resources\":[\"*\"],\"verbs\":[\"*\"]}],\"ports\":[8080]}",
            "```json\n{\"name\":\"web\"}\n```",
            "{\"name\": \"web\",",
            "[]",
            "",
            "null");

    @Test
    @DisplayName("whatever the model answers or throws, the planner returns an outcome after at most two calls")
    void boundedAndTotal() {
        qt().withExamples(300).forAll(integers().between(0, REPLIES.size()), integers().between(0, REPLIES.size()),
                strings().basicLatinAlphabet().ofLengthBetween(0, 30)).checkAssert((first, second, noise) -> {
                    ScriptedChatModel model = new ScriptedChatModel();
                    for (int pick : new int[] {first, second}) {
                        if (pick == REPLIES.size()) {
                            model.thenThrow(new RateLimitException("429"));
                        } else {
                            model.thenReply(REPLIES.get(pick) + (pick % 2 == 0 ? "" : noise));
                        }
                    }
                    LlmPlanner planner = new LlmPlanner(LlmPlannerTest.MARKER, new RuleBasedPlanner()::complete);

                    PlanOutcome outcome = planner.plan(ChartRequest.of("nginx web " + noise), new PlanningContext(Optional.of(model), null));

                    assertThat(outcome).isNotNull();
                    assertThat(model.calls()).isBetween(1, LlmPlanner.MAX_CALLS);
                });
    }

    /** Fields where an ungrounded value is security-relevant; {@code %s} is where the marker goes. */
    static final List<String> HOSTILE_FIELDS = List.of(
            "\"image\":\"ghcr.io/%s/orders:2.3.1\"",
            "\"image\":\"ghcr.io/acme/orders:%s\"",
            "\"sidecars\":[{\"name\":\"%s\",\"image\":\"busybox:1.36.1\"}]",
            "\"initContainers\":[{\"name\":\"init\",\"image\":\"docker.io/%s/x:1.0\"}]",
            "\"command\":[\"/bin/%s\"]",
            "\"args\":[\"--%s\"]",
            "\"rbac\":[{\"apiGroups\":[\"%s.io\"],\"resources\":[\"secrets\"],\"verbs\":[\"get\"]}]",
            "\"namespace\":\"%s\"",
            "\"existingSecret\":\"%s\"",
            "\"configFiles\":[{\"fileName\":\"%s.conf\",\"mountPath\":\"/etc/x\",\"content\":\"a\"}]",
            "\"persistence\":{\"enabled\":true,\"existingClaim\":\"%s\"}",
            "\"security\":{\"writablePaths\":[\"/opt/%s\"]}",
            "\"metadata\":{\"home\":\"https://%s.example\"}",
            "\"commonLabels\":{\"team\":\"%s\"}",
            "\"commonAnnotations\":{\"note\":\"%s\"}",
            "\"service\":{\"type\":\"LoadBalancer\",\"annotations\":{\"x\":\"%s\"}}",
            "\"ingress\":{\"enabled\":true,\"hosts\":[\"%s.example.com\"]}",
            "\"env\":[{\"name\":\"%s\",\"value\":\"1\"}]",
            "\"probes\":{\"liveness\":{\"type\":\"exec\",\"command\":[\"%s\"]}}");

    @Test
    @DisplayName("a marker the request does not contain, put by the model in any security-relevant field, never reaches the plan")
    void ungroundedNeverReachesThePlan() {
        qt().withExamples(200).forAll(integers().between(0, HOSTILE_FIELDS.size() - 1), integers().between(0, HOSTILE_FIELDS.size() - 1),
                strings().betweenCodePoints('a', 'z').ofLengthBetween(6, 10)).checkAssert((a, b, word) -> {
                    String marker = "zq" + word;
                    String answer = "{\"name\":\"orders\",\"ports\":[8080]," + HOSTILE_FIELDS.get(a).formatted(marker)
                            + (a.equals(b) ? "" : "," + HOSTILE_FIELDS.get(b).formatted(marker)) + "}";
                    ScriptedChatModel model = ScriptedChatModel.replying(answer);
                    LlmPlanner planner = new LlmPlanner(LlmPlannerTest.MARKER, new RuleBasedPlanner()::complete);

                    PlanOutcome outcome = planner.plan(ChartRequest.of("Deploy ghcr.io/acme/orders:2.3.1 on port 8080"),
                            new PlanningContext(Optional.of(model), null));

                    assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
                    var plan = ((PlanOutcome.Planned) outcome).plan();
                    assertThat(plan.planner()).as(answer).isEqualTo("llm");
                    assertThat(plan.spec().toString()).as(answer).doesNotContain(marker);
                    assertThat(plan.warnings()).as(answer).anySatisfy(w -> assertThat(w).contains(marker));
                });
    }
}
