package dev.k8sautopilot.internal;

import dev.k8sautopilot.model.SecretNames;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes secret values from text before it is logged or checkpointed. */
public final class Redactor {

    /** Placeholder written instead of a secret value. */
    public static final String MASK = SecretNames.MASK;

    /** {@code NAME=value}, {@code NAME: value} or {@code NAME is value}; masked when {@link SecretNames} says NAME is secret. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)\\b([A-Za-z_][A-Za-z0-9_.-]*)(\\s*[=:]\\s*|\\s+(?:is|of|to)\\s+)(\"[^\"]*\"|'[^']*'|[^\\s,;]+)");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)((?:password|pwd)=)[^&;\\s]*");
    private static final Pattern USERINFO = Pattern.compile("(//[^/:@\\s]+:)[^@/\\s]+@");

    private Redactor() {
    }

    /** True when a variable or key name holds a secret (the shared {@link SecretNames} policy). */
    public static boolean secretName(String name) {
        return SecretNames.isSecret(name);
    }

    /** Masks {@code NAME=value} style assignments of secret-looking names and credentials in URLs. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = ASSIGNMENT.matcher(text);
        StringBuilder sb = new StringBuilder();
        int copied = 0;
        int from = 0;
        while (from < text.length() && m.find(from)) {
            if (SecretNames.isSecret(m.group(1))) {
                sb.append(text, copied, m.start(3)).append(MASK);
                copied = m.end();
                from = m.end();
            } else {
                // Only the name is consumed: its value may itself be a secret assignment ("DB_USER to DB_PASS=x").
                from = m.end(1);
            }
        }
        sb.append(text, copied, text.length());
        String out = URL_CREDENTIALS.matcher(sb.toString()).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        return USERINFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
    }
}
