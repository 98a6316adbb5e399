package dev.k8sautopilot.hitl;

import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.spi.ApprovalHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Built-in approval handlers.
 *
 * <pre>{@code
 * ChartPipeline.builder().approvals(ApprovalHandlers.autoApprove());
 * ChartPipeline.builder().approvals(ApprovalHandlers.callback(req -> myUi.ask(req)));
 * ChartPipeline.builder().approvals(ApprovalHandlers.deferring());   // stop at every gate, resume later
 * }</pre>
 */
public final class ApprovalHandlers {

    private ApprovalHandlers() {
    }

    /**
     * Approves every gate; at clarification it answers each question with its default, and defers when a
     * question has none (so a run never guesses a critical fact such as the image).
     */
    public static ApprovalHandler autoApprove() {
        return new AutoApprove();
    }

    /** Defers at every gate: the run is saved and returned as {@code Interrupted}. */
    public static ApprovalHandler deferring() {
        return new ApprovalHandler() {
            @Override
            public Decision review(ApprovalRequest request) {
                return Decision.defer();
            }

            @Override
            public boolean decidesImmediately() {
                return true;
            }

            @Override
            public String id() {
                return "defer";
            }
        };
    }

    /** Delegates to a function (a lambda in a host application). A null result counts as defer. */
    public static ApprovalHandler callback(Function<ApprovalRequest, Decision> function) {
        Objects.requireNonNull(function, "function");
        return new ApprovalHandler() {
            @Override
            public Decision review(ApprovalRequest request) {
                Decision d = function.apply(request);
                return d == null ? Decision.defer() : d;
            }

            @Override
            public String id() {
                return "callback";
            }
        };
    }

    static final class AutoApprove implements ApprovalHandler {
        @Override
        public Decision review(ApprovalRequest request) {
            if (request.gate() != Gate.CLARIFICATION) {
                return Decision.approve();
            }
            Map<String, String> answers = new LinkedHashMap<>();
            for (Question q : request.questions()) {
                if (q.defaultValue().isEmpty()) {
                    return Decision.defer();
                }
                answers.put(q.field(), q.defaultValue().get());
            }
            return Decision.answer(answers);
        }

        @Override
        public boolean decidesImmediately() {
            return true;
        }

        @Override
        public String id() {
            return "auto-approve";
        }
    }
}
