package dev.k8sautopilot.validation;

import java.util.List;
import java.util.Map;

/** Null-safe navigation in parsed YAML. */
final class Maps {

    private Maps() {
    }

    /** Value at a path, or null. */
    static Object get(Object root, String... path) {
        Object cur = root;
        for (String p : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(p);
        }
        return cur;
    }

    /** Map at a path, empty when absent or not a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String... path) {
        Object v = get(root, path);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** List at a path, empty when absent or not a list. */
    static List<?> list(Object root, String... path) {
        Object v = get(root, path);
        return v instanceof List<?> l ? l : List.of();
    }

    /** Scalar at a path as a string, empty when absent. */
    static String string(Object root, String... path) {
        Object v = get(root, path);
        return v == null || v instanceof Map || v instanceof List ? "" : String.valueOf(v);
    }

    /** Maps of a list (other elements skipped). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object root, String... path) {
        return list(root, path).stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList();
    }
}
