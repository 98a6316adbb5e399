package dev.k8sautopilot.model;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation helpers shared by the model records. Package-private on purpose. */
final class Checks {

    static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*$");
    static final Pattern QUANTITY = Pattern.compile("^([0-9]+(\\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$");
    static final Pattern SEMVER = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    private Checks() {
    }

    static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    static <K, V> Map<K, V> map(Map<K, V> value) {
        return value == null ? Map.of() : Map.copyOf(value);
    }

    static void dnsLabel(String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw new SpecException(field, "is required", "use lowercase letters, digits and '-', e.g. my-app");
        }
        if (value.length() > max) {
            throw new SpecException(field, "'" + value + "' is " + value.length() + " characters long, at most " + max
                    + " are allowed", "shorten it to " + max + " characters");
        }
        if (!DNS_LABEL.matcher(value).matches()) {
            throw new SpecException(field, "'" + printable(value) + "' is not a valid DNS label",
                    "use lowercase letters, digits and '-', starting and ending with a letter or digit, e.g. "
                            + suggestLabel(value));
        }
    }

    static void dnsSubdomain(String field, String value) {
        if (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
            throw new SpecException(field, "'" + printable(value) + "' is not a valid DNS name",
                    "use a hostname such as www.example.com");
        }
    }

    static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new SpecException(field, value + " is out of range", "use a value between " + min + " and " + max);
        }
    }

    static void quantity(String field, String value, String example) {
        if (value != null && !value.isEmpty() && !QUANTITY.matcher(value).matches()) {
            throw new SpecException(field, "'" + printable(value) + "' is not a Kubernetes quantity",
                    "write it like " + example);
        }
    }

    static void noControlChars(String field, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                throw new SpecException(field, "contains a control character (code " + (int) c + ")",
                        "remove non-printable characters");
            }
        }
    }

    static String printable(String value) {
        String s = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 ? '?' : c);
        }
        return sb.toString();
    }

    /** Turns any text into a DNS label: the suggestion shown in errors and used by planners. */
    static String suggestLabel(String value) {
        String s = value.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 53) {
            s = s.substring(0, 53).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "app" : s;
    }
}
