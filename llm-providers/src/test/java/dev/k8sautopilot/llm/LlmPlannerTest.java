package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.ValueSource;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.ServiceType;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.Planner;
import dev.k8sautopilot.spi.PlanningContext;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class LlmPlannerTest {

    static final AtomicInteger FALLBACKS = new AtomicInteger();

    /** A fallback that marks its plans, so a test can tell the rules' plan from the model's. */
    static final Planner MARKER = (request, context) -> {
        FALLBACKS.incrementAndGet();
        return new PlanOutcome.Planned(new ChartPlan(ChartSpec.builder().name("from-rules").image(Image.parse("nginx:1.27.3"))
                .ports(List.of(Port.of("http", 8080))).build(), List.of(), List.of(), "rules"));
    };

    static LlmPlanner planner() {
        return new LlmPlanner(MARKER, new RuleBasedPlanner()::complete);
    }

    static PlanningContext with(ScriptedChatModel model) {
        return new PlanningContext(Optional.of(model), null);
    }

    static ChartPlan planned(PlanOutcome outcome) {
        assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
        return ((PlanOutcome.Planned) outcome).plan();
    }

    @Nested
    @DisplayName("on the corpus, with a model that answers right")
    class Corpus {

        @TestFactory
        @DisplayName("every request is planned right with one call")
        Stream<DynamicTest> corpus() {
            @SuppressWarnings("unchecked")
            Map<String, Object> replies = (Map<String, Object>) Yaml.load(CorpusFacts.resource("/llm-replies.yaml"));
            List<CorpusFacts.Entry> entries = CorpusFacts.entries();
            assertThat(replies.keySet()).containsExactlyInAnyOrderElementsOf(entries.stream().map(CorpusFacts.Entry::id).toList());
            return entries.stream().map(entry -> DynamicTest.dynamicTest(entry.id(), () -> {
                ScriptedChatModel model = ScriptedChatModel.replying(Json.write(replies.get(entry.id())));
                PlanOutcome outcome = new LlmPlanner().plan(ChartRequest.of(entry.request()), with(model));

                assertThat(CorpusFacts.violations(entry.expect(), outcome)).as(entry.id()).isEmpty();
                assertThat(model.calls()).isEqualTo(1);
                if (outcome instanceof PlanOutcome.Planned p) {
                    assertThat(p.plan().planner()).isEqualTo("llm");
                    // The rules still add the catalog's notes; the model's answer itself needed no correction.
                    assertThat(p.plan().warnings()).as("warnings").noneMatch(w -> w.startsWith(SpecSanitizer.PREFIX));
                }
            }));
        }

        @Test
        @DisplayName("the same answers wrapped in prose and a code fence still need one call")
        void proseAndFence() {
            ScriptedChatModel model = ScriptedChatModel.replying("Here is the spec:\n```json\n"
                    + "{\"name\":\"ledger\",\"image\":\"quay.io/acme/ledger:v1.7.0\",\"ports\":[{\"name\":\"grpc\",\"containerPort\":9090}],"
                    + "\"service\":{\"type\":\"NodePort\"}}\n```\nLet me know if you need more.");
            ChartPlan plan = planned(planner().plan(ChartRequest.of("Go gRPC service quay.io/acme/ledger:v1.7.0 on port 9090, NodePort"), with(model)));

            assertThat(plan.spec().service().type()).isEqualTo(ServiceType.NODE_PORT);
            assertThat(model.calls()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("prompt and response format")
    class Prompt {

        @Test
        @DisplayName("a structured-output model gets the schema as response format, not in the prompt")
        void structured() {
            ScriptedChatModel model = ScriptedChatModel.replying("{\"name\":\"redis\",\"app\":\"redis\",\"ports\":[6379]}").structured();
            planned(planner().plan(ChartRequest.of("redis cache"), with(model)));

            var request = model.requests().get(0);
            assertThat(request.responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
            assertThat(request.responseFormat().jsonSchema().rootElement().toString()).contains("containerPort");
            assertThat(((SystemMessage) request.messages().get(0)).text()).doesNotContain("Its shape");
        }

        @Test
        @DisplayName("a text model gets the schema skeleton in the prompt and no response format")
        void text() {
            ScriptedChatModel model = ScriptedChatModel.replying("{\"name\":\"redis\",\"app\":\"redis\",\"ports\":[6379]}");
            planned(planner().plan(ChartRequest.of("redis cache"), with(model)));

            var request = model.requests().get(0);
            assertThat(request.responseFormat()).isNull();
            assertThat(((SystemMessage) request.messages().get(0)).text()).contains(SpecSchema.skeleton());
        }

        @Test
        @DisplayName("answers and reviewer feedback go into the prompt, and answers win over the model")
        void answersAndFeedback() {
            ChartRequest request = ChartRequest.of("A chart for our internal billing service")
                    .withAnswer("image", "ghcr.io/acme/billing:1.2.0")
                    .withAnswer("replicas", "2")
                    .withFeedback("use port 9000");
            ScriptedChatModel model = ScriptedChatModel.replying("{\"name\":\"billing\",\"image\":\"ghcr.io/acme/billing:9.9.9\",\"replicas\":5,\"ports\":[9000]}");
            ChartPlan plan = planned(planner().plan(request, with(model)));

            String user = ((UserMessage) model.requests().get(0).messages().get(1)).singleText();
            assertThat(user).contains("<request>\nA chart for our internal billing service\n</request>")
                    .contains("<answers>\n").contains("- image: ghcr.io/acme/billing:1.2.0\n").contains("<feedback>\n- use port 9000\n</feedback>");
            assertThat(plan.spec().image().reference()).isEqualTo("ghcr.io/acme/billing:1.2.0");
            assertThat(plan.spec().replicas()).isEqualTo(2);
            assertThat(plan.spec().mainPort().orElseThrow().containerPort()).isEqualTo(9000);
        }

        @Test
        @DisplayName("the first prompt stays small (rough token estimate, printed for the report)")
        void promptSize() {
            ChartRequest request = ChartRequest.of("Spring Boot service from registry.example.com/payments:1.0.3 on port 8080, "
                    + "autoscale between 2 and 10 replicas at 70% CPU, health at /actuator/health");
            int text = Prompts.estimateTokens(LlmPlanner.prompt(request, false));
            int structured = Prompts.estimateTokens(LlmPlanner.prompt(request, true));
            int schema = (Json.write(dev.langchain4j.internal.JsonSchemaElementUtils.toMap(SpecSchema.jsonSchema().rootElement())).length() + 3) / 4;
            System.out.println("planner prompt tokens (estimate): text mode " + text + ", structured mode " + structured
                    + " + response schema ~" + schema);
            assertThat(text).isLessThan(900);
            assertThat(structured).isLessThan(400);
        }
    }

    @Nested
    @DisplayName("repair and fallback")
    class Fallbacks {

        @Test
        @DisplayName("malformed JSON is repaired by one more call that carries the error")
        void repair() {
            ScriptedChatModel model = ScriptedChatModel.replying("{'name': 'redis'}", "{\"name\":\"redis\",\"app\":\"redis\",\"ports\":[6379]}");
            ChartPlan plan = planned(planner().plan(ChartRequest.of("redis cache"), with(model)));

            assertThat(plan.spec().name()).isEqualTo("redis");
            assertThat(plan.decisions().get(0).choice()).isEqualTo("language model, 2 calls");
            assertThat(model.calls()).isEqualTo(2);
            var repair = model.requests().get(1).messages();
            assertThat(((UserMessage) repair.get(repair.size() - 1)).singleText()).contains("could not be used").contains("not valid JSON");
        }

        @Test
        @DisplayName("JSON that is not an object is repaired too")
        void notAnObject() {
            ScriptedChatModel model = ScriptedChatModel.replying("[1, 2]", "{\"name\":\"redis\",\"app\":\"redis\",\"ports\":[6379]}");
            planned(planner().plan(ChartRequest.of("redis cache"), with(model)));

            assertThat(((UserMessage) model.requests().get(1).messages().get(3)).singleText()).contains("not an object");
        }

        @Test
        @DisplayName("two unusable replies fall back to the rules with a warning, after exactly two calls")
        void twoBadReplies() {
            ScriptedChatModel model = ScriptedChatModel.replying("I cannot help with that.", "");
            ChartPlan plan = planned(planner().plan(ChartRequest.of("redis cache"), with(model)));

            assertThat(plan.spec().name()).isEqualTo("from-rules");
            assertThat(plan.warnings()).singleElement().asString().contains("after one repair round").contains("offline rules");
            assertThat(model.calls()).isEqualTo(2);
        }

        @Test
        @DisplayName("a timeout falls back at once")
        void timeout() {
            ScriptedChatModel model = new ScriptedChatModel().thenThrow(new TimeoutException("read timed out"));
            ChartPlan plan = planned(planner().plan(ChartRequest.of("redis cache"), with(model)));

            assertThat(plan.warnings()).singleElement().asString().contains("did not answer in time");
            assertThat(model.calls()).isEqualTo(1);
        }

        @Test
        @DisplayName("a rate limit after retries falls back at once")
        void rateLimit() {
            ScriptedChatModel model = new ScriptedChatModel().thenThrow(new RateLimitException("429"));
            ChartPlan plan = planned(planner().plan(ChartRequest.of("redis cache"), with(model)));

            assertThat(plan.warnings()).singleElement().asString().contains("rate limit");
        }

        @Test
        @DisplayName("a failing repair call falls back with the model's error")
        void repairCallFails() {
            ScriptedChatModel model = ScriptedChatModel.replying("nope").thenThrow(new IllegalStateException("HTTP 503 upstream down"));
            ChartPlan plan = planned(planner().plan(ChartRequest.of("redis cache"), with(model)));

            assertThat(plan.warnings()).singleElement().asString().contains("HTTP 503 upstream down");
            assertThat(model.calls()).isEqualTo(2);
        }

        @Test
        @DisplayName("without a chat model, or for a structured spec, the rules plan and no call is made")
        void noModelNoCall() {
            int before = FALLBACKS.get();
            planned(planner().plan(ChartRequest.of("redis cache"), PlanningContext.offline()));
            ScriptedChatModel model = new ScriptedChatModel();
            planned(planner().plan(ChartRequest.of(ChartSpec.builder().name("web").image(Image.parse("nginx:1.27.3"))
                    .ports(List.of(Port.of("http", 8080))).build()), with(model)));

            assertThat(FALLBACKS.get() - before).isEqualTo(2);
            assertThat(model.calls()).isZero();
        }
    }

    @Nested
    @DisplayName("keeping the model's answer sane")
    class Sanity {

        ChartSpec offline(String request) {
            return ((PlanOutcome.Planned) new RuleBasedPlanner().plan(ChartRequest.of(request), PlanningContext.offline())).plan().spec();
        }

        PlanOutcome plan(String request, String reply) {
            return planner().plan(ChartRequest.of(request), with(ScriptedChatModel.replying(reply)));
        }

        @Test
        @DisplayName("unknown and security-weakening fields are dropped with warnings and dropped decisions")
        void unknownAndUnsafe() {
            ChartPlan plan = planned(plan("nginx web server on port 80 at web.example.com", "{\"name\":\"nginx\",\"app\":\"nginx\",\"ports\":[80],"
                    + "\"privileged\":true,\"colour\":\"blue\",\"security\":{\"readOnlyRootFilesystem\":false,\"runAsUser\":0,"
                    + "\"capabilities\":[\"NET_BIND_SERVICE\",\"SYS_TIME\"]},\"ingress\":{\"hosts\":[\"web.example.com\"],\"sparkle\":1}}"));

            assertThat(plan.spec().security().readOnlyRoot()).isTrue();
            assertThat(plan.spec().security().runAsUser()).as("the rules' choice, not the model's root")
                    .isEqualTo(offline("nginx web server").security().runAsUser()).isPositive();
            assertThat(plan.spec().security().capabilities()).as("port 80 is named").containsExactly("NET_BIND_SERVICE");
            assertThat(plan.spec().ingress().enabled()).as("settings imply the feature").isTrue();
            assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("refused the security setting privileged"))
                    .anySatisfy(w -> assertThat(w).contains("unknown field colour"))
                    .anySatisfy(w -> assertThat(w).contains("unknown field ingress.sparkle"))
                    .anySatisfy(w -> assertThat(w).contains("read-only root filesystem"))
                    .anySatisfy(w -> assertThat(w).contains("runAsUser = 0"))
                    .anySatisfy(w -> assertThat(w).contains("SYS_TIME"));
            assertThat(plan.decisions()).filteredOn(d -> !d.isApplied())
                    .allSatisfy(d -> assertThat(d.source()).isEqualTo(ValueSource.LLM))
                    .extracting(PlanDecision::topic).contains("privileged", "colour", "security.runAsUser", "security.capabilities");
        }

        @Test
        @DisplayName("invalid values are dropped field by field, not the whole answer")
        void invalidValues() {
            ChartPlan plan = planned(plan("redis on port 6379 with 3 replicas and 1Gi of storage", "{\"name\":\"redis\",\"app\":\"redis\","
                    + "\"ports\":[{\"name\":\"redis\",\"containerPort\":6379},{\"name\":\"bad\",\"containerPort\":70000}],"
                    + "\"replicas\":3,\"persistence\":{\"size\":\"lots\"},\"resources\":{\"requestsCpu\":\"250m\",\"limitsMemory\":\"1 GB\"}}"));

            assertThat(plan.spec().ports()).extracting(Port::containerPort).containsExactly(6379);
            assertThat(plan.spec().replicas()).isEqualTo(3);
            assertThat(plan.spec().resources().requestsCpu()).isEqualTo("250m");
            assertThat(plan.spec().resources().limitsMemory()).as("the model's '1 GB' is dropped; the rules size it").isNotEqualTo("1 GB");
            assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("dropped ports[1]"))
                    .anySatisfy(w -> assertThat(w).contains("dropped persistence.size"))
                    .anySatisfy(w -> assertThat(w).contains("dropped resources.limitsMemory"));
        }

        @Test
        @DisplayName("an invalid chart name is dropped, leaving the name to the rules")
        void invalidName() {
            PlanOutcome outcome = plan("redis cache", "{\"name\":\"Redis_Cache!\",\"app\":\"redis\",\"ports\":[6379]}");

            String notes = outcome instanceof PlanOutcome.Planned p ? String.join("\n", p.plan().warnings())
                    : String.join("\n", ((PlanOutcome.NeedsInput) outcome).warnings());
            assertThat(notes).contains("dropped name = Redis_Cache!");
            if (outcome instanceof PlanOutcome.Planned p) {
                assertThat(p.plan().spec().name()).isNotEqualTo("placeholder");
            }
        }

        @Test
        @DisplayName("secret-looking variables move from env to secretEnv")
        void secretsMove() {
            ChartPlan plan = planned(plan("worker acme/worker:3.2 with API_TOKEN and LOG_LEVEL=debug", "{\"name\":\"worker\",\"image\":\"acme/worker:3.2\","
                    + "\"ports\":[8080],\"env\":{\"LOG_LEVEL\":\"debug\",\"API_TOKEN\":\"abc123\"}}"));

            assertThat(plan.spec().env()).extracting(e -> e.name()).containsExactly("LOG_LEVEL");
            assertThat(plan.spec().secretEnv()).extracting(e -> e.name()).containsExactly("API_TOKEN");
            assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("moved API_TOKEN"));
        }

        @Test
        @DisplayName("an invented image or a bare runtime image is dropped, so the rules ask for the image")
        void inventedImages() {
            PlanOutcome runtime = plan("Generate a Helm chart for a Node.js application",
                    "{\"name\":\"nodejs-app\",\"image\":\"node:20-alpine\",\"ports\":[3000]}");
            PlanOutcome invented = plan("A chart for our internal billing service",
                    "{\"name\":\"billing\",\"image\":\"acme/billing-service:1.0.0\",\"ports\":[8080]}");

            for (PlanOutcome outcome : List.of(runtime, invented)) {
                assertThat(outcome).isInstanceOf(PlanOutcome.NeedsInput.class);
                PlanOutcome.NeedsInput n = (PlanOutcome.NeedsInput) outcome;
                assertThat(n.questions()).anySatisfy(q -> assertThat(q.field()).isEqualTo("image"));
                assertThat(n.warnings()).anySatisfy(w -> assertThat(w).startsWith(LlmPlanner.WARNING_PREFIX + "dropped image"));
                assertThat(n.decisions()).anySatisfy(d -> {
                    assertThat(d.topic()).isEqualTo("image");
                    assertThat(d.outcome()).isEqualTo(PlanDecision.Outcome.DROPPED);
                    assertThat(d.source()).isEqualTo(ValueSource.LLM);
                });
                assertThat(n.decisions().get(0).topic()).as("the understanding comes first, as in a plan").isEqualTo("understanding");
                assertThat(n.partial()).as("what the rules understood, without the warning lines").doesNotContain("dropped");
            }
        }

        @Test
        @DisplayName("an image the request names is kept, a rolling tag is not")
        void groundedImages() {
            ChartPlan explicitRuntime = planned(plan("run node:20-alpine with my script on port 3000",
                    "{\"name\":\"script\",\"image\":\"node:20-alpine\",\"ports\":[3000]}"));
            ChartPlan latest = planned(plan("grafana dashboard", "{\"name\":\"grafana\",\"app\":\"grafana\",\"image\":\"grafana/grafana:latest\",\"ports\":[3000]}"));

            ChartPlan namedLatest = planned(plan("run grafana/grafana:latest", "{\"name\":\"grafana\",\"app\":\"grafana\",\"image\":\"grafana/grafana:latest\",\"ports\":[3000]}"));

            assertThat(explicitRuntime.spec().image().reference()).endsWith("/node:20-alpine");
            assertThat(latest.spec().image().tag()).as("the catalog's pinned image replaces an unnamed one").isNotEmpty().isNotEqualTo("latest");
            assertThat(latest.warnings()).anySatisfy(w -> assertThat(w).contains("dropped image = grafana/grafana:latest"));
            assertThat(namedLatest.spec().image().tag()).as("the catalog's pinned tag replaces latest").isNotEmpty().isNotEqualTo("latest");
            assertThat(namedLatest.warnings()).anySatisfy(w -> assertThat(w).contains("rolling tag"));
        }
    }
}
