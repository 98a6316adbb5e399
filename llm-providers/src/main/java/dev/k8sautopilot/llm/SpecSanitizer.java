package dev.k8sautopilot.llm;

import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ChartSpecs;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.SecretNames;
import dev.k8sautopilot.model.SpecException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes the model's partial spec safe to hand to the rules: drops unknown fields and fractional numbers,
 * refuses security-weakening values, moves secret-looking variables out of plain env, applies the
 * {@link ModelAnswerPolicy grounding policy} (what the request does not ground and the allow-list does not
 * cover is dropped), lets answers win, and drops values the ChartSpec model rejects — each with a warning
 * line and a dropped decision. Never throws for bad model output. Stateless.
 */
final class SpecSanitizer {

    static final String PREFIX = LlmPlanner.WARNING_PREFIX;
    private static final int MAX_DROPS = 32;
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    private static final Set<String> SECURITY_KEYS = Set.of("privileged", "hostnetwork", "hostpid", "hostipc",
            "allowprivilegeescalation", "runasnonroot", "runasroot", "hostpath", "securitycontext", "podsecuritycontext",
            "containersecuritycontext");
    private static final Set<String> ALLOWED_CAPABILITIES = Set.of("NET_BIND_SERVICE");

    private SpecSanitizer() {
    }

    /**
     * Cleans the model's document in place of a copy.
     *
     * @param document the model's JSON object
     * @param request  the request (grounds values, carries answers)
     * @param review   receives one warning line and one decision per change
     * @return the cleaned document
     */
    static Map<String, Object> sanitize(Map<String, Object> document, ChartRequest request, ModelAnswerPolicy.Review review) {
        Map<String, Object> doc = mutableCopy(document);
        walk(doc, ChartSpec.class, "", review);
        security(doc, review);
        secretEnv(doc, review);
        ModelAnswerPolicy.apply(doc, Grounds.of(request), review);
        rollingTag(doc, review);
        overlayAnswers(doc, request.answers());
        return doc;
    }

    /**
     * Whether a variable name holds a secret (then its value never sits in plain env): the project-wide
     * {@link SecretNames} policy. Every secret check of this module calls this method.
     */
    static boolean isSecretName(String name) {
        return SecretNames.isSecret(name);
    }

    // -- structure -----------------------------------------------------------------------------------

    private static void walk(Map<String, Object> map, Class<?> type, String prefix, ModelAnswerPolicy.Review review) {
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            components.put(c.getName(), c);
        }
        Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Object> e = it.next();
            String key = e.getKey();
            RecordComponent c = components.get(key);
            if (c == null) {
                it.remove();
                review.dropped(prefix + key, e.getValue(), SECURITY_KEYS.contains(key.toLowerCase(Locale.ROOT))
                        ? "refused the security setting " + prefix + key + " (host access and privileges never come from a model; the chart stays hardened)"
                        : "unknown field " + prefix + key + " in the model's answer");
                continue;
            }
            Object value = e.getValue();
            if (value == null) {
                it.remove();
                continue;
            }
            Class<?> raw = c.getType();
            if ((raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class)
                    && value instanceof Number n && n.doubleValue() != Math.rint(n.doubleValue())) {
                it.remove();
                review.dropped(prefix + key, value, "a whole number is required; " + value + " is not one");
                continue;
            }
            if (raw.isRecord() && value instanceof Map<?, ?> m) {
                Map<String, Object> copy = mutableCopy(m);
                walk(copy, raw, prefix + key + ".", review);
                if (copy.isEmpty()) {
                    // A strict-schema answer states every object, with nulls for "not stated": nothing said.
                    it.remove();
                    continue;
                }
                impliedSwitch(copy, raw);
                e.setValue(copy);
            } else if (raw == List.class && value instanceof List<?> list) {
                Class<?> element = elementClass(c.getGenericType());
                if (element != null && element.isRecord()) {
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) instanceof Map<?, ?> m) {
                            Map<String, Object> copy = mutableCopy(m);
                            walk(copy, element, prefix + key + "[" + i + "].", review);
                            out.add(copy);
                        } else {
                            out.add(list.get(i));
                        }
                    }
                    e.setValue(out);
                }
            }
        }
    }

    /** Settings given for a feature mean the feature is wanted: switch it on unless the model said otherwise. */
    private static void impliedSwitch(Map<String, Object> map, Class<?> type) {
        if (map.isEmpty()) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if ((c.getName().equals("enabled") || c.getName().equals("create")) && c.getType() == boolean.class) {
                map.putIfAbsent(c.getName(), Boolean.TRUE);
            }
        }
    }

    private static Class<?> elementClass(Type type) {
        return type instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> c ? c : null;
    }

    // -- safety --------------------------------------------------------------------------------------

    private static void security(Map<String, Object> doc, ModelAnswerPolicy.Review review) {
        if (!(doc.get("security") instanceof Map<?, ?>)) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> security = (Map<String, Object>) doc.get("security");
        if (isFalse(security.get("readOnlyRootFilesystem"))) {
            security.remove("readOnlyRootFilesystem");
            review.dropped("security.readOnlyRootFilesystem", false,
                    "kept the read-only root filesystem the model wanted to turn off; list writable directories in security.writablePaths");
        }
        for (String id : List.of("runAsUser", "runAsGroup", "fsGroup")) {
            if (security.get(id) instanceof Number n && n.longValue() <= 0) {
                security.remove(id);
                review.dropped("security." + id, n, "the chart never runs as root");
            }
        }
        if (security.get("capabilities") instanceof List<?> caps) {
            List<Object> kept = new ArrayList<>();
            for (Object cap : caps) {
                if (ALLOWED_CAPABILITIES.contains(String.valueOf(cap))) {
                    kept.add(cap);
                } else {
                    review.dropped("security.capabilities", cap, "only " + ALLOWED_CAPABILITIES + " may be added back");
                }
            }
            security.put("capabilities", kept);
        }
    }

    private static boolean isFalse(Object value) {
        return Boolean.FALSE.equals(value) || "false".equalsIgnoreCase(String.valueOf(value));
    }

    /** Secret-looking variables never carry literal values: move them to secretEnv. */
    private static void secretEnv(Map<String, Object> doc, ModelAnswerPolicy.Review review) {
        Object env = doc.get("env");
        List<String> moved = new ArrayList<>();
        if (env instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (isSecretName(String.valueOf(k))) {
                    moved.add(String.valueOf(k));
                } else {
                    kept.put(String.valueOf(k), v);
                }
            });
            doc.put("env", kept);
        } else if (env instanceof List<?> list) {
            List<Object> kept = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> m && m.get("name") != null && isSecretName(String.valueOf(m.get("name")))) {
                    moved.add(String.valueOf(m.get("name")));
                } else {
                    kept.add(item);
                }
            }
            doc.put("env", kept);
        }
        if (moved.isEmpty()) {
            return;
        }
        List<Object> secrets = doc.get("secretEnv") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        for (String name : moved) {
            boolean present = secrets.stream().anyMatch(s -> name.equals(s)
                    || s instanceof Map<?, ?> m && name.equals(String.valueOf(m.get("name"))));
            if (!present) {
                secrets.add(name);
            }
            review.warnings().add(PREFIX + "moved " + name + " from env to secretEnv (a secret value never sits in the chart)");
        }
        doc.put("secretEnv", secrets);
    }

    /** A grounded image keeps its registry and repository, but never the rolling tag {@code latest}: the rules pin one. */
    private static void rollingTag(Map<String, Object> doc, ModelAnswerPolicy.Review review) {
        Object image = doc.get("image");
        if (image instanceof String ref && ref.toLowerCase(Locale.ROOT).endsWith(":latest")) {
            doc.put("image", ref.substring(0, ref.length() - ":latest".length()));
            review.dropped("image.tag", "latest", "a rolling tag; a chart pins a version");
        } else if (image instanceof Map<?, ?> m && "latest".equalsIgnoreCase(String.valueOf(m.get("tag")))) {
            Map<String, Object> copy = mutableCopy(m);
            copy.remove("tag");
            doc.put("image", copy);
            review.dropped("image.tag", "latest", "a rolling tag; a chart pins a version");
        }
    }

    // -- answers -------------------------------------------------------------------------------------

    /** Answers to clarification questions are the user's word: they win over the model's values. */
    static void overlayAnswers(Map<String, Object> doc, Map<String, String> answers) {
        answers.forEach((field, answer) -> {
            String[] segments = field.split("\\.");
            Class<?> owner = ChartSpec.class;
            Map<String, Object> node = doc;
            for (int i = 0; i < segments.length; i++) {
                RecordComponent c = component(owner, segments[i]);
                if (c == null) {
                    return;
                }
                if (i == segments.length - 1) {
                    Object value = scalar(c, answer);
                    if (value != null) {
                        node.put(segments[i], value);
                    }
                    return;
                }
                if (!c.getType().isRecord()) {
                    return;
                }
                Object next = node.get(segments[i]);
                Map<String, Object> child = next instanceof Map<?, ?> m ? mutableCopy(m) : new LinkedHashMap<>();
                node.put(segments[i], child);
                node = child;
                owner = c.getType();
            }
        });
    }

    private static RecordComponent component(Class<?> owner, String name) {
        for (RecordComponent c : owner.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static Object scalar(RecordComponent c, String answer) {
        String a = answer.strip();
        Class<?> t = c.getType();
        if (t == String.class || t == Image.class || t.isEnum()) {
            return a;
        }
        if (t == int.class || t == long.class) {
            try {
                return Long.parseLong(a);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (t == boolean.class || t == Boolean.class) {
            return a.equalsIgnoreCase("true") || a.equalsIgnoreCase("yes") ? Boolean.TRUE
                    : a.equalsIgnoreCase("false") || a.equalsIgnoreCase("no") ? Boolean.FALSE : null;
        }
        if (t == List.class && elementClass(c.getGenericType()) == String.class) {
            return List.of(a.split("\\s*,\\s*"));
        }
        return null;
    }

    // -- values --------------------------------------------------------------------------------------

    /**
     * Drops every value the ChartSpec model rejects, one at a time, checking the document with stand-ins
     * for what the rules fill later (name, image, a port).
     *
     * @return false when an error could not be pinned on a field of the document
     */
    static boolean dropInvalid(Map<String, Object> doc, ModelAnswerPolicy.Review review) {
        for (int i = 0; i < MAX_DROPS; i++) {
            Map<String, Object> probe = new LinkedHashMap<>(doc);
            probe.putIfAbsent("name", "placeholder");
            probe.putIfAbsent("image", "placeholder:1");
            probe.putIfAbsent("ports", List.of(Map.of("name", "http", "containerPort", 8080)));
            try {
                ChartSpecs.fromMap(probe);
                return true;
            } catch (SpecException e) {
                if (!drop(doc, e, review)) {
                    return false;
                }
            }
        }
        return false;
    }

    /** Removes the field a SpecException names; false when it names nothing in the document. */
    static boolean drop(Map<String, Object> doc, SpecException e, ModelAnswerPolicy.Review review) {
        Object value = valueAt(doc, e.field());
        String removed = removePath(doc, e.field());
        if (removed == null) {
            return false;
        }
        review.dropped(removed, value, "invalid in the model's answer (" + e.problem() + ")");
        return true;
    }

    /**
     * Removes the deepest node of {@code doc} on a SpecException path such as {@code spec.ports[0].containerPort}.
     *
     * @return the path removed, or null when the path's first key is not in the document
     */
    static String removePath(Map<String, Object> doc, String field) {
        List<Object> tokens = tokens(field);
        Object container = null;
        Object token = null;
        Object current = doc;
        StringBuilder reached = new StringBuilder();
        for (Object t : tokens) {
            Object next = null;
            if (current instanceof Map<?, ?> m && t instanceof String k && m.containsKey(k)) {
                next = m.get(k);
                reached.append(reached.length() == 0 ? "" : ".").append(k);
            } else if (current instanceof List<?> l && t instanceof Integer idx && idx < l.size()) {
                next = l.get(idx);
                reached.append('[').append(idx).append(']');
            } else {
                break;
            }
            container = current;
            token = t;
            current = next;
        }
        if (container == null) {
            return null;
        }
        if (container instanceof Map<?, ?> m) {
            m.remove(token);
        } else {
            ((List<?>) container).remove((int) (Integer) token);
        }
        return reached.toString();
    }

    private static List<Object> tokens(String field) {
        String path = field.equals("spec") ? "" : field.startsWith("spec.") ? field.substring(5) : field;
        List<Object> tokens = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            if (!key.isEmpty()) {
                tokens.add(key);
            }
            java.util.regex.Matcher m = INDEX.matcher(bracket < 0 ? "" : part.substring(bracket));
            while (m.find()) {
                tokens.add(Integer.parseInt(m.group(1)));
            }
        }
        return tokens;
    }

    /** The deepest value of {@code doc} on a SpecException path, or null. */
    private static Object valueAt(Map<String, Object> doc, String field) {
        Object current = doc;
        for (Object t : tokens(field)) {
            if (current instanceof Map<?, ?> m && t instanceof String k && m.containsKey(k)) {
                current = m.get(k);
            } else if (current instanceof List<?> l && t instanceof Integer idx && idx < l.size()) {
                current = l.get(idx);
            } else {
                break;
            }
        }
        return current == doc ? null : current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mutableCopy(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            Object value = v;
            if (v instanceof Map<?, ?> m) {
                value = mutableCopy(m);
            } else if (v instanceof List<?> l) {
                List<Object> list = new ArrayList<>();
                for (Object item : l) {
                    list.add(item instanceof Map<?, ?> im ? mutableCopy(im) : item);
                }
                value = list;
            }
            out.put(String.valueOf(k), value);
        });
        return out;
    }
}
