package dev.k8sautopilot.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.k8sautopilot.ChartPipeline;
import dev.k8sautopilot.RunResult;
import dev.k8sautopilot.checkpoint.MemoryCheckpointer;
import dev.k8sautopilot.hitl.ApprovalHandlers;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.Usage;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.PlanningContext;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * LLM economy on the corpus: every request runs through the whole pipeline with a {@link CountingChatModel}
 * as the chat model (so the LLM planner and the LLM healer are active), in two modes: a model with JSON-schema
 * structured output (OpenAI-like) and a plain-text model (the schema skeleton travels in the prompt). The
 * model plays a well-behaved LLM: it answers with the fields of the offline plan of the same request that
 * differ from the defaults of a minimal spec (name, image, workload, ports) — the reply a model that understood the request would give.
 * Prints calls and tokens per chart, from the pipeline's own {@code Usage} meter and cross-checked against
 * the model's counters.
 *
 * <pre>java -cp examples/benchmarks/target/benchmarks.jar dev.k8sautopilot.benchmarks.LlmEconomy</pre>
 */
public final class LlmEconomy {

    /** Sorted keys, like the library's own JSON, so the scripted replies are stable. */
    private static final ObjectMapper REPLY_JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private LlmEconomy() {
    }

    /** Entry point; no options. */
    public static void main(String[] args) throws Exception {
        for (boolean structured : new boolean[] {true, false}) {
            report(structured);
        }
    }

    private static void report(boolean structured) throws Exception {
        List<Corpus.Entry> corpus = Corpus.all();
        Path out = Files.createTempDirectory("k8s-autopilot-economy-");
        RuleBasedPlanner rules = new RuleBasedPlanner();
        System.out.println();
        System.out.println("Mode: " + (structured ? "structured output (schema as response format)" : "plain text (schema skeleton in the prompt)"));
        System.out.println();
        System.out.println("| request | outcome | calls (plan + heal) | input tokens | output tokens |");
        System.out.println("|---|---|---|---|---|");
        long calls = 0;
        long in = 0;
        long outTokens = 0;
        try {
            for (Corpus.Entry e : corpus) {
                String reply = modelReply(rules.plan(e.chartRequest(), PlanningContext.offline()));
                CountingChatModel model = new CountingChatModel(r -> reply, structured);
                ChartPipeline pipeline = ChartPipeline.builder()
                        .chatModel(model)
                        .checkpointer(new MemoryCheckpointer())
                        .approvals(ApprovalHandlers.autoApprove())
                        .writeMode(WriteMode.OVERWRITE)
                        .outputDirectory(out.resolve(e.id()))
                        .build();
                RunResult r = pipeline.run(e.chartRequest());
                Usage u = r.usage();
                if (u.llmCalls() != model.calls() || u.inputTokens() != model.inputTokens() || u.outputTokens() != model.outputTokens()) {
                    throw new IllegalStateException(e.id() + ": pipeline usage " + u + " differs from the model's own count "
                            + model.calls() + "/" + model.inputTokens() + "/" + model.outputTokens());
                }
                String outcome;
                if (r instanceof RunResult.Completed c) {
                    outcome = c.passed() ? "chart (planner " + c.plan().planner() + ")" : "chart, not passing";
                } else if (r instanceof RunResult.Interrupted i) {
                    outcome = "asks: " + i.request().gate();
                } else {
                    outcome = "failed: " + ((RunResult.Failed) r).reason();
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %d (%d + %d) | %d | %d |%n", e.id(), outcome, u.llmCalls(),
                        u.callsByStage().getOrDefault("plan", 0), u.callsByStage().getOrDefault("heal", 0), u.inputTokens(), u.outputTokens());
                calls += u.llmCalls();
                in += u.inputTokens();
                outTokens += u.outputTokens();
            }
        } finally {
            Trees.delete(out);
        }
        int n = corpus.size();
        System.out.printf(Locale.ROOT, "| **mean per request (%d)** | | %.2f | %.0f | %.0f |%n", n, calls / (double) n, in / (double) n,
                outTokens / (double) n);
    }

    /** The fields of the offline plan that differ from the defaults of a minimal spec (name, image, workload, ports), as JSON; {@code {}} when there is no plan. */
    static String modelReply(PlanOutcome outcome) {
        if (!(outcome instanceof PlanOutcome.Planned p)) {
            return "{}";
        }
        ChartSpec spec = p.plan().spec();
        Map<String, Object> full = ChartSpecs.toMap(spec);
        Map<String, Object> minimal;
        try {
            minimal = ChartSpecs.toMap(ChartSpec.builder().name(spec.name()).image(spec.image()).workload(spec.workload())
                    .ports(spec.ports()).build());
        } catch (SpecException e) {
            minimal = Map.of();
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("name", spec.name());
        reply.put("image", spec.image().reference());
        if (!spec.ports().isEmpty()) {
            reply.put("ports", full.get("ports"));
        }
        Map<String, Object> defaults = minimal;
        full.forEach((k, v) -> {
            if (!reply.containsKey(k) && !Objects.equals(v, defaults.get(k))) {
                reply.put(k, v);
            }
        });
        try {
            return REPLY_JSON.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
