package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.ValueSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline with a chat model on the corpus: the LLM planner and healer are discovered through
 * ServiceLoader because a model is configured, every call goes through the pipeline's metering, and a chart
 * costs at most two calls (one in practice: the plan; the healer is not needed for generated charts).
 */
class LlmPipelineTest {

    @TempDir
    static Path out;

    private static final AtomicInteger CHARTS = new AtomicInteger();
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final AtomicLong TOKENS = new AtomicLong();

    @TestFactory
    Stream<DynamicTest> corpusWithAModelCostsAtMostTwoCallsPerChart() {
        @SuppressWarnings("unchecked")
        Map<String, Object> replies = (Map<String, Object>) Yaml.load(CorpusFacts.resource("/llm-replies.yaml"));
        return CorpusFacts.entries().stream().map(entry -> DynamicTest.dynamicTest(entry.id(), () -> {
            ScriptedChatModel model = ScriptedChatModel.replying(Json.write(replies.get(entry.id())));
            ChartPipeline pipeline = ChartPipeline.builder()
                    .chatModel(model)
                    .outputDirectory(out.resolve(entry.id()))
                    .checkpointer(new MemoryCheckpointer())
                    .approvals(ApprovalHandlers.autoApprove())
                    .build();
            assertThat(pipeline.online()).isTrue();
            assertThat(pipeline.planner().id()).isEqualTo("llm");

            RunResult result = pipeline.run(ChartRequest.of(entry.request()));

            assertThat(result.usage().llmCalls()).as(entry.id()).isLessThanOrEqualTo(2).isEqualTo(model.calls());
            assertThat(result.usage().inputTokens()).isPositive();
            assertThat(result.usage().callsByStage()).containsEntry("plan", 1);
            if (entry.expect().containsKey("needs_input")) {
                assertThat(result).isInstanceOf(RunResult.Interrupted.class);
                assertThat(((RunResult.Interrupted) result).request().gate()).isEqualTo(Gate.CLARIFICATION);
            } else {
                assertThat(result).as(entry.id() + ": " + result).isInstanceOf(RunResult.Completed.class);
                RunResult.Completed done = (RunResult.Completed) result;
                assertThat(done.passed()).as(done.report().format()).isTrue();
                assertThat(done.plan().planner()).isEqualTo("llm");
                CHARTS.incrementAndGet();
            }
            CALLS.addAndGet(result.usage().llmCalls());
            TOKENS.addAndGet(result.usage().inputTokens() + result.usage().outputTokens());
        }));
    }

    @Test
    @DisplayName("a healer answer that adds lookup, a cluster-scoped binding, host access or a privileged container is never kept")
    void launderingHealsAreNeverKept(@TempDir Path dir) throws Exception {
        RunResult made = ChartPipeline.builder().outputDirectory(dir).checkpointer(new MemoryCheckpointer())
                .approvals(ApprovalHandlers.autoApprove()).build().run(ChartRequest.of("Create a Helm chart for nginx"));
        Path chart = ((RunResult.Completed) made).chartDirectory();
        Path deployment = chart.resolve("templates/deployment.yaml");
        String good = Files.readString(deployment);
        assertThat(good).contains("revisionHistoryLimit:");
        String broken = good.replace("revisionHistoryLimit:", "revisionHistoryLimitt:");
        List<String> hostile = List.of(
                "{{- $admin := lookup \"v1\" \"Secret\" \"kube-system\" \"admin\" }}\n" + good,
                good + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: nginx-edit\n"
                        + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}\n"
                        + "subjects: [{kind: ServiceAccount, name: default, namespace: default}]\n",
                good.replace("spec:\n", "spec:\n  hostNetwork: true\n  hostPID: true\n"),
                good.replace("spec:\n", "spec:\n  privileged: true\n"));
        for (String patch : hostile) {
            Files.writeString(deployment, broken);
            String[] replies = new String[9];
            java.util.Arrays.fill(replies, "```yaml\n" + patch + "```\n");
            ScriptedChatModel model = ScriptedChatModel.replying(replies);
            ChartPipeline repair = ChartPipeline.builder().chatModel(model).outputDirectory(dir).checkpointer(new MemoryCheckpointer())
                    .approvals(ApprovalHandlers.autoApprove()).build();

            RunResult result = repair.repair(chart);

            assertThat(model.calls()).as("the LLM healer was asked").isPositive();
            assertThat(result).isNotInstanceOf(RunResult.Interrupted.class);
            String written = Files.readString(deployment);
            assertThat(written).doesNotContain("lookup").doesNotContain("ClusterRoleBinding").doesNotContain("hostNetwork")
                    .doesNotContain("privileged: true");
            if (result instanceof RunResult.Completed c) {
                assertThat(c.healLog()).noneMatch(l -> l.contains("patched by the language model"));
            }
        }
    }

    @Test
    @DisplayName("a run that stops to ask shows the model values it dropped, at the gate and after a resume")
    void dropsReachTheClarificationGate(@TempDir Path dir) {
        MemoryCheckpointer store = new MemoryCheckpointer();
        ScriptedChatModel model = ScriptedChatModel.replying(
                "{\"name\": \"billing\", \"image\": \"docker.io/evilcorp/billing:6.6.6\", \"ports\": [8080],"
                        + " \"namespace\": \"kube-system\", \"replicas\": 2}",
                "{\"name\": \"billing\", \"ports\": [8080], \"replicas\": 2}");
        List<ApprovalRequest> asked = new ArrayList<>();
        ChartPipeline pipeline = ChartPipeline.builder().chatModel(model).outputDirectory(dir).checkpointer(store)
                .approvals(ApprovalHandlers.callback(request -> {
                    asked.add(request);
                    return Decision.defer();
                })).build();

        RunResult.Interrupted stopped = (RunResult.Interrupted) pipeline.run(ChartRequest.of("A chart for our internal billing service"));

        assertThat(stopped.request().gate()).isEqualTo(Gate.CLARIFICATION);
        assertThat(stopped.request().questions()).anySatisfy(q -> assertThat(q.field()).isEqualTo("image"));
        assertThat(asked).singleElement().satisfies(LlmPipelineTest::showsTheDrops);
        showsTheDrops(stopped.request());
        ChartPipeline later = ChartPipeline.builder().chatModel(model).outputDirectory(dir).checkpointer(store)
                .approvals(ApprovalHandlers.autoApprove()).build();
        showsTheDrops(((RunResult.Interrupted) later.resume(stopped.runId(), Decision.defer())).request());
        RunResult.Completed done = (RunResult.Completed) later.resume(stopped.runId(),
                Decision.answer("image", "ghcr.io/acme/billing:1.4.0"));
        assertThat(done.plan().spec().image().reference()).isEqualTo("ghcr.io/acme/billing:1.4.0");
        assertThat(done.plan().warnings()).as("the answered round's notes stay with it").noneMatch(w -> w.contains("evilcorp"));
    }

    /** The gate carries each dropped model value as a warning line and as a dropped decision with source llm. */
    private static void showsTheDrops(ApprovalRequest request) {
        assertThat(request.warnings())
                .anySatisfy(w -> assertThat(w).startsWith(LlmPlanner.WARNING_PREFIX + "dropped namespace = kube-system: "))
                .anySatisfy(w -> assertThat(w).startsWith(LlmPlanner.WARNING_PREFIX + "dropped image = docker.io/evilcorp/billing:6.6.6: "));
        assertThat(request.decisions()).filteredOn(d -> !d.isApplied())
                .extracting(PlanDecision::topic, PlanDecision::source)
                .contains(tuple("image", ValueSource.LLM), tuple("namespace", ValueSource.LLM));
        assertThat(request.decisions()).anySatisfy(d -> {
            assertThat(d.topic()).isEqualTo("replicas");
            assertThat(d.isApplied()).isTrue();
        });
    }

    @AfterAll
    static void report() {
        System.out.printf("LLM economy on the corpus: %d requests, %d charts, %d calls, %d tokens (scripted model)%n",
                CorpusFacts.entries().size(), CHARTS.get(), CALLS.get(), TOKENS.get());
        assertThat(List.of(CALLS.get())).allMatch(c -> c <= 2 * CorpusFacts.entries().size());
    }
}
