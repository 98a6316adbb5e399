package dev.k8sautopilot.model;

/**
 * Thrown when a spec, request or any model value is invalid. Always names the field that is wrong and
 * how to fix it, so a command-line user sees one clear line instead of a stack trace.
 *
 * <pre>{@code
 * try { ChartSpecs.read(path); }
 * catch (SpecException e) { System.err.println(e.getMessage()); } // "spec.ports[0].containerPort: 70000 ..."
 * }</pre>
 */
public class SpecException extends IllegalArgumentException {

    private final String field;
    private final String problem;
    private final String fix;

    /**
     * @param field   the dotted path of the offending field, e.g. {@code ports[0].containerPort}
     * @param problem what is wrong with its value
     * @param fix     what to write instead
     */
    public SpecException(String field, String problem, String fix) {
        super(format(field, problem, fix));
        this.field = field == null ? "" : field;
        this.problem = problem == null ? "" : problem;
        this.fix = fix == null ? "" : fix;
    }

    private static String format(String field, String problem, String fix) {
        StringBuilder sb = new StringBuilder();
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        sb.append(problem);
        if (fix != null && !fix.isEmpty()) {
            sb.append(" (fix: ").append(fix).append(')');
        }
        return sb.toString();
    }

    /** The dotted path of the offending field; empty when the problem concerns the whole document. */
    public String field() {
        return field;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }

    /** How to fix it. */
    public String fix() {
        return fix;
    }

    /** Returns a copy whose field path is prefixed by {@code parent} (used when nesting). */
    public SpecException under(String parent) {
        if (parent == null || parent.isEmpty()) {
            return this;
        }
        String joined = field.isEmpty() ? parent : (field.startsWith("[") ? parent + field : parent + "." + field);
        SpecException e = new SpecException(joined, problem, fix);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
