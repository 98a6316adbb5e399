package dev.k8sautopilot.hitl;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses answers to clarification questions written as {@code field=value}: the form of the command line's
 * {@code --answer field=value} and of a person's free-text reply (an A2A message, a chat line).
 *
 * <pre>{@code
 * Answers.parse(List.of("image=ghcr.io/acme/billing:1.2.0", "port=8080"));
 * Answers.parse("image=ghcr.io/acme/billing:1.2.0, port=8080");        // one line, commas or blanks between pairs
 * Answers.parse("image = ghcr.io/acme/billing:1.2.0\nreplicas = 3");   // one pair a line
 * }</pre>
 *
 * A value runs to the next {@code field=} (a field is a letter, then letters, digits, {@code .}, {@code _} or
 * {@code -}) or to the end; separators ({@code ,}, {@code ;}, a trailing {@code and}) and blanks around it are
 * dropped. A later answer to the same field wins. Stateless and thread-safe.
 */
public final class Answers {

    /** {@code field=} at the start or after a separator; the value follows. */
    private static final Pattern FIELD = Pattern.compile("(?:^|(?<=[\\s,;]))([A-Za-z][A-Za-z0-9._-]{0,99})\\s*=");
    private static final Pattern TRAILING = Pattern.compile("(?:[\\s,;]+|\\s+and)+$");

    private Answers() {
    }

    /**
     * Parses {@code field=value} pairs, one per element (the command line's repeated {@code --answer}).
     *
     * @throws IllegalArgumentException when an element has no {@code =}, no field or no value (the message names it
     *                                  and ends with the fix)
     */
    public static Map<String, String> parse(Collection<String> pairs) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String pair : pairs) {
            String p = pair == null ? "" : pair.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("answer '" + p + "' is not field=value (fix: e.g. image=ghcr.io/acme/app:1.0)");
            }
            put(answers, p.substring(0, eq).strip(), p.substring(eq + 1));
        }
        return answers;
    }

    /**
     * Parses every {@code field=value} pair in free text.
     *
     * @return field → value in the order written; empty when the text holds no {@code field=}
     * @throws IllegalArgumentException when a field has no value, or text before the first field is not a pair
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> answers = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return answers;
        }
        Matcher m = FIELD.matcher(text);
        String field = null;
        int valueStart = 0;
        while (m.find()) {
            if (field == null) {
                String before = TRAILING.matcher(text.substring(0, m.start())).replaceAll("").strip();
                if (!before.isEmpty()) {
                    throw new IllegalArgumentException("'" + before + "' is not field=value (fix: answer as field=value,"
                            + " e.g. image=ghcr.io/acme/app:1.0 port=8080)");
                }
            } else {
                put(answers, field, text.substring(valueStart, m.start()));
            }
            field = m.group(1);
            valueStart = m.end();
        }
        if (field != null) {
            put(answers, field, text.substring(valueStart));
        }
        return answers;
    }

    private static void put(Map<String, String> answers, String field, String rawValue) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException("an answer has no field before '=' (fix: field=value, e.g. port=8080)");
        }
        String value = TRAILING.matcher(rawValue).replaceAll("").strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("answer " + field + " has no value (fix: " + field + "=VALUE)");
        }
        answers.remove(field);
        answers.put(field, value);
    }
}
