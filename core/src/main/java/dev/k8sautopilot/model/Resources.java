package dev.k8sautopilot.model;

/**
 * CPU and memory of the main container: a preset, or explicit values which win over the preset.
 *
 * @param preset         Bitnami-style preset used when no explicit value is set
 * @param requestsCpu    e.g. {@code 250m}; empty = from preset
 * @param requestsMemory e.g. {@code 256Mi}; empty = from preset
 * @param limitsCpu      e.g. {@code 500m}; empty = none (or from preset)
 * @param limitsMemory   e.g. {@code 512Mi}; empty = from preset
 */
public record Resources(ResourcesPreset preset, String requestsCpu, String requestsMemory, String limitsCpu,
                        String limitsMemory) {

    public Resources {
        preset = preset == null ? ResourcesPreset.SMALL : preset;
        requestsCpu = requestsCpu == null ? "" : requestsCpu.strip();
        requestsMemory = requestsMemory == null ? "" : requestsMemory.strip();
        limitsCpu = limitsCpu == null ? "" : limitsCpu.strip();
        limitsMemory = limitsMemory == null ? "" : limitsMemory.strip();
        Checks.quantity("requestsCpu", requestsCpu, "250m");
        Checks.quantity("requestsMemory", requestsMemory, "256Mi");
        Checks.quantity("limitsCpu", limitsCpu, "500m");
        Checks.quantity("limitsMemory", limitsMemory, "512Mi");
    }

    /** Resources from a preset only. */
    public static Resources preset(ResourcesPreset preset) {
        return new Resources(preset, null, null, null, null);
    }

    /** True when at least one explicit value is set (then the chart writes {@code resources}, not the preset). */
    public boolean explicit() {
        return !requestsCpu.isEmpty() || !requestsMemory.isEmpty() || !limitsCpu.isEmpty() || !limitsMemory.isEmpty();
    }
}
