package dev.k8sautopilot.plan;

import dev.k8sautopilot.model.Question;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one source (request text, a spec, reviewer feedback, answers, an LLM) says about the chart: a
 * partial ChartSpec document in its map form (present keys are explicit facts) plus hints that are not
 * spec fields. Sources are layered with {@link #overlay(Facts)}; later layers win. Not thread-safe;
 * one instance per planning call.
 */
final class Facts {

    /** Partial spec in {@code ChartSpecs.toMap} form; nested maps for nested records. */
    final Map<String, Object> spec = new LinkedHashMap<>();
    /** Catalog id of the app named in the text. */
    String appId;
    /** Version the text gives for the app, e.g. {@code 16} in "PostgreSQL 16". */
    String appVersion;
    /** Catalog id of a language runtime named in the text (defaults only; the image is the user's). */
    String runtimeId;
    /** Other apps named besides the main one. */
    final List<String> otherApps = new ArrayList<>();
    Tier tier;
    Boolean highAvailability;
    /** True/false when the text asks for or refuses persistence; null when silent. */
    Boolean persistence;
    Boolean metrics;
    Boolean serviceMonitor;
    Boolean autoscaling;
    Boolean startupProbe;
    /** Whether ingress was asked for (a host, "ingress", "expose publicly", Traefik, ...). */
    Boolean ingress;
    /** Whether the text asked for a network policy; null when silent. */
    Boolean networkPolicy;
    final List<String> warnings = new ArrayList<>();
    final List<Question> questions = new ArrayList<>();
    final List<String> secretValueDropped = new ArrayList<>();

    /** True when nothing at all was understood. */
    boolean isEmpty() {
        return spec.isEmpty() && appId == null && runtimeId == null && tier == null && highAvailability == null
                && persistence == null && metrics == null && autoscaling == null && ingress == null && networkPolicy == null
                && questions.isEmpty();
    }

    // ---------------------------------------------------------------------------------- path access

    void put(String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> m = spec;
        for (int i = 0; i < parts.length - 1; i++) {
            m = child(m, parts[i], path);
        }
        m.put(parts[parts.length - 1], value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v instanceof Map<?, ?> existing) {
            if (!(existing instanceof LinkedHashMap<?, ?>)) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                m.put(key, copy);
                return copy;
            }
            return (Map<String, Object>) existing;
        }
        if (v != null) {
            throw new SpecException(path, "'" + key + "' is a single value, not a mapping", "write " + key + " as a mapping");
        }
        Map<String, Object> created = new LinkedHashMap<>();
        m.put(key, created);
        return created;
    }

    Object get(String path) {
        Object cur = spec;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(part);
        }
        return cur;
    }

    boolean has(String path) {
        return get(path) != null;
    }

    /** Appends to a list-valued field, replacing an element with the same {@code name}. */
    @SuppressWarnings("unchecked")
    void addNamed(String path, Map<String, Object> element) {
        Object cur = get(path);
        List<Object> list = cur instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
        Object name = element.get(keyOf(path));
        list.removeIf(o -> o instanceof Map<?, ?> m && name != null && name.equals(m.get(keyOf(path))));
        list.add(element);
        put(path, list);
    }

    private static String keyOf(String path) {
        return path.equals("configFiles") ? "fileName" : "name";
    }

    // ---------------------------------------------------------------------------------- layering

    /** Applies a later source on top of this one: its explicit facts win. */
    void overlay(Facts later) {
        deepMerge(spec, later.spec);
        if (later.appId != null) {
            appId = later.appId;
        }
        if (later.appVersion != null) {
            appVersion = later.appVersion;
        }
        if (later.runtimeId != null) {
            runtimeId = later.runtimeId;
        }
        for (String o : later.otherApps) {
            if (!otherApps.contains(o)) {
                otherApps.add(o);
            }
        }
        tier = later.tier != null ? later.tier : tier;
        highAvailability = later.highAvailability != null ? later.highAvailability : highAvailability;
        persistence = later.persistence != null ? later.persistence : persistence;
        metrics = later.metrics != null ? later.metrics : metrics;
        serviceMonitor = later.serviceMonitor != null ? later.serviceMonitor : serviceMonitor;
        autoscaling = later.autoscaling != null ? later.autoscaling : autoscaling;
        startupProbe = later.startupProbe != null ? later.startupProbe : startupProbe;
        ingress = later.ingress != null ? later.ingress : ingress;
        networkPolicy = later.networkPolicy != null ? later.networkPolicy : networkPolicy;
        warnings.addAll(later.warnings);
        // A later source settles an earlier contradiction on the same field.
        questions.removeIf(q -> later.has(q.field()) || later.questions.stream().anyMatch(l -> l.field().equals(q.field())));
        questions.addAll(later.questions);
        secretValueDropped.addAll(later.secretValueDropped);
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> base, Map<String, Object> later) {
        for (Map.Entry<String, Object> e : later.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            Object cur = base.get(key);
            if (v instanceof Map<?, ?> lm && cur instanceof Map<?, ?> cm) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) cm);
                deepMerge(merged, (Map<String, Object>) lm);
                base.put(key, merged);
            } else if (v instanceof List<?> ll && cur instanceof List<?> cl && mergedByName(key)) {
                List<Object> merged = new ArrayList<>((List<Object>) cl);
                for (Object o : ll) {
                    String k = key.equals("configFiles") ? "fileName" : "name";
                    Object name = o instanceof Map<?, ?> om ? om.get(k) : o;
                    merged.removeIf(x -> name != null && (name.equals(x) || (x instanceof Map<?, ?> xm && name.equals(xm.get(k)))));
                    merged.add(o);
                }
                base.put(key, merged);
            } else {
                base.put(key, v);
            }
        }
    }

    private static boolean mergedByName(String key) {
        return switch (key) {
            case "env", "secretEnv", "configFiles", "initContainers", "sidecars" -> true;
            default -> false;
        };
    }
}
