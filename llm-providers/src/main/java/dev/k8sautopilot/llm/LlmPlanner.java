package dev.k8sautopilot.llm;

import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.PlanDecision;
import dev.k8sautopilot.model.ValueSource;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.plan.RuleBasedPlanner;
import dev.k8sautopilot.spi.Planner;
import dev.k8sautopilot.spi.PlanningContext;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans a chart with one call to a language model: the model reads the request and returns a partial
 * ChartSpec (structured output where the model supports a JSON-schema response format, JSON in text
 * otherwise), the planner cleans it ({@code SpecSanitizer}: unknown fields, security-weakening values,
 * invented images, invalid values are dropped with a warning) and the offline {@link RuleBasedPlanner}
 * completes it with its catalog and rules — which also raise the clarification questions. The model's
 * keys win over the rules' defaults; the rules keep the result sane.
 *
 * <p>At most two calls per request: one, plus one repair round when the reply is not a JSON object. A
 * model that fails (timeout, rate limit after retries, server error) or answers twice unusably makes
 * the planner fall back to the offline rules, with a warning in the plan. Without a chat model in the
 * {@link PlanningContext}, and for structured requests (a spec needs no understanding), it is the
 * rule-based planner.
 *
 * <pre>{@code
 * Planner planner = new LlmPlanner();
 * PlanOutcome out = planner.plan(ChartRequest.of("redis with 5Gi of storage"),
 *         new PlanningContext(Optional.of(chatModel), "1.31.0"));
 * }</pre>
 *
 * Stateless and thread-safe (given a thread-safe chat model).
 */
public final class LlmPlanner implements Planner {

    /** The planner id. */
    public static final String ID = "llm";
    /** Most model calls made for one request. */
    public static final int MAX_CALLS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(LlmPlanner.class);
    private static final int MAX_COMPLETIONS = 8;
    private static final int MAX_ECHO = 4_000;

    /** Completes a partial spec document: {@link RuleBasedPlanner#complete} in production. */
    @FunctionalInterface
    interface Completion {
        PlanOutcome complete(Map<String, Object> partialSpec, ChartRequest request, PlanningContext context);
    }

    private final Planner fallback;
    private final Completion completion;

    /** An LLM planner completed by, and falling back to, the built-in rule-based planner. */
    public LlmPlanner() {
        this(new RuleBasedPlanner());
    }

    private LlmPlanner(RuleBasedPlanner rules) {
        this(rules, rules::complete);
    }

    LlmPlanner(Planner fallback, Completion completion) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.completion = Objects.requireNonNull(completion, "completion");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean requiresChatModel() {
        return true;
    }

    @Override
    public PlanOutcome plan(ChartRequest request, PlanningContext context) {
        Objects.requireNonNull(request, "request");
        PlanningContext ctx = context == null ? PlanningContext.offline() : context;
        if (ctx.chatModel().isEmpty() || request.structured() || request.text().isEmpty()) {
            return fallback.plan(request, ctx);
        }
        List<String> warnings = new ArrayList<>();
        Extraction extraction;
        try {
            extraction = extract(ctx.chatModel().get(), request);
        } catch (ModelCalls.Failure e) {
            return fallback(request, ctx, warnings, e.getMessage());
        } catch (ExtractionFailed e) {
            return fallback(request, ctx, warnings, e.getMessage());
        }
        Map<String, Object> doc = SpecSanitizer.sanitize(extraction.document(), request, warnings);
        if (!SpecSanitizer.dropInvalid(doc, warnings)) {
            return fallback(request, ctx, warnings, "the model's answer could not be checked field by field");
        }
        for (int i = 0; i < MAX_COMPLETIONS; i++) {
            try {
                PlanOutcome outcome = completion.complete(SpecSanitizer.mutableCopy(doc), request, ctx);
                return finish(outcome, warnings, extraction.calls());
            } catch (SpecException e) {
                if (!SpecSanitizer.drop(doc, e, warnings)) {
                    return fallback(request, ctx, warnings, "the model's answer did not fit the rules (" + e.getMessage() + ")");
                }
            }
        }
        return fallback(request, ctx, warnings, "the model's answer did not fit the rules");
    }

    private record Extraction(Map<String, Object> document, int calls) {
    }

    /** The reply could not be used even after the repair round. */
    private static final class ExtractionFailed extends Exception {
        ExtractionFailed(String message) {
            super(message);
        }
    }

    private static Extraction extract(ChatModel model, ChartRequest request) throws ModelCalls.Failure, ExtractionFailed {
        boolean structured = model.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        List<ChatMessage> messages = new ArrayList<>(prompt(request, structured));
        String reply = ModelCalls.text(model, chatRequest(messages, structured));
        try {
            return new Extraction(JsonReply.parseObject(reply), 1);
        } catch (JsonReply.Invalid first) {
            LOG.debug("LLM planner: unusable reply ({}); asking once more", first.getMessage());
            messages.add(AiMessage.from(reply.isEmpty() ? "(empty)" : truncate(reply)));
            messages.add(UserMessage.from(Prompts.PLANNER_REPAIR.formatted(first.getMessage())));
            String second = ModelCalls.text(model, chatRequest(messages, structured));
            try {
                return new Extraction(JsonReply.parseObject(second), 2);
            } catch (JsonReply.Invalid again) {
                throw new ExtractionFailed("the model's reply was not a usable JSON object after one repair round (" + again.getMessage() + ")");
            }
        }
    }

    private static ChatRequest chatRequest(List<ChatMessage> messages, boolean structured) {
        ChatRequest.Builder b = ChatRequest.builder().messages(messages);
        if (structured) {
            b.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(SpecSchema.jsonSchema()).build());
        }
        return b.build();
    }

    /**
     * The messages of the first call: instructions (with the schema skeleton unless the model takes the
     * schema as its response format) and the request with its answers and feedback.
     */
    static List<ChatMessage> prompt(ChartRequest request, boolean structured) {
        String system = structured ? Prompts.PLANNER_SYSTEM
                : Prompts.PLANNER_SYSTEM + "\n" + Prompts.PLANNER_FORMAT.formatted(SpecSchema.skeleton());
        StringBuilder user = new StringBuilder("Request: ").append(request.text());
        if (!request.answers().isEmpty()) {
            user.append("\nAnswers to earlier questions (they win):");
            request.answers().forEach((field, answer) -> user.append("\n- ").append(field).append(": ").append(answer));
        }
        if (!request.feedback().isEmpty()) {
            user.append("\nReviewer feedback on an earlier plan:");
            request.feedback().forEach(f -> user.append("\n- ").append(f));
        }
        return List.of(SystemMessage.from(system), UserMessage.from(user.toString()));
    }

    private PlanOutcome fallback(ChartRequest request, PlanningContext context, List<String> warnings, String reason) {
        LOG.warn("LLM planner: {}; planning with the offline rules instead", reason);
        warnings.add(SpecSanitizer.PREFIX + reason + "; planned with the offline rules instead");
        return decorate(fallback.plan(request, context), warnings, null);
    }

    private static PlanOutcome finish(PlanOutcome outcome, List<String> warnings, int calls) {
        PlanDecision understanding = new PlanDecision("understanding", "language model, " + calls + (calls == 1 ? " call" : " calls"),
                "the model read the request; the rules completed and checked its answer", ValueSource.LLM);
        return decorate(outcome, warnings, understanding);
    }

    private static PlanOutcome decorate(PlanOutcome outcome, List<String> warnings, PlanDecision understanding) {
        if (outcome instanceof PlanOutcome.Planned p) {
            ChartPlan plan = p.plan();
            List<PlanDecision> decisions = new ArrayList<>();
            if (understanding != null) {
                decisions.add(understanding);
            }
            decisions.addAll(plan.decisions());
            List<String> all = new ArrayList<>(plan.warnings());
            all.addAll(warnings);
            return new PlanOutcome.Planned(new ChartPlan(plan.spec(), decisions, all, understanding == null ? plan.planner() : ID));
        }
        PlanOutcome.NeedsInput n = (PlanOutcome.NeedsInput) outcome;
        if (warnings.isEmpty()) {
            return n;
        }
        String partial = n.partial().isEmpty() ? String.join("\n", warnings) : n.partial() + "\n" + String.join("\n", warnings);
        return new PlanOutcome.NeedsInput(n.questions(), partial);
    }

    private static String truncate(String reply) {
        return reply.length() <= MAX_ECHO ? reply : reply.substring(0, MAX_ECHO) + "…";
    }
}
