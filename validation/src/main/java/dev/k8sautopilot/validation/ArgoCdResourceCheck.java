package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import java.util.List;

/** Argo CD {@code Application}/{@code AppProject} objects ({@code argoproj.io}), checked by {@link ArgoCdChecks}. */
final class ArgoCdResourceCheck implements CustomResourceCheck {

    @Override
    public boolean appliesTo(String group, String kind) {
        return group.equals("argoproj.io");
    }

    @Override
    public List<Finding> check(RenderedObject o, String label) {
        return ArgoCdChecks.check(o, label);
    }
}
