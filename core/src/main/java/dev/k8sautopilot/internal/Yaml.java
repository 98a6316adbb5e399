package dev.k8sautopilot.internal;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * Safe YAML reading and deterministic YAML writing. Loading refuses alias bombs, duplicate keys,
 * deep nesting and huge documents; writing is block style, stable, and escapes every scalar through
 * snakeyaml-engine (never string concatenation).
 */
public final class Yaml {

    /** Largest document accepted, in code points. */
    public static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

    private Yaml() {
    }

    private static LoadSettings loadSettings() {
        return LoadSettings.builder()
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setLabel("document")
                .build();
    }

    /** Loads one document; null for an empty one. Thread-safe (a new loader per call). */
    public static Object load(String text) {
        return new Load(loadSettings()).loadFromString(text);
    }

    /** Loads every document of a multi-document stream, skipping empty ones. */
    public static List<Object> loadAll(String text) {
        List<Object> out = new java.util.ArrayList<>();
        for (Object o : new Load(loadSettings()).loadAllFromString(text)) {
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    /** Block-style YAML of plain maps, lists and scalars. */
    public static String dump(Object value) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setDefaultScalarStyle(ScalarStyle.PLAIN)
                .setIndent(2)
                .setIndicatorIndent(0)
                .setWidth(4096)
                .setSplitLines(false)
                .build();
        return new Dump(settings, new Yaml11SafeRepresenter(settings)).dumpToString(value);
    }

    /**
     * Plain scalars that YAML 1.1 readers take for booleans, null or numbers although YAML 1.2 (snakeyaml-engine)
     * reads them as strings. Helm reads charts with go-yaml (YAML 1.1), so {@code namespaceOverride: no} would
     * become {@code false} there.
     */
    private static final Pattern YAML11_SPECIAL = Pattern.compile("^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF"
            + "|true|True|TRUE|false|False|FALSE|~|null|Null|NULL|="
            + "|[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
            + "|[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)?"
            + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$");

    /** Single-quotes the strings a YAML 1.1 reader would not read back as strings. */
    private static final class Yaml11SafeRepresenter extends StandardRepresenter {
        Yaml11SafeRepresenter(DumpSettings settings) {
            super(settings);
            RepresentToNode strings = representers.get(String.class);
            representers.put(String.class, data -> YAML11_SPECIAL.matcher((String) data).matches()
                    ? representScalar(Tag.STR, (String) data, ScalarStyle.SINGLE_QUOTED)
                    : strings.representData(data));
        }
    }

    /** YAML of a single scalar, suitable to be placed after {@code key: } on one line. */
    public static String scalar(Object value) {
        String s = dump(value);
        if (s.startsWith("--- ")) {
            s = s.substring(4);
        }
        return s.strip();
    }

    /** Depth of nested maps/lists, used to refuse absurdly deep documents. */
    public static int depth(Object value) {
        if (value instanceof Map<?, ?> m) {
            int d = 0;
            for (Object v : m.values()) {
                d = Math.max(d, depth(v));
            }
            return d + 1;
        }
        if (value instanceof List<?> l) {
            int d = 0;
            for (Object v : l) {
                d = Math.max(d, depth(v));
            }
            return d + 1;
        }
        return 0;
    }
}
