package dev.k8sautopilot.validation;

/**
 * Helm refused to render a chart, or its output is not valid YAML. The message holds Helm's own
 * error text (first lines) and the values that were used.
 */
public final class ChartRenderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, with Helm's error text
     */
    public ChartRenderException(String message) {
        super(message);
    }
}
