package dev.k8sautopilot.model;

import java.util.List;

/**
 * What a planner returns: a plan, or questions that must be answered first.
 *
 * <pre>{@code
 * PlanOutcome outcome = planner.plan(request, context);
 * if (outcome instanceof PlanOutcome.Planned p) {
 *     generate(p.plan());
 * } else if (outcome instanceof PlanOutcome.NeedsInput n) {
 *     ask(n.questions());
 * }
 * }</pre>
 */
public sealed interface PlanOutcome permits PlanOutcome.Planned, PlanOutcome.NeedsInput {

    /**
     * A complete plan.
     *
     * @param plan the plan
     */
    record Planned(ChartPlan plan) implements PlanOutcome {
        public Planned {
            if (plan == null) {
                throw new SpecException("plan", "is required", "return a plan or questions");
            }
        }
    }

    /**
     * The planner needs answers first.
     *
     * @param questions questions, most important first; never empty
     * @param partial   what the planner understood so far, for people (may be empty)
     * @param decisions decisions already taken, as in {@link ChartPlan#decisions()}: e.g. a language model's
     *                  values dropped as ungrounded (outcome {@link PlanDecision.Outcome#DROPPED}); may be empty
     * @param warnings  things the person answering should know, as in {@link ChartPlan#warnings()}: e.g. one
     *                  line per dropped model value; may be empty
     */
    record NeedsInput(List<Question> questions, String partial, List<PlanDecision> decisions, List<String> warnings)
            implements PlanOutcome {
        public NeedsInput {
            questions = Checks.list(questions);
            if (questions.isEmpty()) {
                throw new SpecException("questions", "is empty", "return at least one question, or a plan");
            }
            partial = partial == null ? "" : partial;
            decisions = Checks.list(decisions);
            warnings = Checks.list(warnings);
        }

        /** Questions with no decisions or warnings yet. */
        public NeedsInput(List<Question> questions, String partial) {
            this(questions, partial, List.of(), List.of());
        }
    }
}
