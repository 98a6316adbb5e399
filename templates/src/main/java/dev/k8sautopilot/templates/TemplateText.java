package dev.k8sautopilot.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads template text resources and fills {@code @@identifier@@} placeholders. */
final class TemplateText {

    static final String BASE = "/dev/k8sautopilot/templates/";
    private static final Pattern PLACEHOLDER = Pattern.compile("@@([A-Za-z][A-Za-z0-9]*)@@");
    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
    private static final Pattern SLOT = Pattern.compile("@@slot:([A-Za-z][A-Za-z0-9]*)@@$");
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private TemplateText() {
    }

    static String load(Class<?> anchor, String resource) {
        return CACHE.computeIfAbsent(anchor.getName() + "!" + resource, k -> {
            try (InputStream in = anchor.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("template resource " + resource + " is missing from the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read template resource " + resource, e);
            }
        });
    }

    /**
     * Fills placeholders of a document that Helm does not evaluate (Chart.yaml, README.md) with text the
     * caller escaped already (JSON strings, YAML dumped by snakeyaml-engine, Markdown-escaped text).
     */
    static String fill(String resource, Map<String, String> escaped) {
        String text = load(TemplateText.class, resource);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() * 2);
        int copied = 0;
        while (m.find()) {
            String value = escaped.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("document " + resource + " needs a value for @@" + m.group(1) + "@@");
            }
            // Appended as is: appendReplacement would quote and then re-parse every character of a values table.
            out.append(text, copied, m.start()).append(value);
            copied = m.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    static String render(Class<?> anchor, String resource, String chart, Map<String, String> identifiers) {
        return render(anchor, resource, chart, identifiers, Map.of());
    }

    /**
     * Like {@link #render(Class, String, String, Map)}, after filling slots: a line ending in
     * {@code @@slot:NAME@@} is replaced by the text a feature slice gives for that slot (template text from
     * the feature's own resource, never user data); without a fill the marker is removed, and a line holding
     * only the marker disappears. So a shared template such as {@code _pod.tpl} stays byte-identical for
     * charts whose features fill none of its slots.
     */
    static String render(Class<?> anchor, String resource, String chart, Map<String, String> identifiers, Map<String, String> slots) {
        String text = fillSlots(load(anchor, resource), slots);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        int copied = 0;
        while (m.find()) {
            String key = m.group(1);
            String value = key.equals("chart") ? chart : identifiers.get(key);
            if (value == null) {
                throw new IllegalStateException("template " + resource + " needs a value for @@" + key + "@@");
            }
            if (!IDENTIFIER.matcher(value).matches()) {
                throw new IllegalArgumentException("@@" + key + "@@ in " + resource + " must be an identifier, got '" + value + "'");
            }
            out.append(text, copied, m.start()).append(value);
            copied = m.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    static String fillSlots(String text, Map<String, String> slots) {
        if (!text.contains("@@slot:")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher m = SLOT.matcher(line);
            if (!m.find()) {
                out.append(line).append('\n');
                continue;
            }
            String fill = slots.get(m.group(1));
            if (fill != null) {
                out.append(fill.endsWith("\n") ? fill : fill + "\n");
            } else if (!line.substring(0, m.start()).isBlank()) {
                out.append(line, 0, m.start()).append('\n');
            }
        }
        // split(-1) leaves one empty string after the last newline; drop the newline added for it.
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
