package dev.k8sautopilot.llm;

import dev.k8sautopilot.model.ChartFiles;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The context a template needs to be fixed: the {@code values.yaml} sections it reads ({@code .Values.x}),
 * or the whole file when it is small, and the {@code define} blocks of {@code _helpers.tpl} (and other
 * {@code templates/_*.tpl}) it includes, followed transitively — all within a character budget, most
 * relevant first. Stateless.
 */
final class HealContextText {

    private static final Pattern VALUES_REF = Pattern.compile("\\.Values\\.([A-Za-z0-9_]+)");
    private static final Pattern INCLUDE = Pattern.compile("(?:include|template)\\s+\"([^\"]+)\"");
    private static final Pattern DEFINE = Pattern.compile("(?s)\\{\\{-?\\s*define\\s+\"([^\"]+)\"\\s*-?}}.*?\\{\\{-?\\s*end\\s*-?}}");
    private static final Pattern TOP_KEY = Pattern.compile("^([A-Za-z0-9_]+)\\s*:");

    private HealContextText() {
    }

    /** Appends the context of {@code template} to {@code sb}, at most {@code budget} characters of file text. */
    static void append(StringBuilder sb, ChartFiles files, String template, int budget) {
        int left = budget;
        String values = files.get("values.yaml").orElse("");
        if (!values.isEmpty()) {
            String relevant = values.length() <= left / 2 ? values : sections(values, referencedValues(template), left / 2);
            if (!relevant.isEmpty()) {
                sb.append(relevant.length() == values.length() ? "For reference only (do not return it), values.yaml:\n"
                        : "For reference only (do not return it), the values.yaml sections this template reads:\n");
                LlmHealer.fenced(sb, relevant, "yaml");
                left -= relevant.length();
            }
        }
        Map<String, String> defines = defines(files);
        StringBuilder helpers = new StringBuilder();
        for (String name : included(template, defines)) {
            String block = defines.get(name);
            if (helpers.length() + block.length() + 1 > left) {
                break;
            }
            helpers.append(block).append('\n');
        }
        if (helpers.length() > 0) {
            sb.append("For reference only (do not return it), the helper templates it includes:\n");
            LlmHealer.fenced(sb, helpers.toString(), "");
        }
    }

    private static Set<String> referencedValues(String template) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = VALUES_REF.matcher(template);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    /** The top-level sections of values.yaml named by {@code keys}, each with the comment lines above it. */
    static String sections(String values, Set<String> keys, int budget) {
        StringBuilder out = new StringBuilder();
        Map<String, String> found = new LinkedHashMap<>();
        StringBuilder pending = new StringBuilder();
        StringBuilder current = null;
        String currentKey = null;
        for (String line : values.split("\n", -1)) {
            Matcher top = TOP_KEY.matcher(line);
            if (top.find()) {
                if (currentKey != null) {
                    found.put(currentKey, current.toString());
                }
                currentKey = top.group(1);
                current = new StringBuilder(pending).append(line).append('\n');
                pending.setLength(0);
            } else if (line.startsWith("#") || line.isBlank() && pending.length() > 0) {
                pending.append(line).append('\n');
            } else if (current != null) {
                current.append(pending).append(line).append('\n');
                pending.setLength(0);
            }
        }
        if (currentKey != null) {
            found.put(currentKey, current.toString());
        }
        for (String key : keys) {
            String section = found.get(key);
            if (section != null && out.length() + section.length() <= budget) {
                out.append(section);
            }
        }
        return out.toString();
    }

    private static Map<String, String> defines(ChartFiles files) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : files.paths()) {
            if (path.startsWith("templates/") && path.substring(path.lastIndexOf('/') + 1).startsWith("_")) {
                Matcher m = DEFINE.matcher(files.get(path).orElse(""));
                while (m.find()) {
                    out.putIfAbsent(m.group(1), m.group());
                }
            }
        }
        return out;
    }

    /** The defines {@code template} includes, then what those include, breadth first. */
    private static Set<String> included(String template, Map<String, String> defines) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        Matcher m = INCLUDE.matcher(template);
        while (m.find()) {
            queue.add(m.group(1));
        }
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (!defines.containsKey(name) || !out.add(name)) {
                continue;
            }
            Matcher inner = INCLUDE.matcher(defines.get(name));
            while (inner.find()) {
                queue.add(inner.group(1));
            }
        }
        return out;
    }
}
