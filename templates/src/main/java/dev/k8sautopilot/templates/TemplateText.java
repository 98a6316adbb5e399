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
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = escaped.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("document " + resource + " needs a value for @@" + m.group(1) + "@@");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String render(Class<?> anchor, String resource, String chart, Map<String, String> identifiers) {
        String text = load(anchor, resource);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = key.equals("chart") ? chart : identifiers.get(key);
            if (value == null) {
                throw new IllegalStateException("template " + resource + " needs a value for @@" + key + "@@");
            }
            if (!IDENTIFIER.matcher(value).matches()) {
                throw new IllegalArgumentException("@@" + key + "@@ in " + resource + " must be an identifier, got '" + value + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
