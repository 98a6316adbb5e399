package dev.k8sautopilot.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The draft-07 subset Helm charts use: type, properties, required, additionalProperties, items,
 * enum, const, numeric and length bounds, pattern, allOf/anyOf/oneOf/not and local {@code $ref}.
 * Checks a schema for validity and YAML-loaded values against it. Stateless.
 */
final class JsonSchemaCheck {

    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean", "null");
    private static final int MAX_ERRORS = 50;
    private static final int MAX_DEPTH = 64;

    private JsonSchemaCheck() {
    }

    /** Problems that make the schema unusable; empty when it is valid. */
    static List<String> schemaProblems(JsonNode root) {
        List<String> out = new ArrayList<>();
        if (!root.isObject()) {
            out.add("the schema root is not a JSON object");
            return out;
        }
        checkSchema(root, root, "#", out, 0);
        return out;
    }

    private static void checkSchema(JsonNode root, JsonNode s, String at, List<String> out, int depth) {
        if (depth > MAX_DEPTH || out.size() >= MAX_ERRORS || s.isBoolean()) {
            return;
        }
        if (!s.isObject()) {
            out.add(at + " is not a schema object");
            return;
        }
        JsonNode type = s.get("type");
        if (type != null) {
            List<JsonNode> types = new ArrayList<>();
            if (type.isArray()) {
                type.forEach(types::add);
            } else {
                types.add(type);
            }
            for (JsonNode t : types) {
                if (!t.isTextual() || !TYPES.contains(t.asText())) {
                    out.add(at + "/type: '" + t + "' is not a JSON schema type (use one of " + TYPES + ")");
                }
            }
        }
        JsonNode props = s.get("properties");
        if (props != null) {
            if (!props.isObject()) {
                out.add(at + "/properties is not an object");
            } else {
                props.fields().forEachRemaining(e -> checkSchema(root, e.getValue(), at + "/properties/" + e.getKey(), out, depth + 1));
            }
        }
        JsonNode required = s.get("required");
        if (required != null && (!required.isArray() || !allTextual(required))) {
            out.add(at + "/required must be an array of property names");
        }
        JsonNode pattern = s.get("pattern");
        if (pattern != null) {
            try {
                Pattern.compile(pattern.asText());
            } catch (PatternSyntaxException e) {
                out.add(at + "/pattern is not a valid regular expression: " + e.getDescription());
            }
        }
        JsonNode en = s.get("enum");
        if (en != null && (!en.isArray() || en.isEmpty())) {
            out.add(at + "/enum must be a non-empty array");
        }
        JsonNode ref = s.get("$ref");
        if (ref != null && resolve(root, ref.asText()) == null) {
            out.add(at + "/$ref '" + ref.asText() + "' does not resolve inside the schema");
        }
        for (String key : List.of("items", "additionalProperties", "not")) {
            JsonNode sub = s.get(key);
            if (sub != null && (sub.isObject() || !sub.isBoolean() && !key.equals("additionalProperties"))) {
                checkSchema(root, sub, at + "/" + key, out, depth + 1);
            }
        }
        for (String key : List.of("allOf", "anyOf", "oneOf")) {
            JsonNode sub = s.get(key);
            if (sub != null) {
                if (!sub.isArray()) {
                    out.add(at + "/" + key + " must be an array of schemas");
                } else {
                    for (int i = 0; i < sub.size(); i++) {
                        checkSchema(root, sub.get(i), at + "/" + key + "/" + i, out, depth + 1);
                    }
                }
            }
        }
        for (String key : List.of("definitions", "$defs")) {
            JsonNode defs = s.get(key);
            if (defs != null && defs.isObject()) {
                defs.fields().forEachRemaining(e -> checkSchema(root, e.getValue(), at + "/" + key + "/" + e.getKey(), out, depth + 1));
            }
        }
    }

    private static boolean allTextual(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    static JsonNode resolve(JsonNode root, String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        JsonNode cur = root;
        for (String part : ref.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            cur = cur.get(part.replace("~1", "/").replace("~0", "~"));
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /** Violations of {@code value} (YAML-loaded) against the schema, as {@code path: problem}. */
    static List<String> violations(JsonNode root, Object value) {
        List<String> out = new ArrayList<>();
        check(root, root, value, "", out, 0);
        return out;
    }

    private static void check(JsonNode root, JsonNode s, Object v, String path, List<String> out, int depth) {
        if (out.size() >= MAX_ERRORS || depth > MAX_DEPTH || s == null) {
            return;
        }
        String where = path.isEmpty() ? "(root)" : path;
        if (s.isBoolean()) {
            if (!s.asBoolean()) {
                out.add(where + ": no value is allowed here");
            }
            return;
        }
        JsonNode ref = s.get("$ref");
        if (ref != null) {
            check(root, resolve(root, ref.asText()), v, path, out, depth + 1);
        }
        JsonNode type = s.get("type");
        if (type != null) {
            boolean ok = false;
            List<String> names = new ArrayList<>();
            for (JsonNode t : type.isArray() ? type : List.of(type)) {
                names.add(t.asText());
                ok |= matchesType(t.asText(), v);
            }
            if (!ok) {
                out.add(where + ": " + describe(v) + " is not of type " + String.join(" or ", names));
                return;
            }
        }
        JsonNode en = s.get("enum");
        if (en != null && en.isArray()) {
            boolean found = false;
            for (JsonNode e : en) {
                found |= equalsJson(e, v);
            }
            if (!found) {
                out.add(where + ": " + describe(v) + " is not one of " + en);
            }
        }
        JsonNode cst = s.get("const");
        if (cst != null && !equalsJson(cst, v)) {
            out.add(where + ": must be " + cst);
        }
        if (v instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            bound(s, "minimum", d, c -> c < 0, where, "is below the minimum", out);
            bound(s, "maximum", d, c -> c > 0, where, "is above the maximum", out);
            bound(s, "exclusiveMinimum", d, c -> c <= 0, where, "is not above the exclusive minimum", out);
            bound(s, "exclusiveMaximum", d, c -> c >= 0, where, "is not below the exclusive maximum", out);
        }
        if (v instanceof String str) {
            if (s.has("minLength") && str.codePointCount(0, str.length()) < s.get("minLength").asInt()) {
                out.add(where + ": is shorter than " + s.get("minLength").asInt() + " characters");
            }
            if (s.has("maxLength") && str.codePointCount(0, str.length()) > s.get("maxLength").asInt()) {
                out.add(where + ": is longer than " + s.get("maxLength").asInt() + " characters");
            }
            if (s.has("pattern")) {
                try {
                    if (!Pattern.compile(s.get("pattern").asText()).matcher(str).find()) {
                        out.add(where + ": '" + str + "' does not match " + s.get("pattern").asText());
                    }
                } catch (PatternSyntaxException e) {
                    // reported by schemaProblems
                }
            }
        }
        if (v instanceof Map<?, ?> m) {
            JsonNode props = s.get("properties");
            JsonNode req = s.get("required");
            if (req != null && req.isArray()) {
                for (JsonNode r : req) {
                    if (!m.containsKey(r.asText())) {
                        out.add(where + ": required property '" + r.asText() + "' is missing");
                    }
                }
            }
            JsonNode additional = s.get("additionalProperties");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                String child = path.isEmpty() ? key : path + "." + key;
                if (props != null && props.has(key)) {
                    check(root, props.get(key), e.getValue(), child, out, depth + 1);
                } else if (additional != null) {
                    if (additional.isBoolean() && !additional.asBoolean()) {
                        out.add(child + ": property is not allowed by the schema");
                    } else if (additional.isObject()) {
                        check(root, additional, e.getValue(), child, out, depth + 1);
                    }
                }
            }
        }
        if (v instanceof List<?> l) {
            JsonNode items = s.get("items");
            if (items != null && (items.isObject() || items.isBoolean())) {
                for (int i = 0; i < l.size(); i++) {
                    check(root, items, l.get(i), path + "[" + i + "]", out, depth + 1);
                }
            }
            if (s.has("minItems") && l.size() < s.get("minItems").asInt()) {
                out.add(where + ": has fewer than " + s.get("minItems").asInt() + " items");
            }
            if (s.has("maxItems") && l.size() > s.get("maxItems").asInt()) {
                out.add(where + ": has more than " + s.get("maxItems").asInt() + " items");
            }
        }
        combinators(root, s, v, path, where, out, depth);
    }

    private static void combinators(JsonNode root, JsonNode s, Object v, String path, String where, List<String> out, int depth) {
        JsonNode all = s.get("allOf");
        if (all != null && all.isArray()) {
            all.forEach(sub -> check(root, sub, v, path, out, depth + 1));
        }
        JsonNode any = s.get("anyOf");
        if (any != null && any.isArray()) {
            long passing = countPassing(root, any, v, path, depth);
            if (passing == 0) {
                out.add(where + ": matches none of the anyOf alternatives");
            }
        }
        JsonNode one = s.get("oneOf");
        if (one != null && one.isArray()) {
            long passing = countPassing(root, one, v, path, depth);
            if (passing != 1) {
                out.add(where + ": matches " + passing + " of the oneOf alternatives, exactly one is required");
            }
        }
        JsonNode not = s.get("not");
        if (not != null) {
            List<String> sub = new ArrayList<>();
            check(root, not, v, path, sub, depth + 1);
            if (sub.isEmpty()) {
                out.add(where + ": must not match the 'not' schema");
            }
        }
    }

    private static long countPassing(JsonNode root, JsonNode alternatives, Object v, String path, int depth) {
        long n = 0;
        for (Iterator<JsonNode> it = alternatives.elements(); it.hasNext(); ) {
            List<String> sub = new ArrayList<>();
            check(root, it.next(), v, path, sub, depth + 1);
            if (sub.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    private interface Cmp {
        boolean bad(int compare);
    }

    private static void bound(JsonNode s, String key, BigDecimal d, Cmp cmp, String where, String what, List<String> out) {
        JsonNode b = s.get(key);
        if (b != null && b.isNumber() && cmp.bad(d.compareTo(b.decimalValue()))) {
            out.add(where + ": " + d.toPlainString() + " " + what + " " + b.asText());
        }
    }

    static boolean matchesType(String type, Object v) {
        return switch (type) {
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "string" -> v instanceof String;
            case "boolean" -> v instanceof Boolean;
            case "null" -> v == null;
            case "number" -> v instanceof Number;
            case "integer" -> v instanceof Integer || v instanceof Long || v instanceof BigInteger || v instanceof Short
                    || (v instanceof Number n && !(v instanceof BigInteger) && n.doubleValue() == Math.rint(n.doubleValue())
                    && !Double.isInfinite(n.doubleValue()));
            default -> false;
        };
    }

    private static boolean equalsJson(JsonNode e, Object v) {
        if (v == null) {
            return e.isNull();
        }
        if (v instanceof Number n && e.isNumber()) {
            return new BigDecimal(n.toString()).compareTo(e.decimalValue()) == 0;
        }
        if (v instanceof String str) {
            return e.isTextual() && e.asText().equals(str);
        }
        if (v instanceof Boolean b) {
            return e.isBoolean() && e.asBoolean() == b;
        }
        return false;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String type = v instanceof Map ? "an object" : v instanceof List ? "an array" : v instanceof String ? "a string"
                : v instanceof Boolean ? "a boolean" : "a number";
        return v instanceof Map || v instanceof List ? type : type + " (" + v + ")";
    }
}
