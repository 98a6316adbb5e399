package dev.k8sautopilot.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes secret values from text before it is logged or checkpointed. */
public final class Redactor {

    /** Placeholder written instead of a secret value. */
    public static final String MASK = "<redacted>";

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(pass(word|wd)?|secret|token|api[_-]?key|apikey|private[_-]?key|credential|auth[_-]?key|access[_-]?key|pwd).*");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)\\b([A-Za-z0-9_.-]*?(?:pass(?:word|wd)?|secret|token|api[_-]?key|apikey|private[_-]?key|credential|access[_-]?key|pwd)[A-Za-z0-9_.-]*)(\\s*[=:]\\s*|\\s+(?:is|of|to)\\s+)(\"[^\"]*\"|'[^']*'|[^\\s,;]+)");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)((?:password|pwd)=)[^&;\\s]*");
    private static final Pattern USERINFO = Pattern.compile("(//[^/:@\\s]+:)[^@/\\s]+@");

    private Redactor() {
    }

    /** True when a variable or key name looks like it holds a secret (PASSWORD, API_TOKEN, …). */
    public static boolean secretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /** Masks {@code NAME=value} style assignments of secret-looking names and credentials in URLs. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = ASSIGNMENT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
        }
        m.appendTail(sb);
        String out = URL_CREDENTIALS.matcher(sb.toString()).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        return USERINFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
    }
}
