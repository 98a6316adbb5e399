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
 * Plans a chart with one call to a language model: the model reads the request (sent between
 * delimiters, as data) and returns a partial ChartSpec (structured output where the model supports a
 * JSON-schema response format, strict where the vendor has it; JSON in text otherwise). The answer is
 * untrusted: unknown fields, fractional counts, unit-less memory, security-weakening values and invalid
 * values are dropped, and the grounding policy ({@code ModelAnswerPolicy}) keeps a value only when the
 * request grounds it or it is a low-risk inference — each drop is a warning line ({@link #WARNING_PREFIX})
 * and a dropped decision with source {@code llm}. The offline {@link RuleBasedPlanner} then completes the
 * document with its catalog and rules — which also raise the clarification questions. The model's kept
 * keys win over the rules' defaults; the rules keep the result sane.
 *
 * <p>At most two calls per request: one, plus one repair round when the reply is not a JSON object; both
 * share one deadline ({@code llm.timeout}) with their retries. A model that fails (timeout, rate limit
 * after retries, server error) or answers twice unusably makes the planner fall back to the offline rules,
 * with a warning in the plan. Without a chat model in the
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
    /** The prefix of every warning line the planner adds about the model's answer (drops, fallbacks). */
    public static final String WARNING_PREFIX = "LLM planner: ";
    /** Most model calls made for one request. */
    public static final int MAX_CALLS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(LlmPlanner.class);
    private static final int MAX_COMPLETIONS = 8;
    private static final int MAX_ECHO = 4_000;
    private static final java.util.regex.Pattern DELIMITER = java.util.regex.Pattern.compile(
            "(?i)<\\s*(/?)\\s*(request|answers|feedback)\\s*>");

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
        ModelAnswerPolicy.Review review = new ModelAnswerPolicy.Review(warnings);
        ModelCalls.Budget budget = ModelCalls.Budget.start(ctx.chatModel().get());
        Extraction extraction;
        try {
            extraction = extract(ctx.chatModel().get(), request, budget);
        } catch (ModelCalls.Failure e) {
            return fallback(request, ctx, review, e.getMessage());
        } catch (ExtractionFailed e) {
            return fallback(request, ctx, review, e.getMessage());
        }
        Map<String, Object> doc = SpecSanitizer.sanitize(extraction.document(), request, review);
        if (!SpecSanitizer.dropInvalid(doc, review)) {
            return fallback(request, ctx, review, "the model's answer could not be checked field by field");
        }
        for (int i = 0; i < MAX_COMPLETIONS; i++) {
            try {
                PlanOutcome outcome = completion.complete(SpecSanitizer.mutableCopy(doc), request, ctx);
                ModelAnswerPolicy.recordKept(doc, Grounds.of(request), request.answers(), review);
                return finish(outcome, review, extraction.calls());
            } catch (SpecException e) {
                if (!SpecSanitizer.drop(doc, e, review)) {
                    return fallback(request, ctx, review, "the model's answer did not fit the rules (" + e.getMessage() + ")");
                }
            }
        }
        return fallback(request, ctx, review, "the model's answer did not fit the rules");
    }

    private record Extraction(Map<String, Object> document, int calls) {
    }

    /** The reply could not be used even after the repair round. */
    private static final class ExtractionFailed extends Exception {
        ExtractionFailed(String message) {
            super(message);
        }
    }

    private static Extraction extract(ChatModel model, ChartRequest request, ModelCalls.Budget budget)
            throws ModelCalls.Failure, ExtractionFailed {
        boolean structured = model.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        boolean strict = structured && ModelTraits.of(model).strictSchema();
        List<ChatMessage> messages = new ArrayList<>(prompt(request, structured));
        String reply = budget.text(model, chatRequest(messages, structured, strict));
        try {
            return new Extraction(JsonReply.parseObject(reply), 1);
        } catch (JsonReply.Invalid first) {
            LOG.debug("LLM planner: unusable reply ({}); asking once more", first.getMessage());
            messages.add(AiMessage.from(reply.isEmpty() ? "(empty)" : truncate(reply)));
            messages.add(UserMessage.from(Prompts.PLANNER_REPAIR.formatted(first.getMessage())));
            String second = budget.text(model, chatRequest(messages, structured, strict));
            try {
                return new Extraction(JsonReply.parseObject(second), 2);
            } catch (JsonReply.Invalid again) {
                throw new ExtractionFailed("the model's reply was not a usable JSON object after one repair round (" + again.getMessage() + ")");
            }
        }
    }

    private static ChatRequest chatRequest(List<ChatMessage> messages, boolean structured, boolean strict) {
        ChatRequest.Builder b = ChatRequest.builder().messages(messages);
        if (structured) {
            b.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                    .jsonSchema(strict ? SpecSchema.strictJsonSchema() : SpecSchema.jsonSchema()).build());
        }
        return b.build();
    }

    /**
     * The messages of the first call: instructions (with the schema skeleton unless the model takes the
     * schema as its response format) and the request with its answers and feedback, each between its own
     * delimiters so that text inside them is read as data, never as instructions.
     */
    static List<ChatMessage> prompt(ChartRequest request, boolean structured) {
        String system = structured ? Prompts.PLANNER_SYSTEM
                : Prompts.PLANNER_SYSTEM + "\n" + Prompts.PLANNER_FORMAT.formatted(SpecSchema.skeleton());
        StringBuilder user = new StringBuilder("<request>\n").append(delimited(request.text())).append("\n</request>");
        if (!request.answers().isEmpty()) {
            user.append("\n<answers>");
            request.answers().forEach((field, answer) -> user.append("\n- ").append(delimited(field)).append(": ").append(delimited(answer)));
            user.append("\n</answers>");
        }
        if (!request.feedback().isEmpty()) {
            user.append("\n<feedback>");
            request.feedback().forEach(f -> user.append("\n- ").append(delimited(f)));
            user.append("\n</feedback>");
        }
        return List.of(SystemMessage.from(system), UserMessage.from(user.toString()));
    }

    /** User text with anything that looks like one of the prompt's delimiters defused. */
    static String delimited(String text) {
        return DELIMITER.matcher(text).replaceAll("[$1$2]");
    }

    private PlanOutcome fallback(ChartRequest request, PlanningContext context, ModelAnswerPolicy.Review review, String reason) {
        review.warnings().add(SpecSanitizer.PREFIX + reason + "; planned with the offline rules instead");
        return decorate(fallback.plan(request, context), review, null);
    }

    private static PlanOutcome finish(PlanOutcome outcome, ModelAnswerPolicy.Review review, int calls) {
        PlanDecision understanding = new PlanDecision("understanding", "language model, " + calls + (calls == 1 ? " call" : " calls"),
                "the model read the request; values it proposed were kept only where the request grounds them or they are "
                        + "low-risk inferences, and the rules completed and checked the rest", ValueSource.LLM);
        return decorate(outcome, review, understanding);
    }

    /**
     * The outcome with the review's decisions and warnings added, in the same order for a plan and for
     * questions: the understanding decision first, then the review's, then the planner's own. A run that stops
     * to ask carries them to its clarification gate (and its {@code --json} output), as a plan does.
     */
    private static PlanOutcome decorate(PlanOutcome outcome, ModelAnswerPolicy.Review review, PlanDecision understanding) {
        if (outcome instanceof PlanOutcome.Planned p) {
            ChartPlan plan = p.plan();
            return new PlanOutcome.Planned(new ChartPlan(plan.spec(), decisions(understanding, review, plan.decisions()),
                    warnings(plan.warnings(), review), understanding == null ? plan.planner() : ID));
        }
        PlanOutcome.NeedsInput n = (PlanOutcome.NeedsInput) outcome;
        return new PlanOutcome.NeedsInput(n.questions(), n.partial(), decisions(understanding, review, n.decisions()),
                warnings(n.warnings(), review));
    }

    private static List<PlanDecision> decisions(PlanDecision understanding, ModelAnswerPolicy.Review review, List<PlanDecision> own) {
        List<PlanDecision> decisions = new ArrayList<>();
        if (understanding != null) {
            decisions.add(understanding);
        }
        decisions.addAll(review.decisions());
        decisions.addAll(own);
        return decisions;
    }

    private static List<String> warnings(List<String> own, ModelAnswerPolicy.Review review) {
        List<String> all = new ArrayList<>(own);
        all.addAll(review.warnings());
        return all;
    }

    private static String truncate(String reply) {
        return reply.length() <= MAX_ECHO ? reply : reply.substring(0, MAX_ECHO) + "…";
    }
}
