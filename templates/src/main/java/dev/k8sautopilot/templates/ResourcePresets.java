package dev.k8sautopilot.templates;

import dev.k8sautopilot.model.ResourcesPreset;
import java.util.Map;

/**
 * The Bitnami resources preset table, as also written into the chart's {@code _helpers.tpl}
 * ({@code <chart>.resources.preset}); a test renders every preset with Helm and compares it with this table.
 */
final class ResourcePresets {

    private static final Map<ResourcesPreset, Map<String, String>> TABLE = Map.of(
            ResourcesPreset.NANO, row("100m", "128Mi", "150m", "192Mi"),
            ResourcesPreset.MICRO, row("250m", "256Mi", "375m", "384Mi"),
            ResourcesPreset.SMALL, row("500m", "512Mi", "750m", "768Mi"),
            ResourcesPreset.MEDIUM, row("500m", "1024Mi", "750m", "1536Mi"),
            ResourcesPreset.LARGE, row("1.0", "2048Mi", "1.5", "3072Mi"),
            ResourcesPreset.XLARGE, row("1.0", "3072Mi", "3.0", "6144Mi"),
            ResourcesPreset.XXLARGE, row("1.0", "3072Mi", "6.0", "12288Mi"));

    private ResourcePresets() {
    }

    private static Map<String, String> row(String reqCpu, String reqMem, String limCpu, String limMem) {
        return Map.of("requests.cpu", reqCpu, "requests.memory", reqMem, "limits.cpu", limCpu, "limits.memory", limMem);
    }

    /** requests.cpu, requests.memory, limits.cpu, limits.memory of a preset; the small preset for none. */
    static Map<String, String> of(ResourcesPreset preset) {
        return TABLE.getOrDefault(preset, TABLE.get(ResourcesPreset.SMALL));
    }
}
