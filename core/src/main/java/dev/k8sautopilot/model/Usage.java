package dev.k8sautopilot.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a run cost: LLM calls and tokens, and wall-clock time per stage.
 *
 * @param llmCalls      number of chat model calls
 * @param inputTokens   input tokens reported by the models
 * @param outputTokens  output tokens reported by the models
 * @param stageMillis   milliseconds per stage (plan, generate, validate, heal, …)
 * @param callsByStage  LLM calls per stage
 */
public record Usage(int llmCalls, long inputTokens, long outputTokens, Map<String, Long> stageMillis,
                    Map<String, Integer> callsByStage) {

    public Usage {
        stageMillis = stageMillis == null ? Map.of() : Map.copyOf(new TreeMap<>(stageMillis));
        callsByStage = callsByStage == null ? Map.of() : Map.copyOf(new TreeMap<>(callsByStage));
    }

    /** Nothing used. */
    public static Usage none() {
        return new Usage(0, 0, 0, Map.of(), Map.of());
    }

    /** The sum of two usages. */
    public Usage plus(Usage other) {
        Map<String, Long> ms = new TreeMap<>(stageMillis);
        other.stageMillis.forEach((k, v) -> ms.merge(k, v, Long::sum));
        Map<String, Integer> calls = new TreeMap<>(callsByStage);
        other.callsByStage.forEach((k, v) -> calls.merge(k, v, Integer::sum));
        return new Usage(llmCalls + other.llmCalls, inputTokens + other.inputTokens, outputTokens + other.outputTokens, ms, calls);
    }

    /** Total milliseconds over all stages. */
    public long totalMillis() {
        return stageMillis.values().stream().mapToLong(Long::longValue).sum();
    }
}
