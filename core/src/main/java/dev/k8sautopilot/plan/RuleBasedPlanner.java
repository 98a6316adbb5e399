package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Priority;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.spi.Planner;
import dev.k8sautopilot.spi.PlanningContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Offline, rule-based planner (first cut: structured specs only; issue 3 extends it).
 *
 * <p>TEMPORARY in branch {@code llm}: {@link #complete} is a minimal stand-in so that the LLM planner can be
 * built and tested; the planner engineer's version of this file replaces it on merge.
 */
public final class RuleBasedPlanner implements Planner {

    /** A planner with the built-in catalog and rules. */
    public RuleBasedPlanner() {
    }

    @Override
    public PlanOutcome plan(ChartRequest request, PlanningContext context) {
        return new PlanOutcome.Planned(ChartPlan.of(request.spec().orElseThrow()));
    }

    /**
     * Completes a partial ChartSpec document (any field may be missing); keys present win.
     *
     * @param partialSpec the document, as loaded from YAML/JSON
     * @param request     the request it was derived from
     * @param context     planning context
     * @return a plan, or questions for a missing name or image
     * @throws SpecException when a present value is invalid (the message names the field)
     */
    public PlanOutcome complete(Map<String, Object> partialSpec, ChartRequest request, PlanningContext context) {
        List<Question> questions = new java.util.ArrayList<>();
        if (partialSpec.get("image") == null) {
            questions.add(new Question("image", "Which container image should the chart run?", Priority.HIGH, Optional.empty(),
                    "the request names no image"));
        }
        if (partialSpec.get("name") == null) {
            questions.add(new Question("name", "What should the chart be called?", Priority.HIGH, Optional.empty(),
                    "the request names no chart"));
        }
        if (!questions.isEmpty()) {
            return new PlanOutcome.NeedsInput(questions, "");
        }
        ChartSpec spec = ChartSpecs.fromMap(partialSpec);
        return new PlanOutcome.Planned(ChartPlan.of(spec));
    }

    @Override
    public String id() {
        return "rules";
    }
}
