package dev.k8sautopilot.model;

/**
 * How long one validation layer took and what it found.
 *
 * @param layer    layer name
 * @param millis   wall-clock milliseconds
 * @param findings number of findings it produced
 * @param skipped  true when the layer did not run (and why is in {@code note})
 * @param note     why it was skipped, or extra context; may be empty
 */
public record LayerTiming(String layer, long millis, int findings, boolean skipped, String note) {

    public LayerTiming {
        layer = Checks.orDefault(layer, "unknown");
        note = note == null ? "" : note;
    }
}
