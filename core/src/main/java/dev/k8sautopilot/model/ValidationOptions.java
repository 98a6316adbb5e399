package dev.k8sautopilot.model;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * How to validate.
 *
 * @param kubeVersion  target Kubernetes version for removed-API checks and rendering, e.g. {@code 1.31.0}
 * @param strictLint   run {@code helm lint --strict}
 * @param skipLayers   layer names to skip, e.g. {@code dry-run}
 * @param kubeconfig   a kubeconfig enabling the server-side dry run layer
 */
public record ValidationOptions(String kubeVersion, boolean strictLint, Set<String> skipLayers, Optional<Path> kubeconfig) {

    /** The default target Kubernetes version. */
    public static final String DEFAULT_KUBE_VERSION = "1.31.0";

    public ValidationOptions {
        kubeVersion = Checks.orDefault(kubeVersion, DEFAULT_KUBE_VERSION);
        if (kubeVersion.startsWith("v")) {
            kubeVersion = kubeVersion.substring(1);
        }
        if (!kubeVersion.matches("^1\\.[0-9]{1,2}(\\.[0-9]{1,3})?$")) {
            throw new SpecException("kubeVersion", "'" + Checks.printable(kubeVersion) + "' is not a Kubernetes version", "write it like 1.31.0");
        }
        if (kubeVersion.chars().filter(c -> c == '.').count() == 1) {
            kubeVersion = kubeVersion + ".0";
        }
        skipLayers = skipLayers == null ? Set.of() : Set.copyOf(skipLayers);
        kubeconfig = kubeconfig == null ? Optional.empty() : kubeconfig;
    }

    /** Defaults: Kubernetes 1.31, strict lint, every layer, no cluster. */
    public static ValidationOptions defaults() {
        return new ValidationOptions(null, true, Set.of(), Optional.empty());
    }

    /** Returns a copy targeting another Kubernetes version. */
    public ValidationOptions withKubeVersion(String version) {
        return new ValidationOptions(version, strictLint, skipLayers, kubeconfig);
    }

    /** The minor version, e.g. 31 for 1.31.0. */
    public int kubeMinor() {
        return Integer.parseInt(kubeVersion.split("\\.")[1]);
    }
}
