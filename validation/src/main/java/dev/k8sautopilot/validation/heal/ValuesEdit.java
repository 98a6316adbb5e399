package dev.k8sautopilot.validation.heal;

import dev.k8sautopilot.internal.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Structural edits of values.yaml that keep the rest of the text (comments, {@code ## @param} docs):
 * the new value of a key is computed on the parsed YAML, dumped by snakeyaml-engine and spliced in
 * place of the old block; the result is re-parsed and checked, falling back to a full dump.
 */
final class ValuesEdit {

    private ValuesEdit() {
    }

    /** Value at a dotted path of a values document, or null. */
    static Object get(Object root, List<String> path) {
        Object cur = root;
        for (String p : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(p);
        }
        return cur;
    }

    /** Deep merge: {@code patch} wins for scalars and lists, maps merge. */
    @SuppressWarnings("unchecked")
    static Object merge(Object base, Object patch) {
        if (base instanceof Map<?, ?> b && patch instanceof Map<?, ?> p) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) b);
            p.forEach((k, v) -> out.put(String.valueOf(k), merge(out.get(String.valueOf(k)), v)));
            return out;
        }
        return patch;
    }

    /**
     * Sets {@code path} to {@code value} in values text.
     *
     * @return the new text; unchanged when the text does not parse as a mapping
     */
    @SuppressWarnings("unchecked")
    static String set(String text, List<String> path, Object value) {
        Object root;
        try {
            root = text.isBlank() ? new LinkedHashMap<>() : Yaml.load(text);
        } catch (RuntimeException e) {
            return text;
        }
        if (root == null) {
            root = new LinkedHashMap<>();
        }
        if (!(root instanceof Map)) {
            return text;
        }
        String spliced = splice(text, path, value);
        try {
            if (Objects.equals(normalize(get(Yaml.load(spliced), path)), normalize(value))) {
                return spliced;
            }
        } catch (RuntimeException e) {
            // fall through to the full dump
        }
        Map<String, Object> copy = (Map<String, Object>) deepCopy(root);
        Map<String, Object> cur = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            Object next = cur.get(path.get(i));
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                cur.put(path.get(i), next);
            }
            cur = (Map<String, Object>) next;
        }
        cur.put(path.get(path.size() - 1), value);
        return Yaml.dump(copy);
    }

    private static Object normalize(Object v) {
        return v == null ? null : Yaml.load(Yaml.dump(v));
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), deepCopy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(deepCopy(x)));
            return out;
        }
        return v;
    }

    private static String splice(String text, List<String> path, Object value) {
        List<String> lines = Lines.split(text);
        int from = 0;
        int to = lines.size();
        int indent = 0;
        for (int depth = 0; depth < path.size(); depth++) {
            String key = path.get(depth);
            int at = -1;
            for (int i = from; i < to; i++) {
                String l = lines.get(i);
                if (Lines.neutral(l)) {
                    continue;
                }
                if (Lines.indent(l) == indent && (l.strip().startsWith(key + ":") || l.strip().startsWith("\"" + key + "\":"))) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                // Append the rest of the path at the end of the parent block.
                Object rest = value;
                for (int k = path.size() - 1; k > depth; k--) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put(path.get(k), rest);
                    rest = m;
                }
                int insertAt = to;
                while (insertAt > from && lines.get(insertAt - 1).isBlank()) {
                    insertAt--;
                }
                lines.addAll(insertAt, render(key, rest, indent));
                return Lines.join(lines);
            }
            int end = Lines.blockEnd(lines, at, indent);
            if (depth == path.size() - 1) {
                for (int i = end - 1; i >= at; i--) {
                    lines.remove(i);
                }
                lines.addAll(at, render(key, value, indent));
                return Lines.join(lines);
            }
            from = at + 1;
            to = end;
            indent = -1;
            for (int i = from; i < to; i++) {
                if (!Lines.neutral(lines.get(i))) {
                    indent = Lines.indent(lines.get(i));
                    break;
                }
            }
            if (indent < 0) {
                // The parent is empty ("key: {}" or "key:"): replace it with the nested value.
                Object rest = value;
                for (int k = path.size() - 1; k > depth; k--) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put(path.get(k), rest);
                    rest = m;
                }
                int parentIndent = Lines.indent(lines.get(at));
                for (int i = end - 1; i >= at; i--) {
                    lines.remove(i);
                }
                lines.addAll(at, render(key, rest, parentIndent));
                return Lines.join(lines);
            }
        }
        return Lines.join(lines);
    }

    private static List<String> render(String key, Object value, int indent) {
        List<String> out = new ArrayList<>();
        String pad = Lines.spaces(indent);
        boolean nested = value instanceof Map<?, ?> m && !m.isEmpty() || value instanceof List<?> l && !l.isEmpty();
        if (!nested) {
            out.add(pad + Yaml.scalar(key) + ": " + (value instanceof Map ? "{}" : value instanceof List ? "[]" : Yaml.scalar(value)));
            return out;
        }
        out.add(pad + Yaml.scalar(key) + ":");
        for (String l : Yaml.dump(value).split("\n")) {
            if (!l.isEmpty()) {
                out.add(pad + "  " + l);
            }
        }
        return out;
    }
}
