package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Removed and deprecated API versions for the target Kubernetes version ({@link dev.k8sautopilot.model.ValidationOptions#kubeVersion()}). */
final class DeprecationLayer implements Layer {

    static final String NAME = "deprecation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> skipReason(ValidationContext ctx) {
        return KubernetesLayer.renderedOrReason(ctx);
    }

    static boolean isKnownRemoved(String apiVersion, String kind) {
        return RemovedApi.find(apiVersion, kind).isPresent();
    }

    @Override
    public List<Finding> run(ValidationContext ctx) {
        List<Finding> out = new ArrayList<>();
        int target = ctx.options().kubeMinor();
        for (Rendering.Scenario s : ctx.rendering().scenarios()) {
            for (RenderedObject o : s.objects()) {
                check(o, target, s.label()).ifPresent(out::add);
            }
        }
        return out;
    }

    static Optional<Finding> check(RenderedObject o, int targetMinor, String label) {
        if (o.group().equals("traefik.containo.us")) {
            return Optional.of(new Finding(Severity.ERROR, "api-traefik-legacy", NAME, o.file(), 0, o.resource(),
                    o.apiVersion() + " " + o.kind() + " is the Traefik v2 API group, removed in Traefik v3" + label,
                    "use apiVersion: traefik.io/v1alpha1"));
        }
        Optional<RemovedApi> row = RemovedApi.find(o.apiVersion(), o.kind());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        RemovedApi r = row.get();
        String replacement = r.replacement().isEmpty() ? "there is no replacement" : "use apiVersion: " + r.replacement();
        String hint = replacement + (r.note().isEmpty() ? "" : " (" + r.note() + ")");
        if (targetMinor >= r.removedIn()) {
            return Optional.of(new Finding(Severity.ERROR, "api-removed", NAME, o.file(), 0, o.resource(),
                    o.apiVersion() + " " + o.kind() + " was removed in Kubernetes 1." + r.removedIn()
                            + " (target 1." + targetMinor + ")" + label, hint));
        }
        if (targetMinor >= r.deprecatedIn()) {
            return Optional.of(new Finding(Severity.WARNING, "api-deprecated", NAME, o.file(), 0, o.resource(),
                    o.apiVersion() + " " + o.kind() + " is deprecated since 1." + r.deprecatedIn() + " and removed in 1."
                            + r.removedIn() + label, hint));
        }
        return Optional.empty();
    }
}
