package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Server-side dry-run install ({@code helm install --dry-run=server}) against the cluster of
 * {@link dev.k8sautopilot.model.ValidationOptions#kubeconfig()}; skipped without one.
 */
final class DryRunLayer implements Layer {

    static final String NAME = "dry-run";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> skipReason(ValidationContext ctx) {
        if (ctx.options().kubeconfig().isEmpty()) {
            return Optional.of("no kubeconfig given; the server-side dry run needs a cluster");
        }
        if (!ctx.helmCanRun()) {
            return Optional.of(LintLayer.notRunnable(ctx));
        }
        return Optional.empty();
    }

    @Override
    public List<Finding> run(ValidationContext ctx) {
        Path kubeconfig = ctx.options().kubeconfig().orElseThrow();
        if (!Files.isReadable(kubeconfig)) {
            return List.of(Finding.of(Severity.ERROR, "dry-run-failed", NAME, "", 0,
                    "the kubeconfig " + kubeconfig + " cannot be read", "give the path of a readable kubeconfig file"));
        }
        HelmRunner.Outcome<String> out = HelmRunner.dryRunInstall(ctx.chartDir().orElseThrow(), kubeconfig, ctx.options().kubeVersion());
        if (out.ok()) {
            return List.of();
        }
        return List.of(Finding.of(Severity.ERROR, "dry-run-failed", NAME, "", 0,
                "the API server rejected the chart in a server-side dry run: " + Rendering.firstLine(out.error()),
                "fix the object the API server names; check that CRDs (Traefik, Prometheus Operator) are installed"));
    }
}
