package dev.k8sautopilot.validation.junit;

import dev.k8sautopilot.validation.RenderedManifest;

/**
 * Assertions on any rendered object; see {@link RenderedChart#hasObject(String, String)}.
 *
 * <pre>{@code
 * rendered.hasObject("PodDisruptionBudget", "web").hasValue("spec.maxUnavailable", 1);
 * }</pre>
 */
public final class ManifestAssert extends AbstractManifestAssert<ManifestAssert> {

    ManifestAssert(RenderedManifest object, RenderedChart chart) {
        super(object, chart, ManifestAssert.class);
    }
}
