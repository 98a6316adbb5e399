package dev.k8sautopilot.examples.embedded;

import dev.k8sautopilot.hitl.ApprovalRequest;
import dev.k8sautopilot.hitl.Decision;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.Severity;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host application's approval rules, used through {@code ApprovalHandlers.callback(policy::review)}:
 *
 * <ul>
 *   <li>clarification: answers from what the host knows (its own image registry), defers when it cannot;</li>
 *   <li>planning review: approves, logging the plan summary;</li>
 *   <li>generation review: approves only when no error finding is attached, and defers (a person must look)
 *       when the new chart would change a chart that is already on disk;</li>
 *   <li>validation escalation: aborts, naming the first error finding — this host never ships a failing chart.</li>
 * </ul>
 *
 * <p>Stateless apart from the output stream; safe to call from several runs at once.
 */
public final class ReviewPolicy {

    private final Map<String, String> knownAnswers;
    private final PrintStream log;

    /**
     * Creates the policy.
     *
     * @param knownAnswers answers the host can give by itself, keyed by question field (e.g. {@code image})
     * @param log          where decisions are logged
     */
    public ReviewPolicy(Map<String, String> knownAnswers, PrintStream log) {
        this.knownAnswers = Map.copyOf(knownAnswers);
        this.log = log;
    }

    /**
     * Decides one gate.
     *
     * @param request what the gate asks
     * @return the decision
     */
    public Decision review(ApprovalRequest request) {
        return switch (request.gate()) {
            case CLARIFICATION -> clarify(request.questions());
            case PLANNING_REVIEW -> {
                log.println("  [review] plan: " + firstLine(request.summary()));
                yield Decision.approve();
            }
            case GENERATION_REVIEW -> reviewFiles(request);
            case VALIDATION_ESCALATION -> {
                Finding first = request.report().atLeast(Severity.ERROR).stream().findFirst().orElse(null);
                String why = first == null ? "validation gave up" : first.format();
                log.println("  [review] escalation: abort (" + why + ")");
                yield Decision.abort("the chart does not pass validation: " + why);
            }
        };
    }

    private Decision clarify(List<Question> questions) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Question q : questions) {
            String known = knownAnswers.get(q.field());
            if (known != null) {
                answers.put(q.field(), known);
            } else if (q.defaultValue().isPresent()) {
                answers.put(q.field(), q.defaultValue().get());
            } else {
                log.println("  [review] cannot answer '" + q.field() + "' (" + q.text() + "): deferring to a person");
                return Decision.defer();
            }
        }
        log.println("  [review] answered " + answers.keySet());
        return Decision.answer(answers);
    }

    private Decision reviewFiles(ApprovalRequest request) {
        List<Finding> errors = request.report().atLeast(Severity.ERROR);
        if (!errors.isEmpty()) {
            log.println("  [review] generation: abort, " + errors.size() + " error finding(s), first: " + errors.get(0).format());
            return Decision.abort(errors.size() + " error finding(s) remain, first: " + errors.get(0).format());
        }
        if (!request.diff().isEmpty()) {
            long changed = request.diff().lines().filter(l -> l.startsWith("+++ ")).count();
            log.println("  [review] generation: changes " + changed + " file(s) of an existing chart: deferring to a person");
            return Decision.defer();
        }
        log.println("  [review] generation: approve " + request.files().size() + " files");
        return Decision.approve();
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
