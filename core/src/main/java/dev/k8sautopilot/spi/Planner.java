package dev.k8sautopilot.spi;

import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.PlanOutcome;

/**
 * Turns a request into a plan, or into questions. One method; the pipeline adds timing, checkpoints
 * and gates around it.
 *
 * <p>Discovered through {@link java.util.ServiceLoader} when the builder is given none: the discovered
 * planner with the highest {@link #priority()} whose needs are met wins (an LLM planner needs a chat
 * model), else the built-in rule-based planner. Implementations must be thread-safe.
 */
public interface Planner {

    /**
     * Plans a chart.
     *
     * @param request the request, never null
     * @param context chat model and target version
     * @return a plan or questions, never null
     * @throws dev.k8sautopilot.model.SpecException when the request is invalid (message names the field)
     */
    PlanOutcome plan(ChartRequest request, PlanningContext context);

    /** Unique id, e.g. {@code rules} or {@code llm}. */
    default String id() {
        return getClass().getName();
    }

    /** Preference among discovered planners; higher wins. The built-in rule-based planner has 0. */
    default int priority() {
        return 0;
    }

    /** True when this planner cannot work without a chat model. */
    default boolean requiresChatModel() {
        return false;
    }
}
