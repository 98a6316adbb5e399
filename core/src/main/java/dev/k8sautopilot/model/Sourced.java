package dev.k8sautopilot.model;

/**
 * A value of a {@link ChartIntent} together with where it came from.
 *
 * @param value  the value, never null
 * @param source where it came from, never null
 * @param <T>    the value type
 */
public record Sourced<T>(T value, ValueSource source) {

    public Sourced {
        if (value == null) {
            throw new SpecException("value", "is required", "leave the field unset instead");
        }
        if (source == null) {
            throw new SpecException("source", "is required", "say where the value came from, e.g. ValueSource.SPEC");
        }
    }
}
