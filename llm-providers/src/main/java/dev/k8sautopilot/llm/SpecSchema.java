package dev.k8sautopilot.llm;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.model.ChartSpec;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact schema of the partial ChartSpec document the planner asks the model for: the fields a
 * request usually states, with their types taken from the {@link ChartSpec} records by reflection (so a
 * renamed or retyped field changes the schema, and a removed one fails fast here). Two renderings: a
 * langchain4j {@link JsonSchema} for providers with structured output, and a one-line JSON skeleton for
 * the prompt of the others.
 */
final class SpecSchema {

    /** Document paths offered to the model; {@code []} marks a list of objects. Everything is optional. */
    static final List<String> FIELDS = List.of(
            "name", "description", "app", "workload", "image", "command", "args",
            "ports[].name", "ports[].containerPort",
            "replicas",
            "autoscaling.enabled", "autoscaling.minReplicas", "autoscaling.maxReplicas", "autoscaling.targetCpu",
            "autoscaling.targetMemory",
            "service.type",
            "ingress.enabled", "ingress.controller", "ingress.className", "ingress.hosts", "ingress.path", "ingress.tls",
            "ingress.certResolver", "ingress.traefik.redirectHttps", "ingress.traefik.stripPrefix",
            "persistence.enabled", "persistence.size", "persistence.mountPath",
            "env[].name", "env[].value", "secretEnv", "existingSecret",
            "resources.preset", "resources.requestsCpu", "resources.requestsMemory", "resources.limitsCpu",
            "resources.limitsMemory",
            "probes.readiness.type", "probes.readiness.path", "probes.readiness.command",
            "probes.liveness.type", "probes.liveness.path", "probes.liveness.command", "job.schedule",
            "tier", "pdb.create", "networkPolicy.enabled", "metrics.enabled", "metrics.serviceMonitor");

    /** Fields written in a shorthand of the document rather than as the record (see ChartSpecs). */
    private static final Map<String, Object> SHORTHANDS = Map.of(
            "image", "string: repository:tag as in the request",
            "secretEnv", List.of("string: variable name"));

    /** Short hints where the type alone does not say enough. */
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("name", "DNS label"),
            Map.entry("app", "well-known app, e.g. redis"),
            Map.entry("persistence.size", "e.g. 10Gi"),
            Map.entry("resources.requestsCpu", "e.g. 250m"),
            Map.entry("resources.requestsMemory", "e.g. 256Mi"),
            Map.entry("resources.limitsCpu", "e.g. 500m"),
            Map.entry("resources.limitsMemory", "e.g. 512Mi"),
            Map.entry("autoscaling.targetCpu", "percent"),
            Map.entry("autoscaling.targetMemory", "percent"),
            Map.entry("ingress.path", "e.g. /api"),
            Map.entry("job.schedule", "cron, CronJob only"),
            Map.entry("pdb.create", "true for high availability"));

    private static final Map<String, Object> TREE = tree();
    private static final JsonSchema JSON_SCHEMA = JsonSchema.builder()
            .name("ChartSpec")
            .rootElement(objectSchema(TREE, "", false))
            .build();
    private static final JsonSchema STRICT_JSON_SCHEMA = JsonSchema.builder()
            .name("ChartSpec")
            .rootElement(objectSchema(TREE, "", true))
            .build();
    private static final String SKELETON = Json.write(skeleton(TREE, ""));

    private SpecSchema() {
    }

    /**
     * The schema as a langchain4j response-format schema: every property optional, no property beyond
     * the listed ones ({@code additionalProperties: false} on every object).
     */
    static JsonSchema jsonSchema() {
        return JSON_SCHEMA;
    }

    /**
     * The schema for strict structured output (OpenAI's {@code strict: true}): every property is listed as
     * required, as strict mode demands, and may be {@code null} — which the planner reads as "not stated" —
     * so the answer stays a partial spec. No property beyond the listed ones.
     */
    static JsonSchema strictJsonSchema() {
        return STRICT_JSON_SCHEMA;
    }

    /** The schema as a one-line JSON skeleton, e.g. {@code {"name":"string (DNS label)","replicas":"integer",…}}. */
    static String skeleton() {
        return SKELETON;
    }

    // -- building ------------------------------------------------------------------------------------

    /** Path tree: key → leaf {@link Type} | shorthand | nested map (object) | single-element list holding a map (list of objects). */
    private static Map<String, Object> tree() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (String path : FIELDS) {
            Map<String, Object> node = root;
            Class<?> owner = ChartSpec.class;
            String[] segments = path.split("\\.");
            for (int i = 0; i < segments.length; i++) {
                boolean list = segments[i].endsWith("[]");
                String key = list ? segments[i].substring(0, segments[i].length() - 2) : segments[i];
                Type type = componentType(owner, key, path);
                boolean last = i == segments.length - 1;
                if (last) {
                    node.put(key, SHORTHANDS.containsKey(path) ? SHORTHANDS.get(path) : type);
                } else if (list) {
                    owner = elementClass(type, path);
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> holder = (List<Map<String, Object>>) node.computeIfAbsent(key,
                            k -> List.of(new LinkedHashMap<String, Object>()));
                    node = holder.get(0);
                } else {
                    owner = (Class<?>) type;
                    @SuppressWarnings("unchecked")
                    Map<String, Object> next = (Map<String, Object>) node.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
                    node = next;
                }
            }
        }
        return root;
    }

    static Type componentType(Class<?> owner, String name, String path) {
        if (owner.isRecord()) {
            for (RecordComponent c : owner.getRecordComponents()) {
                if (c.getName().equals(name)) {
                    return c.getGenericType();
                }
            }
        }
        throw new IllegalStateException("SpecSchema field " + path + ": " + owner.getSimpleName() + " has no component '" + name + "'");
    }

    static Class<?> elementClass(Type listType, String path) {
        if (listType instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        throw new IllegalStateException("SpecSchema field " + path + " is not a list");
    }

    private static JsonObjectSchema objectSchema(Map<String, Object> node, String prefix, boolean strict) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().additionalProperties(false);
        node.forEach((key, value) -> {
            JsonSchemaElement e = element(value, prefix + key, strict);
            b.addProperty(key, strict ? JsonAnyOfSchema.builder().anyOf(e, new JsonNullSchema()).build() : e);
        });
        if (strict) {
            b.required(List.copyOf(node.keySet()));
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static JsonSchemaElement element(Object value, String path, boolean strict) {
        String hint = HINTS.get(path);
        if (value instanceof Map<?, ?> m) {
            return objectSchema((Map<String, Object>) m, path + ".", strict);
        }
        if (value instanceof List<?> l && l.get(0) instanceof Map<?, ?> m) {
            return JsonArraySchema.builder().items(objectSchema((Map<String, Object>) m, path + ".", strict)).build();
        }
        if (value instanceof List<?> l) {
            return JsonArraySchema.builder().items(JsonStringSchema.builder().description(String.valueOf(l.get(0))).build()).build();
        }
        if (value instanceof String shorthand) {
            return JsonStringSchema.builder().description(shorthand).build();
        }
        Type type = (Type) value;
        if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            return JsonArraySchema.builder().items(JsonStringSchema.builder().build()).build();
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return JsonStringSchema.builder().description(hint).build();
        }
        if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            return JsonIntegerSchema.builder().description(hint).build();
        }
        if (c == boolean.class || c == Boolean.class) {
            return JsonBooleanSchema.builder().description(hint).build();
        }
        if (c.isEnum()) {
            return JsonEnumSchema.builder().enumValues(enumValues(c)).description(hint).build();
        }
        throw new IllegalStateException("SpecSchema field " + path + " has unsupported type " + c.getSimpleName());
    }

    @SuppressWarnings("unchecked")
    private static Object skeleton(Map<String, Object> node, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> m) {
                out.put(key, skeleton((Map<String, Object>) m, path + "."));
            } else if (value instanceof List<?> l && l.get(0) instanceof Map<?, ?> m) {
                out.put(key, List.of(skeleton((Map<String, Object>) m, path + ".")));
            } else if (value instanceof List<?> l) {
                out.put(key, List.of(String.valueOf(l.get(0))));
            } else if (value instanceof String shorthand) {
                out.put(key, shorthand);
            } else {
                out.put(key, leafText((Type) value, HINTS.get(path)));
            }
        });
        return out;
    }

    private static String leafText(Type type, String hint) {
        String text;
        if (type instanceof ParameterizedType) {
            text = "string[]";
        } else {
            Class<?> c = (Class<?>) type;
            if (c.isEnum()) {
                text = String.join("|", enumValues(c));
            } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
                text = "integer";
            } else if (c == boolean.class || c == Boolean.class) {
                text = "boolean";
            } else {
                text = "string";
            }
        }
        return hint == null ? text : text + " (" + hint + ")";
    }

    /** Wire names of an enum (its {@code toString}, which every model enum maps to the documented form). */
    static List<String> enumValues(Class<?> enumClass) {
        List<String> out = new ArrayList<>();
        for (Object constant : enumClass.getEnumConstants()) {
            out.add(constant.toString());
        }
        return out;
    }
}
