package dev.k8sautopilot.internal;

import dev.k8sautopilot.model.Usage;
import java.util.Map;
import java.util.TreeMap;

/** Collects usage for one run; thread-safe. */
public final class UsageMeter {

    private int calls;
    private long input;
    private long output;
    private final Map<String, Long> millis = new TreeMap<>();
    private final Map<String, Integer> callsByStage = new TreeMap<>();

    /** Records one model call. */
    public synchronized void call(String stage, long inputTokens, long outputTokens) {
        calls++;
        input += inputTokens;
        output += outputTokens;
        callsByStage.merge(stage, 1, Integer::sum);
    }

    /** Records time spent in a stage. */
    public synchronized void time(String stage, long ms) {
        millis.merge(stage, ms, Long::sum);
    }

    /** What was collected. */
    public synchronized Usage snapshot() {
        return new Usage(calls, input, output, millis, callsByStage);
    }
}
