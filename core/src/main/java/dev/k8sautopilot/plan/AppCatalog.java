package dev.k8sautopilot.plan;

import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.ProbeType;
import dev.k8sautopilot.model.Protocol;
import dev.k8sautopilot.model.SpecException;
import dev.k8sautopilot.model.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The catalog of well-known applications the rule-based planner knows without an LLM: official
 * image and pinned tag, ports, probes, workload, storage, run-as user and required environment.
 *
 * <pre>{@code
 * AppCatalog catalog = AppCatalog.builtIn();
 * catalog.find("postgres").orElseThrow().image();          // docker.io/library/postgres:17.2-alpine
 * catalog.mentions("redis cache behind an nginx ingress"); // [redis] — "nginx ingress" is the controller
 * }</pre>
 *
 * <p>Adding an application is one YAML entry in {@code catalog.yaml}; see {@code docs/app-catalog.md}.
 * Instances are immutable and thread-safe.
 */
public final class AppCatalog {

    private static final String RESOURCE = "catalog.yaml";
    /** {@link #RESOURCE} parsed at build time, as JSON: {@code {"sourceCrc32": N, "document": {...}}}. */
    static final String COMPILED_RESOURCE = "catalog.json";
    static final String COMPILED_CRC = "sourceCrc32";
    static final String COMPILED_DOCUMENT = "document";
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "name", "category", "aliases", "notFollowedBy",
            "notPrecededBy", "ambiguous", "description", "home", "image", "officialImage", "imageNote", "ports", "command",
            "args", "probes", "workload", "scalable", "runAsUser", "readOnlyRootFilesystem", "writablePaths",
            "persistence", "env", "secretEnv", "metrics", "heavy", "runtime", "keywords", "notes");
    private static volatile AppCatalog builtIn;

    private final List<AppEntry> entries;
    private final Map<String, AppEntry> byName;
    private final Map<String, AppEntry> byRepository;
    /** Aliases by first character, longest first: a hand-rolled trie level that beats a 150-way regex alternation. */
    private final Map<Character, List<String>> aliasesByFirstChar;

    private AppCatalog(List<AppEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, AppEntry> names = new HashMap<>();
        Map<String, AppEntry> repos = new HashMap<>();
        List<String> aliases = new ArrayList<>();
        for (AppEntry e : entries) {
            for (String key : withId(e)) {
                AppEntry previous = names.putIfAbsent(key, e);
                if (previous != null && previous != e) {
                    throw new SpecException("catalog." + e.id() + ".aliases", "'" + key + "' is also an alias of " + previous.id(),
                            "give every alias to one entry only");
                }
                if (!aliases.contains(key)) {
                    aliases.add(key);
                }
            }
            repos.putIfAbsent(e.image().repository(), e);
            if (!e.officialImage().isEmpty()) {
                repos.putIfAbsent(Image.parse(e.officialImage() + ":1").repository(), e);
            }
        }
        this.byName = Map.copyOf(names);
        this.byRepository = Map.copyOf(repos);
        aliases.sort(Comparator.comparingInt(String::length).reversed());
        Map<Character, List<String>> byChar = new HashMap<>();
        for (String a : aliases) {
            byChar.computeIfAbsent(a.charAt(0), k -> new ArrayList<>()).add(a);
        }
        byChar.replaceAll((k, v) -> List.copyOf(v));
        this.aliasesByFirstChar = Map.copyOf(byChar);
    }

    private static List<String> withId(AppEntry e) {
        List<String> keys = new ArrayList<>();
        keys.add(e.id());
        for (String a : e.aliases()) {
            String k = a.toLowerCase(Locale.ROOT).strip();
            if (!k.isEmpty() && !keys.contains(k)) {
                keys.add(k);
            }
        }
        return keys;
    }

    /** The catalog shipped with the library (loaded once, then shared). */
    public static AppCatalog builtIn() {
        AppCatalog c = builtIn;
        if (c == null) {
            synchronized (AppCatalog.class) {
                c = builtIn;
                if (c == null) {
                    byte[] yaml = resource(RESOURCE).orElseThrow(
                            () -> new IllegalStateException("the built-in app catalog " + RESOURCE + " is missing from the jar"));
                    c = fromResources(yaml, resource(COMPILED_RESOURCE));
                    builtIn = c;
                }
            }
        }
        return c;
    }

    /**
     * The built-in catalog from {@code catalog.yaml}, read from its compiled form when the build made one from these
     * very bytes: the build step {@code src/build/CompileCatalog.java} writes the parsed YAML document as JSON
     * ({@code catalog.json}, with the CRC-32 of the YAML it came from), which a cold JVM reads several times faster
     * than it parses the YAML. Without it, or when it is stale (the YAML was edited after the build), the YAML is parsed.
     */
    static AppCatalog fromResources(byte[] yaml, Optional<byte[]> compiled) {
        Optional<Object> document = compiled.flatMap(json -> compiledDocument(json, crc32(yaml)));
        return document.isPresent() ? fromDocument(document.get()) : load(new String(yaml, StandardCharsets.UTF_8));
    }

    /** The document of a compiled catalog, when it was compiled from YAML with this CRC-32. */
    private static Optional<Object> compiledDocument(byte[] json, long yamlCrc) {
        try {
            if (Json.readPlain(json) instanceof Map<?, ?> compiled && compiled.get(COMPILED_CRC) instanceof Number crc
                    && crc.longValue() == yamlCrc && compiled.containsKey(COMPILED_DOCUMENT)) {
                return Optional.ofNullable(compiled.get(COMPILED_DOCUMENT));
            }
        } catch (IOException | RuntimeException e) {
            // A broken compiled form is only a lost shortcut: the YAML is the source.
        }
        return Optional.empty();
    }

    /** CRC-32 of catalog bytes (how a compiled catalog names its source). */
    static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static Optional<byte[]> resource(String name) {
        try (InputStream in = AppCatalog.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in app catalog " + name, e);
        }
    }

    /**
     * Reads a catalog document ({@code apps:} followed by a list of entries).
     *
     * @throws SpecException naming the entry and field, e.g. {@code catalog.redis.ports[0].port: ...}
     */
    public static AppCatalog load(String yaml) {
        Object doc;
        try {
            doc = Yaml.load(yaml == null ? "" : yaml);
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? "syntax error" : e.getMessage().lines().findFirst().orElse("syntax error");
            throw new SpecException("catalog", "is not valid YAML: " + msg, "fix the syntax at the position shown");
        }
        return fromDocument(doc);
    }

    /** A catalog from its parsed document. */
    private static AppCatalog fromDocument(Object doc) {
        if (!(doc instanceof Map<?, ?> root) || !(root.get("apps") instanceof List<?> apps)) {
            throw new SpecException("catalog", "must be a mapping with a list 'apps'", "start the file with apps: and list the entries");
        }
        List<AppEntry> out = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < apps.size(); i++) {
            Object raw = apps.get(i);
            String label = "catalog.apps[" + i + "]";
            if (!(raw instanceof Map<?, ?> m)) {
                throw new SpecException(label, "is not a mapping", "write each entry as id:, image:, ports:, ...");
            }
            Object id = m.get("id");
            if (id instanceof String s && !s.isBlank()) {
                label = "catalog." + s;
            }
            AppEntry entry;
            try {
                entry = entry(m);
            } catch (SpecException e) {
                throw e.under(label);
            } catch (ClassCastException | IllegalArgumentException e) {
                throw new SpecException(label, e.getMessage(), "check the entry against docs/app-catalog.md");
            }
            if (!ids.add(entry.id())) {
                throw new SpecException(label + ".id", "'" + entry.id() + "' is used twice", "give every entry its own id");
            }
            out.add(entry);
        }
        return new AppCatalog(out);
    }

    /** Every entry, in file order. */
    public List<AppEntry> entries() {
        return entries;
    }

    /** The entry with this id or alias (case-insensitive), or whose image repository this is. */
    public Optional<AppEntry> find(String idOrAlias) {
        if (idOrAlias == null) {
            return Optional.empty();
        }
        String key = idOrAlias.strip().toLowerCase(Locale.ROOT);
        AppEntry e = byName.get(key);
        return e != null ? Optional.of(e) : Optional.ofNullable(byRepository.get(key));
    }

    /** The entry whose default (or official) image has this repository, e.g. {@code library/redis}. */
    public Optional<AppEntry> findByImage(Image image) {
        return Optional.ofNullable(byRepository.get(image.repository()));
    }

    /**
     * The apps named in free text, in order of appearance. Matching is case-insensitive and
     * word-boundary aware ("redis" matches, "redistribution" does not), prefers the longest alias
     * ("apache httpd" over nothing, "node.js" over "node"), and honours each entry's context words
     * ("nginx ingress" names the ingress controller, not the app).
     *
     * @param text any text, never null
     * @return the mentions, possibly empty
     */
    public List<Mention> mentions(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Mention> out = new ArrayList<>();
        int n = lower.length();
        int i = 0;
        while (i < n) {
            List<String> candidates = aliasesByFirstChar.get(lower.charAt(i));
            boolean startOk = i == 0 || "abcdefghijklmnopqrstuvwxyz0123456789_./@#".indexOf(lower.charAt(i - 1)) < 0;
            int next = i + 1;
            if (candidates != null && startOk) {
                for (String alias : candidates) {
                    int end = i + alias.length();
                    if (lower.startsWith(alias, i) && endOk(lower, end)) {
                        AppEntry e = byName.get(alias);
                        if (acceptable(e, alias, lower, i, end)) {
                            out.add(new Mention(e, alias, i, end));
                            next = end;
                            break;
                        }
                    }
                }
            }
            i = next;
        }
        return out;
    }

    private static boolean endOk(String lower, int end) {
        if (end >= lower.length()) {
            return true;
        }
        char c = lower.charAt(end);
        if (Character.isLetterOrDigit(c) || c == '_' || c == '#' || c == '+' || c == '/') {
            return false;
        }
        return !(c == '.' && end + 1 < lower.length() && Character.isLetterOrDigit(lower.charAt(end + 1)));
    }

    private static boolean acceptable(AppEntry e, String alias, String lower, int start, int end) {
        List<String> after = words(lower.substring(end), 2);
        List<String> before = wordsBefore(lower.substring(0, start), 1);
        if (!after.isEmpty() && e.notFollowedBy().contains(after.get(0))) {
            return false;
        }
        if (!before.isEmpty() && e.notPrecededBy().contains(before.get(0))) {
            return false;
        }
        List<String> needs = e.ambiguous().get(alias);
        if (needs != null) {
            return after.stream().anyMatch(needs::contains);
        }
        return true;
    }

    private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9.#+]*");

    static List<String> words(String text, int max) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (out.size() < max && m.find()) {
            out.add(m.group().replaceAll("\\.+$", ""));
        }
        return out;
    }

    static List<String> wordsBefore(String text, int max) {
        List<String> all = new ArrayList<>();
        Matcher m = WORD.matcher(text.length() > 60 ? text.substring(text.length() - 60) : text);
        while (m.find()) {
            all.add(m.group().replaceAll("\\.+$", ""));
        }
        List<String> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
            out.add(all.get(i));
        }
        return out;
    }

    /**
     * One app named in a text.
     *
     * @param app   the entry
     * @param alias the alias as matched (lowercase)
     * @param start start offset in the text
     * @param end   end offset (exclusive)
     */
    public record Mention(AppEntry app, String alias, int start, int end) {
    }

    // ------------------------------------------------------------------------------------------ loading

    private static AppEntry entry(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!ENTRY_FIELDS.contains(String.valueOf(k))) {
                throw new SpecException(String.valueOf(k), "is not a catalog field", "use one of " + new java.util.TreeSet<>(ENTRY_FIELDS));
            }
        }
        String id = str(m, "id", true);
        Image image = image(m.get("image"));
        List<Port> ports = new ArrayList<>();
        List<?> rawPorts = list(m, "ports");
        for (int i = 0; i < rawPorts.size(); i++) {
            if (!(rawPorts.get(i) instanceof Map<?, ?> p)) {
                throw new SpecException("ports[" + i + "]", "is not a mapping", "write {name: http, port: 8080}");
            }
            try {
                Object expose = p.get("expose");
                ports.add(new Port(str(p, "name", false), integer(p, "port"), 0,
                        p.get("protocol") == null ? Protocol.TCP : Protocol.parse(String.valueOf(p.get("protocol"))),
                        expose == null ? Boolean.TRUE : bool(p, "expose")));
            } catch (SpecException e) {
                throw e.under("ports[" + i + "]");
            }
        }
        AppEntry.ProbeDefaults probes = null;
        if (m.get("probes") instanceof Map<?, ?> p) {
            try {
                probes = new AppEntry.ProbeDefaults(
                        p.get("type") == null ? ProbeType.TCP : ProbeType.parse(String.valueOf(p.get("type"))),
                        str(p, "path", false), str(p, "readinessPath", false), str(p, "livenessPath", false),
                        str(p, "port", false), strings(p, "command"), bool(p, "startup"));
            } catch (SpecException e) {
                throw e.under("probes");
            }
        }
        Optional<AppEntry.StorageDefaults> persistence = Optional.empty();
        if (m.get("persistence") instanceof Map<?, ?> p) {
            try {
                persistence = Optional.of(new AppEntry.StorageDefaults(str(p, "mountPath", true), str(p, "size", false), bool(p, "enabled")));
            } catch (SpecException e) {
                throw e.under("persistence");
            }
        }
        Optional<AppEntry.MetricsDefaults> metrics = Optional.empty();
        if (m.get("metrics") instanceof Map<?, ?> p) {
            metrics = Optional.of(new AppEntry.MetricsDefaults(p.get("port") == null ? 0 : integer(p, "port"), str(p, "path", false)));
        }
        Map<String, List<String>> ambiguous = new LinkedHashMap<>();
        if (m.get("ambiguous") instanceof Map<?, ?> a) {
            a.forEach((k, v) -> ambiguous.put(String.valueOf(k), strings(a, String.valueOf(k))));
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (m.get("env") instanceof Map<?, ?> envMap) {
            envMap.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (m.get("env") != null) {
            throw new SpecException("env", "is not a mapping", "write env: {NAME: value}");
        }
        Object ro = m.get("readOnlyRootFilesystem");
        Object scalable = m.get("scalable");
        return new AppEntry(id, str(m, "name", false), str(m, "category", false), lower(strings(m, "aliases")),
                lower(strings(m, "notFollowedBy")), lower(strings(m, "notPrecededBy")), ambiguous,
                str(m, "description", false), str(m, "home", false), image, str(m, "officialImage", false),
                str(m, "imageNote", false), ports, strings(m, "command"), strings(m, "args"), probes,
                m.get("workload") == null ? Workload.DEPLOYMENT : Workload.parse(String.valueOf(m.get("workload"))),
                scalable == null || bool(m, "scalable"), m.get("runAsUser") == null ? 10001 : integer(m, "runAsUser"),
                ro == null || bool(m, "readOnlyRootFilesystem"), strings(m, "writablePaths"), persistence, env,
                strings(m, "secretEnv"), metrics, bool(m, "heavy"), bool(m, "runtime"), strings(m, "keywords"),
                str(m, "notes", false));
    }

    private static Image image(Object raw) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new SpecException("image", "is required as a mapping", "write image: {repository: redis, tag: 7.4.2}");
        }
        String repo = str(m, "repository", true);
        String registry = str(m, "registry", false);
        String tag = str(m, "tag", true);
        Image parsed;
        try {
            parsed = Image.parse((registry.isEmpty() ? "" : registry + "/") + repo + ":" + tag);
        } catch (SpecException e) {
            throw e.under("image");
        }
        return parsed;
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT).strip()).toList();
    }

    private static String str(Map<?, ?> m, String key, boolean required) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            if (required) {
                throw new SpecException(key, "is required", "add " + key + ": to the entry");
            }
            return "";
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new SpecException(key, "must be a single value", "write " + key + ": value");
        }
        return String.valueOf(v).strip();
    }

    private static int integer(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v instanceof Number n) {
            return n.intValue();
        }
        throw new SpecException(key, "'" + v + "' is not a whole number", "write a number, e.g. " + key + ": 8080");
    }

    private static boolean bool(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new SpecException(key, "'" + v + "' is not a boolean", "write true or false");
    }

    private static List<?> list(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l;
        }
        throw new SpecException(key, "is not a list", "write " + key + ": [a, b]");
    }

    private static List<String> strings(Map<?, ?> m, String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(m, key)) {
            if (o == null || o instanceof Map<?, ?> || o instanceof List<?>) {
                throw new SpecException(key, "must list plain values", "write " + key + ": [a, b]");
            }
            out.add(String.valueOf(o));
        }
        return out;
    }
}
