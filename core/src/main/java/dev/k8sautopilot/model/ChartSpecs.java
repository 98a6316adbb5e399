package dev.k8sautopilot.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.k8sautopilot.internal.EditDistance;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.RecordReader;
import dev.k8sautopilot.internal.Yaml;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link ChartSpec} documents in YAML or JSON (JSON is read as YAML, its superset).
 * Errors name the field path and the fix, e.g.
 * {@code spec.ports[0].containerPort: 70000 is out of range (fix: use a value between 1 and 65535)}.
 *
 * <p>Shorthands accepted when reading: {@code image: nginx:1.27.3} (a reference string),
 * {@code ports: [8080]} (numbers become ports named http, http-2, …), {@code env: {NAME: value}} (a map)
 * and {@code secretEnv: [NAME]} (names only).
 *
 * <p>Thread-safe; stateless.
 */
public final class ChartSpecs {

    /** Largest spec document accepted, in bytes. */
    public static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_DEPTH = 64;

    private ChartSpecs() {
    }

    /**
     * Reads a spec file.
     *
     * @throws SpecException for unreadable, malformed or invalid documents (the message names the field)
     */
    public static ChartSpec read(Path file) {
        return parse(readText(file));
    }

    /**
     * Reads a spec file as an intent: only the fields the file writes are set, each with source
     * {@link ValueSource#SPEC}, so {@code replicas: 1} stays 1 even where a tier rule would choose more.
     * Unlike {@link #read(Path)} the document may leave out {@code name} and {@code image} (the planner then
     * takes them from the catalog or asks).
     *
     * @throws SpecException for unreadable or malformed documents, unknown fields and values of the wrong type
     */
    public static ChartIntent readIntent(Path file) {
        return parseIntent(readText(file));
    }

    /**
     * Parses YAML or JSON text as an intent (see {@link #readIntent(Path)}).
     *
     * @throws SpecException for malformed documents, unknown fields and values of the wrong type
     */
    public static ChartIntent parseIntent(String text) {
        ChartIntent.Builder b = ChartIntent.builder().source(ValueSource.SPEC);
        walk(normalize(load(text)), "", b, true);
        return b.build();
    }

    /**
     * Converts a (partial) spec document into an intent whose values all carry {@code source}. The document
     * uses the {@link ChartSpec} field names and the shorthands of this class; besides spec fields it may
     * carry the planning hints of {@link IntentField} ({@code highAvailability}, {@code runtime},
     * {@code requestedVersion}, {@code service.port}). Keys that are present with a null value are not set.
     *
     * @param document the document, never null
     * @param source   where its values came from
     * @throws SpecException naming the field (e.g. {@code spec.ports[0].containerPort}) and the fix
     */
    public static ChartIntent intent(Map<String, ?> document, ValueSource source) {
        ChartIntent.Builder b = ChartIntent.builder().source(source);
        walk(normalize(document), "", b, false);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static void walk(Map<String, Object> map, String prefix, ChartIntent.Builder b, boolean strict) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new SpecException("spec" + (prefix.isEmpty() ? "" : "." + prefix), "has a null key", "use field names as keys");
            }
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            Object raw = e.getValue();
            if (raw == null) {
                if (strict) {
                    // A file that writes a key means a value; "image:" with nothing after it is a mistake, not "not set".
                    throw new SpecException("spec." + path, "has no value", "give a value or leave the field out");
                }
                continue;
            }
            java.util.Optional<IntentField<?>> field = IntentField.byPath(path);
            if (field.isPresent()) {
                set(b, (IntentField<Object>) field.get(), raw);
                if (field.get() == IntentField.IMAGE && raw instanceof Map<?, ?> im && im.get("pullPolicy") != null) {
                    set(b, (IntentField<Object>) (IntentField<?>) IntentField.IMAGE_PULL_POLICY, im.get("pullPolicy"));
                }
            } else if (raw instanceof Map<?, ?> sub && IntentField.all().stream().anyMatch(f -> f.path().startsWith(path + "."))) {
                Map<String, Object> copy = new LinkedHashMap<>();
                sub.forEach((k, v) -> copy.put(k == null ? null : String.valueOf(k), v));
                walk(copy, path, b, strict);
            } else if (IntentField.all().stream().anyMatch(f -> f.path().startsWith(path + "."))) {
                throw new SpecException("spec." + path, "has the wrong type, expected a mapping", "write " + e.getKey() + ": {...}");
            } else {
                List<Object> known = new ArrayList<>();
                for (IntentField<?> f : IntentField.all()) {
                    String rest = prefix.isEmpty() ? f.path() : f.path().startsWith(prefix + ".") ? f.path().substring(prefix.length() + 1) : null;
                    if (rest != null) {
                        String key = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                        if (!known.contains(key)) {
                            known.add(key);
                        }
                    }
                }
                String suggestion = closest(e.getKey(), known);
                throw new SpecException("spec." + path, "unknown field",
                        (suggestion.isEmpty() ? "remove it" : "did you mean '" + suggestion + "'?")
                                + "; known fields: " + known.stream().map(String::valueOf).sorted().toList());
            }
        }
    }

    private static void set(ChartIntent.Builder b, IntentField<Object> field, Object raw) {
        Object value;
        try {
            value = field.fromDocument(raw);
        } catch (IllegalArgumentException e) {
            if (raw instanceof List<?> list) {
                // Name the entry: convert one element at a time until the failing one is found.
                for (int i = 0; i < list.size(); i++) {
                    try {
                        field.fromDocument(List.of(list.get(i)));
                    } catch (IllegalArgumentException element) {
                        throw under(field.path() + "[" + i + "]", element);
                    }
                }
            }
            throw under(field.path(), e);
        }
        if (value != null) {
            b.set(field, value);
        }
    }

    private static SpecException under(String path, IllegalArgumentException e) {
        if (e instanceof SpecException se) {
            return new SpecException("spec." + path + (se.field().isEmpty() ? "" : "." + se.field()), se.problem(), se.fix());
        }
        SpecException se = translate(e);
        String rel = se.field().startsWith("spec.") ? se.field().substring(5) : "";
        rel = rel.replaceFirst("^\\[0\\]\\.?", "");
        String where = rel.isEmpty() ? path : rel.startsWith("[") ? path + rel : path + "." + rel;
        return new SpecException("spec." + where, se.problem(), se.fix());
    }

    private static String readText(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SpecException("spec", "file " + file + " is larger than " + MAX_BYTES + " bytes",
                        "a chart spec is a short YAML document; check that the right file was given");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SpecException("spec", "cannot read " + file + ": " + e.getMessage(), "check the path and permissions");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SpecException("spec", "file " + file + " is not UTF-8 text", "save the spec as UTF-8 YAML or JSON");
        }
    }

    /**
     * Parses a spec from YAML or JSON text.
     *
     * @throws SpecException for malformed or invalid documents
     */
    public static ChartSpec parse(String text) {
        return fromMap(load(text));
    }

    /**
     * Loads a YAML/JSON document into a plain map, enforcing size, nesting and alias limits.
     *
     * @throws SpecException when the text is not a single mapping
     */
    public static Map<String, Object> load(String text) {
        if (text == null || text.isBlank()) {
            throw new SpecException("spec", "is empty", "write at least name and image, e.g. name: web / image: nginx:1.27.3");
        }
        if (text.length() > MAX_BYTES) {
            throw new SpecException("spec", "is larger than " + MAX_BYTES + " characters", "a chart spec is a short YAML document");
        }
        if (text.indexOf('\0') >= 0) {
            throw new SpecException("spec", "contains binary data", "give a UTF-8 YAML or JSON document");
        }
        if (bracketDepth(text) > MAX_DEPTH) {
            throw new SpecException("spec", "is nested more than " + MAX_DEPTH + " levels deep", "a chart spec has at most a few levels");
        }
        Object doc;
        try {
            doc = Yaml.load(text);
        } catch (StackOverflowError e) {
            throw new SpecException("spec", "is nested too deeply to read", "a chart spec has at most a few levels");
        } catch (RuntimeException e) {
            throw new SpecException("spec", "is not valid YAML/JSON: " + firstLine(e.getMessage()), "fix the syntax at the position shown");
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new SpecException("spec", "must be a mapping (key: value), found " + (doc == null ? "nothing" : describe(doc)),
                    "start with name: and image:");
        }
        if (Yaml.depth(map) > MAX_DEPTH) {
            throw new SpecException("spec", "is nested more than " + MAX_DEPTH + " levels deep", "a chart spec has at most a few levels");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new SpecException("spec", "key " + e.getKey() + " is not a string", "use field names as keys");
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    /**
     * Converts a plain map (as loaded from YAML/JSON) into a spec, applying the shorthands.
     *
     * @throws SpecException naming the offending field
     */
    public static ChartSpec fromMap(Map<String, ?> document) {
        Map<String, Object> normalized = normalize(document);
        try {
            // Jackson's value without building Jackson's deserializers (~45 ms in a cold process); anything the
            // reader does not take (a coercion, an unknown field, a refused value) is Jackson's, errors included.
            return RecordReader.read(normalized, ChartSpec.class);
        } catch (RecordReader.Unsupported notHere) {
            // fall through
        }
        try {
            return Json.mapper().convertValue(normalized, ChartSpec.class);
        } catch (IllegalArgumentException e) {
            throw translate(e);
        }
    }

    /**
     * The intent of an already built spec. A {@link ChartSpec} cannot say which of its fields were set and
     * which hold defaults, so {@code name}, {@code image}, {@code ports} and {@code workload} count as set,
     * and so does every other field whose value differs from the default of a spec with those four; the
     * rest is "not set" and left to the resolver. To pin a value that equals a default (say
     * {@code replicas: 1} in production), give an intent ({@link #readIntent(Path)}, {@link ChartIntent#builder()}).
     *
     * @param spec the spec, never null
     * @return its intent, every value with source {@link ValueSource#SPEC}
     */
    public static ChartIntent intentOf(ChartSpec spec) {
        Map<String, Object> full = toMap(spec);
        Map<String, Object> defaults = toMap(ChartSpec.builder().name(spec.name()).image(spec.image())
                .ports(spec.ports()).workload(spec.workload()).build());
        Map<String, Object> out = diff(full, defaults);
        out.put("name", full.get("name"));
        out.put("image", full.get("image"));
        if (!spec.ports().isEmpty()) {
            out.put("ports", full.get("ports"));
        }
        out.put("workload", full.get("workload"));
        return intent(out, ValueSource.SPEC);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> diff(Map<String, Object> full, Map<String, Object> defaults) {
        Map<String, Object> out = new LinkedHashMap<>();
        full.forEach((k, v) -> {
            Object d = defaults.get(k);
            if (v instanceof Map<?, ?> vm && d instanceof Map<?, ?> dm) {
                Map<String, Object> sub = diff((Map<String, Object>) vm, (Map<String, Object>) dm);
                if (!sub.isEmpty()) {
                    out.put(k, sub);
                }
            } else if (!java.util.Objects.equals(v, d)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The spec as a plain map, in the documented field order; the inverse of {@link #fromMap(Map)}. */
    public static Map<String, Object> toMap(ChartSpec spec) {
        return Json.mapper().convertValue(spec, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** The spec as YAML. */
    public static String toYaml(ChartSpec spec) {
        return Yaml.dump(toMap(spec));
    }

    /** The spec as indented JSON. */
    public static String toJson(ChartSpec spec) {
        return Json.writePretty(spec);
    }

    // ---------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalize(Map<String, ?> document) {
        Map<String, Object> m = new LinkedHashMap<>(document);
        Object image = m.get("image");
        if (image instanceof String ref) {
            m.put("image", imageMap(ref, "image"));
        }
        Object ports = m.get("ports");
        if (ports instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (Object p : list) {
                if (p instanceof Number n) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("name", i == 0 ? "http" : "http-" + (i + 1));
                    pm.put("containerPort", n.intValue());
                    out.add(pm);
                } else {
                    out.add(p);
                }
                i++;
            }
            m.put("ports", out);
        }
        Object env = m.get("env");
        if (env instanceof Map<?, ?> envMap) {
            List<Object> out = new ArrayList<>();
            envMap.forEach((k, v) -> {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("name", String.valueOf(k));
                em.put("value", v == null ? "" : String.valueOf(v));
                out.add(em);
            });
            m.put("env", out);
        }
        Object secretEnv = m.get("secretEnv");
        if (secretEnv instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object s : list) {
                if (s instanceof String name) {
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("name", name);
                    out.add(sm);
                } else {
                    out.add(s);
                }
            }
            m.put("secretEnv", out);
        }
        if (m.get("probes") instanceof Map<?, ?> probes) {
            // Writing a probe means wanting it: a probe mapping without `enabled` is enabled (it used to be
            // silently off, so `liveness: {type: http, path: /healthz}` gave a chart without probes).
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) probes);
            for (String kind : List.of("liveness", "readiness", "startup")) {
                if (out.get(kind) instanceof Map<?, ?> pm && !pm.containsKey("enabled")) {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) pm);
                    copy.put("enabled", true);
                    out.put(kind, copy);
                }
            }
            m.put("probes", out);
        }
        for (String key : List.of("initContainers", "sidecars")) {
            if (m.get(key) instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Object c = list.get(i);
                    if (c instanceof Map<?, ?> cm && cm.get("image") instanceof String ref) {
                        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) cm);
                        copy.put("image", imageMap(ref, key + "[" + i + "].image"));
                        out.add(copy);
                    } else {
                        out.add(c);
                    }
                }
                m.put(key, out);
            }
        }
        return m;
    }

    private static Map<String, Object> imageMap(String ref, String field) {
        Image parsed;
        try {
            parsed = Image.parse(ref);
        } catch (SpecException e) {
            throw new SpecException("spec." + field, e.problem(), e.fix());
        }
        Map<String, Object> im = new LinkedHashMap<>();
        im.put("registry", parsed.registry());
        im.put("repository", parsed.repository());
        im.put("tag", parsed.tag());
        im.put("digest", parsed.digest());
        return im;
    }

    private static SpecException translate(IllegalArgumentException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        SpecException spec = findSpecException(cause);
        String path = cause instanceof JsonMappingException jme ? path(jme) : "";
        if (spec != null) {
            String field = spec.field().isEmpty() ? path : (path.isEmpty() ? spec.field() : path + "." + spec.field());
            // A SpecException from a nested record carries the relative name; the Jackson path names the parent.
            if (!path.isEmpty() && spec.field().startsWith(lastSegment(path))) {
                field = parentOf(path).isEmpty() ? spec.field() : parentOf(path) + "." + spec.field();
            }
            return new SpecException("spec" + (field.isEmpty() ? "" : "." + field), spec.problem(), spec.fix());
        }
        if (cause instanceof UnrecognizedPropertyException upe) {
            String name = String.valueOf(upe.getPropertyName());
            Collection<Object> known = upe.getKnownPropertyIds();
            String suggestion = closest(name, known);
            return new SpecException("spec." + path, "unknown field",
                    (suggestion.isEmpty() ? "remove it" : "did you mean '" + suggestion + "'?")
                            + "; known fields: " + known.stream().map(String::valueOf).sorted().toList());
        }
        if (cause instanceof InvalidFormatException ife) {
            String target = ife.getTargetType() == null ? "value" : ife.getTargetType().getSimpleName();
            return new SpecException("spec." + path, "'" + ife.getValue() + "' is not a valid " + typeName(target),
                    "write a " + typeName(target));
        }
        if (cause instanceof MismatchedInputException mie) {
            String target = mie.getTargetType() == null ? "value" : mie.getTargetType().getSimpleName();
            return new SpecException("spec." + path, "has the wrong type, expected " + typeName(target), "write a " + typeName(target));
        }
        return new SpecException("spec" + (path.isEmpty() ? "" : "." + path), firstLine(cause.getMessage()), "check the field against docs/chart-spec.md");
    }

    private static SpecException findSpecException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SpecException se) {
                return se;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String lastSegment(String path) {
        int dot = path.lastIndexOf('.');
        String last = dot < 0 ? path : path.substring(dot + 1);
        int br = last.indexOf('[');
        return br < 0 ? last : last.substring(0, br);
    }

    private static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static String typeName(String javaType) {
        return switch (javaType) {
            case "int", "Integer", "long", "Long" -> "whole number";
            case "boolean", "Boolean" -> "boolean (true or false)";
            case "String" -> "string";
            case "List", "ArrayList" -> "list";
            case "Map", "LinkedHashMap" -> "mapping";
            default -> javaType.endsWith("Spec") || javaType.equals("Image") || javaType.equals("Port")
                    ? "mapping (" + javaType + ")" : javaType;
        };
    }

    /**
     * The known field closest to a misspelt one, ignoring case: the first of the nearest by Levenshtein distance, if
     * that is at most a third of the name's length (at least 2); otherwise empty.
     */
    private static String closest(String name, Collection<Object> known) {
        String best = "";
        int bestDistance = Integer.MAX_VALUE;
        for (Object k : known) {
            String candidate = String.valueOf(k);
            int d = EditDistance.levenshtein(name.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : "";
    }

    private static int bracketDepth(String text) {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return max;
    }

    private static String describe(Object doc) {
        if (doc instanceof List<?>) {
            return "a list";
        }
        return "a " + doc.getClass().getSimpleName().toLowerCase();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
