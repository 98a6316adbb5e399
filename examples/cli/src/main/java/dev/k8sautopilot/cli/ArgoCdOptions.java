package dev.k8sautopilot.cli;

import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.publish.ArgoCdApplication;
import dev.k8sautopilot.publish.OciReference;
import dev.k8sautopilot.publish.PublishException;
import dev.k8sautopilot.validation.ManifestChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code generate --argocd ...}: also write an Argo CD Application (and AppProject) for the chart. */
final class ArgoCdOptions {

    @Option(names = "--argocd", description = "Also write an Argo CD Application to DIR/argocd/ (give --argocd-repo or --argocd-oci).")
    boolean enabled;

    @Option(names = "--argocd-repo", paramLabel = "URL", description = "Git repository the chart is committed to (Application source).")
    String repo;

    @Option(names = "--argocd-path", paramLabel = "PATH", description = "Chart directory inside the Git repository (default charts/NAME).")
    String path;

    @Option(names = "--argocd-revision", paramLabel = "REV", description = "Git branch, tag or commit (default HEAD).")
    String revision;

    @Option(names = "--argocd-oci", paramLabel = "oci://HOST/REPO", description = "OCI registry the chart is pushed to (Application source).")
    String oci;

    @Option(names = "--argocd-namespace", paramLabel = "NS", description = "Namespace to deploy into (default the chart's namespace or name).")
    String namespace;

    @Option(names = "--argocd-project", paramLabel = "NAME", description = "Existing Argo CD project (default: default).")
    String project;

    @Option(names = "--argocd-own-project", description = "Also write an AppProject limited to this chart's source and namespace.")
    boolean ownProject;

    /** True when any Argo CD option was given. */
    boolean requested() {
        return enabled || repo != null || oci != null || ownProject || project != null || namespace != null || path != null || revision != null;
    }

    /**
     * Checks the options before the pipeline runs, so a missing source fails fast with exit 2.
     *
     * @return the problem, or empty
     */
    Optional<String> problem() {
        if (!requested()) {
            return Optional.empty();
        }
        if (!enabled) {
            return Optional.of("--argocd-* options need --argocd (fix: add --argocd)");
        }
        try {
            overlay(ArgoCdApplication.builder("check", "0.1.0")).build();
            return Optional.empty();
        } catch (PublishException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Writes the manifests for a generated chart into {@code output/argocd/} and checks them.
     *
     * @return what to add to the result: the files written and any findings
     */
    Map<String, Object> write(ChartSpec spec, Path output) throws IOException {
        ArgoCdApplication app = overlay(ArgoCdApplication.builder(spec)).build();
        Path dir = output.resolve("argocd");
        Files.createDirectories(dir);
        List<String> written = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> f : app.files().entrySet()) {
            Path file = dir.resolve(f.getKey());
            Path tmp = dir.resolve("." + f.getKey() + ".tmp");
            Files.writeString(tmp, f.getValue());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            written.add(file.toString());
            for (Finding finding : ManifestChecks.check(f.getKey(), f.getValue())) {
                problems.add(finding.severity() + " " + finding.ruleId() + ": " + finding.message());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("files", written);
        out.put("project", app.project());
        out.put("findings", problems);
        return out;
    }

    private ArgoCdApplication.Builder overlay(ArgoCdApplication.Builder b) {
        if (oci != null) {
            b.oci(OciReference.parse(oci));
        }
        if (repo != null) {
            b.git(repo, path, revision);
        }
        if (namespace != null) {
            b.destinationNamespace(namespace);
        }
        if (project != null) {
            b.project(project);
        }
        return b.ownProject(ownProject);
    }
}
