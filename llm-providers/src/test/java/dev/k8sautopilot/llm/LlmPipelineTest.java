package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.hitl.Gate;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.ChartRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
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

    @AfterAll
    static void report() {
        System.out.printf("LLM economy on the corpus: %d requests, %d charts, %d calls, %d tokens (scripted model)%n",
                CorpusFacts.entries().size(), CHARTS.get(), CALLS.get(), TOKENS.get());
        assertThat(List.of(CALLS.get())).allMatch(c -> c <= 2 * CorpusFacts.entries().size());
    }
}
