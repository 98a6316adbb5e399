package dev.k8sautopilot.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one or more front doors say about a chart, before any default is applied: every field is
 * optional ("not set" is a state of its own) and every value carries its {@link ValueSource}. A spec
 * file ({@link ChartSpecs#readIntent}), the rule-based planner (request text), answers to questions,
 * reviewer feedback and a language model each produce one; they are layered with {@link #overlay}
 * (later wins) and handed to the resolver ({@code dev.k8sautopilot.plan.Resolver}), which applies the
 * catalog and the tier rules only where nothing was set, and records every decision with its source.
 *
 * <pre>{@code
 * ChartIntent intent = ChartIntent.builder()          // source SPEC unless told otherwise
 *     .set(IntentField.NAME, "web")
 *     .set(IntentField.IMAGE, Image.parse("nginx:1.27.3"))
 *     .set(IntentField.PORTS, List.of(Port.of("http", 8080)))
 *     .set(IntentField.REPLICAS, 1)                    // stays 1, even in production
 *     .set(IntentField.TIER, Tier.PROD)
 *     .build();
 * pipeline.run(ChartRequest.of(intent));
 * }</pre>
 *
 * <p>Besides field values an intent carries the {@link Dependency dependencies} the app uses, warnings
 * its front door wants a reviewer to see, and questions it could not settle (e.g. two images and no
 * way to tell the main one).
 *
 * <p>Immutable and thread-safe; built only through {@link #builder()}.
 */
public final class ChartIntent {

    private static final ChartIntent EMPTY = new Builder().build();

    private final Map<IntentField<?>, Sourced<?>> values;
    private final List<Dependency> dependencies;
    private final List<String> warnings;
    private final List<Question> questions;

    private ChartIntent(Builder b) {
        Map<IntentField<?>, Sourced<?>> ordered = new LinkedHashMap<>();
        for (IntentField<?> f : IntentField.all()) {
            Sourced<?> v = b.values.get(f);
            if (v != null) {
                ordered.put(f, v);
            }
        }
        this.values = Collections.unmodifiableMap(ordered);
        this.dependencies = List.copyOf(b.dependencies.values());
        this.warnings = List.copyOf(b.warnings);
        this.questions = List.copyOf(b.questions);
    }

    /** An intent that says nothing. */
    public static ChartIntent empty() {
        return EMPTY;
    }

    /** A new builder; values set without a source are tagged {@link ValueSource#SPEC}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this intent's contents. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        dependencies.forEach(d -> b.dependencies.put(d.kind(), d));
        b.warnings.addAll(warnings);
        b.questions.addAll(questions);
        return b;
    }

    /** The value of a field, or empty when it is not set. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> value(IntentField<T> field) {
        Sourced<?> s = values.get(field);
        return s == null ? Optional.empty() : Optional.of((T) s.value());
    }

    /** The value of a field with its source, or empty when it is not set. */
    @SuppressWarnings("unchecked")
    public <T> Optional<Sourced<T>> get(IntentField<T> field) {
        return Optional.ofNullable((Sourced<T>) values.get(field));
    }

    /** Where a field's value came from, or empty when it is not set. */
    public Optional<ValueSource> source(IntentField<?> field) {
        Sourced<?> s = values.get(field);
        return s == null ? Optional.empty() : Optional.of(s.source());
    }

    /** True when the field is set. */
    public boolean has(IntentField<?> field) {
        return values.containsKey(field);
    }

    /** The fields that are set, in document order. */
    public Set<IntentField<?>> fields() {
        return values.keySet();
    }

    /** Services the app uses (databases, caches, queues), by kind, in the order they were named. */
    public List<Dependency> dependencies() {
        return dependencies;
    }

    /** Things the front door wants a reviewer to know (values it could not use, assumptions). */
    public List<String> warnings() {
        return warnings;
    }

    /** Questions the front door could not settle by itself. */
    public List<Question> questions() {
        return questions;
    }

    /** True when nothing at all is set, named or asked. */
    public boolean isEmpty() {
        return values.isEmpty() && dependencies.isEmpty() && questions.isEmpty();
    }

    /**
     * Layers a later intent over this one: its values replace these (list fields such as {@code env} merge
     * by name), its dependencies, warnings and questions are added, and a question of this intent is
     * dropped when the later one sets its field (or asks it again).
     *
     * @param later the later source, never null
     * @return the combined intent
     */
    public ChartIntent overlay(ChartIntent later) {
        Objects.requireNonNull(later, "later");
        Builder b = toBuilder();
        for (Map.Entry<IntentField<?>, Sourced<?>> e : later.values.entrySet()) {
            b.merge(e.getKey(), e.getValue());
        }
        later.dependencies.forEach(d -> b.dependencies.putIfAbsent(d.kind(), d));
        b.warnings.addAll(later.warnings);
        b.questions.removeIf(q -> later.settles(q.field()) || later.questions.stream().anyMatch(l -> l.field().equals(q.field())));
        b.questions.addAll(later.questions);
        return b.build();
    }

    /** True when this intent sets the field a question asks about, or a field it belongs to or under it. */
    private boolean settles(String questionField) {
        for (IntentField<?> f : values.keySet()) {
            if (f.path().equals(questionField) || questionField.startsWith(f.path() + ".") || f.path().startsWith(questionField + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The spec fields that are set, as a partial spec document in {@link ChartSpecs#toMap} form (nested maps
     * for nested records). Hints are left out.
     */
    public Map<String, Object> toDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (Map.Entry<IntentField<?>, Sourced<?>> e : values.entrySet()) {
            IntentField<?> f = e.getKey();
            if (f.kind() != IntentField.Kind.SPEC) {
                continue;
            }
            Object v = f.toDocument(e.getValue().value());
            if (f == IntentField.IMAGE && v instanceof Map<?, ?> m) {
                // The pull policy is a field of its own; the image's default must not read as a choice.
                Map<String, Object> copy = new LinkedHashMap<>();
                m.forEach((k, x) -> copy.put(String.valueOf(k), x));
                copy.remove("pullPolicy");
                v = copy;
            }
            put(doc, f.path(), v);
        }
        return doc;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> doc, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> m = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = m.get(parts[i]);
            if (!(child instanceof Map<?, ?>)) {
                child = new LinkedHashMap<String, Object>();
                m.put(parts[i], child);
            }
            m = (Map<String, Object>) child;
        }
        m.put(parts[parts.length - 1], value);
    }

    /** The JSON form used in checkpoints: values with field path and source, dependencies, warnings, questions. */
    @JsonValue
    Map<String, Object> json() {
        List<Map<String, Object>> list = new ArrayList<>();
        values.forEach((f, s) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("field", f.path());
            entry.put("value", f.toDocument(s.value()));
            entry.put("source", s.source().wire());
            list.add(entry);
        });
        List<Map<String, Object>> deps = new ArrayList<>();
        dependencies.forEach(d -> deps.add(Map.of("kind", d.kind(), "source", d.source().wire())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("values", list);
        out.put("dependencies", deps);
        out.put("warnings", warnings);
        out.put("questions", questions);
        return out;
    }

    @JsonCreator
    @SuppressWarnings("unchecked")
    static ChartIntent fromJson(Map<String, Object> json) {
        Builder b = builder();
        if (json.get("values") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> entry = (Map<String, Object>) o;
                String path = String.valueOf(entry.get("field"));
                IntentField<Object> f = (IntentField<Object>) IntentField.byPath(path)
                        .orElseThrow(() -> new SpecException("intent." + path, "is not an intent field", "check the saved run"));
                b.set(f, f.fromDocument(entry.get("value")), ValueSource.parse(String.valueOf(entry.get("source"))));
            }
        }
        if (json.get("dependencies") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> d = (Map<String, Object>) o;
                b.dependency(new Dependency(String.valueOf(d.get("kind")), ValueSource.parse(String.valueOf(d.get("source")))));
            }
        }
        if (json.get("warnings") instanceof List<?> list) {
            list.forEach(w -> b.warn(String.valueOf(w)));
        }
        if (json.get("questions") instanceof List<?> list) {
            for (Object o : list) {
                b.ask(dev.k8sautopilot.internal.Json.mapper().convertValue(o, Question.class));
            }
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChartIntent other && values.equals(other.values) && dependencies.equals(other.dependencies)
                && warnings.equals(other.warnings) && questions.equals(other.questions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, dependencies, warnings, questions);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ChartIntent{");
        values.forEach((f, s) -> sb.append(f.path()).append('=').append(s.value()).append(" (").append(s.source().wire()).append("), "));
        if (!dependencies.isEmpty()) {
            sb.append("dependencies=").append(dependencies);
        }
        return sb.append('}').toString();
    }

    /**
     * Builder for {@link ChartIntent}. Values set without a source take the builder's {@link #source(ValueSource)
     * current source} (initially {@link ValueSource#SPEC}). Not thread-safe.
     */
    public static final class Builder {
        private final Map<IntentField<?>, Sourced<?>> values = new LinkedHashMap<>();
        private final Map<String, Dependency> dependencies = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<Question> questions = new ArrayList<>();
        private ValueSource source = ValueSource.SPEC;

        private Builder() {
        }

        /** The source given to values set from now on without one. */
        public Builder source(ValueSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The source values set without one get. */
        public ValueSource source() {
            return source;
        }

        /** Sets a field with the builder's current source. */
        public <T> Builder set(IntentField<T> field, T value) {
            return set(field, value, source);
        }

        /**
         * Sets a field, replacing an earlier value.
         *
         * @throws SpecException when the value is null or not of the field's type
         */
        public <T> Builder set(IntentField<T> field, T value, ValueSource source) {
            Objects.requireNonNull(field, "field");
            values.put(field, new Sourced<>(field.cast(value), source));
            return this;
        }

        /** Sets a field only when it is not set yet. */
        public <T> Builder setIfAbsent(IntentField<T> field, T value) {
            if (!values.containsKey(field)) {
                set(field, value);
            }
            return this;
        }

        /** Adds one entry to a list field, replacing an entry of the same name ({@code fileName} for config files). */
        @SuppressWarnings("unchecked")
        public <E> Builder add(IntentField<List<E>> field, E element) {
            List<E> list = new ArrayList<>(value(field).orElse(List.of()));
            String key = nameOf(element);
            if (key != null) {
                list.removeIf(x -> key.equals(nameOf(x)));
            }
            list.add(element);
            return set(field, (List<E>) List.copyOf(list));
        }

        /** Removes a field: it is "not set" again. */
        public Builder unset(IntentField<?> field) {
            values.remove(field);
            return this;
        }

        /** The value set so far. */
        @SuppressWarnings("unchecked")
        public <T> Optional<T> value(IntentField<T> field) {
            Sourced<?> s = values.get(field);
            return s == null ? Optional.empty() : Optional.of((T) s.value());
        }

        /** True when the field is set. */
        public boolean has(IntentField<?> field) {
            return values.containsKey(field);
        }

        /** Records a dependency; the first mention of a kind is kept. */
        public Builder dependency(Dependency dependency) {
            dependencies.putIfAbsent(dependency.kind(), Objects.requireNonNull(dependency, "dependency"));
            return this;
        }

        /** Records a dependency of this kind with the builder's current source. */
        public Builder dependency(String kind) {
            return dependency(new Dependency(kind, source));
        }

        /** Forgets a dependency (e.g. one the chart now deploys as a companion subchart). */
        public Builder withoutDependency(String kind) {
            dependencies.remove(kind);
            return this;
        }

        /** True when any dependency is recorded. */
        public boolean hasDependencies() {
            return !dependencies.isEmpty();
        }

        /** True when a dependency of this kind is recorded. */
        public boolean hasDependency(String kind) {
            return dependencies.containsKey(kind);
        }

        /** Adds a warning for the reviewer. */
        public Builder warn(String warning) {
            warnings.add(Objects.requireNonNull(warning, "warning"));
            return this;
        }

        /** Adds an open question. */
        public Builder ask(Question question) {
            questions.add(Objects.requireNonNull(question, "question"));
            return this;
        }

        /** The intent. */
        public ChartIntent build() {
            return new ChartIntent(this);
        }

        @SuppressWarnings("unchecked")
        private void merge(IntentField<?> field, Sourced<?> later) {
            Sourced<?> current = values.get(field);
            if (field.mergedByName() && current != null) {
                List<Object> merged = new ArrayList<>((List<Object>) current.value());
                for (Object o : (List<Object>) later.value()) {
                    String key = nameOf(o);
                    merged.removeIf(x -> key != null && key.equals(nameOf(x)));
                    merged.add(o);
                }
                values.put(field, new Sourced<>(List.copyOf(merged), later.source()));
            } else {
                values.put(field, later);
            }
        }

        private static String nameOf(Object element) {
            if (element instanceof EnvVar e) {
                return e.name();
            }
            if (element instanceof SecretEnv s) {
                return s.name();
            }
            if (element instanceof ConfigFile c) {
                return c.fileName();
            }
            if (element instanceof ExtraContainer c) {
                return c.name();
            }
            return null;
        }
    }
}
