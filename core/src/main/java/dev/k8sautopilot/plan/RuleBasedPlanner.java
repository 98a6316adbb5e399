package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.ChartIntent;
import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.IntentField;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.ValueSource;
import dev.k8sautopilot.spi.Planner;
import dev.k8sautopilot.spi.PlanningContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The offline planner: understands natural-language requests with rules and the {@link AppCatalog},
 * and completes partial specs. It is the default planner and the fallback of the LLM planner.
 *
 * <pre>{@code
 * Planner planner = new RuleBasedPlanner();
 * switch (planner.plan(ChartRequest.of("redis with persistence, 5Gi, production"), PlanningContext.offline())) {
 *   case PlanOutcome.Planned p    -> p.plan().summary();      // StatefulSet, 5Gi at /data, PDB, ...
 *   case PlanOutcome.NeedsInput n -> n.questions();           // e.g. field "image" for an unknown app
 * }
 * }</pre>
 *
 * <p>Every front door becomes a {@link ChartIntent} whose values carry their source, and the intents are
 * layered, later ones winning: the request text ({@code request}), then {@link ChartRequest#spec()} (a built
 * spec: the fields that differ from the defaults, see {@link ChartSpecs#intentOf}) and
 * {@link ChartRequest#intent()} (exactly the fields it sets), both {@code spec}, then each piece of
 * {@link ChartRequest#feedback()} parsed like request text ({@code feedback}), then
 * {@link ChartRequest#answers()} keyed by {@code Question.field()} ({@code answer}). The {@link Resolver}
 * then completes what is left with the catalog and the tier / high-availability / sizing rules, recording
 * each decision with its reason and source in the {@code ChartPlan}.
 *
 * <p>Immutable and thread-safe; one instance may serve many threads.
 */
public final class RuleBasedPlanner implements Planner {

    private final AppCatalog catalog;
    private final RequestParser parser;
    private final Resolver resolver;

    /** A planner using the built-in {@link AppCatalog#builtIn() catalog}. */
    public RuleBasedPlanner() {
        this(AppCatalog.builtIn());
    }

    /**
     * A planner using another catalog.
     *
     * @param catalog the catalog, never null
     */
    public RuleBasedPlanner(AppCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.parser = new RequestParser(catalog);
        this.resolver = new Resolver(catalog);
    }

    @Override
    public PlanOutcome plan(ChartRequest request, PlanningContext context) {
        Objects.requireNonNull(request, "request");
        SliceRequests slices = new SliceRequests();
        return slices.annotate(resolver.resolve(intent(request, slices), context, id()));
    }

    /**
     * The layered intent of a request (text, spec, intent, feedback, answers), before any default: what the
     * planner understood and where each value came from.
     *
     * @param request the request, never null
     * @return the intent
     * @throws SpecException when a value is present but impossible (a port above 65535, an answer of the wrong type)
     */
    public ChartIntent intent(ChartRequest request) {
        return intent(request, new SliceRequests());
    }

    private ChartIntent intent(ChartRequest request, SliceRequests slices) {
        Objects.requireNonNull(request, "request");
        ChartIntent intent = slices.recognize(request.text(), parser.parse(request.text(), ValueSource.REQUEST));
        if (request.spec().isPresent()) {
            intent = intent.overlay(ChartSpecs.intentOf(request.spec().get()));
        }
        if (request.intent().isPresent()) {
            intent = intent.overlay(request.intent().get());
        }
        for (String note : request.feedback()) {
            intent = intent.overlay(slices.recognize(note, parser.parse(note, ValueSource.FEEDBACK)));
        }
        return intent.overlay(answers(request.answers(), intent));
    }

    /**
     * Completes a partial spec document with the catalog and rules, exactly as for a parsed request.
     * This is what the LLM planner calls with the facts a model extracted; its values are tagged
     * {@link ValueSource#LLM}. (A planner that builds a {@link ChartIntent} itself can call
     * {@link Resolver#resolve} directly.)
     *
     * <p>{@code partialSpec} is the map form of a {@link ChartSpec} ({@link ChartSpecs#toMap} /
     * {@link ChartSpecs#fromMap}, including its shorthands: {@code image: "nginx:1.27.3"},
     * {@code ports: [8080]}, {@code env: {NAME: value}}, {@code secretEnv: [NAME]}). Any field may be
     * missing, including {@code name} and {@code image}; keys that are present win over everything the
     * rules would infer. {@code app} names a catalog entry (id or alias). Besides these, the request
     * contributes only its {@link ChartRequest#answers() answers}, applied on top; its text, spec and
     * feedback are not parsed again (the caller has already turned them into the map).
     *
     * @param partialSpec a partial spec document, never null (may be empty)
     * @param request     the request, for its answers; may be null
     * @param context     the planning context; may be null
     * @return a plan, or questions (e.g. field {@code image} when neither an image nor a known app is given)
     * @throws SpecException when a present value is invalid; the message names the field and the fix
     */
    public PlanOutcome complete(Map<String, Object> partialSpec, ChartRequest request, PlanningContext context) {
        Objects.requireNonNull(partialSpec, "partialSpec");
        ChartIntent intent = ChartSpecs.intent(partialSpec, ValueSource.LLM);
        if (request != null) {
            intent = intent.overlay(answers(request.answers(), intent));
        }
        return resolver.resolve(intent, context, id());
    }

    /** The catalog this planner uses. */
    public AppCatalog catalog() {
        return catalog;
    }

    @Override
    public String id() {
        return "rules";
    }

    @Override
    public int priority() {
        return 0;
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Answers to clarification questions as an intent with source {@link ValueSource#ANSWER}. The key is the
     * question's field; a few keys have friendlier forms ({@code port}, {@code ingress.host}, an image reference
     * for {@code image}, a catalog name for {@code app}); any other key must be an intent field path.
     */
    @SuppressWarnings("unchecked")
    private ChartIntent answers(Map<String, String> answers, ChartIntent before) {
        ChartIntent.Builder b = ChartIntent.builder().source(ValueSource.ANSWER);
        for (Map.Entry<String, String> a : answers.entrySet()) {
            String field = a.getKey().strip();
            String value = a.getValue() == null ? "" : a.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            try {
                switch (field) {
                    case "image" -> b.set(IntentField.IMAGE, Image.parse(value));
                    case "image.tag" -> {
                        Image.of("x", value);
                        before.value(IntentField.IMAGE).ifPresent(image -> b.set(IntentField.IMAGE, image.withTag(value)));
                    }
                    case "port", "ports" -> b.set(IntentField.PORTS, List.of(Port.of("http", RequestParser.bounded("port", value, 65535))));
                    case "replicas" -> b.set(IntentField.REPLICAS, RequestParser.bounded("replicas", value, 1000));
                    case "ingress.host", "ingress.hosts" -> {
                        b.set(IntentField.INGRESS_HOSTS, List.of(value.toLowerCase(Locale.ROOT)));
                        b.set(IntentField.INGRESS_ENABLED, true);
                    }
                    case "name" -> b.set(IntentField.NAME, ChartNames.label(value));
                    case "httpRoute.gateway" -> b.set(IntentField.HTTP_ROUTE, SliceRequests.withGateway(before.value(IntentField.HTTP_ROUTE), value));
                    case "app" -> b.set(IntentField.APP, catalog.find(value).map(AppEntry::id).orElseThrow(
                            () -> new SpecException("", "'" + value + "' is not in the app catalog", "give an image instead")));
                    default -> {
                        IntentField<Object> f = (IntentField<Object>) IntentField.byPath(field).orElseThrow(() -> new SpecException("",
                                "is not a field a question can ask about", "answer with the field of the question, e.g. image or replicas"));
                        b.set(f, ChartSpecs.intent(document(field, coerce(value)), ValueSource.ANSWER).value(f).orElseThrow());
                    }
                }
            } catch (SpecException e) {
                throw new SpecException("answers." + field, e.problem(), e.fix());
            }
        }
        return b.build();
    }

    private static Map<String, Object> document(String path, Object value) {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        Map<String, Object> m = doc;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            Map<String, Object> child = new java.util.LinkedHashMap<>();
            m.put(parts[i], child);
            m = child;
        }
        m.put(parts[parts.length - 1], value);
        return doc;
    }

    private static Object coerce(String value) {
        if (value.matches("-?\\d{1,9}")) {
            return Integer.parseInt(value);
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
        }
        return value;
    }
}
