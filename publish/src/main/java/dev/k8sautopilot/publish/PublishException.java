package dev.k8sautopilot.publish;

/**
 * A chart could not be packaged, pushed or pulled. The message says what failed and ends with what to
 * do about it; registry passwords never appear in it.
 */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fix;

    /**
     * A failure with its remedy.
     *
     * @param message what went wrong
     * @param fix     what the user can do about it; may be empty
     */
    public PublishException(String message, String fix) {
        super(fix == null || fix.isBlank() ? message : message + " (fix: " + fix + ")");
        this.fix = fix == null ? "" : fix;
    }

    /**
     * A failure with its remedy and cause.
     *
     * @param message what went wrong
     * @param fix     what the user can do about it; may be empty
     * @param cause   the underlying error
     */
    public PublishException(String message, String fix, Throwable cause) {
        this(message, fix);
        initCause(cause);
    }

    /**
     * What the user can do about it.
     *
     * @return the remedy, empty when there is none to suggest
     */
    public String fix() {
        return fix;
    }
}
