package dev.k8sautopilot.templates;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Yaml;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The one in-memory model of a chart's values: an ordered list of typed, documented leaves grouped in
 * sections. {@code values.yaml}, {@code values.schema.json} and the README parameter tables are all
 * produced from it, so they cannot drift apart.
 *
 * <pre>{@code
 * ValuesModel values = ValuesModel.builder()
 *     .section("Common parameters")
 *     .leaf("nameOverride", "", "String to partially override the fullname")
 *     .leaf(ValuesModel.Leaf.of("replicaCount", 1, "Number of replicas").range(0, 1000))
 *     .build();
 * String yaml = values.toValuesYaml();
 * }</pre>
 *
 * A leaf's type follows its default value: {@code String} → string, {@code Integer}/{@code Long} → integer,
 * {@code Boolean} → boolean, {@code List} → array, {@code Map} → object. Instances are immutable and
 * thread-safe.
 */
public final class ValuesModel {

    private static final Pattern KEY = Pattern.compile("^[a-z][A-Za-z0-9]*$");

    private final List<Leaf> leaves;

    private ValuesModel(List<Leaf> leaves) {
        this.leaves = List.copyOf(leaves);
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these leaves, to extend or modify them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.leaves.addAll(leaves);
        if (!leaves.isEmpty()) {
            b.section = leaves.get(leaves.size() - 1).section();
        }
        return b;
    }

    /** The leaves in document order. */
    public List<Leaf> leaves() {
        return leaves;
    }

    /** The leaf at a dotted path. */
    public Optional<Leaf> leaf(String path) {
        return leaves.stream().filter(l -> l.path().equals(path)).findFirst();
    }

    /** The default values as nested maps (insertion-ordered), exactly what {@code values.yaml} holds. */
    public Map<String, Object> defaults() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Leaf leaf : leaves) {
            String[] parts = leaf.path().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                node = child(node, parts[i]);
            }
            node.put(parts[parts.length - 1], leaf.defaultValue());
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> node, String key) {
        return (Map<String, Object>) node.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    /**
     * {@code values.yaml}: every leaf preceded by its {@code ## @param} lines (see {@link Leaf#parameters()}),
     * sections announced by {@code ## @section title}. Keys are the model's identifiers; every value is written by
     * snakeyaml-engine. The metadata follows the rules of Bitnami's {@code readme-generator-for-helm}: one
     * {@code @param} per key path that tool derives from the values, so it accepts the file without errors.
     */
    public String toValuesYaml() {
        StringBuilder out = new StringBuilder();
        List<String> open = new ArrayList<>();
        String section = null;
        for (Leaf leaf : leaves) {
            String[] parts = leaf.path().split("\\.");
            int common = 0;
            while (common < open.size() && common < parts.length - 1 && open.get(common).equals(parts[common])) {
                common++;
            }
            while (open.size() > common) {
                open.remove(open.size() - 1);
            }
            if (!leaf.section().equals(section)) {
                section = leaf.section();
                out.append('\n').append(indent(open.size())).append("## @section ").append(section).append('\n');
            }
            for (int i = common; i < parts.length - 1; i++) {
                out.append(indent(i)).append(parts[i]).append(":\n");
                open.add(parts[i]);
            }
            int depth = parts.length - 1;
            for (Parameter p : leaf.parameters()) {
                out.append(indent(depth)).append("## @param ").append(p.name()).append(' ');
                p.modifier().ifPresent(m -> out.append('[').append(m).append("] "));
                out.append(p.description()).append('\n');
            }
            out.append(indent(depth)).append(parts[depth]).append(':').append(yamlValue(leaf.defaultValue(), depth + 1)).append('\n');
        }
        return out.toString().stripLeading();
    }

    private static String yamlValue(Object value, int depth) {
        if (value instanceof List<?> l && l.isEmpty()) {
            return " []";
        }
        if (value instanceof Map<?, ?> m && m.isEmpty()) {
            return " {}";
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            // Indent every line (block scalars stay valid: their indentation is relative); keep blank lines.
            StringBuilder sb = new StringBuilder();
            String dump = Yaml.dump(value);
            dump = dump.endsWith("\n") ? dump.substring(0, dump.length() - 1) : dump;
            for (String line : dump.split("\n", -1)) {
                sb.append('\n').append(line.isEmpty() ? "" : indent(depth) + line);
            }
            return sb.toString();
        }
        String scalar = Yaml.scalar(value);
        if (value instanceof String str && (scalar.contains("\n") || str.chars().anyMatch(c -> c < 0x20))) {
            // A JSON string is a valid YAML double-quoted scalar and always fits on one line.
            return " " + Json.write(str);
        }
        return " " + scalar;
    }

    private static String indent(int depth) {
        return "  ".repeat(depth);
    }

    /**
     * {@code values.schema.json} (draft-07): one node per leaf with type, description and default, plus enums
     * and ranges where the leaf declares them; intermediate maps are objects with {@code properties}.
     */
    public String toSchemaJson(String title) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("title", title);
        root.put("type", "object");
        Map<String, Object> props = new LinkedHashMap<>();
        root.put("properties", props);
        for (Leaf leaf : leaves) {
            String[] parts = leaf.path().split("\\.");
            Map<String, Object> node = props;
            for (int i = 0; i < parts.length - 1; i++) {
                Map<String, Object> obj = child(node, parts[i]);
                obj.putIfAbsent("type", "object");
                node = child(obj, "properties");
            }
            node.put(parts[parts.length - 1], leaf.schema());
        }
        return Json.writePretty(root);
    }

    /**
     * The README {@code ## Parameters} body: per section a {@code ### title} and a table whose rows are the
     * section's {@link Leaf#parameters() parameters}, laid out exactly as Bitnami's
     * {@code readme-generator-for-helm} writes it (columns padded to the widest cell), so running that tool on
     * the chart leaves the README unchanged.
     */
    public String toReadmeTables() {
        StringBuilder out = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        String section = null;
        for (Leaf leaf : leaves) {
            if (!leaf.section().equals(section)) {
                appendTable(out, rows);
                section = leaf.section();
                out.append("\n### ").append(section).append("\n\n");
            }
            for (Parameter p : leaf.parameters()) {
                rows.add(new String[] {"`" + p.name() + "`", p.description(), "`" + p.value() + "`"});
            }
        }
        appendTable(out, rows);
        return out.toString().stripLeading();
    }

    /** A Markdown table with a header row, every column padded to its widest cell (UTF-16 length). */
    private static void appendTable(StringBuilder out, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"Name", "Description", "Value"});
        table.addAll(rows);
        int[] width = new int[3];
        for (String[] row : table) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        table.add(1, new String[] {"-".repeat(width[0]), "-".repeat(width[1]), "-".repeat(width[2])});
        for (String[] row : table) {
            out.append('|');
            for (int i = 0; i < 3; i++) {
                out.append(' ').append(row[i]).append(" ".repeat(width[i] - row[i].length())).append(" |");
            }
            out.append('\n');
        }
        rows.clear();
    }

    /**
     * One {@code @param} entry of values.yaml and one README row: a key path as Bitnami's readme-generator
     * derives it from the values (maps by {@code .key}, lists of objects by {@code [index]}, lists of strings as
     * one entry), an optional type modifier, the description and the value as the README shows it.
     *
     * @param name        the dotted key path, e.g. {@code updateStrategy.type} or {@code configuration.env[0].name}
     * @param modifier    {@code array} or {@code object} for an empty list or map (its future items need no
     *                    metadata of their own), {@code default: see values.yaml} for a value that cannot be shown in
     *                    a table cell (line breaks, {@code |} or backquotes), otherwise empty
     * @param description one line of text
     * @param value       the default as the README shows it: strings raw ({@code ""} when empty), lists and maps
     *                    as compact JSON
     */
    public record Parameter(String name, Optional<String> modifier, String description, String value) {

        /** Requires every component. */
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(modifier, "modifier");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * One documented value.
     *
     * @param path         dotted path of camelCase keys, e.g. {@code image.pullPolicy}
     * @param defaultValue default value: String, Integer, Long, Boolean, List or Map (never null)
     * @param description  one-line description for {@code @param}, schema and README
     * @param section      the section it is listed under
     * @param enumValues   allowed values, empty for any
     * @param minimum      lower bound of an integer, or null
     * @param maximum      upper bound of an integer, or null
     * @param types        JSON schema types; empty = derived from the default value
     */
    public record Leaf(String path, Object defaultValue, String description, String section, List<Object> enumValues,
                       Long minimum, Long maximum, List<String> types) {

        /** Requires a path; copies the lists. */
        public Leaf {
            Objects.requireNonNull(path, "path");
            for (String part : path.split("\\.", -1)) {
                if (!KEY.matcher(part).matches()) {
                    throw new IllegalArgumentException("values path '" + path + "': '" + part
                            + "' is not a camelCase key (fix: use letters and digits, starting lowercase)");
                }
            }
            if (defaultValue == null) {
                throw new IllegalArgumentException("values path '" + path + "' has no default value (fix: use \"\", [], {} or a number)");
            }
            typeOf(defaultValue);
            description = tableText(Objects.requireNonNull(description, "description"));
            if (description.isEmpty()) {
                throw new IllegalArgumentException("values path '" + path + "' has no description");
            }
            section = section == null ? "Parameters" : section;
            enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
            types = types == null ? List.of() : List.copyOf(types);
        }

        /** A leaf with type from its default, no enum and no range (section set by the builder). */
        public static Leaf of(String path, Object defaultValue, String description) {
            return new Leaf(path, defaultValue, description, null, null, null, null, null);
        }

        /** A copy restricted to these values. */
        public Leaf oneOf(Object... allowed) {
            return new Leaf(path, defaultValue, description, section, List.of(allowed), minimum, maximum, types);
        }

        /** A copy with an integer range. */
        public Leaf range(long min, long max) {
            return new Leaf(path, defaultValue, description, section, enumValues, min, max, types);
        }

        /** A copy that accepts several JSON types, e.g. integer or string for {@code 1} / {@code 50%}. */
        public Leaf types(String... jsonTypes) {
            return new Leaf(path, defaultValue, description, section, enumValues, minimum, maximum, List.of(jsonTypes));
        }

        /** A copy with another default value. */
        public Leaf withDefault(Object value) {
            return new Leaf(path, value, description, section, enumValues, minimum, maximum, types);
        }

        Leaf inSection(String name) {
            return new Leaf(path, defaultValue, description, name, enumValues, minimum, maximum, types);
        }

        /**
         * The {@code @param} entries and README rows of this leaf. A scalar or a list of strings is one entry. An
         * empty list or map is one entry with the {@code array} / {@code object} modifier, so whatever a user puts
         * there later needs no metadata of its own. A non-empty map or a list holding objects is documented key by
         * key ({@code updateStrategy.type}, {@code configuration.env[0].name}), the first entry carrying the
         * description and the others naming their part of it.
         */
        public List<Parameter> parameters() {
            if (defaultValue instanceof List<?> l && l.isEmpty()) {
                return List.of(new Parameter(path, Optional.of("array"), description, "[]"));
            }
            if (defaultValue instanceof Map<?, ?> m && m.isEmpty()) {
                return List.of(new Parameter(path, Optional.of("object"), description, "{}"));
            }
            List<Parameter> out = new ArrayList<>();
            expand(path, defaultValue, out);
            // The readme-generator cannot take a modifier on a list item's key (it skips the whole list then, and
            // reports the item as unknown): such a leaf is documented as one entry pointing at values.yaml.
            if (out.stream().anyMatch(p -> p.modifier().isPresent() && p.name().contains("["))) {
                String type = defaultValue instanceof List<?> ? "array" : "object";
                return List.of(new Parameter(path, Optional.of(type + ", default: " + SEE_VALUES), description, SEE_VALUES));
            }
            return out;
        }

        /** Key paths in the readme-generator's way: maps by key, plain string lists whole, other lists by index. */
        private void expand(String name, Object value, List<Parameter> out) {
            if (value instanceof Map<?, ?> m && !m.isEmpty()) {
                m.forEach((k, v) -> expand(name + "." + k, v, out));
            } else if (value instanceof List<?> l && !l.isEmpty() && !l.stream().allMatch(String.class::isInstance)) {
                for (int i = 0; i < l.size(); i++) {
                    expand(name + "[" + i + "]", l.get(i), out);
                }
            } else {
                String part = name.substring(path.length());
                String text = out.isEmpty() ? description
                        : description + " (" + (part.startsWith(".") ? part.substring(1) : part) + ")";
                String shown = readmeValue(value);
                if (shown.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '|' || c == '`')) {
                    // The value would break the table row (the readme-generator writes values unescaped): the README
                    // points at values.yaml instead, through the tool's own "default:" modifier.
                    out.add(new Parameter(name, Optional.of("default: " + SEE_VALUES), text, SEE_VALUES));
                } else {
                    out.add(new Parameter(name, Optional.empty(), text, shown));
                }
            }
        }

        private static final String SEE_VALUES = "see values.yaml";

        /** The value as the README shows it (the readme-generator's rendering: JavaScript strings and JSON). */
        private static String readmeValue(Object value) {
            if (value == null) {
                return "nil";
            }
            if (value instanceof String str) {
                return str.isEmpty() ? "\"\"" : str;
            }
            if (value instanceof List<?> l) {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "" : ",").append(jsonString((String) l.get(i)));
                }
                return sb.append(']').toString();
            }
            if (value instanceof Map<?, ?>) {
                return "{}";
            }
            return String.valueOf(value);
        }

        /** A JSON string literal as JavaScript's {@code JSON.stringify} writes it. */
        private static String jsonString(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                                || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                        if (c < 0x20 || Character.isSurrogate(c) && !paired) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }

        /**
         * A description fit for one {@code @param} line and one Markdown table cell: one line, no {@code |}
         * (it would split the cell), and no leading {@code [} (the readme-generator would read it as a modifier).
         */
        private static String tableText(String text) {
            String s = text.replace('\r', ' ').replace('\n', ' ').replace('|', '/').strip();
            return s.startsWith("[") ? "(" + s.substring(1) : s;
        }

        /** The JSON schema type derived from the default value. */
        public String type() {
            return typeOf(defaultValue);
        }

        Map<String, Object> schema() {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("type", types.isEmpty() ? type() : (types.size() == 1 ? types.get(0) : types));
            node.put("description", description);
            node.put("default", defaultValue);
            if (!enumValues.isEmpty()) {
                node.put("enum", enumValues);
            }
            if (minimum != null) {
                node.put("minimum", minimum);
            }
            if (maximum != null) {
                node.put("maximum", maximum);
            }
            return node;
        }

        private static String typeOf(Object value) {
            if (value instanceof String) {
                return "string";
            }
            if (value instanceof Integer || value instanceof Long) {
                return "integer";
            }
            if (value instanceof Boolean) {
                return "boolean";
            }
            if (value instanceof List<?>) {
                return "array";
            }
            if (value instanceof Map<?, ?>) {
                return "object";
            }
            throw new IllegalArgumentException("unsupported default value type " + value.getClass().getName()
                    + " (fix: use String, Integer, Long, Boolean, List or Map)");
        }
    }

    /** Builder of a {@link ValuesModel}; not thread-safe. Leaves keep the order they are added in. */
    public static final class Builder {

        private final List<Leaf> leaves = new ArrayList<>();
        private String section = "Parameters";

        private Builder() {
        }

        /** Starts a section: leaves added from now on are listed under it. */
        public Builder section(String title) {
            if (title == null || title.isBlank() || title.contains("\n")) {
                throw new IllegalArgumentException("a section needs a one-line title");
            }
            this.section = title.strip();
            return this;
        }

        /** Adds a leaf whose type follows its default value. */
        public Builder leaf(String path, Object defaultValue, String description) {
            return leaf(Leaf.of(path, defaultValue, description));
        }

        /**
         * Adds a leaf in the current section.
         *
         * @throws IllegalArgumentException when the path exists, or is a prefix or extension of an existing leaf
         */
        public Builder leaf(Leaf leaf) {
            for (Leaf existing : leaves) {
                if (existing.path().equals(leaf.path()) || existing.path().startsWith(leaf.path() + ".")
                        || leaf.path().startsWith(existing.path() + ".")) {
                    throw new IllegalArgumentException("values path '" + leaf.path() + "' clashes with '" + existing.path()
                            + "' (fix: pick another key)");
                }
            }
            leaves.add(leaf.inSection(section));
            return this;
        }

        /** Whether a leaf exists at the path. */
        public boolean has(String path) {
            return leaves.stream().anyMatch(l -> l.path().equals(path));
        }

        /**
         * Replaces an existing leaf (e.g. to append a company sidecar to {@code sidecars}).
         *
         * @throws IllegalArgumentException when no leaf has that path
         */
        public Builder update(String path, UnaryOperator<Leaf> change) {
            for (int i = 0; i < leaves.size(); i++) {
                if (leaves.get(i).path().equals(path)) {
                    Leaf next = change.apply(leaves.get(i));
                    if (!next.path().equals(path)) {
                        throw new IllegalArgumentException("update of '" + path + "' must keep the path");
                    }
                    leaves.set(i, next.inSection(leaves.get(i).section()));
                    return this;
                }
            }
            throw new IllegalArgumentException("no values leaf '" + path + "' to update");
        }

        /**
         * The model. Leaves sharing a parent map are grouped together (at every depth) in first-appearance
         * order, so a key added late, e.g. by an extension, still nests under its parent map.
         */
        public ValuesModel build() {
            Map<String, Object> tree = new LinkedHashMap<>();
            for (Leaf l : leaves) {
                String[] parts = l.path().split("\\.");
                Map<String, Object> node = tree;
                for (int i = 0; i < parts.length - 1; i++) {
                    node = child(node, parts[i]);
                }
                node.put(parts[parts.length - 1], l);
            }
            List<Leaf> ordered = new ArrayList<>();
            flatten(tree, ordered);
            return new ValuesModel(Collections.unmodifiableList(ordered));
        }

        @SuppressWarnings("unchecked")
        private static void flatten(Map<String, Object> node, List<Leaf> out) {
            for (Object v : node.values()) {
                if (v instanceof Leaf l) {
                    out.add(l);
                } else {
                    flatten((Map<String, Object>) v, out);
                }
            }
        }
    }
}
