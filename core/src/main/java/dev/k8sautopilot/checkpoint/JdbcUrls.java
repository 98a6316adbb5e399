package dev.k8sautopilot.checkpoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps JDBC credentials out of descriptions, logs and exception messages. */
final class JdbcUrls {

    static final String MASK = "***";

    /** {@code password=...} and friends in a query string ({@code ?&}) or a property list ({@code ;}). */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;:]\\s*[^=&;?:/]*(?:password|passwd|pwd|secret|token|credential)[^=&;?]*=)([^&;]*)");
    /** {@code //user:password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*):([^@/?;]*)@");
    /** Oracle's {@code jdbc:oracle:thin:user/password@host}. */
    private static final Pattern ORACLE = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:]*)/([^@]*)@");

    private JdbcUrls() {
    }

    /** The URL with every password replaced by {@value #MASK}. */
    static String redact(String url) {
        String out = SECRET_PARAM.matcher(url).replaceAll("$1" + MASK);
        out = USER_INFO.matcher(out).replaceAll("$1:" + MASK + "@");
        return ORACLE.matcher(out).replaceAll("$1/" + MASK + "@");
    }

    /** The passwords a URL carries, as written and URL-decoded, so messages echoing them can be scrubbed. */
    static List<String> secretsIn(String url) {
        List<String> secrets = new ArrayList<>();
        for (Pattern p : List.of(SECRET_PARAM, USER_INFO, ORACLE)) {
            Matcher m = p.matcher(url);
            while (m.find()) {
                String value = m.group(2);
                if (!value.isEmpty()) {
                    secrets.add(value);
                    try {
                        secrets.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException notEncoded) {
                        // the raw value is scrubbed already
                    }
                }
            }
        }
        return secrets;
    }

    /** {@code text} with URLs redacted and every known secret replaced by {@value #MASK}. */
    static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, MASK);
            }
        }
        return redact(out);
    }
}
