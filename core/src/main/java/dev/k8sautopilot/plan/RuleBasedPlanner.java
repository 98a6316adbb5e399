package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.spi.Planner;
import dev.k8sautopilot.spi.PlanningContext;

/** Offline, rule-based planner (first cut: structured specs only; issue 3 extends it). */
public final class RuleBasedPlanner implements Planner {

    @Override
    public PlanOutcome plan(ChartRequest request, PlanningContext context) {
        return new PlanOutcome.Planned(ChartPlan.of(request.spec().orElseThrow()));
    }

    @Override
    public String id() {
        return "rules";
    }
}
