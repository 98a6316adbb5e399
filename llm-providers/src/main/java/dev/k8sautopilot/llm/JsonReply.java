package dev.k8sautopilot.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.k8sautopilot.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON object out of a model reply: the reply itself, the first fenced code block, or the first
 * balanced {@code {…}} in the text. Strict JSON (no comments, no trailing commas): what is not strict is
 * what the repair round is for.
 */
final class JsonReply {

    private static final Pattern FENCE = Pattern.compile("(?s)(```|~~~)[ \\t]*[A-Za-z0-9_+-]*[^\\n]*\\n(.*?)\\1");
    private static final int MAX_CHARS = 200_000;

    private JsonReply() {
    }

    /** Why a reply cannot be used; the message is fit to send back to the model in the repair round. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Parses the JSON object of a reply.
     *
     * @throws Invalid when there is none or it is not valid JSON
     */
    static Map<String, Object> parseObject(String reply) throws Invalid {
        if (reply == null || reply.isBlank()) {
            throw new Invalid("the reply was empty");
        }
        if (reply.length() > MAX_CHARS) {
            throw new Invalid("the reply was longer than " + MAX_CHARS + " characters");
        }
        String candidate = candidate(reply.strip());
        try {
            Object value = Json.mapper().readValue(candidate, new TypeReference<Object>() { });
            if (!(value instanceof Map<?, ?> map)) {
                throw new Invalid("the reply was JSON but not an object (found " + (value == null ? "null" : "a " + kind(value)) + ")");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new Invalid("the reply was not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /** The text most likely to be the JSON object. */
    static String candidate(String reply) {
        if (!reply.startsWith("{")) {
            Matcher m = FENCE.matcher(reply);
            if (m.find()) {
                return m.group(2).strip();
            }
        }
        int start = reply.indexOf('{');
        if (start < 0) {
            return reply;
        }
        int end = balancedEnd(reply, start);
        return end < 0 ? reply.substring(start) : reply.substring(start, end + 1);
    }

    /** Index of the brace closing the one at {@code start}, skipping strings; -1 when unbalanced. */
    static int balancedEnd(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String kind(Object value) {
        if (value instanceof java.util.List<?>) {
            return "list";
        }
        if (value instanceof String) {
            return "string";
        }
        return value instanceof Number ? "number" : "boolean";
    }
}
