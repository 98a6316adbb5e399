package dev.k8sautopilot.internal;

import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;

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
        return new Dump(settings).dumpToString(value);
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
