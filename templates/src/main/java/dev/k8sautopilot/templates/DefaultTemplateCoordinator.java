package dev.k8sautopilot.templates;

import dev.k8sautopilot.internal.ServiceProviders;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartPlan;
import dev.k8sautopilot.spi.TemplateCoordinator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The default {@link TemplateCoordinator}: renders a Bitnami-grade chart from a {@link ChartPlan} with the
 * built-in {@link TemplateGenerator}s, plus those found through {@link java.util.ServiceLoader} and those
 * given to the builder. Same plan, byte-identical files.
 *
 * <pre>{@code
 * TemplateCoordinator coordinator = DefaultTemplateCoordinator.builder()
 *     .add(new AuditSidecar())          // explicit generators win over discovered and built-in ones
 *     .build();
 * ChartFiles files = coordinator.generate(plan);
 * }</pre>
 *
 * Precedence by id: explicit over discovered over built-in. Two discovered (or two explicit) generators with
 * one id fail fast naming both classes; a discovered provider that cannot be loaded is logged and skipped.
 * Instances are immutable and thread-safe.
 */
public final class DefaultTemplateCoordinator implements TemplateCoordinator {

    private final List<TemplateGenerator> generators;
    private final List<TemplateGenerator> explicit;
    private final List<Feature> explicitFeatures;
    private final boolean discover;

    /** Built-in generators plus those discovered through ServiceLoader. */
    public DefaultTemplateCoordinator() {
        this(builder());
    }

    /** Built-in and discovered generators plus these extra ones (which win on equal ids). */
    public DefaultTemplateCoordinator(List<? extends TemplateGenerator> extra) {
        this(builder().addAll(extra));
    }

    private DefaultTemplateCoordinator(Builder b) {
        this.explicit = List.copyOf(b.explicit);
        this.discover = b.discover;
        this.explicitFeatures = List.copyOf(b.explicitFeatures);
        Map<String, Feature> features = new LinkedHashMap<>();
        for (Feature f : BuiltinFeatures.all()) {
            features.put(f.id(), f);
        }
        if (b.discover) {
            features.putAll(ServiceProviders.byId(Feature.class,
                    b.classLoader == null ? ServiceProviders.defaultLoader() : b.classLoader, Feature::id));
        }
        features.putAll(ServiceProviders.index("explicit Feature", explicitFeatures, Feature::id));
        Map<String, TemplateGenerator> byId = new LinkedHashMap<>();
        for (TemplateGenerator g : BuiltinGenerators.all(List.copyOf(features.values()))) {
            byId.put(g.id(), g);
        }
        if (b.discover) {
            Map<String, TemplateGenerator> found = ServiceProviders.byId(TemplateGenerator.class,
                    b.classLoader == null ? ServiceProviders.defaultLoader() : b.classLoader, TemplateGenerator::id);
            byId.putAll(found);
        }
        byId.putAll(ServiceProviders.index("explicit TemplateGenerator", explicit, TemplateGenerator::id));
        this.generators = List.copyOf(byId.values());
    }

    /** A builder with discovery on. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder with this coordinator's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.explicit.addAll(explicit);
        b.explicitFeatures.addAll(explicitFeatures);
        b.discover = discover;
        return b;
    }

    @Override
    public String id() {
        return "default";
    }

    /** Every registered generator (built-in, discovered, explicit), in registration order. */
    public List<TemplateGenerator> generators() {
        return generators;
    }

    /** The generators that apply to the plan, in the order they run. */
    public List<TemplateGenerator> plan(ChartPlan plan) {
        Objects.requireNonNull(plan, "plan");
        Set<String> known = new LinkedHashSet<>();
        generators.forEach(g -> known.add(g.id()));
        List<TemplateGenerator> applicable = new ArrayList<>();
        for (TemplateGenerator g : generators) {
            for (String dep : g.after()) {
                if (!known.contains(dep)) {
                    throw new IllegalStateException("TemplateGenerator '" + g.id() + "' runs after '" + dep
                            + "', which no generator has (fix: use one of " + known + ")");
                }
            }
            if (g.appliesTo(plan)) {
                applicable.add(g);
            }
        }
        return order(applicable);
    }

    /** Kahn's algorithm; among ready generators the lowest phase, then registration order, goes first. */
    private static List<TemplateGenerator> order(List<TemplateGenerator> gens) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < gens.size(); i++) {
            index.put(gens.get(i).id(), i);
        }
        Map<String, Set<String>> waitingFor = new HashMap<>();
        for (TemplateGenerator g : gens) {
            Set<String> deps = new LinkedHashSet<>();
            for (String d : g.after()) {
                if (index.containsKey(d)) {
                    deps.add(d);
                }
            }
            waitingFor.put(g.id(), deps);
        }
        Comparator<TemplateGenerator> priority = Comparator.<TemplateGenerator, Integer>comparing(g -> g.phase().ordinal())
                .thenComparing(g -> index.get(g.id()));
        List<TemplateGenerator> out = new ArrayList<>();
        List<TemplateGenerator> pending = new ArrayList<>(gens);
        while (!pending.isEmpty()) {
            TemplateGenerator next = pending.stream()
                    .filter(g -> waitingFor.get(g.id()).isEmpty())
                    .min(priority)
                    .orElseThrow(() -> new IllegalStateException("TemplateGenerator dependencies form a cycle among "
                            + pending.stream().map(TemplateGenerator::id).toList() + " (fix: remove one after() entry)"));
            pending.remove(next);
            out.add(next);
            waitingFor.values().forEach(s -> s.remove(next.id()));
        }
        return out;
    }

    /** The feature slices that apply to the plan, in registration order. */
    public List<Feature> features(ChartPlan plan) {
        return features(plan(plan));
    }

    private static List<Feature> features(List<TemplateGenerator> ordered) {
        List<Feature> out = new ArrayList<>();
        for (TemplateGenerator g : ordered) {
            if (g instanceof FeatureGenerator fg) {
                out.add(fg.feature());
            }
        }
        return out;
    }

    /** The kinds the chart renders with its default values, as the applicable feature slices report them. */
    @Override
    public List<String> renderedKinds(ChartPlan plan) {
        return GenerationContext.kinds(plan.spec(), features(plan));
    }

    /** The values model of the chart for this plan: every applicable generator's leaves, in generation order. */
    public ValuesModel values(ChartPlan plan) {
        return values(plan, plan(plan));
    }

    private static ValuesModel values(ChartPlan plan, List<TemplateGenerator> ordered) {
        ValuesModel.Builder valuesBuilder = ValuesModel.builder();
        for (TemplateGenerator g : ordered) {
            g.contributeValues(plan, valuesBuilder);
        }
        return valuesBuilder.build();
    }

    @Override
    public ChartFiles generate(ChartPlan plan) {
        List<TemplateGenerator> ordered = plan(plan);
        ValuesModel values = values(plan, ordered);
        List<Feature> features = features(ordered);
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> owner = new HashMap<>();
        for (TemplateGenerator g : ordered) {
            Map<String, String> produced = g.generate(new GenerationContext(plan, values, files, features));
            if (produced == null) {
                throw new IllegalStateException("TemplateGenerator '" + g.id() + "' returned null instead of a map");
            }
            // Sort each generator's output so a HashMap-returning extension is still deterministic.
            Map<String, String> sorted = produced instanceof LinkedHashMap || produced.size() <= 1
                    ? produced : new java.util.TreeMap<>(produced);
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                String path = ChartFiles.checkPath(e.getKey());
                String previous = owner.putIfAbsent(path, g.id());
                if (previous != null) {
                    throw new IllegalStateException("TemplateGenerators '" + previous + "' and '" + g.id()
                            + "' both write " + path + " (fix: give one of them another path, or replace the built-in by its id)");
                }
                files.put(path, e.getValue());
            }
        }
        return new ChartFiles(plan.spec().name(), files);
    }

    /** Builder of {@link DefaultTemplateCoordinator}; not thread-safe. */
    public static final class Builder {

        private final List<TemplateGenerator> explicit = new ArrayList<>();
        private final List<Feature> explicitFeatures = new ArrayList<>();
        private boolean discover = true;
        private ClassLoader classLoader;

        private Builder() {
        }

        /** Adds a generator; it wins over a built-in or discovered one with the same id. */
        public Builder add(TemplateGenerator generator) {
            explicit.add(Objects.requireNonNull(generator, "generator"));
            return this;
        }

        /** Adds a feature slice; it wins over a built-in or discovered feature with the same id. */
        public Builder addFeature(Feature feature) {
            explicitFeatures.add(Objects.requireNonNull(feature, "feature"));
            return this;
        }

        /** Adds several generators. */
        public Builder addAll(List<? extends TemplateGenerator> more) {
            more.forEach(this::add);
            return this;
        }

        /** Turns ServiceLoader discovery of {@link TemplateGenerator}s and {@link Feature}s on (default) or off. */
        public Builder discover(boolean on) {
            this.discover = on;
            return this;
        }

        /** Class loader to discover with; default the thread's context class loader. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /**
         * Builds the coordinator.
         *
         * @throws IllegalStateException when two discovered or two explicit generators share an id
         */
        public DefaultTemplateCoordinator build() {
            return new DefaultTemplateCoordinator(this);
        }
    }
}
