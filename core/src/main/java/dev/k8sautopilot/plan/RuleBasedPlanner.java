package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.PlanOutcome;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.spi.Planner;
import dev.k8sautopilot.spi.PlanningContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p>Sources are layered, later ones winning: the request text, then the explicit fields of
 * {@link ChartRequest#spec()} (fields that differ from the {@link ChartSpec} defaults), then each piece
 * of {@link ChartRequest#feedback()} parsed like request text, then {@link ChartRequest#answers()}
 * (keyed by {@code Question.field()}). The catalog and the tier / high-availability / sizing rules then
 * complete what is left, recording each decision with its reason in the {@code ChartPlan}.
 *
 * <p>Immutable and thread-safe; one instance may serve many threads.
 */
public final class RuleBasedPlanner implements Planner {

    private final AppCatalog catalog;
    private final RequestParser parser;

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
    }

    @Override
    public PlanOutcome plan(ChartRequest request, PlanningContext context) {
        Objects.requireNonNull(request, "request");
        SliceRequests slices = new SliceRequests();
        Facts facts = slices.recognize(request.text(), parser.parse(request.text()));
        request.spec().ifPresent(spec -> facts.overlay(fromMap(explicitFields(spec))));
        for (String note : request.feedback()) {
            facts.overlay(slices.recognize(note, parser.parse(note)));
        }
        return slices.annotate(new PlanRules(catalog, facts, request.answers()).run(id()));
    }

    /**
     * Completes a partial spec document with the catalog and rules, exactly as for a parsed request.
     * This is what the LLM planner calls with the facts a model extracted.
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
        Facts facts = fromMap(partialSpec);
        return new PlanRules(catalog, facts, request == null ? Map.of() : request.answers()).run(id());
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

    private static Facts fromMap(Map<String, ?> map) {
        Facts f = new Facts();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new SpecException("spec", "has a null key", "use field names as keys");
            }
            if (e.getValue() != null) {
                f.spec.put(e.getKey(), copy(e.getValue()));
            }
        }
        if (f.spec.get("app") instanceof String app && !app.isBlank()) {
            f.appId = app;
        }
        return f;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> {
                if (x != null) {
                    out.put(String.valueOf(k), copy(x));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }

    /** The fields of a spec that differ from the defaults of a spec with the same name and image. */
    static Map<String, Object> explicitFields(ChartSpec spec) {
        Map<String, Object> full = ChartSpecs.toMap(spec);
        Map<String, Object> defaults = ChartSpecs.toMap(ChartSpec.builder().name(spec.name()).image(spec.image())
                .ports(spec.ports()).workload(spec.workload()).build());
        Map<String, Object> out = diff(full, defaults);
        out.put("name", full.get("name"));
        out.put("image", full.get("image"));
        if (!spec.ports().isEmpty()) {
            out.put("ports", full.get("ports"));
        }
        out.put("workload", full.get("workload"));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> diff(Map<String, Object> full, Map<String, Object> defaults) {
        Map<String, Object> out = new LinkedHashMap<>();
        full.forEach((k, v) -> {
            Object d = defaults.get(k);
            if (v instanceof Map<?, ?> vm && d instanceof Map<?, ?> dm) {
                Map<String, Object> sub = diff((Map<String, Object>) vm, (Map<String, Object>) dm);
                if (!sub.isEmpty()) {
                    out.put(k, sub);
                }
            } else if (!Objects.equals(v, d)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
