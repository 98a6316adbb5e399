package dev.k8sautopilot.model;

/**
 * Writing or reading a chart directory failed; the message says what and how to fix it. Nothing was
 * changed on disk when this is thrown from a write.
 */
public class ChartWriteException extends RuntimeException {

    private final String fix;

    /**
     * @param problem what went wrong
     * @param fix     what to do about it
     */
    public ChartWriteException(String problem, String fix) {
        super(problem + (fix == null || fix.isEmpty() ? "" : " (fix: " + fix + ")"));
        this.fix = fix == null ? "" : fix;
    }

    /** What to do about it. */
    public String fix() {
        return fix;
    }
}
