package dev.k8sautopilot.templates.feature.companion;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.templates.Feature;

/** Placeholder replaced below. */
public final class CompanionFeature implements Feature {

    @Override
    public String id() {
        return "companions";
    }

    @Override
    public boolean appliesTo(ChartSpec spec) {
        return !spec.companions().isEmpty();
    }
}
