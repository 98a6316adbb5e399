package dev.k8sautopilot.templates;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small draft-07 subset validator for tests: type, enum, minimum, maximum, required, properties,
 * additionalProperties and items.
 */
final class SchemaValidator {

    private SchemaValidator() {
    }

    static List<String> validate(Object value, Map<String, Object> schema) {
        List<String> errors = new ArrayList<>();
        check("$", value, schema, errors);
        return errors;
    }

    @SuppressWarnings("unchecked")
    private static void check(String path, Object value, Map<String, Object> schema, List<String> errors) {
        Object type = schema.get("type");
        if (type != null) {
            List<Object> types = type instanceof List<?> l ? (List<Object>) l : List.of(type);
            if (types.stream().noneMatch(t -> matches((String) t, value))) {
                errors.add(path + ": " + describe(value) + " is not of type " + types);
                return;
            }
        }
        if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(value)) {
            errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value instanceof Number n) {
            if (schema.get("minimum") instanceof Number min && n.doubleValue() < min.doubleValue()) {
                errors.add(path + ": " + n + " is below the minimum " + min);
            }
            if (schema.get("maximum") instanceof Number max && n.doubleValue() > max.doubleValue()) {
                errors.add(path + ": " + n + " is above the maximum " + max);
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            for (Object req : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!map.containsKey(req)) {
                    errors.add(path + ": required property " + req + " is missing");
                }
            }
            Object additional = schema.getOrDefault("additionalProperties", true);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (props.containsKey(key)) {
                    check(path + "." + key, e.getValue(), (Map<String, Object>) props.get(key), errors);
                } else if (Boolean.FALSE.equals(additional)) {
                    errors.add(path + ": additional property " + key + " is not allowed");
                } else if (additional instanceof Map<?, ?> addSchema) {
                    check(path + "." + key, e.getValue(), (Map<String, Object>) addSchema, errors);
                }
            }
        }
        if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                check(path + "[" + i + "]", list.get(i), (Map<String, Object>) items, errors);
            }
        }
    }

    private static boolean matches(String type, Object value) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long || value instanceof BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof List<?>;
            case "object" -> value instanceof Map<?, ?>;
            case "null" -> value == null;
            default -> throw new IllegalArgumentException("unsupported schema type " + type);
        };
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
