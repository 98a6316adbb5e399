package dev.k8sautopilot.model;

/**
 * One validation finding, structured so tools can act on it.
 *
 * @param severity error, warning or info
 * @param ruleId   stable rule id, e.g. {@code helm-lint}, {@code sec-run-as-non-root}
 * @param layer    the validation layer that found it, e.g. {@code lint}, {@code schema}, {@code security}
 * @param file     chart-relative file, empty when unknown
 * @param line     1-based line, 0 when unknown
 * @param resource {@code Kind/name} of the rendered object, empty when not about one
 * @param message  what is wrong
 * @param hint     how to fix it, empty when there is nothing to add
 */
public record Finding(Severity severity, String ruleId, String layer, String file, int line, String resource,
                      String message, String hint) {

    public Finding {
        severity = severity == null ? Severity.ERROR : severity;
        ruleId = Checks.orDefault(ruleId, "unknown");
        layer = layer == null ? "" : layer;
        file = file == null ? "" : file;
        line = Math.max(0, line);
        resource = resource == null ? "" : resource;
        message = message == null ? "" : message;
        hint = hint == null ? "" : hint;
    }

    /** A finding about a file (no resource). */
    public static Finding of(Severity severity, String ruleId, String layer, String file, int line, String message, String hint) {
        return new Finding(severity, ruleId, layer, file, line, "", message, hint);
    }

    /** One line for people: {@code ERROR [rule] file:line Kind/name: message (hint)}. */
    public String format() {
        StringBuilder sb = new StringBuilder().append(severity).append(" [").append(ruleId).append(']');
        if (!file.isEmpty()) {
            sb.append(' ').append(file);
            if (line > 0) {
                sb.append(':').append(line);
            }
        }
        if (!resource.isEmpty()) {
            sb.append(' ').append(resource);
        }
        sb.append(": ").append(message);
        if (!hint.isEmpty()) {
            sb.append(" — fix: ").append(hint);
        }
        return sb.toString();
    }
}
